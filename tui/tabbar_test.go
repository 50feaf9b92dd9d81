package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"
)

// openTabBar starts the TUI on the custom tabBar project and opens it.
func openTabBar(t *testing.T) *harness {
	h := startWith(t, 120, 40, []App{{ID: "demo", Files: os.DirFS("../engine/scenario/testdata/tabbar")}})
	h.press("enter", "h")
	h.waitFor("◆ 首页", "ready pages/home/home")
	return h
}

// customTabBar opens the custom tabBar project, focuses its tabBar's
// second tab, below the page in the focus order, and taps it: the feed
// page shows with its own instance of the bar, at the bottom.
func customTabBar(t *testing.T) string {
	h := openTabBar(t)
	h.press("tab", "tab")
	h.waitFor("▸◇ 动态")
	h.press("enter")
	return h.waitFor("动态列表", "◆ 动态", "Page.onReady pages/feed/feed")
}

// TestCustomTabBarScreen compares the feed page and its custom tabBar
// with testdata/TestCustomTabBarScreen.golden.
func TestCustomTabBarScreen(t *testing.T) {
	golden.RequireEqual(t, []byte(hidePort(customTabBar(t))))
}

// TestCustomTabBarWidths checks that every line is the terminal's width
// under a plain and a Chinese locale.
func TestCustomTabBarWidths(t *testing.T) {
	underLocales(t, func(t *testing.T) { checkSize(t, customTabBar(t), 120, 40) })
}

// loadMore pages down the feed, a "load more" list: each arrival at its
// end loads a batch (the first pgdn arrives at once, the page fitting
// the screen); page up past its top pulls it down, the refresh shown in
// the title until the page stops it, an hour later.
func loadMore(t *testing.T) string {
	h := openTabBar(t)
	h.press("tab", "tab", "enter")
	h.waitFor("动态列表 20 条", "Page.onShow pages/feed/feed")
	h.press("pgdown")
	h.waitFor("动态列表 30 条", "Page.onReachBottom pages/feed/feed")
	h.press("pgdown", "pgup") // the batch grew the page: its end is a new arrival
	h.waitFor("动态列表 40 条")
	h.press("pgup")
	h.waitFor("↻ 标签栏", "Page.onPullDownRefresh pages/feed/feed")
	h.press("h")
	return h.waitFor("动态列表 20 条", "console.log refreshed")
}

// TestLoadMoreScreen compares the refreshed feed with
// testdata/TestLoadMoreScreen.golden.
func TestLoadMoreScreen(t *testing.T) {
	golden.RequireEqual(t, []byte(hidePort(loadMore(t))))
}

// TestLoadMoreWidths checks every line's width under both locales.
func TestLoadMoreWidths(t *testing.T) {
	underLocales(t, func(t *testing.T) { checkSize(t, loadMore(t), 120, 40) })
}

// TestLoadMoreRecorded: the keys that reach the feed's end and pull it
// down are recorded as the scroll-bottom and pull-down steps.
func TestLoadMoreRecorded(t *testing.T) {
	h := openTabBar(t)
	file := filepath.Join(t.TempDir(), "more.tape")
	if err := h.b.StartRecording(file); err != nil {
		t.Fatal(err)
	}
	h.waitFor("● REC")
	h.press("tab", "tab", "enter")
	h.waitFor("动态列表 20 条", "Page.onShow pages/feed/feed")
	h.press("pgdown")
	h.waitFor("动态列表 30 条")
	h.press("pgup")
	h.waitFor("↻ 标签栏")
	h.b.finishRecording()
	rec, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(rec), "\nscroll-bottom\npull-down\n") {
		t.Errorf("the recording has no scroll-bottom then pull-down:\n%s", rec)
	}
}
