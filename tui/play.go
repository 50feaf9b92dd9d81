package tui

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/mattn/go-runewidth"

	"miniphone/engine"
	"miniphone/engine/scenario"
)

// Play is miniphone play: a scenario beside the phone it drives, played a
// step at a time (n), or on its own with a delay between steps (space),
// and stepped back (p). A pause step shows its caption over the screen
// until a key; expectations show ✓ or ✗ where they are written, and a
// failure does not stop the show.
type Play struct {
	c             *Common
	script        *scenario.Script
	width, height int

	// player belongs to the command under way while busy, to Update
	// otherwise: never two at once.
	player *scenario.Player
	busy   bool

	running bool
	delay   int // index into playDelays
	gen     int // tells a run's ticks from those of a run paused since
	caption string
	err     error // the player could not start its platform again

	snap     engine.Snapshot
	current  string   // the phone the steps act on
	failures []string // per step played: how it failed, "" held

	phone  *Phone
	log    *EventLog
	help   help.Model
	header string
	footer string
	steps  []string // the scenario panel, drawn
}

// playDelays are the delays between steps while running.
var playDelays = []time.Duration{250 * time.Millisecond, 500 * time.Millisecond, time.Second, 2 * time.Second, 4 * time.Second}

// NewPlay is the player of script, before its first step.
func NewPlay(script *scenario.Script, player *scenario.Player) *Play {
	runewidth.DefaultCondition.EastAsianWidth = false // as in New: box drawing is one cell
	c := &Common{Styles: DefaultStyles(), Keys: DefaultKeyMap()}
	m := &Play{c: c, script: script, player: player, delay: 2, phone: newPhone(c), log: newEventLog(c), help: help.New()}
	m.phone.SetFocus(true)
	m.apply(m.read(false, 0))
	return m
}

// RunPlay plays a scenario file in the terminal until the user quits.
func RunPlay(script *scenario.Script, opts ...tea.ProgramOption) error {
	_, err := tea.NewProgram(NewPlay(script, scenario.NewPlayer(script)), opts...).Run()
	return err
}

// playedMsg is the world after a command of the player.
type playedMsg struct {
	snap     engine.Snapshot
	phone    string
	events   []engine.Event // the whole transcript when rewound, else the new lines
	rewound  bool
	failures []string
	caption  string // the caption of the pause step just played
	err      error
}

type playTickMsg int

// read pictures the player's world; it runs where the player is owned.
func (m *Play) read(rewound bool, seen int) playedMsg {
	w := m.player.World()
	msg := playedMsg{snap: w.Snapshot(), phone: m.player.Phone(), rewound: rewound,
		failures: append([]string(nil), m.player.Failures...)}
	from := seen // the lines the log has
	if rewound {
		from = 0
	}
	msg.events = w.Transcript(from)
	return msg
}

// command runs act on the player away from Update, and brings the world
// back.
func (m *Play) command(act func(p *scenario.Player) (caption string, rewound bool, err error)) tea.Cmd {
	if m.busy {
		return nil
	}
	m.busy = true
	seen := m.log.total // read here: the command runs away from Update
	return func() tea.Msg {
		caption, rewound, err := act(m.player)
		msg := m.read(rewound, seen)
		msg.caption, msg.err = caption, err
		return msg
	}
}

func (m *Play) next() tea.Cmd {
	if m.done() {
		m.running = false
		return nil
	}
	return m.command(func(p *scenario.Player) (string, bool, error) {
		st := m.script.Steps[p.Played()]
		p.Next()
		return st.Caption, false, nil
	})
}

func (m *Play) back() tea.Cmd {
	m.running = false
	return m.command(func(p *scenario.Player) (string, bool, error) { p.Back(); return "", true, nil })
}

func (m *Play) done() bool { return len(m.failures) >= len(m.script.Steps) }

// Init draws the scenario before its first step.
func (m *Play) Init() tea.Cmd { return nil }

// Update takes the keys and the player's answers.
func (m *Play) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.layout()
	case playedMsg:
		m.busy = false
		m.apply(msg)
		cmd = m.schedule()
	case playTickMsg:
		if int(msg) == m.gen && m.running && m.caption == "" {
			cmd = m.next()
		}
	case tea.KeyMsg:
		cmd = m.key(msg)
	}
	m.draw()
	return m, cmd
}

// schedule asks for the next step of a run after the delay.
func (m *Play) schedule() tea.Cmd {
	if !m.running || m.caption != "" || m.busy {
		return nil
	}
	if m.done() {
		m.running = false
		return nil
	}
	gen := m.gen
	return tea.Tick(playDelays[m.delay], func(time.Time) tea.Msg { return playTickMsg(gen) })
}

func (m *Play) key(k tea.KeyMsg) tea.Cmd {
	keys := m.c.Keys
	if k.Type == tea.KeyCtrlC || key.Matches(k, keys.Quit) {
		return tea.Quit
	}
	if m.caption != "" {
		// Any key closes the caption; a key of the player also does
		// what it says (space pauses the run there).
		m.caption = ""
		if !slices.ContainsFunc([]key.Binding{keys.PlayNext, keys.PlayBack, keys.PlayRun}, func(b key.Binding) bool { return key.Matches(k, b) }) {
			return m.schedule()
		}
	}
	switch {
	case key.Matches(k, keys.PlayNext):
		m.running = false
		return m.next()
	case key.Matches(k, keys.PlayBack):
		return m.back()
	case key.Matches(k, keys.PlayRun):
		m.running = !m.running
		m.gen++
		if m.running && !m.busy {
			return m.next()
		}
	case key.Matches(k, keys.PlayFaster):
		m.delay = max(m.delay-1, 0)
	case key.Matches(k, keys.PlaySlower):
		m.delay = min(m.delay+1, len(playDelays)-1)
	}
	return nil
}

