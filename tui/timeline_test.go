package tui

import (
	"testing"

	"github.com/charmbracelet/x/exp/golden"
)

// timelineScreens are the timeline over the screen: what is scheduled
// once the demo is left in the background, and after jumping to the first
// of it.
var timelineScreens = []struct {
	name string
	w, h int
	flow func(h *harness) string
}{
	{"timeline", 120, 40, func(h *harness) string {
		h.openDemo()
		h.press("esc", "T")
		return h.waitFor("Timeline", "5s        phone      demo       suspend", "periodic check")
	}},
	{"timeline-jump", 100, 30, func(h *harness) string {
		h.openDemo()
		h.press("esc", "T", "n")
		return h.waitFor("jumped 5s to suspend on phone", "30m00s    phone      demo       destroy")
	}},
}

// TestTimelineScreens compares the timeline with its goldens
// (testdata/TestTimelineScreens/NAME.golden), and checks that every line
// has the terminal's width under both locales.
func TestTimelineScreens(t *testing.T) {
	for _, sc := range timelineScreens {
		t.Run(sc.name, func(t *testing.T) {
			view := sc.flow(start(t, sc.w, sc.h))
			checkSize(t, view, sc.w, sc.h)
			golden.RequireEqual(t, []byte(hidePort(view)))
		})
	}
	underLocales(t, func(t *testing.T) {
		sc := timelineScreens[0]
		checkSize(t, sc.flow(start(t, sc.w, sc.h)), sc.w, sc.h)
	})
}

// The timeline closes with its key and gives the keyboard back.
func TestTimelineCloses(t *testing.T) {
	h := start(t, 120, 40)
	h.press("T")
	h.waitFor("Timeline", "Nothing is scheduled")
	h.press("T", "h")
	h.waitFor("+0d01:00:00.000")
	if h.screen() == "" || containsAll(h.screen(), []string{"Timeline ·"}) {
		t.Error("the timeline is still open")
	}
}
