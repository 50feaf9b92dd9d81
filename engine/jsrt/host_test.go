package jsrt

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/dop251/goja"

	"miniphone/engine/miniapp"
)

// logLine is one Host.Log call.
type logLine struct{ kind, detail string }

func (l logLine) String() string { return l.kind + " | " + l.detail }

// fakeTimer is one Host.StartTimer call; the test fires it.
type fakeTimer struct {
	d       time.Duration
	fire    func()
	stopped bool
	fired   bool
}

// run fires the timer as the phone's clock would.
func (ft *fakeTimer) run() {
	ft.fired = true
	ft.fire()
}

// fakeHost records what the runtime asks of its phone: the log, the timers
// (which the test fires), the deferred tasks (which the test drains) and
// the pages whose data changed.
type fakeHost struct {
	logs     []logLine
	timers   []*fakeTimer
	tasks    []func()
	changed  []*Page
	overruns int
	oom      int
	stack    []*Page // what getCurrentPages answers
}

func (h *fakeHost) Log(kind, detail string) { h.logs = append(h.logs, logLine{kind, detail}) }

func (h *fakeHost) StartTimer(d time.Duration, fire func()) func() {
	ft := &fakeTimer{d: d, fire: fire}
	h.timers = append(h.timers, ft)
	return func() { ft.stopped = true }
}

func (h *fakeHost) Defer(fn func()) { h.tasks = append(h.tasks, fn) }

func (h *fakeHost) PageChanged(p *Page) { h.changed = append(h.changed, p) }

func (h *fakeHost) Pages() []*Page { return h.stack }

// Hold drops the log lines and tasks of an interrupted callback, as the
// phone does.
func (h *fakeHost) Hold() func(keep bool) {
	logs, tasks := len(h.logs), len(h.tasks)
	return func(keep bool) {
		if !keep {
			h.logs, h.tasks = h.logs[:logs], h.tasks[:tasks]
		}
	}
}

func (h *fakeHost) Overrun() { h.overruns++ }

func (h *fakeHost) OutOfMemory() { h.oom++ }

// drain runs the deferred tasks, those they defer included, and reports how
// many ran.
func (h *fakeHost) drain() int {
	n := 0
	for len(h.tasks) > 0 {
		fn := h.tasks[0]
		h.tasks = h.tasks[1:]
		fn()
		n++
	}
	return n
}

// details returns the details of the log lines of kind, in order.
func (h *fakeHost) details(kind string) []string {
	var out []string
	for _, l := range h.logs {
		if l.kind == kind {
			out = append(out, l.detail)
		}
	}
	return out
}

// console is what the script printed with console.log.
func (h *fakeHost) console() []string { return h.details("console.log") }

// errors are the "error" log lines.
func (h *fakeHost) errors() []string { return h.details("error") }

// pending returns the timers neither stopped nor fired, in the order they
// were started.
func (h *fakeHost) pending() []*fakeTimer {
	var out []*fakeTimer
	for _, ft := range h.timers {
		if !ft.stopped && !ft.fired {
			out = append(out, ft)
		}
	}
	return out
}

func (h *fakeHost) dump() string {
	var b strings.Builder
	for _, l := range h.logs {
		fmt.Fprintf(&b, "\n\t%s", l)
	}
	return b.String()
}

const defaultPage = "pages/index/index"

// loadProject builds a project from files (path → source). app.json lists
// every route with a .wxml file, or the default page, which gets a script
// and a template unless files has them.
func loadProject(t testing.TB, files map[string]string) *miniapp.Project {
	t.Helper()
	fsys := fstest.MapFS{}
	var routes []string
	for p, src := range files {
		fsys[p] = &fstest.MapFile{Data: []byte(src)}
		if route, ok := strings.CutSuffix(p, ".wxml"); ok {
			routes = append(routes, route)
		}
	}
	if len(routes) == 0 {
		routes = []string{defaultPage}
		if _, ok := fsys[defaultPage+".js"]; !ok {
			fsys[defaultPage+".js"] = &fstest.MapFile{Data: []byte("Page({})")}
		}
		fsys[defaultPage+".wxml"] = &fstest.MapFile{Data: []byte("<view>x</view>")}
	}
	sort.Strings(routes)
	if _, ok := fsys["app.json"]; !ok {
		js := `{"pages":["` + strings.Join(routes, `","`) + `"]}`
		fsys["app.json"] = &fstest.MapFile{Data: []byte(js)}
	}
	if _, ok := fsys["app.js"]; !ok {
		fsys["app.js"] = &fstest.MapFile{Data: []byte("App({})")}
	}
	proj, err := miniapp.Load(fsys)
	if err != nil {
		t.Fatalf("loading the test project: %v", err)
	}
	return proj
}

// newRuntime builds a runtime over files with a fake host; opt may adjust
// the options.
func newRuntime(t *testing.T, files map[string]string, opt ...func(*Options)) (*Runtime, *fakeHost) {
	t.Helper()
	h := &fakeHost{}
	opts := Options{Project: loadProject(t, files), Host: h}
	for _, o := range opt {
		o(&opts)
	}
	r, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(r.Close)
	return r, h
}

// loadApp builds a runtime and runs app.js, failing the test if it fails.
func loadApp(t *testing.T, files map[string]string, opt ...func(*Options)) (*Runtime, *fakeHost) {
	t.Helper()
	r, h := newRuntime(t, files, opt...)
	if !r.LoadApp() {
		t.Fatalf("LoadApp failed:%s", h.dump())
	}
	return r, h
}

// eval runs src outside the guard and returns its value, for assertions.
func eval(t *testing.T, r *Runtime, src string) goja.Value {
	t.Helper()
	v, err := r.VM().RunString(src)
	if err != nil {
		t.Fatalf("eval %q: %v", src, err)
	}
	return v
}

// hasPrefix reports whether one of lines starts with prefix.
func hasPrefix(lines []string, prefix string) bool {
	return slices.ContainsFunc(lines, func(s string) bool { return strings.HasPrefix(s, prefix) })
}

func equal(t *testing.T, what string, got, want []string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("%s:\n got %q\nwant %q", what, got, want)
	}
}
