package tui

import (
	"strings"
	"testing"
)

// TestModalOwnsKeys: with a modal open, tab and enter must not reach the
// page. Tab only moves between the modal's answers and enter answers it;
// the page's focused button stays where it was and is not tapped again.
func TestModalOwnsKeys(t *testing.T) {
	h := start(t, 120, 40)
	h.openDemo()
	h.press("enter") // taps 打个招呼, which opens a modal
	h.waitFor("要记录这次问候吗?", "▸ 确定")
	h.press("tab", "down", "tab", "j")
	h.waitFor("▸ 确定") // two tabs: back on confirm
	h.press("enter")
	screen := h.waitFor("已问候 1 次")
	if !strings.Contains(screen, "▸[ 打个招呼 ]") {
		t.Errorf("the page's focus moved under the modal:\n%s", screen)
	}
	tr := h.transcript()
	if n := strings.Count(tr, ` tap "`); n != 1 {
		t.Errorf("%d taps, want 1 (the one that opened the modal):\n%s", n, tr)
	}
	if !strings.Contains(tr, "modal.confirm 你好") {
		t.Errorf("enter did not answer the modal:\n%s", tr)
	}
}

// TestModalEscCancels: esc answers cancel when the modal has a cancel
// button, and does not leave the app.
func TestModalEscCancels(t *testing.T) {
	h := start(t, 120, 40)
	h.openDemo()
	h.press("enter")
	h.waitFor("要记录这次问候吗?")
	h.press("esc")
	h.waitFor("modal.cancel 你好")
	if tr := h.transcript(); strings.Contains(tr, "background") {
		t.Errorf("esc left the app:\n%s", tr)
	}
}
