package tui

import (
	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// Form is a small dialog of text fields (add a phone, set a rollout…). It
// owns the keyboard while open: what is typed goes into the fields, not to
// the panels' keys. Enter applies it through submit, which queues the
// action; the answer comes back like any other, so a refusal shows where
// the action's panel shows answers.
type Form struct {
	c             *Common
	title         string
	labels        []string
	inputs        []textinput.Model
	focus         int
	submit        func(values []string)
	note          string // a hint under the fields
	width, height int
	closed        bool
}

// field is one text field of a form: its label and starting value.
type field struct {
	label, value string
}

func newForm(c *Common, title string, fields []field, submit func(values []string)) *Form {
	f := &Form{c: c, title: title, submit: submit}
	for _, fd := range fields {
		in := textinput.New()
		in.Prompt = ""
		in.SetValue(fd.value)
		// A blinking cursor would make every frame differ; a still one
		// shows where typing goes just as well.
		in.Cursor.SetMode(cursor.CursorStatic)
		f.labels = append(f.labels, fd.label)
		f.inputs = append(f.inputs, in)
	}
	f.inputs[0].Focus()
	return f
}

// withNote adds a hint under the fields, for fields whose meaning depends
// on each other (a value read by its kind).
func (f *Form) withNote(note string) *Form {
	f.note = note
	return f
}

// Init does nothing: the cursor does not blink.
func (f *Form) Init() tea.Cmd { return nil }

// SetSize is the space the form is centred in.
func (f *Form) SetSize(w, h int) {
	f.width, f.height = w, h
	for i := range f.inputs {
		f.inputs[i].Width = f.inputWidth()
	}
}

// Closed reports whether the form was applied or cancelled.
func (f *Form) Closed() bool { return f.closed }

// Update takes every key while the form is open.
func (f *Form) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return f, nil
	}
	keys := f.c.Keys
	switch {
	case key.Matches(k, keys.CancelForm):
		f.closed = true
	case key.Matches(k, keys.Submit):
		values := make([]string, len(f.inputs))
		for i, in := range f.inputs {
			values[i] = in.Value()
		}
		f.closed = true
		f.submit(values)
	case key.Matches(k, keys.NextField):
		f.move(1)
	case key.Matches(k, keys.PrevField):
		f.move(len(f.inputs) - 1)
	default:
		var cmd tea.Cmd
		f.inputs[f.focus], cmd = f.inputs[f.focus].Update(k)
		return f, cmd
	}
	return f, nil
}

func (f *Form) move(by int) {
	f.inputs[f.focus].Blur()
	f.focus = (f.focus + by) % len(f.inputs)
	f.inputs[f.focus].Focus()
}

// boxWidth is the form's width: enough for a version or a name, never
// wider than the screen.
func (f *Form) boxWidth() int { return min(60, f.width-4) }

func (f *Form) labelWidth() int {
	w := 0
	for _, l := range f.labels {
		w = max(w, ansi.StringWidth(l))
	}
	return w
}

func (f *Form) inputWidth() int { return max(f.boxWidth()-f.labelWidth()-7, 1) }

// Lines draws the form, to be laid over the screen.
func (f *Form) Lines() []string {
	s := f.c.Styles
	iw := f.boxWidth() - 2
	lw := f.labelWidth()
	lines := []string{""}
	for i, in := range f.inputs {
		label, marker := s.FormLabel, "  "
		if i == f.focus {
			label, marker = s.FormLabelFocused, "▸ "
		}
		pad := spaces(lw - ansi.StringWidth(f.labels[i]))
		lines = append(lines, fit(marker+label.Render(f.labels[i])+pad+"  "+in.View(), iw))
	}
	if f.note != "" {
		lines = append(lines, "")
		for _, l := range wrap(f.note, iw-4) {
			lines = append(lines, s.Dim.Render(fit("  "+l, iw)))
		}
	}
	lines = append(lines, "", s.Dim.Render(fit("  enter apply · tab next field · esc cancel", iw)))
	return s.panelBox(f.title, fitLines(lines, iw, len(lines)), f.boxWidth(), len(lines)+2, true)
}

// View draws the form alone.
func (f *Form) View() string { return joinLines(f.Lines()) }

// ShortHelp is the form's keys.
func (f *Form) ShortHelp() []key.Binding {
	k := f.c.Keys
	return []key.Binding{k.NextField, k.Submit, k.CancelForm}
}

// FullHelp is the form's keys.
func (f *Form) FullHelp() [][]key.Binding {
	return [][]key.Binding{f.c.Keys.formKeys()}
}
