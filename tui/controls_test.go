package tui

import (
	"os"
	"testing"

	"github.com/charmbracelet/x/exp/golden"
)

// controlScreens are pages of the controls test project: an input typed
// into in Chinese, the tabBar after a switch, a long page scrolled to a
// button and paged down past it, a navigator's page with its custom
// navigation bar.
var controlScreens = []struct {
	name string
	flow func(h *harness) string
}{
	{"input", func(h *harness) string {
		h.openControls()
		// The focus starts on the first input: printable keys are its
		// text, q included, and backspace erases.
		h.typeText("上海qx")
		h.press("backspace")
		return h.waitFor("▸✎ 上海q", "input 上海q 3 8") // 8: the erase
	}},
	{"tabbar", func(h *harness) string {
		h.openControls()
		h.press("tab", "tab", "t")                                   // off the inputs, where t is text
		return h.waitFor("[我的]", "我的页面", "Page.onReady pages/me/me") // its last line
	}},
	{"scrolled", func(h *harness) string {
		h.openControls()
		h.press("tab", "tab", "t") // off the inputs, where t is text
		h.waitFor("我的页面", "me shown")
		h.press("shift+tab")
		return h.waitFor("▸[ 中间 ]", "第 29 行")
	}},
	{"page-down", func(h *harness) string {
		// Below the last control, text is read by scrolling the page.
		h.openControls()
		h.press("tab", "tab", "t")
		// Once the log shows the page opened, a new page's focus and
		// scroll are set: keys sent before could be undone.
		h.waitFor("我的页面", "me shown")
		h.press("pgdown", "pgdown")
		return h.waitFor("第 59 行")
	}},
	{"navigator", func(h *harness) string {
		h.openControls()
		for range 11 { // to the navigator, past the form's controls
			h.press("tab")
		}
		h.waitFor("▸详情 ›")
		h.press("enter")
		h.waitFor("‹ 1/2 ›", "第一张")
		h.press("right") // the swiper has the focus of the new page
		return h.waitFor("▸‹ 2/2 ›", "第二张", "swipe 1 touch")
	}},
}

// openControls launches the controls test project, the clock moved by an
// hour for its first download.
func (h *harness) openControls() {
	h.press("enter", "h")
	h.waitFor("✎ (城市)", "+0d01:00:00.000")
}

// startControls starts the TUI on the controls project, under the id
// that the harness waits for.
func startControls(t *testing.T) *harness {
	return startWith(t, 120, 40, []App{{ID: "demo", Files: os.DirFS("../engine/scenario/testdata/controls")}})
}

// TestControlScreens compares each page with its golden file
// (testdata/TestControlScreens/NAME.golden).
func TestControlScreens(t *testing.T) {
	for _, sc := range controlScreens {
		t.Run(sc.name, func(t *testing.T) {
			golden.RequireEqual(t, []byte(hidePort(sc.flow(startControls(t)))))
		})
	}
}

// TestControlScreenWidths checks that every line of the pages is exactly
// the terminal's width, under a plain and a Chinese locale.
func TestControlScreenWidths(t *testing.T) {
	underLocales(t, func(t *testing.T) {
		for _, sc := range controlScreens {
			t.Run(sc.name, func(t *testing.T) {
				checkSize(t, sc.flow(startControls(t)), 120, 40)
			})
		}
	})
}
