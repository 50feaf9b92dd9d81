// Package tui is miniphone's terminal front end: a phone, the platform
// console and the event log around one virtual clock. It is a view of the
// engine and a keyboard onto it: keys become jobs for the Backend, and the
// engine's state comes back as snapshots that the components draw.
package tui

import (
	"fmt"
	"reflect"
	"slices"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/mattn/go-runewidth"

	"miniphone/engine"
)

// The smallest terminal the layout fits in.
const (
	minWidth  = 100
	minHeight = 30
)

// Model is the whole screen: a header with the clock, the phone on the
// left, the console and the event log on the right, the keys at the bottom.
type Model struct {
	c             *Common
	width, height int
	clock         clock

	ticks   int // the live tick loop (see tickMsg)
	snap    engine.Snapshot
	caches  phoneCaches // the phones' background-fetch caches, as the last frame read them
	seen    int         // transcript lines received
	current string      // the phone shown
	focus   panel

	phone   *Phone
	console *Console
	log     *EventLog
	form    *Form  // a form over the screen, owning the keyboard
	fleet   *Fleet // the fleet view, over the screen while open
	// timeline is what is scheduled next, over the screen while open.
	timeline *Timeline
	forms    int     // forms opened so far: the next one's id
	picker   *Picker // a list over the screen, owning the keyboard
	popup    bool    // the full help over the screen

	recording string // the file the session is being recorded to, "" if none

	// The full help, laid out for the screen's size, and its first line
	// shown when it is taller than the screen.
	helpBody []string
	helpTop  int

	notice    string // the answer to the last action, in the footer
	noticeErr bool
	help      help.Model

	// Drawn by Update, joined by View.
	header, footer string
	overlay        []string
}

// Option changes a new Model.
type Option func(*Model)

// Paused starts the clock paused, so that only jumps move it: tests get the
// same screen on every run.
func Paused() Option { return func(m *Model) { m.clock.paused = true } }

// FilesIn puts the files the user names by a relative path (a recording, a
// saved transcript) in dir rather than the working directory.
func FilesIn(dir string) Option { return func(m *Model) { m.c.Dir = dir } }

// New builds the TUI on a backend (see Start).
func New(b *Backend, opts ...Option) *Model {
	// Box drawing and the capsule's glyphs are "ambiguous width": a CJK
	// locale would count them as two cells and break every border, while
	// terminals draw them in one.
	runewidth.DefaultCondition.EastAsianWidth = false
	c := &Common{Styles: DefaultStyles(), Keys: DefaultKeyMap(), Backend: b, Logger: b.log}
	m := &Model{
		c:       c,
		ticks:   1, // 0 marks the frames no loop asked for
		current: DefaultPhone,
		phone:   newPhone(c),
		console: newConsole(c),
		log:     newEventLog(c),
		fleet:   newFleet(c),
		help:    help.New(),
	}
	m.timeline = newTimeline(c)
	if b.keep != nil {
		m.notice = b.keep.note
	}
	c.OpenForm = func(f *Form) {
		m.forms++
		f.id = m.forms
		m.form = f
		f.SetSize(m.width, m.height)
	}
	c.OpenFleet = m.fleet.Open
	for _, o := range opts {
		o(m)
	}
	m.phone.SetPaused(m.clock.paused)
	m.phone.SetFocus(true)
	return m
}

// Init starts listening to the backend and the clock.
func (m *Model) Init() tea.Cmd {
	return tea.Batch(m.c.Backend.listen, tick(tickEvery, m.ticks))
}

// Update routes messages: sizes and keys from the terminal, ticks from the
// clock, frames and answers from the backend.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.layout()
	case tickMsg:
		if msg.loop != m.ticks {
			return m, nil // a loop that pausing or running replaced
		}
		d, readPlatform := m.clock.step(msg.at)
		m.c.Backend.tick(d, m.seen, readPlatform, msg.loop)
		return m, nil // what the tick changes comes with its frame
	case frameMsg:
		changed := m.applyFrame(msg)
		cmd = m.c.Backend.listen
		if msg.loop == m.ticks {
			cmd = tea.Batch(cmd, tick(m.nextTick(changed), m.ticks))
		}
		if !changed {
			return m, cmd
		}
	case outcomeMsg:
		m.applyOutcome(msg)
		cmd = m.c.Backend.listen
		if m.clock.paused {
			// The action changed the world, and no tick may come for a
			// while: its frame comes now.
			m.c.Backend.tick(0, m.seen, false, 0)
		}
	case expectChoicesMsg:
		m.openExpectations(msg)
		cmd = m.c.Backend.listen
	case fleetProgressMsg, fleetDoneMsg:
		_, cmd = m.fleet.Update(msg)
	case tea.KeyMsg:
		cmd = m.key(msg)
	}
	m.draw()
	return m, cmd
}

