package tui

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// Every line the TUI draws must be exactly as wide as the space it was
// given: a line one cell short leaves garbage of the previous frame, one
// cell long wraps and shifts every border below it. These helpers measure
// in terminal cells (a Chinese character is two) and never in bytes or
// runes.

// fit truncates or pads s to exactly w cells.
func fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if sw := ansi.StringWidth(s); sw != w {
		if sw > w {
			s = ansi.Truncate(s, w, "")
			sw = ansi.StringWidth(s) // a wide character at the cut may leave one cell
		}
		s += spaces(w - sw)
	}
	return s
}

// ellipsize cuts s to at most w cells, marking the cut with "…"; text
// that fits is returned as it is, unpadded.
func ellipsize(s string, w int) string {
	if ansi.StringWidth(s) <= w {
		return s
	}
	return ansi.Truncate(s, max(w, 0), "…")
}

// keepEnd cuts s to at most w cells from its start, marking the cut with
// "…": the end of the text is what stays, as in a field being typed into.
func keepEnd(s string, w int) string {
	if ansi.StringWidth(s) <= w {
		return s
	}
	rs := []rune(s)
	for i := range rs {
		if tail := string(rs[i:]); ansi.StringWidth(tail) <= w-1 {
			return "…" + tail
		}
	}
	return ""
}

// clip is fit for text that may be cut: the cut is marked with "…".
func clip(s string, w int) string {
	if w <= 0 {
		return ""
	}
	return fit(ellipsize(s, w), w)
}

// oneLine makes text from outside (a tester's name, a body) safe to draw
// on one line: control characters, which would move the cursor or style
// what follows, become "·".
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return '·'
		}
		return r
	}, s)
}

// fitLines makes exactly h lines of exactly w cells: lines past h are
// dropped, missing ones are blank.
func fitLines(lines []string, w, h int) []string {
	out := make([]string, h)
	for i := range out {
		if i < len(lines) {
			out[i] = fit(lines[i], w)
		} else {
			out[i] = spaces(w)
		}
	}
	return out
}

// padLines makes exactly h lines of lines already w cells wide: lines past
// h are dropped, missing ones are blank.
func padLines(lines []string, w, h int) []string {
	if len(lines) >= h {
		return lines[:h]
	}
	blank := spaces(w)
	out := append(make([]string, 0, h), lines...)
	for len(out) < h {
		out = append(out, blank)
	}
	return out
}

// center places s in the middle of w cells.
func center(s string, w int) string {
	sw := ansi.StringWidth(s)
	if sw >= w {
		return clip(s, w)
	}
	left := (w - sw) / 2
	return spaces(left) + s + spaces(w-sw-left)
}

// spread puts left at the start and right at the end of w cells, with at
// least one space between them: when both do not fit, the right part is
// cut (marked "…"), and the left one only when it alone is too wide.
func spread(left, right string, w int) string {
	lw, rw := ansi.StringWidth(left), ansi.StringWidth(right)
	switch room := w - lw - 1; {
	case lw+1+rw <= w:
		return left + spaces(w-lw-rw) + right
	case room > 0:
		return left + " " + clip(right, room)
	}
	return clip(left, w)
}

func joinLines(lines []string) string { return strings.Join(lines, "\n") }

func spaces(n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat(" ", n)
}

// wrap breaks plain text into lines of at most w cells. Latin words stay
// whole (unless longer than a line); between Chinese characters a line may
// break anywhere, which a word wrapper cannot do: to it a run of Chinese
// is one long word. Closing punctuation never starts a line.
func wrap(s string, w int) []string {
	if w <= 0 {
		return nil
	}
	var lines []string
	for _, para := range strings.Split(s, "\n") {
		lines = append(lines, wrapParagraph(para, w)...)
	}
	return lines
}

func wrapParagraph(s string, w int) []string {
	var (
		lines []string
		line  strings.Builder
		width int
	)
	flush := func() {
		lines = append(lines, strings.TrimRight(line.String(), " "))
		line.Reset()
		width = 0
	}
	for _, tok := range tokens(s) {
		tw := ansi.StringWidth(tok)
		if tok == " " {
			if width > 0 && width < w {
				line.WriteString(tok)
				width++
			}
			continue
		}
		if width+tw > w && width > 0 {
			flush()
		}
		for tw > w { // a word longer than a line: cut it
			head := ansi.Truncate(tok, w, "")
			if head == "" { // a wide character wider than the line
				_, size := utf8.DecodeRuneInString(tok)
				head = tok[:size]
			}
			line.WriteString(head)
			flush()
			tok = strings.TrimPrefix(tok, head)
			tw = ansi.StringWidth(tok)
		}
		line.WriteString(tok)
		width += tw
	}
	if width > 0 || len(lines) == 0 {
		flush()
	}
	return lines
}

// tokens splits text into the units a line may break between: a single
// space, a run of narrow non-space characters (a Latin word), or one wide
// character — each with the closing punctuation that follows it glued on.
func tokens(s string) []string {
	var out []string
	for len(s) > 0 {
		r, n := utf8.DecodeRuneInString(s)
		switch {
		case unicode.IsSpace(r):
			out = append(out, " ")
			s = s[n:]
			continue
		case !isWide(r):
			for n < len(s) {
				r2, m := utf8.DecodeRuneInString(s[n:])
				if unicode.IsSpace(r2) || isWide(r2) {
					break
				}
				n += m
			}
		}
		for n < len(s) { // keep closing punctuation with what it closes
			r2, m := utf8.DecodeRuneInString(s[n:])
			if !strings.ContainsRune(closing, r2) {
				break
			}
			n += m
		}
		out = append(out, s[:n])
		s = s[n:]
	}
	return out
}

// closing is punctuation that must not begin a line.
const closing = ",.?!:;)]}>，。？！：；、）】」』》…"

func isWide(r rune) bool {
	return r >= 0x1100 && ansi.StringWidth(string(r)) == 2
}
