package tui

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

// Borders are drawn by hand rather than with lipgloss's Border because the
// panels need a title inside the top edge and an exact size whatever the
// content; both are a few string operations.

var (
	roundBorder = lipgloss.RoundedBorder()
	thickBorder = lipgloss.ThickBorder()
)

// panelBox draws lines in a w×h panel with title in its top edge. The
// focused panel has a thick border, visible without colour.
func (s *Styles) panelBox(title string, lines []string, w, h int, focused bool) []string {
	border, edge, head := roundBorder, s.Border, s.PanelTitle
	if focused {
		border, edge, head = thickBorder, s.BorderFocused, s.PanelTitleFocused
	}
	return frame(border, edge, head.Render(" "+title+" "), lines, w, h)
}

// frame draws lines inside border, w×h cells in all, with title (already
// styled) in the top edge. Each line must be exactly w-2 cells wide (the
// panels draw them so, and the width tests hold them to it): measuring
// every line again here would be most of the cost of a frame.
func frame(b lipgloss.Border, edge lipgloss.Style, title string, lines []string, w, h int) []string {
	if w < 2 || h < 2 {
		return fitLines(nil, max(w, 0), max(h, 0))
	}
	iw := w - 2
	title = ansi.Truncate(title, max(iw-1, 0), "…")
	tw := ansi.StringWidth(title)
	out := make([]string, 0, h)
	top := edge.Render(b.TopLeft+b.Top) + title + edge.Render(strings.Repeat(b.Top, max(iw-1-tw, 0))+b.TopRight)
	if tw == 0 {
		top = edge.Render(b.TopLeft + strings.Repeat(b.Top, iw) + b.TopRight)
	}
	out = append(out, top)
	left, right := edge.Render(b.Left), edge.Render(b.Right)
	for _, l := range padLines(lines, iw, h-2) {
		out = append(out, left+l+right)
	}
	return append(out, edge.Render(b.BottomLeft+strings.Repeat(b.Bottom, iw)+b.BottomRight))
}
