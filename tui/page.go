package tui

import (
	"strings"
	"unicode/utf8"

	"miniphone/engine/wxml"
)

// pageLayout is a page's render tree laid out for the phone screen.
type pageLayout struct {
	lines     []string
	targets   []wxml.Element // what the focus visits: buttons, controls and elements that bind tap, in page order
	focusLine int            // the line of the focused target, -1 if none
}

// layoutPage lays out elements w cells wide: text wrapped (Chinese broken
// between characters), each button and control on a line of its own, the
// focus-th of them marked.
func (s *Styles) layoutPage(elems []wxml.Element, w, focus int) pageLayout {
	l := pageLayout{focusLine: -1}
	s.layoutElements(elems, w, focus, &l)
	return l
}

// layoutTabBar lays out a custom tabBar's elements below page l, its
// targets after the page's in the focus order; l keeps the page's lines,
// the bar's are answered apart, as the bar stays at the bottom of the
// screen while the page scrolls.
func (s *Styles) layoutTabBar(elems []wxml.Element, w, focus int, l *pageLayout) []string {
	bar := pageLayout{targets: l.targets, focusLine: -1}
	s.layoutElements(elems, w, focus, &bar)
	l.targets = bar.targets
	return bar.lines
}

func (s *Styles) layoutElements(elems []wxml.Element, w, focus int, l *pageLayout) {
	for _, e := range elems {
		switch e.Kind {
		case wxml.Block:
			label := ""
			if e.Tappable() {
				label = wxml.Label(e)
			}
			if label == "" { // not a focus stop: nothing to point at
				s.layoutElements(e.Children, w, focus, l)
				continue
			}
			// A tappable element is drawn as its children, the first line
			// marked while it has the focus.
			focused, first := len(l.targets) == focus, len(l.lines)
			l.targets = append(l.targets, e)
			s.layoutElements(e.Children, w, focus, l)
			if focused {
				l.focusLine = first
				l.lines[first] = "▸" + s.ButtonFocused.Render(strings.TrimPrefix(l.lines[first], " "))
			}
		case wxml.Button, wxml.Control:
			focused := len(l.targets) == focus
			label := ellipsize(wxml.ControlLine(e), w-1)
			switch {
			case e.Kind == wxml.Button:
				label = "[ " + ellipsize(e.Text, w-5) + " ]" // the closing ] stays
			case focused && isField(e):
				// Typing goes on at the end: that is the part shown.
				line := wxml.ControlLine(e)
				mark, _ := utf8.DecodeRuneInString(line)
				label = string(mark) + " " + keepEnd(line[utf8.RuneLen(mark)+1:], w-3)
			}
			if focused {
				l.focusLine = len(l.lines)
				label = "▸" + s.ButtonFocused.Render(label)
			} else {
				label = " " + s.Button.Render(label)
			}
			l.targets = append(l.targets, e)
			l.lines = append(l.lines, fit(label, w))
			if e.Tag == "swiper" && len(e.Children) > 0 {
				s.layoutElements(e.Children[wxml.SwiperCurrent(e)].Children, w, focus, l)
			}
		default:
			for _, line := range wrap(e.Text, w-1) {
				l.lines = append(l.lines, " "+line)
			}
		}
	}
}
