package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// Form is a small dialog of text fields (add a phone, set a rollout…). It
// owns the keyboard while open: what is typed goes into the fields, not to
// the panels' keys. Enter applies it through submit, which queues the
// action, and the form waits for the answer: a success closes it, a
// refusal keeps it open with the values as typed and the reason under the
// field it names, so that fixing one field does not mean typing them all
// again.
type Form struct {
	c             *Common
	id            int // tags the answer to its action (Backend.asForm)
	title         string
	labels        []string
	inputs        []textinput.Model
	focus         int
	submit        func(values []string)
	note          string // a hint under the fields
	width, height int
	closed        bool

	// selected is whether the focused field's whole value is selected, as
	// when a field is entered in a desktop dialog: the first character
	// typed replaces a pre-filled value instead of being appended to it.
	selected bool
	pending  bool       // applied, waiting for the answer
	errs     []fieldErr // the refusal of the last apply, every reason it gave
}

// fieldErr is one reason of a refusal and the field it names, -1 for none.
type fieldErr struct {
	err   error
	field int
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
		// The form draws its own cursor (fieldView); a blinking one would
		// only send messages.
		in.Cursor.SetMode(cursor.CursorStatic)
		f.labels = append(f.labels, fd.label)
		f.inputs = append(f.inputs, in)
	}
	f.focusField(0)
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
func (f *Form) SetSize(w, h int) { f.width, f.height = w, h }

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
	case f.pending: // the answer is on its way: the values stay as applied
	case key.Matches(k, keys.Submit):
		f.apply()
	case key.Matches(k, keys.NextField):
		f.focusField(f.focus + 1)
	case key.Matches(k, keys.PrevField):
		f.focusField(f.focus + len(f.inputs) - 1)
	case key.Matches(k, keys.ClearField):
		f.inputs[f.focus].SetValue("")
		f.selected = false
	default:
		return f, f.edit(k)
	}
	return f, nil
}

// edit gives a key to the focused field. On a selected value, typing (or
// deleting) replaces it, and ←/→ go to its start or end, as in a desktop
// text field.
func (f *Form) edit(k tea.KeyMsg) tea.Cmd {
	in := &f.inputs[f.focus]
	if f.selected {
		f.selected = false
		switch k.Type {
		case tea.KeyRunes, tea.KeySpace:
			in.SetValue("")
		case tea.KeyBackspace, tea.KeyDelete:
			in.SetValue("")
			return nil
		case tea.KeyLeft, tea.KeyHome:
			in.CursorStart()
			return nil
		case tea.KeyRight, tea.KeyEnd:
			in.CursorEnd()
			return nil
		}
	}
	var cmd tea.Cmd
	*in, cmd = in.Update(k)
	return cmd
}

// focusField moves the focus to field i (modulo their number), its value
// selected.
func (f *Form) focusField(i int) {
	f.inputs[f.focus].Blur()
	f.focus = i % len(f.inputs)
	in := &f.inputs[f.focus]
	in.Focus()
	in.CursorEnd()
	f.selected = in.Value() != ""
}

// apply queues the form's action with the values as typed, and waits for
// its answer. An action that queues nothing has nothing to wait for.
func (f *Form) apply() {
	values := make([]string, len(f.inputs))
	for i, in := range f.inputs {
		values[i] = in.Value()
	}
	f.pending, f.errs = true, nil
	if !f.c.Backend.asForm(f.id, func() { f.submit(values) }) {
		f.closed = true
	}
}

// Answered takes the answer to the form's action: a success closes the
// form; a refusal shows every reason it gave under the field each names,
// and the first field named gets the focus with its value selected, ready
// to be typed again.
func (f *Form) Answered(err error) {
	f.pending = false
	if err == nil {
		f.closed = true
		return
	}
	first := -1
	for _, e := range splitErrors(err) {
		fe := fieldErr{e, f.blame(e)}
		f.errs = append(f.errs, fe)
		if first < 0 || (fe.field >= 0 && fe.field < first) {
			first = fe.field
		}
	}
	if first >= 0 {
		f.focusField(first)
	}
}

