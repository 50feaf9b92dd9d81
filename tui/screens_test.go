package tui

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/mattn/go-runewidth"

	"miniphone/engine"
)

// screens are the main screens of the TUI and how a user gets there.
var screens = []struct {
	name string
	w, h int
	flow func(h *harness) string // returns the screen to check
}{
	{"home", 120, 40, func(h *harness) string {
		return h.waitFor("demo · not installed · not-running")
	}},
	{"page", 120, 40, func(h *harness) string {
		h.openDemo()
		h.press("tab")
		return h.waitFor("▸[ 关于 ]")
	}},
	{"modal", 120, 40, func(h *harness) string {
		h.updateModal()
		return h.screen()
	}},
	{"splash", 120, 40, func(h *harness) string {
		// Unused for more than 7 days, the app updates before it opens;
		// with the clock paused the splash stays.
		h.openDemo()
		h.press("2", "P", "enter") // publish asks first
		h.waitFor("✓ demo: publish 1.1.0")
		h.press("1", "esc", "w", "w")
		h.waitFor("+14d01:00:00.000")
		h.press("enter")
		return h.waitFor("正在更新", "⏸ time is paused: space runs it")
	}},
	{"console", 120, 40, func(h *harness) string {
		// A refused action shows its reason and changes nothing.
		h.press("2", "down", "down", "down", "right")
		h.waitFor("fault cdn      fail")
		h.press("up", "up", "up", "o")
		h.tm.Type("150")
		h.press("enter")
		h.waitFor("Roll demo 1.0.0 out", "✗ percent must be 0 to 100")
		h.press("esc")
		return h.waitFor("✗ refused demo: rollout 150%: percent must be 0 to 100", "demo     1.0.0  100%",
			"platform demo refused rollout 150%")
	}},
	{"log", 120, 40, func(h *harness) string {
		h.openDemo()
		h.press("3", "a")
		// 20 of the lines are the demo's; the total depends on how many
		// lines the engine writes of its own.
		return h.waitFor("app: demo · 20/")
	}},
	{"form", 120, 40, func(h *harness) string {
		h.press("a")
		return h.waitFor("Add a phone", "phone2")
	}},
	{"form-error", 100, 30, func(h *harness) string {
		// A refused value keeps the form, and says why under the field.
		h.press("a", "tab", "tab", "tab")
		h.typeText("X")
		h.press("enter")
		return h.waitFor(`✗ base library: version "X"`)
	}},
	{"log-sideways", 100, 30, func(h *harness) string {
		// The end of a line too long for the log, scrolled into view.
		h.press("3", "right", "right", "right", "right", "right")
		return h.waitFor("phone - phone …base=3.6.0 network=wifi")
	}},
	{"help", 120, 40, func(h *harness) string {
		h.press("?")
		return h.waitFor("All keys", "simulate failed update")
	}},
	{"fetch", 120, 40, func(h *harness) string {
		// The weather app's background fetch, configured in the console:
		// a data URL and its answer, a gray release with the phone's user
		// as tester and its own answer; then pulled on the phone, which
		// as a tester gets the gray URL.
		h.configureWeather()
		h.setGray("10")
		h.waitFor("✓ weather: gray " + grayURL + " 10%")
		h.press("t")
		h.waitFor("Add a tester of weather")
		h.press("enter")
		h.waitFor("t testers    phone")
		h.press("a", "ctrl+u")
		h.typeText(grayURL)
		h.press("tab", "tab", "ctrl+u")
		h.typeText("灰度 {{appid}}")
		h.press("enter")
		h.waitFor(grayURL + ` → text "灰度 {{appid}}"`)
		return h.pullWeather("灰度 weather")
	}},
	{"fetch-minimum", 100, 30, func(h *harness) string {
		h.configureWeather()
		return h.pullWeather("weather ")
	}},
	{"fetch-form", 100, 30, func(h *harness) string {
		h.press("2", "down", "a")
		return h.waitFor("What the developer server answers", "https://weather.example/fetch")
	}},
	{"help-minimum", 100, 30, func(h *harness) string {
		h.press("?")
		return h.waitFor("All keys", "pull periodic data now", "dev server answer")
	}},
	{"small", 80, 24, func(h *harness) string {
		return h.waitFor("at least 100×30")
	}},
	{"minimum", 100, 30, func(h *harness) string {
		h.updateModal()
		return h.screen()
	}},
}

