package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/x/ansi"

	"miniphone/engine"
)

// draw renders what the panels do not: the header, the footer and what is
// laid over the screen. Update calls it, so that View only joins lines.
func (m *Model) draw() {
	if m.tooSmall() {
		return
	}
	m.header = m.headerLine()
	m.footer = m.footerLine()
	switch {
	case m.form != nil:
		m.overlay = m.form.Lines()
	case m.picker != nil:
		m.overlay = m.picker.Lines(m.width, m.height)
	case m.popup: // header and footer stay
		m.overlay, m.helpTop = m.c.Styles.helpBox(m.helpBody, m.helpTop, m.width, m.height-2, m.helpScrollKeys())
	case m.fleet.open: // between the header and the footer
		m.overlay = m.fleet.lines
	case m.timeline.open:
		m.overlay = m.timeline.lines
	default:
		m.overlay = nil
	}
}

// headerLine is the clock: virtual time since the start, the phones' wall
// clock, the speed, and the next event due. On a narrow screen the date
// drops its year, then its weekday, then goes (the phone's status bar
// keeps the time), before the next event is cut.
func (m *Model) headerLine() string {
	s := m.c.Styles
	next := s.HeaderDim.Render(nextEvent(m.snap.Next, len(m.snap.Phones) > 1)) + " "
	var left string
	for _, layout := range headerDates {
		left = s.Header.Render(" miniphone ") + " " + m.recordingMark() + s.HeaderClock.Render(engine.FormatElapsed(m.snap.Elapsed)) + "  "
		if layout != "" {
			left += s.HeaderDim.Render(m.snap.Now.Format(layout)) + "  "
		}
		left += s.HeaderClock.Render(m.clock.String())
		// Two spaces at least: the parts hold single spaces of their own.
		if ansi.StringWidth(left)+2+ansi.StringWidth(next) <= m.width {
			break
		}
	}
	return spread(left, next, m.width)
}

// headerDates are the header's layouts of the wall clock, longest first.
var headerDates = []string{"Mon 2006-01-02 15:04:05", "Mon 01-02 15:04:05", "01-02 15:04:05", ""}

// nextEvent says what happens next: "next: periodic check on phone2 in
// 3h12m"; the phone is named when there are several.
func nextEvent(next []engine.Upcoming, phones bool) string {
	if len(next) == 0 {
		return "next: nothing scheduled"
	}
	n := next[0]
	what := n.What
	if n.AppID != "-" && n.AppID != "" {
		what += " " + n.AppID
	}
	if phones {
		what += " on " + n.Phone
	}
	if n.In <= 0 {
		return "next: " + what + " now" // due at this moment, waiting for the clock
	}
	return fmt.Sprintf("next: %s in %s", what, short(n.In))
}

// footerLine is the answer to the last action, if any, then the keys of
// the focused panel (or the open form) and the keys that work everywhere.
func (m *Model) footerLine() string {
	s := m.c.Styles
	var bs []key.Binding
	switch {
	case m.form != nil:
		bs = m.form.ShortHelp()
	case m.picker != nil:
		bs = []key.Binding{m.c.Keys.Up, m.c.Keys.Down, m.c.Keys.Submit, m.c.Keys.CancelForm}
	case m.popup:
		bs = append(m.helpScrollKeys(), m.c.Keys.CloseHelp)
	case m.fleet.open:
		bs = m.fleet.ShortHelp()
	case m.timeline.open:
		bs = m.timeline.ShortHelp()
	case m.focus == panelPhone && m.phone.takesText():
		bs = m.phone.ShortHelp() // without the global keys, which would be typed
	default:
		bs = append(append(bs, m.focused().ShortHelp()...), m.c.Keys.globalKeys()...)
	}
	left := ""
	if m.notice != "" {
		style := s.Notice
		if m.noticeErr {
			style = s.NoticeError
		}
		left = style.Render(" "+m.notice+" ") + " "
	}
	m.help.Width = max(m.width-ansi.StringWidth(left)-1, 0)
	return fit(left+" "+m.help.ShortHelpView(bs), m.width)
}

// helpScrollKeys are the keys that scroll the full help, when it is
// taller than the screen.
func (m *Model) helpScrollKeys() []key.Binding {
	if len(m.helpBody) <= max(m.height-2-helpChrome, 1) {
		return nil
	}
	return []key.Binding{m.c.Keys.ScrollUp, m.c.Keys.ScrollDown}
}

// helpSections are every key, for the full help.
func (m *Model) helpSections() []helpSection {
	k := m.c.Keys
	phone, console := m.phone.FullHelp(), m.console.FullHelp()
	return []helpSection{
		{"Screen", k.windowKeys()},
		{"Time", k.timeKeys()},
		{"Recording", k.recordKeys()},
		{"Phone screen", phone[0]},
		{"Phone", phone[1]},
		{"Modal", phone[2]},
		{"Developer tools (phone)", phone[3]},
		{"Console", flatten(console[:2])},
		{"Background fetch (console)", console[2]},
		{"Event log", flatten(m.log.FullHelp())},
		{"Forms", k.formKeys()},
		{"Fleet view · timeline", []key.Binding{k.CloseFleet, k.JumpNext}},
	}
}

// View joins the lines the panels and draw made: one line per terminal
// row, each exactly as wide as the terminal.
func (m *Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	if m.tooSmall() {
		return m.tooSmallView()
	}
	right := append(append(make([]string, 0, m.height), m.console.lines...), m.log.lines...)
	lines := make([]string, 0, m.height)
	lines = append(lines, m.header)
	for i, l := range m.phone.lines {
		lines = append(lines, l+right[i])
	}
	lines = append(lines, m.footer)
	if m.overlay != nil {
		lines = overlayCenter(lines, m.overlay)
	}
	return strings.Join(lines, "\n")
}

// tooSmallView says so, instead of drawing broken borders.
func (m *Model) tooSmallView() string {
	msg := []string{
		"miniphone needs a terminal of at least " + fmt.Sprintf("%d×%d", minWidth, minHeight) + ".",
		fmt.Sprintf("This one is %d×%d: make it larger, or press q to quit.", m.width, m.height),
	}
	var lines []string
	for _, l := range msg {
		lines = append(lines, wrap(l, m.width)...)
	}
	top := make([]string, max((m.height-len(lines))/2, 0))
	out := fitLines(append(top, lines...), m.width, m.height)
	for i := range out {
		out[i] = center(strings.TrimRight(out[i], " "), m.width)
	}
	return strings.Join(out, "\n")
}