// splitErrors lists the reasons of an errors.Join, or err alone.
func splitErrors(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// errorsOf are the reasons that name field i (-1: those that name none).
func (f *Form) errorsOf(i int) []error {
	var out []error
	for _, fe := range f.errs {
		if fe.field == i {
			out = append(out, fe.err)
		}
	}
	return out
}

// blame is the field an error names: the label its message mentions first,
// as a whole word ("base library: version …", "unknown network …",
// "percent must be …"), or -1 when it names none. In a form of one field
// every error is that field's.
func (f *Form) blame(err error) int {
	if len(f.labels) == 1 {
		return 0
	}
	msg := strings.ToLower(err.Error())
	best, at := -1, len(msg)
	for i, l := range f.labels {
		if j := wordIndex(msg, strings.ToLower(l)); j >= 0 && j < at {
			best, at = i, j
		}
	}
	return best
}

// wordIndex is the index of the first occurrence of word in s that is not
// part of a longer word, or -1.
func wordIndex(s, word string) int {
	// s is lower case; a byte of a multi-byte character is not a letter
	// here, which suits messages that quote Chinese values.
	isLetter := func(b byte) bool { return b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '_' }
	for from := 0; ; {
		i := strings.Index(s[from:], word)
		if i < 0 {
			return -1
		}
		i += from
		end := i + len(word)
		if (i == 0 || !isLetter(s[i-1])) && (end == len(s) || !isLetter(s[end])) {
			return i
		}
		from = i + 1
	}
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

// fieldIndent is where the values start: the marker, the widest label and
// two spaces.
func (f *Form) fieldIndent() int { return 2 + f.labelWidth() + 2 }

func (f *Form) inputWidth() int { return max(f.boxWidth()-2-f.fieldIndent(), 1) }

// formCursor is the cursor of the focused field. It is a glyph rather than
// reverse video, so that it shows without colour too (NO_COLOR, goldens).
const formCursor = "▏"

// selectedHint follows a selected value when there is room: what the
// selection means is not obvious to everyone.
const selectedHint = "  ← typing replaces"

// fieldView draws field i in w cells: the focused field with its cursor,
// or its value selected; the others as they are. A value too long for the
// field is cut with "…", around the cursor when it has one.
func (f *Form) fieldView(i, w int) string {
	s := f.c.Styles
	in := f.inputs[i]
	v := oneLine(in.Value()) // one rune for one: the cursor's position holds
	switch {
	case i != f.focus:
		return clip(v, w)
	case f.selected:
		v = ansi.Truncate(v, w, "…")
		out := s.Selected.Render(v)
		if ansi.StringWidth(v)+ansi.StringWidth(selectedHint) <= w {
			out += s.Dim.Render(selectedHint)
		}
		return fit(out, w)
	}
	runes := []rune(v)
	pos := min(in.Position(), len(runes))
	before, after := string(runes[:pos]), string(runes[pos:])
	room := w - 1 // the cursor takes a cell
	bw, aw := ansi.StringWidth(before), ansi.StringWidth(after)
	if bw+aw > room {
		// Keep the cursor in sight: after it, up to a third of the field
		// (all of it at the start), before it the rest.
		aw = min(aw, max(room/3, room-bw))
		after = ansi.Truncate(after, aw, "…")
		if cut := bw - (room - ansi.StringWidth(after)); cut > 0 {
			before = ansi.TruncateLeft(before, cut+1, "…")
		}
	}
	return fit(before+s.Cursor.Render(formCursor)+after, w)
}

// Lines draws the form, to be laid over the screen.
func (f *Form) Lines() []string {
	s := f.c.Styles
	iw := f.boxWidth() - 2
	lw, fw := f.labelWidth(), f.inputWidth()
	lines := []string{""}
	for i := range f.inputs {
		label, marker := s.FormLabel, "  "
		if i == f.focus {
			label, marker = s.FormLabelFocused, "▸ "
		}
		pad := spaces(lw - ansi.StringWidth(f.labels[i]))
		lines = append(lines, fit(marker+label.Render(f.labels[i])+pad+"  "+f.fieldView(i, fw), iw))
		lines = append(lines, f.errLines(f.errorsOf(i), f.fieldIndent(), iw)...)
	}
	if errs := f.errorsOf(-1); len(errs) > 0 {
		lines = append(lines, "")
		lines = append(lines, f.errLines(errs, 2, iw)...)
	}
	if f.note != "" {
		lines = append(lines, "")
		for _, l := range wrap(f.note, iw-4) {
			lines = append(lines, s.Dim.Render(fit("  "+l, iw)))
		}
	}
	hint := "  enter apply · tab next field · ctrl+u clear · esc cancel"
	if f.pending {
		hint = "  applying…"
	}
	lines = append(lines, "", s.Dim.Render(fit(hint, iw)))
	return s.panelBox(f.title, fitLines(lines, iw, len(lines)), f.boxWidth(), len(lines)+2, true)
}

// errLines are reasons of a refusal, in red, each wrapped from column
// indent of w cells.
func (f *Form) errLines(errs []error, indent, w int) []string {
	var out []string
	for _, err := range errs {
		for _, l := range wrap("✗ "+oneLine(err.Error()), w-indent) {
			out = append(out, spaces(indent)+f.c.Styles.Error.Render(fit(l, w-indent)))
		}
	}
	return out
}

// View draws the form alone.
func (f *Form) View() string { return joinLines(f.Lines()) }

// ShortHelp is the form's keys.
func (f *Form) ShortHelp() []key.Binding {
	k := f.c.Keys
	return []key.Binding{k.NextField, k.Submit, k.ClearField, k.CancelForm}
}

// FullHelp is the form's keys.
func (f *Form) FullHelp() [][]key.Binding {
	return [][]key.Binding{f.c.Keys.formKeys()}
}
