package tui

import (
	"strings"
	"testing"
)

// TestHelpScrolls: on the smallest screen every key does not fit at once;
// the help then scrolls instead of cutting columns off at its right edge,
// and says how.
func TestHelpScrolls(t *testing.T) {
	h := start(t, 100, 30)
	h.press("?")
	screen := h.waitFor("↑/k ↓/j scroll · esc or ? closes this help", "pull periodic data now", "dev server answer")
	if strings.Contains(screen, "prefer local") {
		t.Fatalf("the help fits at 100×30 after all: drop this test's premise\n%s", screen)
	}
	for range 30 { // past the end: the help stops there
		h.press("j")
	}
	h.waitFor("prefer local", "home (◎)")
	for range 30 {
		h.press("k")
	}
	h.waitFor(" Screen ", "1         phone")
	h.press("esc")
	if screen := h.waitFor("┏━ 1 Phone"); strings.Contains(screen, "All keys") {
		t.Errorf("esc did not close the help:\n%s", screen)
	}
}
