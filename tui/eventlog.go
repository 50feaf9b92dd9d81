package tui

import (
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"miniphone/engine"
)

// EventLog is the transcript, one event per line, coloured by kind,
// scrollable and filtered by phone and app. At the bottom it follows new
// lines; scrolled up, it holds still and counts what arrived meanwhile. A
// line wider than the panel ends in "…"; ←/→ scroll the details sideways
// to read them, while the time, phone, app and event stay, so that lines
// can still be told apart. G and leaving the panel scroll them back.
//
// The viewport measures every line of its content whenever the content is
// set, and at 3600× new events come with every frame. So while following,
// the viewport holds only the screenful at the tail; it gets the whole
// history (the last maxShown lines that pass the filters) when the user
// starts scrolling, once.
type EventLog struct {
	pane
	c *Common

	events     []engine.Event // the latest events, for the filters (see maxKept)
	total      int            // events received
	phones     []string       // filter choices; "" is every phone
	apps       []string       // filter choices; "" is every app
	phone, app string         // the filters
	kind       string         // the kind filter: a family of kinds (kindFamily), "" for all
	query      string         // the text searched for
	match      int            // the line of content found, -1 none yet, -2 none at all
	shown      []logLine      // the lines that pass the filters, drawn
	follow     bool           // at the bottom, showing new lines as they come
	unseen     int            // lines that came while scrolled up
	vp         viewport.Model
	content    []logLine // what the viewport holds: a tail of shown, or all of it
	shift      int       // cells of each line's text scrolled off to the left
	buf        []string  // the lines drawn last, reused
}

// logLine is one event drawn: whole, for scrolling sideways, and cut to
// the panel's width, which is what a frame shows unless scrolled.
type logLine struct {
	lead, text string // the time, phone, app and event; the details; styled
	cut        string // both, cut to the panel's width
}

func newEventLog(c *Common) *EventLog {
	l := &EventLog{c: c, vp: viewport.New(0, 0), follow: true, match: -1}
	l.draw = l.render
	return l
}

// SetSize lays the panel out again; lines are drawn again to the new
// width.
func (l *EventLog) SetSize(w, h int) {
	l.width, l.height = w, h
	l.vp.Width, l.vp.Height = max(w-2, 0), max(h-2, 0)
	l.refilter()
}

// SetChoices sets what the filters cycle through: every phone (and the
// platform) and every app (and "-", the events of a phone itself).
func (l *EventLog) SetChoices(snap engine.Snapshot) {
	l.phones = append(l.phones[:0], "")
	l.apps = append(l.apps[:0], "")
	for _, p := range snap.Phones {
		l.phones = append(l.phones, p.Name)
	}
	if len(snap.Phones) > 0 {
		for _, a := range snap.Phones[0].Apps { // every phone lists every app
			l.apps = append(l.apps, a.AppID)
		}
	}
	l.phones = append(l.phones, "platform")
	l.apps = append(l.apps, "-")
}

// Append adds new transcript lines.
func (l *EventLog) Append(events []engine.Event) {
	if len(events) == 0 {
		return
	}
	l.total += len(events)
	l.events = append(l.events, events...)
	if len(l.events) > 2*maxKept {
		l.events = append([]engine.Event(nil), l.events[len(l.events)-maxKept:]...)
	}
	n := len(l.shown)
	l.show(events)
	if l.follow {
		l.tail()
	} else {
		l.unseen += len(l.shown) - n
	}
	l.render()
}

// maxShown bounds the lines the panel holds.
const maxShown = 1000

// maxKept bounds the events kept for the filters: many more than are
// shown, so that a filter on a quiet phone still finds its last lines, but
// not a whole session that runs for days. Between maxKept and twice as
// many are kept, so that trimming costs nothing per frame.
const maxKept = 20 * maxShown