// apply shows the world an answer brought.
func (m *Play) apply(msg playedMsg) {
	m.snap, m.current, m.failures, m.err = msg.snap, msg.phone, msg.failures, msg.err
	m.caption = msg.caption
	if msg.rewound {
		m.log = newEventLog(m.c)
		m.layout()
	}
	m.log.SetChoices(msg.snap)
	m.log.Append(msg.events)
	m.phone.SetPhone(msg.snap, m.current)
}

// layout: the phone on the left, the scenario above the event log on the
// right.
func (m *Play) layout() {
	if m.width < minWidth || m.height < minHeight {
		return
	}
	bodyH := m.height - 2
	m.phone.SetSize(phoneWidth, bodyH)
	m.log.SetSize(m.width-phoneWidth, bodyH-m.scenarioHeight())
}

func (m *Play) scenarioHeight() int { return (m.height - 2) * 3 / 5 }

func (m *Play) draw() {
	if m.width < minWidth || m.height < minHeight {
		return
	}
	s := m.c.Styles
	state := "⏸ paused"
	if m.running {
		state = "▶ running"
	}
	left := s.Header.Render(" miniphone play ") + " " + s.HeaderClock.Render(engine.FormatElapsed(m.snap.Elapsed)) + "  " +
		s.HeaderClock.Render(fmt.Sprintf("%s · %s a step", state, playDelays[m.delay]))
	m.header = spread(left, s.HeaderDim.Render(fmt.Sprintf("step %d/%d ", len(m.failures), len(m.script.Steps))), m.width)
	keys := m.c.Keys
	bs := []key.Binding{keys.PlayNext, keys.PlayRun, keys.PlayBack, keys.PlayFaster, keys.PlaySlower, keys.Quit}
	notice := ""
	switch {
	case m.err != nil:
		notice = s.NoticeError.Render(" "+m.err.Error()+" ") + " "
	case m.caption != "":
		notice = s.Notice.Render(" any key goes on ") + " "
	case m.done():
		notice = s.Notice.Render(" the end: p steps back ") + " "
	}
	m.help.Width = max(m.width-ansi.StringWidth(notice)-1, 0)
	m.footer = fit(notice+" "+m.help.ShortHelpView(bs), m.width)
	m.steps = m.scenarioPanel(m.width-phoneWidth, m.scenarioHeight())
}

// scenarioPanel draws the steps: the next one marked ▸, each played
// expectation (and each step that found nothing to act on) ✓ or ✗, and
// under them the last failure's message.
func (m *Play) scenarioPanel(w, h int) []string {
	s := m.c.Styles
	iw, ih := w-2, h-2
	next := len(m.failures)
	var rows []string
	lastFail := ""
	for i, st := range m.script.Steps {
		mark := "  "
		if i < next {
			switch {
			case m.failures[i] != "":
				mark, lastFail = "✗ ", m.failures[i]
			case st.Expectation():
				mark = "✓ "
			}
		}
		row := fmt.Sprintf("%4d %s%s", st.Line, mark, st.Text)
		switch {
		case i == next:
			rows = append(rows, "▸"+s.Selected.Render(clip(row, iw-1)))
		case i < next && m.failures[i] != "":
			rows = append(rows, " "+s.Error.Render(clip(row, iw-1)))
		case i < next:
			rows = append(rows, " "+s.Dim.Render(clip(row, iw-1)))
		default:
			rows = append(rows, " "+clip(row, iw-1))
		}
	}
	var foot []string
	if lastFail != "" {
		foot = []string{s.Error.Render(clip("✗ "+oneLine(lastFail), iw))}
	}
	room := max(ih-len(foot), 1)
	// Keep the next step in sight, a third of the way down.
	top := max(min(next-room/3, len(rows)-room), 0)
	body := append(fitLines(rows[top:min(top+room, len(rows))], iw, room), foot...)
	return s.panelBox("Scenario · "+m.script.File, body, w, h, false)
}

// View joins the panels, with the caption over them.
func (m *Play) View() string {
	if m.width < minWidth || m.height < minHeight {
		return fmt.Sprintf("miniphone play needs a terminal of at least %d×%d", minWidth, minHeight)
	}
	right := append(append([]string(nil), m.steps...), m.log.lines...)
	lines := []string{m.header}
	phone := m.phone.lines
	if len(m.snap.Phones) == 0 {
		phone = m.noPhone()
	}
	for i, l := range phone {
		lines = append(lines, l+right[i])
	}
	lines = append(lines, m.footer)
	if m.caption != "" {
		lines = overlayCenter(lines, m.captionBox())
	}
	return strings.Join(lines, "\n")
}

// noPhone stands for the phone before the step that adds it.
func (m *Play) noPhone() []string {
	s := m.c.Styles
	h := m.height - 2
	lines := make([]string, (h-2)/2)
	lines = append(lines, center(s.Dim.Render("no phone yet: a phone step adds one"), phoneWidth-2))
	return s.panelBox("1 Phone", fitLines(lines, phoneWidth-2, h-2), phoneWidth, h, true)
}

// captionBox is a pause step's caption, broken to fit the screen.
func (m *Play) captionBox() []string {
	s := m.c.Styles
	inner := min(60, m.width-8)
	var lines []string
	for _, para := range strings.Split(m.caption, `\n`) {
		lines = append(lines, wrap(para, inner)...)
	}
	lines = append(lines, "", s.Dim.Render(center("any key goes on", inner)))
	return s.panelBox("⏸", fitLines(lines, inner, len(lines)), inner+2, len(lines)+2, true)
}
