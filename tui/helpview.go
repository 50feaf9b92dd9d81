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

// helpBox draws every key, section by section, in as many columns as it
// takes to fit h lines; w bounds its width.
func (s *Styles) helpBox(sections []helpSection, w, h int) []string {
	var blocks [][]string
	for _, sec := range sections {
		blocks = append(blocks, s.helpBlock(sec))
	}
	maxRows := max(h-4, 1) // borders and the closing hint
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
	inner := min(ansi.StringWidth(lines[0]), w-2)
	lines = append(lines, "", center(s.Dim.Render("esc or ? closes this help"), inner))
	return s.panelBox("All keys", fitLines(lines, inner, len(lines)), inner+2, min(len(lines)+2, h), true)
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
