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
// Braces of object literals and strings inside are skipped, so that
// "{{ {a: {b: 1}} }}" closes at its end; when they do not balance, the
// first "}}" closes it, and the expression's own error says what is wrong.
func findClose(s string, open int) int {
	depth := 0
	var quote byte
	for i := open + 2; i < len(s); i++ {
		switch c := s[i]; {
		case quote != 0:
			if c == '\\' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '{':
			depth++
		case c == '}' && depth > 0:
			depth--
		case c == '}' && strings.HasPrefix(s[i:], "}}"):
			return i
		}
	}
	if i := strings.Index(s[open+2:], "}}"); i >= 0 {
		return open + 2 + i
	}
	return -1
}

// compileTemplate splits src at its {{ }} and parses each expression.
func compileTemplate(src string) (*template, *templateError) {
	return compileWith(src, parseExpr)
}

// compileData compiles the data attribute of a <template is>, whose {{ }}
// hold the inside of an object literal. "{{ {a: 1} }}" is read as the
// expression it is too.
func compileData(src string) (*template, *templateError) {
	return compileWith(src, func(src string) (expr, *exprError) {
		x, err := parseObjectBody(src)
		if err != nil {
			if y, err2 := parseExpr(src); err2 == nil {
				return y, nil
			}
		}
		return x, err
	})
}

func compileWith(src string, parse func(string) (expr, *exprError)) (*template, *templateError) {
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
		x, err := parse(src[open+2 : end])
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
