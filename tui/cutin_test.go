package tui

import (
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"miniphone/engine"
)

// A mini-program can hold the world's goroutine for as long as it likes: a
// callback in an endless loop runs until its time budget, and a jump or a
// fast clock runs such callbacks back to back. The tests below stand in
// for it with a world held until the test lets it go, so that nothing in
// them depends on how long anything takes.

// holdWorld occupies the world's goroutine until release is called, or
// the test ends.
func holdWorld(t *testing.T, s *engine.Session) (release func()) {
	t.Helper()
	held, let := make(chan struct{}), make(chan struct{})
	go s.Do(func(*engine.World) {
		close(held)
		<-let
	})
	select {
	case <-held:
	case <-time.After(waitLimit):
		t.Fatal("the world never ran the function that holds it")
	}
	release = sync.OnceFunc(func() { close(let) })
	t.Cleanup(release)
	return release
}

// TestQuitDoesNotWaitForTheWorld: q and ctrl+c take the user back to the
// shell while the world is busy, with work queued behind it.
func TestQuitDoesNotWaitForTheWorld(t *testing.T) {
	for name, keys := range map[string]string{"q": "q", "ctrl+c": "\x03"} {
		t.Run(name, func(t *testing.T) {
			b := newWorld(t)
			holdWorld(t, b.session)
			b.jump(7*24*time.Hour, "+7d")
			ran := make(chan error, 1)
			go func() {
				ran <- Run(b, tea.WithInput(strings.NewReader(keys)), tea.WithOutput(io.Discard), tea.WithoutSignalHandler())
			}()
			select {
			case err := <-ran:
				if err != nil {
					t.Fatal(err)
				}
			case <-time.After(waitLimit):
				t.Fatal("quitting waits for the world")
			}
		})
	}
}

// TestKillCutsIn: a kill does not wait behind the long work queued before
// it: the jump queued ahead of it stops where it is.
func TestKillCutsIn(t *testing.T) {
	h := start(t, 120, 40)
	h.openDemo()
	release := holdWorld(t, h.b.session)
	h.press("w")
	h.waitFor("jumping +7d…")
	h.press("x")
	h.screen() // Update has taken the kill
	release()
	screen := h.waitFor("demo · 1.0.0 · destroyed", "jump +7d stopped at +0d01:00:00.000: 0 events")
	if !strings.Contains(screen, "miniphone  +0d01:00:00.000") {
		t.Errorf("the clock moved before the kill:\n%s", screen)
	}
	if log := h.transcript(); !strings.Contains(log, "demo destroyed killed by the user") {
		t.Errorf("the app was not killed:\n%s", log)
	}
}
