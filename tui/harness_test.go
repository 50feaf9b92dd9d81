package tui

import (
	"os"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/muesli/termenv"

	"miniphone/engine"
	"miniphone/fakeserver"
)

func TestMain(m *testing.M) {
	// No colours: goldens hold the text and the attributes (bold,
	// reverse) only, the same on every machine.
	lipgloss.SetColorProfile(termenv.Ascii)
	code := m.Run()
	if e2eDir != "" {
		os.RemoveAll(e2eDir)
	}
	os.Exit(code)
}

// harness runs the real TUI on a real world (an in-process platform, the
// demo apps, the clock paused so that only jumps move it) inside teatest.
type harness struct {
	t  *testing.T
	tm *teatest.TestModel
	b  *Backend
}

func newWorld(t testing.TB) *Backend { return newWorldWith(t, DemoApps()) }

// newWorldWith is a world of the given apps, registered in that order.
func newWorldWith(t testing.TB, apps []App) *Backend {
	t.Helper()
	b := buildWorld(t, apps)
	go b.work()
	return b
}

// buildWorld is a world whose backend has no worker: the test runs the
// queued jobs itself.
func buildWorld(t testing.TB, apps []App) *Backend {
	t.Helper()
	b, err := build(testConfig(t, apps))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(b.Close)
	return b
}

// testConfig is a test world's: the apps on an in-process platform of its
// own.
func testConfig(t testing.TB, apps []App) Config {
	t.Helper()
	srv, err := fakeserver.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	// The world's budgets of real time (a callback's, a request's) are
	// set so that only a hung world reaches them: on a loaded machine,
	// under the race detector, a callback of the demo can take seconds.
	settings := engine.DefaultSettings()
	settings.CallbackBudget = waitLimit
	return Config{Seed: 1, ServerURL: srv.URL, Apps: apps, Settings: settings, GiveUp: waitLimit, Platform: srv.Server}
}

func start(t *testing.T, w, ht int) *harness {
	t.Helper()
	return startWith(t, w, ht, DemoApps())
}

// startWith is start on a world of the given apps, the TUI built with
// opts.
func startWith(t *testing.T, w, ht int, apps []App, opts ...Option) *harness {
	t.Helper()
	b := newWorldWith(t, apps)
	tm := teatest.NewTestModel(t, probe{New(b, append([]Option{Paused(), FilesIn(t.TempDir())}, opts...)...)}, teatest.WithInitialTermSize(w, ht))
	t.Cleanup(func() {
		tm.Quit()
		tm.WaitFinished(t, teatest.WithFinalTimeout(waitLimit))
	})
	h := &harness{t: t, tm: tm, b: b}
	if w >= minWidth && ht >= minHeight { // keys sent before the first frame would find no phone
		h.waitFor("demo · not installed")
	}
	return h
}

// probe lets a test read the screen from the program's own goroutine, so
// that reading it does not race with Update.
type probe struct{ tea.Model }

type probeMsg chan string

func (p probe) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if q, ok := msg.(probeMsg); ok {
		q <- p.Model.View()
		return p, nil
	}
	m, cmd := p.Model.Update(msg)
	return probe{m}, cmd
}

// screen is the View the program would draw now.
func (h *harness) screen() string {
	q := make(probeMsg, 1)
	h.tm.Send(q)
	select {
	case s := <-q:
		return s
	case <-time.After(waitLimit):
		h.t.Fatal("the program did not answer")
		return ""
	}
}

// waitFor polls the screen until it shows every text.
func (h *harness) waitFor(texts ...string) string {
	h.t.Helper()
	return poll(h.t, waitLimit, func() (string, error) { return h.screen(), nil }, texts)
}

// waitLimit is how long a test waits for what it expects before failing.
// It is only ever reached when something is broken: tests run on loaded
// machines (two cores, the race detector, other packages' tests), and a
// wait that a slow machine can outlast would fail a working program.
const waitLimit = time.Minute

// pollEvery is how often a waiting test looks again.
const pollEvery = 10 * time.Millisecond

// poll reads the screen until it shows every text, and fails the test when
// it has not after timeout: tests wait for what they expect, never for a
// fixed time.
func poll(t *testing.T, timeout time.Duration, read func() (string, error), texts []string) string {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		screen, err := read()
		if err == nil && containsAll(screen, texts) {
			return screen
		}
		if time.Now().After(deadline) {
			t.Fatalf("the screen never showed %q (read error: %v); last screen:\n%s", texts, err, screen)
		}
		time.Sleep(pollEvery)
	}
}

func containsAll(s string, texts []string) bool {
	for _, t := range texts {
		if !strings.Contains(s, t) {
			return false
		}
	}
	return true
}

// press sends keys by name ("enter", "tab", "esc") or as typed runes.
func (h *harness) press(keys ...string) {
	for _, k := range keys {
		h.tm.Send(keyMsg(k))
	}
}

// typeText types s one character at a time, as a user does. (teatest's
// Type sends bytes, which splits a Chinese character into three.)
func (h *harness) typeText(s string) {
	for _, r := range s {
		h.tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
}

func keyMsg(k string) tea.KeyMsg {
	if t, ok := namedKeys[k]; ok {
		return tea.KeyMsg{Type: t}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
}

// namedKeys are the keys that are not characters, by the names key
// bindings give them, and space by its name.
var namedKeys = func() map[string]tea.KeyType {
	named := map[string]tea.KeyType{"space": tea.KeySpace}
	for _, t := range []tea.KeyType{
		tea.KeyEnter, tea.KeyTab, tea.KeyShiftTab, tea.KeyEsc, tea.KeySpace, tea.KeyBackspace, tea.KeyDelete,
		tea.KeyUp, tea.KeyDown, tea.KeyLeft, tea.KeyRight, tea.KeyHome, tea.KeyEnd, tea.KeyPgUp, tea.KeyPgDown,
		tea.KeyCtrlC, tea.KeyCtrlU,
	} {
		named[t.String()] = t
	}
	return named
}()

// transcript is every line of the world's transcript so far.
func (h *harness) transcript() string {
	var lines []string
	h.b.session.Do(func(w *engine.World) {
		for _, e := range w.Transcript(0) {
			lines = append(lines, e.String())
		}
	})
	return strings.Join(lines, "\n")
}

// The flows below bring the TUI to its main screens, the way a user would.

// openDemo opens the demo app; its first launch downloads it, so the
// paused clock is moved by an hour.
func (h *harness) openDemo() {
	h.press("enter", "h")
	h.waitFor("当前版本 1.0.0", "+0d01:00:00.000")
}

// updateModal publishes 1.1.0, leaves the demo until it is destroyed and
// cold-starts it: the async update ends in the restart modal.
func (h *harness) updateModal() {
	h.openDemo()
	h.press("2", "P", "enter") // publish asks first
	h.waitFor("✓ demo: publish 1.1.0")
	h.press("1", "esc", "h")
	h.waitFor("demo · 1.0.0 · destroyed", "+0d02:00:00.000")
	h.press("enter", "h")
	h.waitFor("新版本已经更新,是否重启小程序?", "+0d03:00:00.000")
}