// applyFrame reports whether the frame changed anything on the screen. A
// paused clock brings the same world thirty times a second: drawing it
// again would be most of what an idle TUI costs.
func (m *Model) applyFrame(f frameMsg) bool {
	same := f.from+len(f.events) <= m.seen && reflect.DeepEqual(f.snap, m.snap) && reflect.DeepEqual(f.caches, m.caches) &&
		f.recording == m.recording
	m.snap, m.caches, m.recording = f.snap, f.caches, f.recording
	if end := f.from + len(f.events); end > m.seen {
		fresh := f.events[m.seen-f.from:]
		m.log.Append(fresh)
		m.phone.Saw(fresh)
		m.seen = end
	}
	if m.phoneIndex() < 0 && len(f.snap.Phones) > 0 {
		m.current = f.snap.Phones[0].Name // the phone shown is gone, or was never added
	}
	if !same {
		m.log.SetChoices(f.snap)
		m.showPhone()
	}
	if m.timeline.open && f.timeline != nil && !reflect.DeepEqual(f.timeline, m.timeline.items) {
		m.timeline.SetItems(f.timeline)
		same = false
	}
	if f.platform != nil || f.err != nil {
		rows := m.console.Rows()
		m.console.SetState(f.platform, f.err)
		if m.console.Rows() != rows {
			m.layout() // an app appeared on a shared platform
		}
		return true
	}
	return !same
}

// nextTick is how long until the tick after a frame that changed the
// screen or not.
func (m *Model) nextTick(changed bool) time.Duration {
	if m.clock.paused && !changed {
		return idleEvery
	}
	return tickEvery
}

func (m *Model) applyOutcome(o outcomeMsg) {
	if o.show != "" {
		m.current = o.show
	}
	if m.form != nil && o.form == m.form.id {
		m.form.Answered(o.err)
		if m.form.Closed() {
			m.form = nil
		} else if o.by != panelConsole {
			// The form shows the refusal; the console keeps its record of
			// the platform's answers, the footer would only repeat it.
			m.c.Logger.Info("action refused", "err", o.err)
			return
		}
	}
	if o.by == panelConsole {
		m.console.SetAnswer(o)
		if o.platform != nil {
			m.console.SetState(o.platform, nil)
		}
		return
	}
	// An answer with nothing to say leaves the notice alone: the key that
	// asked for it cleared it, and what is there now is newer, such as
	// the jump that a kill cut short.
	switch {
	case o.err != nil:
		m.notice, m.noticeErr = o.err.Error(), true
		m.c.Logger.Info("action refused", "err", o.err)
	case o.text != "":
		m.notice, m.noticeErr = o.text, false
	}
}

// key routes a key: ctrl+c always quits; an open form takes everything
// else, then the help, then the fleet view; then the keys of the whole
// screen; the rest goes to the focused panel.
func (m *Model) key(k tea.KeyMsg) tea.Cmd {
	keys := m.c.Keys
	switch {
	case k.Type == tea.KeyCtrlC:
		return m.quit()
	case m.form != nil:
		_, cmd := m.form.Update(k)
		if m.form.Closed() {
			m.form = nil
		}
		return cmd
	case m.picker != nil:
		m.picker.Update(k)
		if m.picker.closed {
			m.picker = nil
		}
		return nil
	case m.popup:
		switch {
		case key.Matches(k, keys.Quit):
			return m.quit()
		case key.Matches(k, keys.CloseHelp):
			m.popup = false
		case key.Matches(k, keys.ScrollUp):
			m.helpTop = max(m.helpTop-1, 0)
		case key.Matches(k, keys.ScrollDown):
			m.helpTop++ // helpBox keeps it in range
		}
		return nil
	case m.fleet.open:
		if key.Matches(k, keys.Quit) {
			return m.quit()
		}
		_, cmd := m.fleet.Update(k)
		return cmd
	case m.timeline.open:
		if key.Matches(k, keys.Quit) {
			return m.quit()
		}
		m.notice = ""
		_, cmd := m.timeline.Update(k)
		return cmd
	case m.focus == panelPhone && m.phone.typing(k):
		// On a focused input, q is a letter like any other.
		_, cmd := m.phone.Update(k)
		return cmd
	case key.Matches(k, keys.Quit):
		return m.quit()
	case m.tooSmall():
		return nil
	}
	m.notice = ""
	switch {
	case key.Matches(k, keys.Jump1h):
		m.jump(time.Hour, "+1h")
	case key.Matches(k, keys.Jump12h):
		m.jump(12*time.Hour, "+12h")
	case key.Matches(k, keys.Jump1d):
		m.jump(24*time.Hour, "+1d")
	case key.Matches(k, keys.Jump7d):
		m.jump(7*24*time.Hour, "+7d")
	case key.Matches(k, keys.Help):
		m.popup, m.helpTop = true, 0
	case key.Matches(k, keys.Timeline):
		m.timeline.Open()
	case key.Matches(k, keys.SaveState):
		m.c.Backend.saveState()
		m.notice = "saving…"
	case key.Matches(k, keys.Record):
		m.recordKey()
	case key.Matches(k, keys.Expect):
		m.c.Backend.expectations(m.current)
	case key.Matches(k, keys.FocusPhone):
		m.setFocus(panelPhone)
	case key.Matches(k, keys.FocusConsole):
		m.setFocus(panelConsole)
	case key.Matches(k, keys.FocusLog):
		m.setFocus(panelLog)
	case key.Matches(k, keys.PrevPhone), key.Matches(k, keys.NextPhone):
		m.switchPhone(key.Matches(k, keys.NextPhone))
	case key.Matches(k, keys.Pause):
		m.clock.togglePause()
		m.phone.SetPaused(m.clock.paused)
		m.ticks++
		return tick(0, m.ticks)
	case key.Matches(k, keys.Faster):
		m.clock.faster()
		m.speedNotice()
	case key.Matches(k, keys.Slower):
		m.clock.slower()
		m.speedNotice()
	default:
		_, cmd := m.focused().Update(k)
		return cmd
	}
	return nil
}

