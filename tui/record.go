package tui

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"miniphone/engine"
	"miniphone/engine/tape"
)

// The TUI's side of recording: --record and the record key write the
// session to a file as scenario steps (see package tape), and the
// expectation key adds a check of what the phone shows now.

// DefaultRecording is the file the record key suggests.
const DefaultRecording = "session.tape"

// StartRecording writes the session so far to path, and every step from
// now on, until the user stops it or quits.
func (b *Backend) StartRecording(path string) error {
	var err error
	b.session.Do(func(*engine.World) { err = b.rec.Start(path) })
	return err
}

// finishRecording writes the phone time since the last step and closes
// the file, if the world answers within finishWait: quitting never waits
// for a world deep in a runaway callback, and every step is on disk
// already.
func (b *Backend) finishRecording() {
	done := make(chan struct{})
	go func() {
		b.session.Do(func(w *engine.World) { b.rec.Stop(w) })
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(finishWait):
	}
}

const finishWait = time.Second

// recordTo starts or stops recording, as a job: in order with the actions
// queued before it.
func (b *Backend) recordTo(path string, on bool) {
	b.enqueue(func() tea.Msg {
		var err error
		b.session.Do(func(w *engine.World) {
			if on {
				err = b.rec.Start(path)
			} else {
				path, err = b.rec.Recording(), b.rec.Stop(w)
			}
		})
		switch {
		case err != nil:
			return outcomeMsg{err: fmt.Errorf("recording: %w", err)}
		case on:
			return outcomeMsg{text: "recording to " + path}
		}
		return outcomeMsg{text: "recording stopped: " + path + " (miniphone run " + path + " replays it)"}
	})
}

// expectChoicesMsg brings what the shown phone can be expected to show,
// for the user to choose one.
type expectChoicesMsg struct {
	phone   string
	choices []tape.Step
}

// expectations reads the phone for the checks that hold now: the open
// modal, the version of the app in front, each line of the screen.
func (b *Backend) expectations(phone string) {
	b.enqueue(func() tea.Msg {
		msg := expectChoicesMsg{phone: phone}
		b.session.Do(func(w *engine.World) {
			p, ok := w.Phone(phone)
			if !ok {
				return
			}
			if m := p.OpenModal(); m != nil {
				msg.choices = append(msg.choices, tape.ExpectModal(firstNonEmpty(m.Content, m.Title)))
			}
			for _, ps := range w.Snapshot().Phones {
				if ps.Name != phone || ps.Page == nil {
					continue
				}
				if v, err := p.Version(ps.Page.AppID); err == nil {
					msg.choices = append(msg.choices, tape.ExpectVersion(ps.Page.AppID, v))
				}
			}
			for _, l := range strings.Split(p.ScreenText(), "\n") {
				if l = strings.TrimSpace(l); l != "" {
					msg.choices = append(msg.choices, tape.ExpectScreen(l))
				}
			}
		})
		return msg
	})
}

// expect records a check on the phone, at the phone time it was chosen.
func (b *Backend) expect(phone string, s tape.Step) {
	b.enqueue(func() tea.Msg {
		b.session.Do(func(w *engine.World) { b.rec.Act(w, w.Elapsed(), phone, s) })
		return outcomeMsg{text: "recorded: " + s.String()}
	})
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}

// recordKey answers the record key: a form for the file when not
// recording, or the end of the recording.
func (m *Model) recordKey() {
	if m.recording != "" {
		m.c.Backend.recordTo("", false)
		return
	}
	m.c.OpenForm(newForm(m.c, "Record the session to", []field{{"file", DefaultRecording}}, func(v []string) {
		m.c.Backend.recordTo(m.c.path(strings.TrimSpace(v[0])), true)
	}).withNote("the whole session from its start, then every step as you go"))
}

// Picker is a list to choose one line from, over the screen: the
// expectation to record.
type Picker struct {
	c        *Common
	title    string
	items    []string
	selected int
	pick     func(i int)
	closed   bool
}

func (p *Picker) Update(k tea.KeyMsg) {
	keys := p.c.Keys
	n := len(p.items)
	switch {
	case key.Matches(k, keys.CancelForm):
		p.closed = true
	case key.Matches(k, keys.Up):
		p.selected = (p.selected + n - 1) % n
	case key.Matches(k, keys.Down):
		p.selected = (p.selected + 1) % n
	case key.Matches(k, keys.Submit):
		p.pick(p.selected)
		p.closed = true
	}
}

// Lines draws the picker in a box at most w wide and h high, the
// selected line kept in sight.
func (p *Picker) Lines(w, h int) []string {
	inner := min(72, w-4)
	rows := max(min(len(p.items), h-6), 1)
	top := max(min(p.selected-rows/2, len(p.items)-rows), 0)
	var lines []string
	for i := top; i < min(top+rows, len(p.items)); i++ {
		if i == p.selected {
			lines = append(lines, "▸ "+p.c.Styles.Selected.Render(clip(p.items[i], inner-2)))
		} else {
			lines = append(lines, "  "+clip(p.items[i], inner-2))
		}
	}
	lines = append(lines, "", p.c.Styles.Dim.Render(clip("↑/↓ choose · enter records it · esc cancels", inner)))
	return p.c.Styles.panelBox(p.title, fitLines(lines, inner, len(lines)), inner+2, len(lines)+2, true)
}

// openExpectations lays the picker of the phone's checks over the screen.
func (m *Model) openExpectations(msg expectChoicesMsg) {
	if len(msg.choices) == 0 {
		m.notice, m.noticeErr = "nothing on "+msg.phone+"'s screen to expect", true
		return
	}
	items := make([]string, len(msg.choices))
	for i, s := range msg.choices {
		items[i] = s.String()
	}
	m.picker = &Picker{c: m.c, title: "Record an expectation of what " + msg.phone + " shows", items: items,
		pick: func(i int) { m.c.Backend.expect(msg.phone, msg.choices[i]) }}
}

// recordingMark is the header's sign of a recording under way.
func (m *Model) recordingMark() string {
	if m.recording == "" {
		return ""
	}
	return m.c.Styles.NoticeError.Render("● REC") + " "
}
