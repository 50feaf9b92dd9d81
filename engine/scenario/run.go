package scenario

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"miniphone/assets"
	"miniphone/engine"
	"miniphone/engine/archive"
	"miniphone/engine/miniapp"
	"miniphone/fakeserver"
	"miniphone/protocol"
)

const (
	defaultPhone     = "phone"
	defaultWaitLimit = time.Hour
	// launchLimit bounds a launch step that waits for a synchronous update
	// (a forced update that keeps failing ends the wait as soon as it
	// starts retrying).
	launchLimit = time.Hour
)

// Run is one replay of a script: its own world and its own platform.
type Run struct {
	script   *Script
	world    *engine.World
	platform *fakeserver.Client
	current  *engine.Phone
	dirs     map[string]folder // app id → its registered project folder
	lines    *reader
	waited   int // wait-for steps run so far
}

// Result of running a script.
type Result struct {
	// Failure is the first step that did not hold ("FILE:LINE: expected …"),
	// empty when every step held.
	Failure string
}

// Load reads and parses a scenario file and checks the project folders it
// names, reporting its problems all at once.
func Load(file string) (*Script, error) {
	src, err := readFile(file)
	if err != nil {
		return nil, Problems{File: file, Shown: []string{err.Error()}} // names the file already
	}
	return parse(file, src, checkFolder)
}

// readFile reads one byte past the size limit at most: enough for parse to
// refuse a larger file, while memory stays bounded even for an endless one
// (/dev/zero, a generator on a pipe).
func readFile(file string) ([]byte, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, maxFileSize+1))
}

// checkFolder loads the project folder a step names, so that a missing or
// broken one is reported with the file's other problems.
func checkFolder(s *Script, st Step) error {
	if st.dir == "" {
		return nil
	}
	if _, err := loadProject(s.folder(st.dir)); err != nil {
		return fmt.Errorf("project %s: %s", st.dir, strings.ReplaceAll(err.Error(), "\n", "; "))
	}
	return nil
}

// Builtin starts a DIR that names one of the demo mini-programs bundled
// in miniphone (builtin:demo), which a session recorded on the default
// world publishes: they have no folder on the disk of whoever replays it.
const Builtin = "builtin:"

// folder is the project folder dir names: a bundled demo, or a folder
// relative to the scenario file.
func (s *Script) folder(dir string) folder {
	if name, ok := strings.CutPrefix(dir, Builtin); ok {
		return folder{builtin: name}
	}
	if filepath.IsAbs(dir) {
		return folder{path: dir}
	}
	return folder{path: filepath.Join(filepath.Dir(s.File), dir)}
}

// folder is a project folder on disk, or a bundled demo.
type folder struct{ path, builtin string }

func (f folder) files() (fs.FS, error) {
	if f.builtin == "" {
		return os.DirFS(f.path), nil
	}
	if !slices.Contains(assets.AppIDs(), f.builtin) || !fs.ValidPath(f.builtin) {
		return nil, fmt.Errorf("no bundled mini-program %q (there are %s)", f.builtin, strings.Join(assets.AppIDs(), ", "))
	}
	return fs.Sub(assets.Apps(), f.builtin)
}

func loadProject(f folder) (*miniapp.Project, error) {
	if f.builtin == "" {
		info, err := os.Stat(f.path)
		if err != nil {
			return nil, err
		}
		if !info.IsDir() {
			return nil, fmt.Errorf("not a folder")
		}
	}
	files, err := f.files()
	if err != nil {
		return nil, err
	}
	return miniapp.Load(files)
}

// Execute replays the script against a fresh platform at serverURL,
// printing the transcript to out as it grows.
func Execute(s *Script, serverURL, token string, out io.Writer) (Result, error) {
	return execute(s, serverURL, token, nil, out)
}

// execute replays the script against the platform at serverURL, reached
// through hc (nil: the default client). Each transcript line is forgotten
// once printed: nothing else reads it.
func execute(s *Script, serverURL, token string, hc *http.Client, out io.Writer) (Result, error) {
	r := newRun(s, serverURL, token, hc, out)
	r.lines.forget = true
	defer r.lines.take()
	for _, st := range s.Steps {
		if failure := r.Do(st); failure != "" {
			return Result{Failure: failure}, nil
		}
	}
	return Result{}, nil
}