// quit ends the program, stopping a fleet run first: its goroutines are
// not the program's, and where the TUI is not the whole process (a test,
// an embedding) they would go on simulating for nobody.
func (m *Model) quit() tea.Cmd {
	m.fleet.Close()
	return tea.Quit
}

// jump queues a jump of the clock. The footer says so until the jump
// lands, which behind a busy world can take a while.
func (m *Model) jump(d time.Duration, label string) {
	m.c.Backend.jump(d, label)
	m.notice = "jumping " + label + "…"
}

// speedNotice answers + and -: the new speed, and on a paused clock, that
// it only applies once the clock runs.
func (m *Model) speedNotice() {
	m.notice = fmt.Sprintf("speed %d×", speeds[m.clock.speed])
	if m.clock.paused {
		m.notice += " · paused: " + m.c.Keys.Pause.Help().Key + " runs the clock"
	}
}

func (m *Model) focused() Component {
	switch m.focus {
	case panelConsole:
		return m.console
	case panelLog:
		return m.log
	}
	return m.phone
}

func (m *Model) setFocus(p panel) {
	m.focus = p
	m.phone.SetFocus(p == panelPhone)
	m.console.SetFocus(p == panelConsole)
	m.log.SetFocus(p == panelLog)
}

// switchPhone shows the next (or previous) phone.
func (m *Model) switchPhone(next bool) {
	n := len(m.snap.Phones)
	if n == 0 {
		return
	}
	i := m.phoneIndex()
	step := n - 1
	if next {
		step = 1
	}
	m.current = m.snap.Phones[(i+step)%n].Name
	m.showPhone()
}

// showPhone draws the current phone, and tells the console whose caches
// and user it shows.
func (m *Model) showPhone() {
	m.phone.SetPhone(m.snap, m.current)
	user := ""
	if i := m.phoneIndex(); i >= 0 {
		user = m.snap.Phones[i].User
	}
	m.console.SetPhone(m.current, user, m.caches[m.current])
}

// phoneIndex is the index of the phone shown, -1 if it is not there.
func (m *Model) phoneIndex() int {
	return slices.IndexFunc(m.snap.Phones, func(p engine.PhoneSnapshot) bool { return p.Name == m.current })
}

func (m *Model) tooSmall() bool { return m.width < minWidth || m.height < minHeight }

// minLogRows is the least height the event log is left: on the smallest
// screen the console takes more than half, so that the selected app's
// fetch section shows whole, and the log keeps a useful tail.
const minLogRows = 10

// layout gives each panel its share of the screen: the phone a fixed
// width, the console what it needs (at most half the height, or all but
// minLogRows when that is more), the log the rest.
func (m *Model) layout() {
	if m.tooSmall() {
		return
	}
	bodyH := m.height - 2
	rightW := m.width - phoneWidth
	ch := min(max(m.console.Rows()+2, 8), max(bodyH/2, bodyH-minLogRows))
	m.phone.SetSize(phoneWidth, bodyH)
	m.console.SetSize(rightW, ch)
	m.log.SetSize(rightW, bodyH-ch)
	m.fleet.SetSize(m.width, bodyH)
	m.timeline.SetSize(m.width, bodyH)
	m.helpBody = m.c.Styles.helpBody(m.helpSections(), m.width, bodyH)
	if m.form != nil {
		m.form.SetSize(m.width, m.height)
	}
}
