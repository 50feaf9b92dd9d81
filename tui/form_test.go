package tui

import (
	"errors"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"miniphone/engine"
)

// TestFormKeepsValuesOnRefusal: a value the engine refuses keeps the form
// open, every value as typed and the reason under the field it names;
// correcting that one field is enough.
func TestFormKeepsValuesOnRefusal(t *testing.T) {
	h := start(t, 120, 40)
	h.press("a", "tab")
	h.typeText("ann")
	h.press("tab", "tab")
	h.typeText("X") // replaces the selected 3.6.0
	h.press("enter")
	screen := h.waitFor(`✗ base library: version "X" is not a`, "Add a phone")
	for _, want := range []string{"name          phone2", "user          ann", "client        8.0.50", "▸ base library  X  ← typing replaces", "network       wifi"} {
		if !strings.Contains(screen, want) {
			t.Errorf("the form lost %q:\n%s", want, screen)
		}
	}
	if strings.Contains(h.footerOf(screen), "not a number") {
		t.Errorf("the refusal shows in the footer as well as in the form:\n%s", screen)
	}

	h.typeText("1.9.0")
	h.press("enter")
	h.waitFor("added phone phone2", "[phone2]", "user ann · client 8.0.50 · base 1.9.0")
}

// TestEditFormRefusal: in the phone's edit form, an unknown network keeps
// the form open with the reason under the network field.
func TestEditFormRefusal(t *testing.T) {
	h := start(t, 120, 40)
	h.press("e", "tab", "tab", "tab")
	h.typeText("foo")
	h.press("enter")
	screen := h.waitFor("Edit phone", "▸ network       foo", `✗ unknown network "foo"`)
	if i, j := strings.Index(screen, "▸ network"), strings.Index(screen, "✗ unknown network"); j < i {
		t.Errorf("the reason is not under the network field:\n%s", screen)
	}
	h.press("esc")
	if screen := h.waitFor("┏━ 1 Phone"); strings.Contains(screen, "Edit phone") {
		t.Errorf("esc did not close the form:\n%s", screen)
	}
}

// footerOf is the last line of a screen.
func (h *harness) footerOf(screen string) string {
	return screen[strings.LastIndex(screen, "\n")+1:]
}

// testForm is a form of the given fields that nothing applies.
func testForm(fields ...field) *Form {
	c := &Common{Styles: DefaultStyles(), Keys: DefaultKeyMap()}
	f := newForm(c, "test", fields, func([]string) {})
	f.SetSize(100, 30)
	return f
}

// TestFormEditing: a pre-filled field is selected when it gets the focus,
// so that typing replaces it; ←/→ keep the value and edit it; ctrl+u
// clears the field; the cursor shows where typing goes.
func TestFormEditing(t *testing.T) {
	runes := func(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }
	for _, tc := range []struct {
		name string
		keys []tea.KeyMsg
		want string // the field as drawn, trailing spaces cut
	}{
		{"selected", nil, "3.6.0  ← typing replaces"},
		{"typing replaces", []tea.KeyMsg{runes("1"), runes(".9")}, "1.9▏"},
		{"backspace clears", []tea.KeyMsg{{Type: tea.KeyBackspace}}, "▏"},
		{"right edits at the end", []tea.KeyMsg{{Type: tea.KeyRight}, runes("1")}, "3.6.01▏"},
		{"left edits at the start", []tea.KeyMsg{{Type: tea.KeyLeft}, runes("1")}, "1▏3.6.0"},
		{"ctrl+u clears", []tea.KeyMsg{{Type: tea.KeyRight}, {Type: tea.KeyCtrlU}, runes("2")}, "2▏"},
		{"tab back selects again", []tea.KeyMsg{runes("7"), {Type: tea.KeyTab}, {Type: tea.KeyTab}}, "7  ← typing replaces"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := testForm(field{"base", "3.6.0"}, field{"user", ""})
			for _, k := range tc.keys {
				f.Update(k)
			}
			if got := strings.TrimRight(f.fieldView(0, 30), " "); got != tc.want {
				t.Errorf("field = %q, want %q", got, tc.want)
			}
		})
	}
}

// TestFieldViewLong: a value longer than its field keeps the cursor in
// sight, cut with "…" where it is cut, and exactly as wide as the field.
func TestFieldViewLong(t *testing.T) {
	url := "https://weather.example/forecast/beijing"
	for _, tc := range []struct {
		pos  int
		want string
	}{
		{len(url), "…ast/beijing▏"},
		{0, "▏https://wea…"},
		{8, "https://▏wea…"},
		{20, "…er.exam▏ple…"},
	} {
		f := testForm(field{"URL", url})
		f.Update(tea.KeyMsg{Type: tea.KeyRight})
		f.inputs[0].SetCursor(tc.pos)
		got := f.fieldView(0, 13)
		if ansi.StringWidth(got) != 13 || got != tc.want {
			t.Errorf("cursor at %d: %q (%d cells), want %q", tc.pos, got, ansi.StringWidth(got), tc.want)
		}
	}
}

// TestBlame: a refusal is shown under the field its message names first.
func TestBlame(t *testing.T) {
	f := testForm(field{"name", ""}, field{"user", ""}, field{"client", ""}, field{"base library", ""}, field{"network", ""})
	for _, tc := range []struct {
		err  string
		want int
	}{
		{`base library: version "X" is not a number`, 3},
		{`unknown network "foo" (want wifi, 4g, 3g, 2g or offline)`, 4},
		{`client: version "8": too short`, 2},
		{`a phone needs a name`, 0},
		{`usernames are not checked`, -1}, // "user" inside a longer word
		{`phone "p" already exists`, -1},
	} {
		if got := f.blame(errors.New(tc.err)); got != tc.want {
			t.Errorf("blame(%q) = %d, want %d", tc.err, got, tc.want)
		}
	}
	if got := testForm(field{"percent", ""}).blame(errors.New("must be 0 to 100")); got != 0 {
		t.Errorf("a one-field form blames field %d", got)
	}
}

// TestFormIgnoresOthersAnswers: an answer that is not the form's (a key
// pressed before the form opened) neither closes it nor shows in it.
func TestFormIgnoresOthersAnswers(t *testing.T) {
	m := New(newWorld(t), Paused())
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	m.Update(frameMsg{snap: engine.Snapshot{Phones: []engine.PhoneSnapshot{{Name: DefaultPhone}}}})
	m.Update(keyMsg("a"))
	if m.form == nil {
		t.Fatal("a did not open the form")
	}
	m.Update(outcomeMsg{by: panelPhone, err: errors.New("no phone")})
	if m.form == nil || m.form.errs != nil {
		t.Errorf("another action's answer reached the form: %v", m.form)
	}
	m.Update(outcomeMsg{by: panelPhone, form: m.form.id})
	if m.form != nil {
		t.Error("the form's own answer did not close it")
	}
}
