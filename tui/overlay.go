package tui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// overlay draws fg over bg with its top-left corner at column x, row y, and
// keeps the rest of each background line: the page stays visible around a
// modal. Every bg line must be as wide as the first. A wide character cut
// by an edge of fg becomes spaces, so widths never change.
func overlay(bg, fg []string, x, y int) []string {
	out := append([]string(nil), bg...)
	if len(bg) == 0 {
		return out
	}
	width := ansi.StringWidth(bg[0])
	for i, line := range fg {
		row := y + i
		if row < 0 || row >= len(out) {
			continue
		}
		fw := ansi.StringWidth(line)
		if x+fw > width {
			line = fit(line, width-x)
			fw = width - x
		}
		out[row] = splice(out[row], line, x, fw, width)
	}
	return out
}

// splice replaces the cells [x, x+fw) of a line width cells wide by fg.
func splice(bg, fg string, x, fw, width int) string {
	left := ansi.Truncate(bg, x, "")
	right := ansi.TruncateLeft(bg, x+fw, "")
	if ansi.StringWidth(right) > width-x-fw {
		// TruncateLeft keeps a wide character that straddles the cut.
		right = ansi.TruncateLeft(bg, x+fw+1, "")
	}
	var b strings.Builder
	b.Grow(len(bg) + len(fg) + 16)
	b.WriteString(left)
	b.WriteString(spaces(x - ansi.StringWidth(left)))
	// A style left open on one side must not colour the other.
	if strings.Contains(left, "\x1b[") {
		b.WriteString(ansi.ResetStyle)
	}
	b.WriteString(fg)
	if strings.Contains(fg, "\x1b[") {
		b.WriteString(ansi.ResetStyle)
	}
	b.WriteString(spaces(width - x - fw - ansi.StringWidth(right)))
	b.WriteString(right)
	return b.String()
}

// overlayCenter draws fg in the middle of bg.
func overlayCenter(bg, fg []string) []string {
	if len(bg) == 0 || len(fg) == 0 {
		return bg
	}
	x := (ansi.StringWidth(bg[0]) - ansi.StringWidth(fg[0])) / 2
	y := (len(bg) - len(fg)) / 2
	return overlay(bg, fg, max(x, 0), max(y, 0))
}
