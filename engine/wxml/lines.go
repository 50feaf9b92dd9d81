package wxml

import "strings"

// lineBuilder collects the rendered children of a block. Text runs between
// block-level children flow inline, so they are merged into one TextLine
// element, their whitespace collapsed as a browser would.
type lineBuilder struct {
	elems   []Element
	pending strings.Builder // inline text since the last block
}

func (b *lineBuilder) text(s string) { b.pending.WriteString(s) }

func (b *lineBuilder) block(e Element) {
	b.flush()
	b.elems = append(b.elems, e)
}

func (b *lineBuilder) finish() []Element {
	b.flush()
	return b.elems
}

func (b *lineBuilder) flush() {
	line := collapseSpace(b.pending.String())
	b.pending.Reset()
	if line != "" {
		b.elems = append(b.elems, Element{Kind: TextLine, Text: line})
	}
}

// collapseSpace turns each run of markup whitespace into one space and trims
// the ends. A no-break space (&nbsp;) is kept, as a plain space, because it
// is how a page asks for spacing that does not collapse.
func collapseSpace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	gap := false // whitespace seen since the last character written
	for _, c := range s {
		if strings.ContainsRune(space, c) {
			gap = true
			continue
		}
		if gap && b.Len() > 0 {
			b.WriteByte(' ')
		}
		gap = false
		if c == '\u00a0' {
			c = ' '
		}
		b.WriteRune(c)
	}
	return b.String()
}