// show draws the events that pass the filters after the lines shown; of
// many, only the last maxShown are drawn.
func (l *EventLog) show(events []engine.Event) {
	var pass []engine.Event
	for i := len(events) - 1; i >= 0 && len(pass) < maxShown; i-- {
		if l.passes(events[i]) {
			pass = append(pass, events[i])
		}
	}
	slices.Reverse(pass)
	for _, e := range pass {
		l.shown = append(l.shown, l.line(e))
	}
	if n := len(l.shown); n > maxShown {
		l.shown = append(l.shown[:0], l.shown[n-maxShown:]...)
	}
}

// tail follows the end of the log: the viewport gets the last screenful.
func (l *EventLog) tail() {
	l.follow, l.unseen = true, 0
	l.setContent(l.shown[max(len(l.shown)-l.vp.Height, 0):])
}

// scroll stops following: the viewport gets every line, at the bottom.
func (l *EventLog) scroll() {
	if l.follow {
		l.follow = false
		// A copy: shown is trimmed in place as lines arrive, which must
		// not move what a reader scrolled back to.
		l.setContent(slices.Clone(l.shown))
	}
}

func (l *EventLog) setContent(lines []logLine) {
	l.content = lines
	var b strings.Builder
	for i, ln := range lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(ln.cut)
	}
	l.vp.SetContent(b.String())
	l.vp.GotoBottom()
}

// visible is the lines in the viewport's window. The viewport keeps the
// scroll position; the lines are cut from content directly because they
// are already drawn to the panel's width, which the viewport's own View
// would measure and pad again on every frame.
func (l *EventLog) visible() []logLine {
	top := min(l.vp.YOffset, len(l.content))
	return l.content[top:min(top+l.vp.Height, len(l.content))]
}

// window is the visible lines as drawn: cut to the panel's width when not
// scrolled sideways (drawn once, when they came), cut again from the whole
// line when scrolled.
func (l *EventLog) window() []string {
	l.buf = l.buf[:0]
	for _, ln := range l.visible() {
		if l.shift == 0 {
			l.buf = append(l.buf, ln.cut)
			continue
		}
		// A line shorter than the shift keeps its "…": it was moved too.
		text := "…"
		if ansi.StringWidth(ln.text) > l.shift {
			text = ansi.TruncateLeft(ln.text, l.shift, "…")
		}
		l.buf = append(l.buf, clip(ln.lead+" "+text, l.vp.Width))
	}
	return l.buf
}

// scrollSideways moves the details of the lines right (by > 0) or back
// left by half the room the widest visible line gives them, no further
// than that line needs to show its end.
func (l *EventLog) scrollSideways(by int) {
	room, most := l.vp.Width, 0
	for _, ln := range l.visible() {
		lead := ansi.StringWidth(ln.lead) + 1
		if over := lead + ansi.StringWidth(ln.text) - l.vp.Width + 1; over > most { // +1: the "…" it starts with
			room, most = l.vp.Width-lead, over
		}
	}
	step := max(room/2, 1)
	l.shift = max(min(l.shift+by*step, most), 0)
}

func (l *EventLog) passes(e engine.Event) bool {
	return (l.phone == "" || e.Phone == l.phone) && (l.app == "" || e.AppID == l.app) &&
		(l.kind == "" || kindFamily(e.Kind) == l.kind)
}

// line draws one event: the time dim, the rest in the colour of its kind
// (on one line whatever the event's text holds).
func (l *EventLog) line(e engine.Event) logLine {
	s := l.c.Styles
	style := l.kindStyle(e)
	ln := logLine{
		lead: s.LogTime.Render(engine.FormatElapsed(e.At)) + " " + style.Render(oneLine(e.Phone+" "+e.AppID+" "+e.Kind)),
		text: style.Render(oneLine(e.Detail)),
	}
	ln.cut = clip(strings.TrimSuffix(ln.lead+" "+ln.text, " "), l.vp.Width)
	return ln
}

