package tui

import (
	"os"
	"testing"

	"github.com/charmbracelet/x/exp/golden"
)

// customTabBar opens the custom tabBar project, focuses its tabBar's
// second tab, below the page in the focus order, and taps it: the feed
// page shows with its own instance of the bar, at the bottom.
func customTabBar(t *testing.T) string {
	h := startWith(t, 120, 40, []App{{ID: "demo", Files: os.DirFS("../engine/scenario/testdata/tabbar")}})
	h.press("enter", "h")
	h.waitFor("◆ 首页", "ready pages/home/home")
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
