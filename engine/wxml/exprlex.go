package wxml

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// tokenKind classifies the tokens of a {{ }} expression.
type tokenKind int

const (
	tokEnd tokenKind = iota
	tokNumber
	tokString
	tokIdent
	tokPunct
)

type token struct {
	kind tokenKind
	text string  // identifier, punctuator or decoded string literal
	num  float64 // number literal
	pos  int     // byte offset in the expression
}

// exprError is a syntax error at a byte offset of an expression.
type exprError struct {
	pos int
	msg string
}

// punctuators lists the operators, longest first so that "===" is not read
// as "==" followed by "=".
var punctuators = []string{
	">>>", "===", "!==", "...",
	"==", "!=", "<=", ">=", "&&", "||", "??", "?.", "<<", ">>", "**",
	".", "[", "]", "(", ")", "{", "}", ",", "?", ":", "!", "~",
	"<", ">", "+", "-", "*", "/", "%", "&", "|", "^",
}

// lex splits an expression into tokens, ending with a tokEnd.
func lex(src string) ([]token, *exprError) {
	var toks []token
	for i := 0; ; {
		r, size := utf8.DecodeRuneInString(src[i:])
		switch {
		case i == len(src):
			return append(toks, token{kind: tokEnd, pos: i}), nil
		case unicode.IsSpace(r):
			i += size
			continue
		case isDigit(r) || r == '.' && i+1 < len(src) && isDigit(rune(src[i+1])):
			n := scanNumber(src[i:])
			v := numberValue(src[i : i+n])
			toks = append(toks, token{kind: tokNumber, num: v, text: src[i : i+n], pos: i})
			i += n
		case r == '"' || r == '\'':
			s, n, ok := scanString(src[i:])
			if !ok {
				return nil, &exprError{i, "unterminated string"}
			}
			toks = append(toks, token{kind: tokString, text: s, pos: i})
			i += n
		case isIdentStart(r):
			n := size
			for n < len(src) {
				r, s := utf8.DecodeRuneInString(src[i+n:])
				if !isIdentStart(r) && !isDigit(r) {
					break
				}
				n += s
			}
			toks = append(toks, token{kind: tokIdent, text: src[i : i+n], pos: i})
			i += n
		default:
			p := matchPunct(src[i:])
			if p == "" {
				return nil, &exprError{i, fmt.Sprintf("unexpected %q", string(r))}
			}
			toks = append(toks, token{kind: tokPunct, text: p, pos: i})
			i += len(p)
		}
	}
}

// numberValue is the value of a literal scanNumber accepted. It is well
// formed, so parsing fails only when it is out of range, and then the
// result is ±Inf or 0 as in JavaScript.
func numberValue(lit string) float64 {
	if len(lit) > 2 && (lit[1] == 'x' || lit[1] == 'X') {
		lit += "p0" // Go reads hexadecimal only as a float with an exponent
	}
	v, _ := strconv.ParseFloat(lit, 64)
	return v
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

func isIdentStart(r rune) bool { return r == '_' || r == '$' || unicode.IsLetter(r) }

func matchPunct(s string) string {
	for _, p := range punctuators {
		if strings.HasPrefix(s, p) {
			// In "a?.5:1" the "?" is a conditional and ".5" a number.
			if p == "?." && len(s) > 2 && isDigit(rune(s[2])) {
				return "?"
			}
			return p
		}
	}
	return ""
}

// scanNumber returns the length of the number literal at the start of s:
// hexadecimal, or decimal digits with an optional fraction and exponent.
func scanNumber(s string) int {
	if len(s) > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && isHex(s[2]) {
		n := 2
		for n < len(s) && isHex(s[n]) {
			n++
		}
		return n
	}
	n := digits(s, 0)
	if n < len(s) && s[n] == '.' {
		n = digits(s, n+1)
	}
	if n < len(s) && (s[n] == 'e' || s[n] == 'E') {
		m := n + 1
		if m < len(s) && (s[m] == '+' || s[m] == '-') {
			m++
		}
		if e := digits(s, m); e > m {
			n = e
		}
	}
	return n
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func digits(s string, i int) int {
	for i < len(s) && isDigit(rune(s[i])) {
		i++
	}
	return i
}

// scanString decodes the quoted string literal at the start of s and
// returns it with the number of bytes it took, or false if it is not closed.
func scanString(s string) (string, int, bool) {
	quote := s[0]
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		c := s[i]
		switch {
		case c == quote:
			return b.String(), i + 1, true
		case c == '\\' && i+1 < len(s):
			i++
			b.WriteString(unescape(s[i]))
		default:
			b.WriteByte(c)
		}
	}
	return "", 0, false
}

// unescape maps the character after a backslash to what it stands for; as in
// JavaScript an unknown escape stands for the character itself (kept as a
// byte, so that a multi-byte character after the backslash stays intact).
func unescape(c byte) string {
	switch c {
	case 'n':
		return "\n"
	case 't':
		return "\t"
	case 'r':
		return "\r"
	}
	return string([]byte{c})
}