// newRun is a replay of s against the platform at serverURL, reached
// through hc (nil: the default client), before its first step, printing
// the transcript to out as it grows and keeping it in the world, where
// play shows it.
func newRun(s *Script, serverURL, token string, hc *http.Client, out io.Writer) *Run {
	r := &Run{
		script:   s,
		world:    engine.NewWorld(engine.Config{Seed: s.Seed, ServerURL: serverURL, Client: hc}),
		platform: fakeserver.NewClient(serverURL, token, hc),
		dirs:     map[string]folder{},
	}
	r.lines = newReader(s, r.world, out)
	return r
}

// Do runs one step of the script and reports how it failed
// ("FILE:LINE: expected …"), or "" when it held.
func (r *Run) Do(st Step) string {
	err := st.run(r)
	r.lines.take()
	var f *failure
	switch {
	case errors.As(err, &f):
		return fmt.Sprintf("%s:%d: %s", r.script.File, st.Line, f.msg)
	case err != nil:
		return fmt.Sprintf("%s:%d: %v", r.script.File, st.Line, err)
	}
	return ""
}

// World is the run's world. Like the run, it belongs to one goroutine at a
// time.
func (r *Run) World() *engine.World { return r.world }

// Phone is the name of the phone the steps act on now (which the first
// phone step adds, when it is the default one).
func (r *Run) Phone() string {
	if r.current == nil {
		return defaultPhone
	}
	return r.current.Name()
}

// RunFile replays a script file against a platform of its own in this
// process. Its phones and its admin calls reach the platform's handler in
// memory: the same requests and answers as over loopback, without the
// sockets, which would be most of what a world of many phones costs.
func RunFile(s *Script, out io.Writer) (Result, error) {
	return execute(s, protocol.InProcessURL, "", inProcessPlatform(), out)
}

// inProcessPlatform is a client of a new platform of the process's own.
func inProcessPlatform() *http.Client {
	return protocol.InProcessClient(fakeserver.New(fakeserver.Options{}))
}

// phone is the current phone, created as "phone" on first need.
func (r *Run) phone() *engine.Phone {
	if r.current == nil {
		if p, ok := r.world.Phone(defaultPhone); ok {
			r.current = p
		} else {
			r.current, _ = r.world.AddPhone(engine.PhoneConfig{Name: defaultPhone})
		}
	}
	return r.current
}

func (r *Run) addPhone(cfg engine.PhoneConfig) error {
	if cfg.Name == defaultPhone {
		if _, exists := r.world.Phone(defaultPhone); exists {
			r.current, _ = r.world.Phone(defaultPhone)
			return r.current.Configure(cfg)
		}
	}
	p, err := r.world.AddPhone(cfg)
	if err != nil {
		return err
	}
	r.current = p
	return nil
}

func (r *Run) use(name string) error {
	if name == defaultPhone {
		r.current = nil
		r.phone()
		return nil
	}
	p, ok := r.world.Phone(name)
	if !ok {
		return fmt.Errorf("no phone %q", name)
	}
	r.current = p
	return nil
}

// ctx is the context of platform calls: the in-process platform answers at
// once, and a step has no deadline of its own.
var ctx = context.Background()

// only drops the platform's new state: a step needs only to know whether
// the platform accepted it.
func only(_ fakeserver.AppState, err error) error { return err }

func (r *Run) registerApp(id, dir string, personal bool) error {
	err := only(r.platform.RegisterApp(ctx, id, personal))
	r.world.RecordPlatform(id, fmt.Sprintf("register personal=%t", personal), err)
	if err != nil {
		return nil
	}
	r.dirs[id] = r.script.folder(dir)
	r.world.RegisterApp(id)
	return r.publish(id, "1.0.0", "")
}

func (r *Run) publish(id, v, dir string) error {
	f, registered := r.dirs[id]
	if dir != "" {
		f, registered = r.script.folder(dir), true
	}
	if !registered {
		r.world.RecordPlatform(id, "publish "+v, fmt.Errorf("app %s was not registered with a folder (use: publish %s %s from DIR)", id, id, v))
		return nil
	}
	files, err := f.files()
	var data []byte
	if err == nil {
		data, err = archive.Build(files)
	}
	if err == nil {
		err = only(r.platform.Publish(ctx, id, v, data))
	}
	r.world.RecordPlatform(id, "publish "+v, err)
	if err == nil {
		r.world.RecordIgnored(id, files)
	}
	return nil
}

