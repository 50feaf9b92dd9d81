package tui

import (
	"slices"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/x/ansi"
)

// helpSection is a titled group of keys in the full help.
type helpSection struct {
	title string
	keys  []key.Binding
}

// helpChrome is the lines of the help box around its keys: the borders,
// and the blank line and hint under them.
const helpChrome = 4

// helpBody lays every key out, section by section, in columns as short as
// h lines allow, or taller when that many columns would be wider than w:
// then the box scrolls (helpBox) rather than hiding keys past its edge.
func (s *Styles) helpBody(sections []helpSection, w, h int) []string {
	var blocks [][]string
	total := 0
	for _, sec := range sections {
		b := s.helpBlock(sec)
		blocks = append(blocks, b)
		total += len(b) + 1
	}
	for rows := max(h-helpChrome, 1); ; rows++ {
		lines := helpColumns(blocks, rows)
		if ansi.StringWidth(lines[0]) <= w-2 || rows >= total {
			return lines
		}
	}
}

// helpColumns puts blocks side by side, in columns of at most maxRows
// lines (a block longer than that gets a column of its own).
func helpColumns(blocks [][]string, maxRows int) []string {
	var cols [][]string
	var col []string
	for _, b := range blocks {
		if len(col) > 0 && len(col)+1+len(b) > maxRows {
			cols, col = append(cols, col), nil
		}
		if len(col) > 0 {
			col = append(col, "")
		}
		col = append(col, b...)
	}
	cols = append(cols, col)

	rows := 0
	widths := make([]int, len(cols))
	for i, c := range cols {
		rows = max(rows, len(c))
		for _, l := range c {
			widths[i] = max(widths[i], ansi.StringWidth(l))
		}
	}
	lines := make([]string, rows)
	for i, c := range cols {
		for r := range lines {
			cell := ""
			if r < len(c) {
				cell = c[r]
			}
			lines[r] += " " + fit(cell, widths[i]) + "  "
		}
	}
	return lines
}

// helpBox draws the help's body in a box at most w×h, from line top on
// when it is taller than the box. It returns the top it used, brought
// within range.
func (s *Styles) helpBox(body []string, top, w, h int, scrollKeys []key.Binding) ([]string, int) {
	rows := max(h-helpChrome, 1)
	top = max(min(top, len(body)-rows), 0)
	view := body[top:min(top+rows, len(body))]
	hint := "esc or ? closes this help"
	if len(body) > rows {
		hint = helpKeys(scrollKeys) + " scroll · " + hint
	}
	inner := min(ansi.StringWidth(body[0]), w-2)
	lines := append(slices.Clip(view), "", center(s.Dim.Render(hint), inner))
	return s.panelBox("All keys", fitLines(lines, inner, len(lines)), inner+2, min(len(lines)+2, h), true), top
}

// helpKeys names keys the way the help shows them: "↑/k ↓/j".
func helpKeys(bs []key.Binding) string {
	var out string
	for i, b := range bs {
		if i > 0 {
			out += " "
		}
		out += b.Help().Key
	}
	return out
}

// helpBlock is one section: its title, then a key and what it does per
// line, the keys aligned.
func (s *Styles) helpBlock(sec helpSection) []string {
	kw := 0
	for _, b := range sec.keys {
		kw = max(kw, ansi.StringWidth(b.Help().Key))
	}
	lines := []string{s.HelpSection.Render(sec.title)}
	for _, b := range sec.keys {
		h := b.Help()
		lines = append(lines, s.HelpKey.Render(fit(h.Key, kw))+"  "+s.HelpDesc.Render(h.Desc))
	}
	return lines
}

// flatten joins help groups into one.
func flatten(groups [][]key.Binding) []key.Binding {
	return slices.Concat(groups...)
}