// kindStyle colours an event: failures red, the update machinery and
// modals highlighted, the lifecycle green, the platform's answers blue.
func (l *EventLog) kindStyle(e engine.Event) lipgloss.Style {
	s := l.c.Styles
	k := e.Kind
	switch {
	case k == "refused" || strings.Contains(k, "fail") || strings.Contains(k, "rror") ||
		strings.Contains(k, "refused") || strings.Contains(k, "abandoned"):
		return s.LogError
	case strings.HasPrefix(k, "update") || strings.HasPrefix(k, "UpdateManager") ||
		strings.HasPrefix(k, "modal") || strings.Contains(k, "simulate") ||
		k == "install" || k == "periodic-check":
		return s.LogUpdate
	case e.Phone == "platform":
		return s.LogPlatform
	case slices.Contains(lifecycleKinds, k):
		return s.LogLifecycle
	}
	return lipgloss.Style{}
}

var lifecycleKinds = []string{"cold-start", "hot-start", "launch", "background", "suspended", "destroyed"}

// refilter redraws every line, for a new filter or width.
func (l *EventLog) refilter() {
	l.shown = l.shown[:0]
	l.show(l.events)
	l.tail()
	l.render()
}

// Update takes the log's keys.
func (l *EventLog) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return l, nil
	}
	keys := l.c.Keys
	switch {
	case key.Matches(k, keys.ScrollUp):
		l.scroll()
		l.vp.ScrollUp(1)
	case key.Matches(k, keys.PageUp):
		l.scroll()
		l.vp.PageUp()
	case key.Matches(k, keys.Top):
		l.scroll()
		l.vp.GotoTop()
	case key.Matches(k, keys.ScrollDown), key.Matches(k, keys.PageDown):
		if key.Matches(k, keys.ScrollDown) {
			l.vp.ScrollDown(1)
		} else {
			l.vp.PageDown()
		}
		if l.vp.AtBottom() {
			l.tail() // back at the end: follow again, with what came meanwhile
		}
	case key.Matches(k, keys.Bottom):
		l.tail()
		l.shift = 0
	case key.Matches(k, keys.ScrollRight):
		l.scrollSideways(1)
	case key.Matches(k, keys.ScrollLeft):
		l.scrollSideways(-1)
	case l.filterKey(k):
		l.refilter()
	case key.Matches(k, keys.Search):
		l.askSearch()
	case key.Matches(k, keys.NextMatch):
		l.findMatch(1)
	case key.Matches(k, keys.PrevMatch):
		l.findMatch(-1)
	case key.Matches(k, keys.SaveLog):
		l.askSave()
	}
	l.render()
	return l, nil
}

// SetFocus tells the log whether it holds the keyboard; leaving it
// scrolls the details back to their start.
func (l *EventLog) SetFocus(on bool) {
	if !on {
		l.shift = 0
	}
	l.pane.SetFocus(on)
}

func (l *EventLog) render() {
	if _, _, ok := l.inner(3); !ok {
		return
	}
	title := "3 Event log" + l.searchTitle() + fmt.Sprintf(" · phone: %s · app: %s", orDefault(l.phone, "all"), orDefault(l.app, "all"))
	if l.kind != "" {
		title += " · kind: " + l.kind
	}
	title += fmt.Sprintf(" · %d/%d lines", len(l.shown), l.total)
	if !l.follow {
		title += fmt.Sprintf(" · scrolled, %d new (G follows)", l.unseen)
	}
	l.box(l.c.Styles, title, l.window())
}

// ShortHelp is the log's main keys.
func (l *EventLog) ShortHelp() []key.Binding {
	k := l.c.Keys
	return []key.Binding{k.ScrollUp, k.ScrollDown, k.ScrollRight, k.FilterPhone, k.FilterApp, k.Search, k.Bottom}
}

// FullHelp is every key of the log.
func (l *EventLog) FullHelp() [][]key.Binding {
	k := l.c.Keys
	return [][]key.Binding{
		{k.ScrollUp, k.ScrollDown, k.PageUp, k.PageDown, k.Top, k.Bottom},
		{k.ScrollLeft, k.ScrollRight, k.FilterPhone, k.FilterApp, k.ClearFilter},
		{k.FilterKind, k.Search, k.NextMatch, k.PrevMatch, k.SaveLog},
	}
}
