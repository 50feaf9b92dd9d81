package tui

import (
	"fmt"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"miniphone/engine"
)

// Timeline lists, over the screen, what is scheduled next on every phone
// (engine.World.Timeline): suspension and destruction, the periodic check,
// the fetch wake, answers on their way, package downloads and the apps'
// timers. A key jumps the clock to the first of them. While it is open the
// backend reads the timeline with every frame; closed, it costs nothing.
type Timeline struct {
	pane
	c     *Common
	open  bool
	items []engine.Upcoming // nil until the first frame since opening
}

// timelineWidth is the most the box takes across: wider, the lines would
// be hard to follow from the time to what happens.
const timelineWidth = 96

func newTimeline(c *Common) *Timeline {
	t := &Timeline{c: c}
	t.focused = true // it holds the keyboard whenever it is shown
	t.draw = t.render
	return t
}

// Open shows the timeline, and asks the backend for it with every frame.
func (t *Timeline) Open() {
	t.open, t.items = true, nil
	t.c.Backend.showTimeline(true)
	t.render()
}

// Close hides it.
func (t *Timeline) Close() {
	t.open = false
	t.c.Backend.showTimeline(false)
}

// SetItems takes a frame's timeline.
func (t *Timeline) SetItems(items []engine.Upcoming) {
	t.items = items
	t.render()
}

// SetSize takes the room between the header and the footer.
func (t *Timeline) SetSize(w, h int) { t.pane.SetSize(min(w, timelineWidth), h) }

// Update takes the timeline's keys; every other key waits until it closes.
func (t *Timeline) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return t, nil
	}
	switch {
	case key.Matches(k, t.c.Keys.CloseTimeline):
		t.Close()
	case key.Matches(k, t.c.Keys.JumpNext):
		t.c.Backend.jumpNext()
	}
	return t, nil
}

func (t *Timeline) render() {
	iw, ih, ok := t.inner(4)
	if !ok {
		return
	}
	s := t.c.Styles
	w := iw - 1 // a margin along the left border
	var lines []string
	switch {
	case t.items == nil:
		lines = []string{s.Dim.Render("reading the world…")}
	case len(t.items) == 0:
		lines = []string{"Nothing is scheduled: the world waits for a key."}
	default:
		lines = append(lines, s.Bold.Render(timelineRow("IN", "PHONE", "APP", "WHAT", w)))
		for _, u := range t.items[:min(len(t.items), ih-3)] {
			lines = append(lines, timelineRow(short(u.In), oneLine(u.Phone), oneLine(u.AppID), u.What, w))
		}
		if n := len(t.items) - (ih - 3); n > 0 {
			lines = append(lines, s.Dim.Render(fmt.Sprintf("… and %d more", n)))
		}
	}
	hint := helpKeys([]key.Binding{t.c.Keys.JumpNext}) + " jumps to the first · " + helpKeys([]key.Binding{t.c.Keys.CloseTimeline}) + " closes"
	lines = fitLines(lines, w, ih-1)
	lines = append(lines, s.Dim.Render(fit(hint, w)))
	for i, l := range lines {
		lines[i] = " " + l
	}
	t.box(s, "Timeline · what happens next", lines)
}

// timelineRow lays out one row in columns, by cells: a phone's name may
// be Chinese.
func timelineRow(in, phone, app, what string, w int) string {
	return fit(fit(in, 9)+" "+clip(phone, 10)+" "+clip(app, 10)+" "+what, w)
}

// ShortHelp is the timeline's keys.
func (t *Timeline) ShortHelp() []key.Binding {
	k := t.c.Keys
	return []key.Binding{k.JumpNext, k.CloseTimeline, k.Quit}
}

// FullHelp is ShortHelp, for the help.KeyMap interface.
func (t *Timeline) FullHelp() [][]key.Binding { return [][]key.Binding{t.ShortHelp()} }
