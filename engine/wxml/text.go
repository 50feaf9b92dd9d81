package wxml

import "strings"

// Text returns the visible lines of rendered elements: each TextLine element
// is a line (Render has already merged inline text), each button a line
// "[ label ]", each control its ControlLine (a swiper's followed by its
// current item); blocks contribute their children's lines. Blank lines
// are dropped.
func Text(elems []Element) []string {
	var lines []string
	appendLines(elems, &lines)
	return lines
}

func appendLines(elems []Element, lines *[]string) {
	for _, e := range elems {
		switch e.Kind {
		case Block:
			appendLines(e.Children, lines)
		case Button:
			*lines = append(*lines, "[ "+e.Text+" ]")
		case Control:
			*lines = append(*lines, ControlLine(e))
			if e.Tag == "swiper" && len(e.Children) > 0 {
				appendLines(e.Children[SwiperCurrent(e)].Children, lines)
			}
		default:
			if strings.TrimSpace(e.Text) != "" {
				*lines = append(*lines, e.Text)
			}
		}
	}
}

// Tappable reports whether a tap on e does something a user can ask for:
// a button, or an element that binds tap.
func (e Element) Tappable() bool {
	return e.Kind == Button || (e.Kind == Block && (e.Target.Tappable() || e.Tag == "label"))
}

// Label is the text a tappable element shows: a button's label, or the
// lines of an element's children, joined by spaces.
func Label(e Element) string {
	if e.Kind != Block {
		return e.Text
	}
	return strings.Join(Text(e.Children), " ")
}