// TestScreens compares each main screen with its golden file
// (testdata/TestScreens/NAME.golden; go test ./tui -update rewrites them).
func TestScreens(t *testing.T) {
	for _, sc := range screens {
		t.Run(sc.name, func(t *testing.T) {
			golden.RequireEqual(t, []byte(hidePort(sc.flow(start(t, sc.w, sc.h)))))
		})
	}
}

// port is the platform's port in the console's title, a new one on every
// run, with the rule after it.
var port = regexp.MustCompile(`127\.0\.0\.1:(\d+) (─*)`)

// hidePort writes the port as PORT, keeping the line's width.
func hidePort(view string) string {
	return port.ReplaceAllStringFunc(view, func(s string) string {
		m := port.FindStringSubmatch(s)
		rule := len([]rune(m[2])) + len(m[1]) - len("PORT")
		return "127.0.0.1:PORT " + strings.Repeat("─", max(rule, 0))
	})
}

// TestScreenWidths checks that every line of every main screen is exactly
// as wide as the terminal, and that there are exactly as many lines as it
// has rows, under a plain and a Chinese locale. Under zh_CN a width
// library that follows the locale counts box drawing as two cells; the TUI
// must not.
func TestScreenWidths(t *testing.T) {
	underLocales(t, func(t *testing.T) {
		for _, sc := range screens {
			t.Run(sc.name, func(t *testing.T) {
				checkSize(t, sc.flow(start(t, sc.w, sc.h)), sc.w, sc.h)
			})
		}
	})
}

// underLocales runs test under a plain and a Chinese locale, as a process
// started under each would have it.
func underLocales(t *testing.T, test func(t *testing.T)) {
	for _, locale := range []string{"C.UTF-8", "zh_CN.UTF-8"} {
		t.Run(locale, func(t *testing.T) {
			t.Setenv("LANG", locale)
			t.Setenv("LC_ALL", locale)
			t.Setenv("RUNEWIDTH_EASTASIAN", "")
			runewidth.DefaultCondition.EastAsianWidth = runewidth.IsEastAsian()
			test(t)
		})
	}
}

func checkSize(t *testing.T, view string, w, h int) {
	t.Helper()
	var c screenCheck
	c.resize(w, h)
	if err := c.check(view); err != nil {
		t.Error(err)
	}
}

// screenCheck checks views against the terminal's size: exactly as many
// lines as the terminal is high, each exactly as wide, to the grapheme
// cluster width of a terminal and to runewidth's. Measuring is what costs
// in a long run of views, and most views change a line or two of the one
// before: a line is measured again only when it changed.
type screenCheck struct {
	width, height int
	lines         []string // the lines of the last view, found to be right
}

func (c *screenCheck) resize(w, h int) {
	c.width, c.height, c.lines = w, h, nil
}

func (c *screenCheck) check(view string) error {
	lines := strings.Split(view, "\n")
	if len(lines) != c.height {
		return fmt.Errorf("%d lines, want %d", len(lines), c.height)
	}
	for i, l := range lines {
		if i < len(c.lines) && c.lines[i] == l {
			continue
		}
		plain := ansi.Strip(l)
		if got := ansi.StringWidth(l); got != c.width {
			return fmt.Errorf("line %d is %d cells wide, want %d: %q", i, got, c.width, plain)
		}
		if got := runewidth.StringWidth(plain); got != c.width {
			return fmt.Errorf("line %d is %d cells wide to runewidth, want %d: %q", i, got, c.width, plain)
		}
	}
	c.lines = lines
	return nil
}

// TestResize lays the screen out again at every size, and says so when
// the terminal is too small.
func TestResize(t *testing.T) {
	h := start(t, 120, 40)
	h.updateModal()
	for _, size := range [][2]int{{100, 30}, {90, 20}, {160, 50}, {100, 30}} {
		h.tm.Send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		want := "新版本已经更新"
		if size[0] < minWidth {
			want = "at least 100×30"
		}
		checkSize(t, h.waitFor(want), size[0], size[1])
	}
}

// TestDownloadAndLoading draws a background download's progress bar and a
// loading overlay on the page, from a hand-made snapshot: at the speed of
// loopback both are gone before a flow could catch them.
func TestDownloadAndLoading(t *testing.T) {
	m := New(newWorld(t), Paused())
	snap := benchSnapshot()
	page := snap.Phones[0].Page
	page.Modal = nil
	page.Toast = &engine.ToastView{Title: "加载中", Loading: true}
	page.Download = &engine.Progress{Version: "1.1.0", Done: 1229, Total: 2458}
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	m.Update(frameMsg{snap: snap, platform: benchPlatform()})
	view := hidePort(m.View())
	checkSize(t, view, 120, 40)
	golden.RequireEqual(t, []byte(view))
}
