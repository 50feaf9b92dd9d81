package tui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"miniphone/fakeserver"
)

// TestAppTableAdapts: a narrow console drops columns, those with nothing
// set first, rather than the versions; a wide one shows them all.
func TestAppTableAdapts(t *testing.T) {
	c := newConsole(&Common{Styles: DefaultStyles(), Keys: DefaultKeyMap(), Backend: &Backend{}})
	demo := fakeserver.AppState{AppID: "demo", Live: "1.0.3", Rollout: 100, MinVersion: "1.0.1"}
	for _, v := range []string{"1.0.0", "1.0.1", "1.0.2", "1.0.3"} {
		demo.Versions = append(demo.Versions, fakeserver.VersionInfo{Version: v})
	}
	c.state.Apps = []fakeserver.AppState{demo, {AppID: "weather", Live: "1.0.0", Rollout: 100,
		Versions: []fakeserver.VersionInfo{{Version: "1.0.0"}}}}
	for _, tc := range []struct {
		w          int
		head, demo string
	}{
		// At 100×30: MIN BASE and LOCAL are unset everywhere and go;
		// MIN VER is set and stays.
		{52, "APP      LIVE   ROLLOUT  MIN VER  VERSIONS", "demo     1.0.3  100%     1.0.1    1.0.3 1.0.2 1.0.1…"},
		{80, "APP      LIVE   ROLLOUT  MIN VER  MIN BASE  LOCAL  VERSIONS (newest first)",
			"demo     1.0.3  100%     1.0.1    -         off    1.0.3 1.0.2 1.0.1 1.0.0"},
	} {
		head, rows := c.appTable(tc.w)
		if strings.TrimRight(head, " ") != tc.head || strings.TrimRight(rows[0], " ") != tc.demo {
			t.Errorf("at %d cells:\n%q\n%q\nwant\n%q\n%q", tc.w, head, rows[0], tc.head, tc.demo)
		}
		for _, l := range append(rows, head) {
			if ansi.StringWidth(l) != tc.w {
				t.Errorf("at %d cells: %q is %d wide", tc.w, l, ansi.StringWidth(l))
			}
		}
	}
}

// TestFaultRowKeys: an app's key on a fault row says why it does nothing;
// a fault's change reads "fault STEP: KIND".
func TestFaultRowKeys(t *testing.T) {
	h := start(t, 120, 40)
	h.press("2", "down", "down", "p")
	h.waitFor("▸ fault check", "p (publish patch) needs an app row: ↑/k selects one")
	if tr := h.transcript(); strings.Contains(tr, "publish 1.0.1") {
		t.Errorf("p on a fault row published:\n%s", tr)
	}
	h.press("right")
	screen := h.waitFor("✓ fault check: fail", "fault check    fail")
	if strings.Contains(screen, "needs an app row") {
		t.Errorf("the hint outlived the next key:\n%s", screen)
	}
}

// TestAppOrder: the console lists the apps as the home screen does, in
// the order they were registered (the platform lists them by id).
func TestAppOrder(t *testing.T) {
	apps := DemoApps()
	apps[0], apps[1] = apps[1], apps[0] // weather, then demo
	h := startWith(t, 120, 40, apps)
	screen := h.waitFor("▸ weather  1.0.0", "  demo     1.0.0")
	line := func(s string) int {
		for i, l := range strings.Split(screen, "\n") {
			if strings.Contains(l, s) {
				return i
			}
		}
		return -1
	}
	if line("weather · not installed") > line("demo · not installed") {
		t.Errorf("the home screen does not list weather first:\n%s", screen)
	}
	if line("weather  1.0.0") > line("demo     1.0.0") {
		t.Errorf("the console does not list weather first:\n%s", screen)
	}
}

// TestPublishAsksFirst: p in the console publishes nothing until the
// version is confirmed with enter; esc leaves the platform as it was.
func TestPublishAsksFirst(t *testing.T) {
	h := start(t, 120, 40)
	h.press("2", "p")
	h.waitFor("Publish demo to every phone", "version  1.0.1")
	if tr := h.transcript(); strings.Contains(tr, "publish 1.0.1") {
		t.Fatalf("p published before it was confirmed:\n%s", tr)
	}
	h.press("esc")
	h.waitFor("┏━ 2 Platform console")
	if tr := h.transcript(); strings.Contains(tr, "publish 1.0.1") {
		t.Fatalf("esc did not cancel the publish:\n%s", tr)
	}
	h.press("p", "enter")
	h.waitFor("✓ demo: publish 1.0.1")
}
