package tui

import tea "github.com/charmbracelet/bubbletea"

// pane is what the panels of the screen share: a size, whether they hold
// the keyboard, and the lines they last drew, which View only joins. Each
// panel sets draw to its own drawing, run on every change.
type pane struct {
	width, height int
	focused       bool
	lines         []string
	draw          func()
}

// Init does nothing: panels draw what the backend reports.
func (p *pane) Init() tea.Cmd { return nil }

// SetSize lays the panel out again.
func (p *pane) SetSize(w, h int) {
	p.width, p.height = w, h
	p.draw()
}

// SetFocus tells the panel whether it holds the keyboard.
func (p *pane) SetFocus(on bool) {
	p.focused = on
	p.draw()
}

// View is the lines last drawn.
func (p *pane) View() string { return joinLines(p.lines) }

// inner is the room inside the border. With less than minH rows there is
// no room to draw anything sensible: the pane is then blank and ok false.
func (p *pane) inner(minH int) (w, h int, ok bool) {
	if p.width < 4 || p.height < minH {
		p.lines = fitLines(nil, p.width, p.height)
		return 0, 0, false
	}
	return p.width - 2, p.height - 2, true
}

// box draws lines inside the pane's border, titled.
func (p *pane) box(s *Styles, title string, lines []string) {
	p.lines = s.panelBox(title, lines, p.width, p.height, p.focused)
}
