package tui

import (
	"strings"
	"testing"
)

// TestFocusResetsOnRestart: a restart on the new version is a new page
// instance, on the same route: its focus starts at the first button
// instead of carrying the old page's.
func TestFocusResetsOnRestart(t *testing.T) {
	h := start(t, 120, 40)
	h.openDemo()
	h.press("2", "P", "enter") // publish asks first
	h.waitFor("✓ demo: publish 1.1.0")
	h.press("1", "esc", "h")
	h.waitFor("demo · 1.0.0 · destroyed", "+0d02:00:00.000")
	// The cold start opens 1.0.0 at once; the check is due 30 ms later,
	// and the clock is paused: there is time to move the focus.
	h.press("enter")
	h.waitFor("当前版本 1.0.0")
	h.press("tab")
	h.waitFor("▸[ 关于 ]")
	h.press("h")
	h.waitFor("新版本已经更新,是否重启小程序?")
	h.press("enter")
	if screen := h.waitFor("当前版本 1.1.0"); !strings.Contains(screen, "▸[ 打个招呼 ]") {
		t.Errorf("the restarted page kept the old page's focus:\n%s", screen)
	}
}