func (r *Run) rollback(id, v string) error {
	r.world.RecordPlatform(id, "rollback "+v, only(r.platform.Rollback(ctx, id, v)))
	return nil
}

func (r *Run) minVersion(id, v string) error {
	r.world.RecordPlatform(id, "min-version "+v, only(r.platform.SetMinVersion(ctx, id, v)))
	return nil
}

func (r *Run) minBase(id, v string) error {
	r.world.RecordPlatform(id, "min-base "+v, only(r.platform.SetMinBase(ctx, id, v)))
	return nil
}

func (r *Run) rollout(id string, pct int, testersFirst bool) error {
	action := fmt.Sprintf("rollout %d%%", pct)
	if testersFirst {
		action += " testers-first"
	}
	r.world.RecordPlatform(id, action, only(r.platform.SetRollout(ctx, id, pct, testersFirst)))
	return nil
}

func (r *Run) phase(id, action string) error {
	r.world.RecordPlatform(id, "rollout "+action, only(r.platform.SetPhase(ctx, id, action)))
	return nil
}

func (r *Run) preferLocal(id string, on bool) error {
	r.world.RecordPlatform(id, "prefer-local "+engine.OnOff(on), only(r.platform.SetPreferLocal(ctx, id, on)))
	return nil
}

func (r *Run) fault(step, kind string) error {
	r.world.RecordPlatform("-", "fault "+step+" "+kind, r.platform.SetFault(ctx, step, kind))
	return nil
}

func (r *Run) launch(id string, opts engine.LaunchOptions) error {
	p := r.phone()
	if err := p.Launch(id, opts); err != nil {
		return failf("expected %s to open, got: %v", id, err)
	}
	// Run only as far as the launch needs: its page is ready, or the
	// opening failed; a synchronous update moves the clock.
	limit := r.world.Elapsed() + launchLimit
	if !r.world.RunUntil(func() bool { return !p.Starting() || p.Retrying() }, limit) {
		return failf("expected %s to open within %s, got still starting", id, launchLimit)
	}
	r.world.RunDue()
	return nil
}

// act runs a phone action that starts something, then lets the world run
// what is due at this moment. An action with nothing to act on fails the
// step like an expectation.
func (r *Run) act(expected string, do func(*engine.Phone) error) error {
	if err := do(r.phone()); err != nil {
		return failf("expected %s, got: %v", expected, err)
	}
	r.world.RunDue()
	return nil
}

func (r *Run) home() error {
	return r.act("to go home", func(p *engine.Phone) error { p.Home(); return nil })
}

func (r *Run) kill(id string) error {
	return r.act("to kill "+id, func(p *engine.Phone) error { return p.Kill(id) })
}

func (r *Run) memoryWarning() error {
	return r.act("a memory warning", func(p *engine.Phone) error { p.MemoryWarning(); return nil })
}

func (r *Run) answer(confirm bool) error {
	return r.act("a modal to answer", func(p *engine.Phone) error { return p.Answer(confirm) })
}

func (r *Run) tap(label string, nth int) error {
	what := fmt.Sprintf("to tap %q", label)
	if nth > 1 {
		what += fmt.Sprintf(" #%d", nth)
	}
	return r.act(what, func(p *engine.Phone) error { return p.TapNth(label, nth) })
}

// tailLines is how many transcript lines a timed-out wait-for shows: enough
// to see what the phone was doing instead, few enough to read.
const tailLines = 10

// tail is the end of the transcript since the previous wait-for matched,
// indented under a failure, so that the failure says what happened instead
// of what was awaited.
func (r *Run) tail() string {
	lines := r.lines.tail()
	if len(lines) == 0 {
		return "; the transcript has no line after the previous match"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "; the last %d transcript lines:", len(lines))
	for _, l := range lines {
		b.WriteString("\n    " + l)
	}
	return b.String()
}

// waitFor advances until a transcript line after the one the previous
// wait-for matched contains text. The reader watches for text from that
// line on, so found only takes the lines each event wrote: each is read
// and formatted once, whatever the length of the history.
func (r *Run) waitFor(text string, within time.Duration) error {
	start := r.world.Elapsed()
	k := r.waited
	r.waited++
	found := func() bool {
		r.lines.take()
		return r.lines.matched > k
	}
	if !r.world.RunUntil(found, start+within) {
		return failf("expected %q in the transcript within %s, got nothing%s", text, within, r.tail())
	}
	r.world.RunDue()
	return nil
}
