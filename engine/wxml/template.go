package wxml

import (
	"fmt"
	"strings"
)

// template is a text or attribute value split into literal text and
// {{ }} expressions.
type template struct {
	parts []part
}

// part is literal text when x is nil, else an expression.
type part struct {
	text string
	x    expr
}

// templateError is an error at a byte offset of a template's source.
type templateError struct {
	pos int
	msg string
}

// findClose returns the offset of the "}}" closing the "{{" at open, or -1.
func findClose(s string, open int) int {
	i := strings.Index(s[open+2:], "}}")
	if i < 0 {
		return -1
	}
	return open + 2 + i
}

// compileTemplate splits src at its {{ }} and parses each expression.
func compileTemplate(src string) (*template, *templateError) {
	t := &template{}
	for i := 0; i < len(src); {
		open := strings.Index(src[i:], "{{")
		if open < 0 {
			t.parts = append(t.parts, part{text: src[i:]})
			break
		}
		open += i
		if open > i {
			t.parts = append(t.parts, part{text: src[i:open]})
		}
		end := findClose(src, open)
		if end < 0 {
			return nil, &templateError{open, "unterminated {{"}
		}
		x, err := parseExpr(src[open+2 : end])
		if err != nil {
			return nil, &templateError{open + 2 + err.pos, fmt.Sprintf("bad expression %q: %s", src[open:end+2], err.msg)}
		}
		t.parts = append(t.parts, part{x: x})
		i = end + 2
	}
	return t, nil
}

// value evaluates the template. As in WXML, a template that is exactly one
// {{ }} keeps the expression's type ("{{false}}" is false, "{{3}}" is 3);
// anything else is a string ("false" is a non-empty, hence true, string).
func (t *template) value(sc *scope) any {
	if len(t.parts) == 1 && t.parts[0].x != nil {
		return t.parts[0].x.eval(sc)
	}
	return t.text(sc)
}

// text evaluates the template to what the page shows.
func (t *template) text(sc *scope) string {
	var b strings.Builder
	for _, p := range t.parts {
		if p.x == nil {
			b.WriteString(p.text)
		} else {
			b.WriteString(display(p.x.eval(sc)))
		}
	}
	return b.String()
}
