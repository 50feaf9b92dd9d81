package tui

import (
	"regexp"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"miniphone/engine"
)

// TestClockSpeedKeepsPause: + and - change the speed and nothing else;
// only space pauses and runs the clock.
func TestClockSpeedKeepsPause(t *testing.T) {
	c := clock{paused: true}
	at := time.Unix(0, 0)
	c.step(at)
	for _, tc := range []struct {
		act  func()
		want string
		step time.Duration // what 100 ms of real time moves the clock by
	}{
		{c.slower, "⏸ paused (1×)", 0},
		{c.faster, "⏸ paused (10×)", 0},
		{c.togglePause, "▶ 10×", time.Second},
		{c.slower, "▶ 1×", 100 * time.Millisecond},
		{c.slower, "▶ 1×", 100 * time.Millisecond},
		{c.togglePause, "⏸ paused (1×)", 0},
	} {
		tc.act()
		at = at.Add(100 * time.Millisecond)
		if d, _ := c.step(at); c.String() != tc.want || d != tc.step {
			t.Errorf("clock %q moving %v, want %q moving %v", c.String(), d, tc.want, tc.step)
		}
	}
}

// TestSpeedWhilePaused: + on a paused clock sets the speed it will run at,
// and says that space runs it.
func TestSpeedWhilePaused(t *testing.T) {
	h := start(t, 120, 40)
	h.press("+")
	h.waitFor("⏸ paused (10×)", "speed 10× · paused: space runs the clock", "+0d00:00:00.000")
}

// TestHeaderKeepsAGap: on the smallest screen the header's two parts never
// run together; the date shortens first, then goes, then the next event
// is cut.
func TestHeaderKeepsAGap(t *testing.T) {
	m := New(newWorld(t), Paused())
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	for _, tc := range []struct {
		snap engine.Snapshot
		want string
	}{
		{engine.Snapshot{
			Elapsed: 3 * time.Hour, Now: engine.Epoch.Add(3 * time.Hour),
			Phones: []engine.PhoneSnapshot{{Name: "phone"}},
			Next:   []engine.Upcoming{{Phone: "phone", AppID: "-", What: "background fetch", In: 44 * time.Minute}},
		}, "Mon 11-02 12:00:00  ⏸ paused (1×)     next: background fetch in 44m00s "},
		{engine.Snapshot{
			Elapsed: 14 * 24 * time.Hour, Now: engine.Epoch.Add(14 * 24 * time.Hour),
			Phones: []engine.PhoneSnapshot{{Name: "phone"}, {Name: "phone2"}},
			Next:   []engine.Upcoming{{Phone: "phone2", AppID: "weather", What: "periodic check", In: 23 * time.Hour}},
		}, "+14d00:00:00.000  ⏸ paused (1×)        next: periodic check weather on phone2 in 23h00m "},
		{engine.Snapshot{
			Elapsed: 14 * 24 * time.Hour, Now: engine.Epoch.Add(14 * 24 * time.Hour),
			Phones: []engine.PhoneSnapshot{{Name: "phone"}, {Name: "a-phone-with-a-very-long-name"}},
			Next: []engine.Upcoming{{Phone: "a-phone-with-a-very-long-name", AppID: "weather",
				What: "periodic check", In: 23 * time.Hour}},
		}, "+14d00:00:00.000  ⏸ paused (1×) next: periodic check weather on a-phone-with-a-very-lon…"},
	} {
		m.Update(frameMsg{snap: tc.snap})
		header := strings.Split(m.View(), "\n")[0]
		if w := ansi.StringWidth(header); w != 100 || !strings.HasSuffix(header, tc.want) {
			t.Errorf("header (%d cells)\n%q, want it to end in\n%q", w, header, tc.want)
		}
		if regexp.MustCompile(`×\)\S`).MatchString(header) {
			t.Errorf("the header runs together: %q", header)
		}
	}
}
