package tui

import (
	"strings"

	"miniphone/engine/wxml"
)

// pageLayout is a page's render tree laid out for the phone screen.
type pageLayout struct {
	lines     []string
	buttons   []string // labels of the tappable elements, in the order tab visits them
	focusLine int      // the line of the focused button, -1 if none
}

// layoutPage lays out elements w cells wide: text wrapped (Chinese broken
// between characters), each button on a line of its own, the focus-th
// button marked. focus is clamped to the buttons there are.
func (s *Styles) layoutPage(elems []wxml.Element, w, focus int) pageLayout {
	l := pageLayout{focusLine: -1}
	s.layoutElements(elems, w, focus, &l)
	return l
}

func (s *Styles) layoutElements(elems []wxml.Element, w, focus int, l *pageLayout) {
	for _, e := range elems {
		switch e.Kind {
		case wxml.Block:
			label := ""
			if e.Tappable() {
				label = wxml.Label(e)
			}
			if label == "" { // not a focus stop, as wxml.Tappables counts them
				s.layoutElements(e.Children, w, focus, l)
				continue
			}
			// A tappable element is drawn as its children, the first line
			// marked while it has the focus.
			focused, first := len(l.buttons) == focus, len(l.lines)
			l.buttons = append(l.buttons, label)
			s.layoutElements(e.Children, w, focus, l)
			if focused {
				l.focusLine = first
				l.lines[first] = "▸" + s.ButtonFocused.Render(strings.TrimPrefix(l.lines[first], " "))
			}
		case wxml.Button:
			label := "[ " + e.Text + " ]"
			if len(l.buttons) == focus {
				l.focusLine = len(l.lines)
				label = "▸" + s.ButtonFocused.Render(label)
			} else {
				label = " " + s.Button.Render(label)
			}
			l.buttons = append(l.buttons, e.Text)
			l.lines = append(l.lines, fit(label, w))
		default:
			for _, line := range wrap(e.Text, w-1) {
				l.lines = append(l.lines, " "+line)
			}
		}
	}
}
