package wxml

import (
	"fmt"
	"strings"
)

// Bounds on a document, so that a hostile page cannot make parsing or
// rendering allocate or recurse without end.
const (
	maxDocument = 1 << 20
	maxDepth    = 256
)

// space is the whitespace of markup; other Unicode spaces, such as the
// ideographic space U+3000, are text.
const space = " \t\r\n\f"

// entities are the character references WXML pages use; strings.Replacer
// works in one pass, so "&amp;lt;" becomes "&lt;", not "<".
var entities = strings.NewReplacer(
	"&lt;", "<", "&gt;", ">", "&amp;", "&", "&quot;", `"`, "&nbsp;", "\u00a0",
)

// Parse parses a WXML document into a tree under a node with Tag "#root".
// Errors are *ParseError with the line of the problem. The document stands
// alone: its <import>, <include> and <wxs src> render nothing (LoadFiles
// links them), its templates and inline WXS work.
func Parse(src string) (*Node, error) {
	f, err := parseFile("", src)
	if err != nil {
		return nil, err
	}
	return f.root, nil
}

// parseFile parses the document at path, path naming it in errors.
func parseFile(path, src string) (*file, error) {
	if len(src) > maxDocument {
		return nil, &ParseError{Path: path, Line: 1, Msg: fmt.Sprintf("document is larger than %d bytes", maxDocument)}
	}
	f := &file{path: path}
	f.root = &Node{Tag: rootTag, Line: 1, file: f}
	p := &parser{file: f, src: src, line: 1, stack: []*Node{f.root}}
	for p.pos < len(p.src) {
		if err := p.step(); err != nil {
			return nil, err
		}
	}
	if open := p.top(); open != f.root {
		return nil, p.errorf(open.Line, "unclosed tag <%s>", open.Tag)
	}
	if err := f.declare(); err != nil {
		return nil, err
	}
	return f, nil
}

type parser struct {
	file  *file
	src   string
	pos   int
	line  int     // line of src[pos]
	stack []*Node // open elements, the root first
}

func (p *parser) rest() string { return p.src[p.pos:] }
func (p *parser) top() *Node   { return p.stack[len(p.stack)-1] }

// skip advances n bytes, keeping the line count.
func (p *parser) skip(n int) {
	p.line += strings.Count(p.src[p.pos:p.pos+n], "\n")
	p.pos += n
}

func (p *parser) skipSpace() {
	p.skip(len(p.rest()) - len(strings.TrimLeft(p.rest(), space)))
}

func (p *parser) errorf(line int, format string, args ...any) error {
	return &ParseError{Path: p.file.path, Line: line, Msg: fmt.Sprintf(format, args...)}
}

// checkTemplate reports the first error in the {{ }} of s, which starts on
// line, at the line of the error. compile is how s is read: as text and
// attributes are, or as template data.
func (p *parser) checkTemplate(s string, line int, compile func(string) (*template, *templateError)) error {
	if _, e := compile(s); e != nil {
		return p.errorf(line+strings.Count(s[:e.pos], "\n"), "%s", e.msg)
	}
	return nil
}

// step parses one comment, tag or run of text.
func (p *parser) step() error {
	rest := p.rest()
	switch {
	case strings.HasPrefix(rest, "<!--"):
		end := strings.Index(rest[4:], "-->")
		if end < 0 {
			return p.errorf(p.line, "unterminated comment")
		}
		p.skip(4 + end + 3)
		return nil
	case strings.HasPrefix(rest, "</"):
		return p.closeTag()
	case rest[0] == '<':
		return p.openTag()
	}
	return p.text()
}

// text reads text up to the next tag. A "<" inside {{ }} belongs to the
// expression ({{a < b}}), not to a tag.
func (p *parser) text() error {
	rest := p.rest()
	end := 0
	for end < len(rest) && rest[end] != '<' {
		if strings.HasPrefix(rest[end:], "{{") {
			close := findClose(rest, end)
			if close < 0 {
				return p.errorf(p.line+strings.Count(rest[:end], "\n"), "unterminated {{")
			}
			end = close + 2
			continue
		}
		end++
	}
	raw, line := rest[:end], p.line
	p.skip(end)
	// Whitespace between tags is layout of the source, not page text.
	if strings.Trim(raw, space) == "" {
		return nil
	}
	text := entities.Replace(raw)
	if err := p.checkTemplate(text, line, compileTemplate); err != nil {
		return err
	}
	lead := raw[:len(raw)-len(strings.TrimLeft(raw, space))]
	parent := p.top()
	parent.Children = append(parent.Children, &Node{Text: text, Line: line + strings.Count(lead, "\n")})
	return nil
}

func (p *parser) closeTag() error {
	line := p.line
	p.skip(2)
	name := p.name()
	p.skipSpace()
	if name == "" || !strings.HasPrefix(p.rest(), ">") {
		return p.errorf(line, "bad close tag: want </name>")
	}
	p.skip(1)
	open := p.top()
	if len(p.stack) == 1 {
		return p.errorf(line, "close tag </%s> has no open tag", name)
	}
	if open.Tag != name {
		return p.errorf(line, "mismatched close tag </%s>: <%s> opened on line %d is still open", name, open.Tag, open.Line)
	}
	p.stack = p.stack[:len(p.stack)-1]
	return nil
}

func (p *parser) openTag() error {
	n := &Node{Line: p.line}
	p.skip(1)
	if n.Tag = p.name(); n.Tag == "" {
		return p.errorf(n.Line, `"<" must start a tag; write &lt; for a literal "<"`)
	}
	selfClosing, err := p.attrs(n)
	if err != nil {
		return err
	}
	n.events = eventsOf(n.Attrs)
	parent := p.top()
	if err := p.checkBranch(parent, n); err != nil {
		return err
	}
	parent.Children = append(parent.Children, n)
	if selfClosing {
		return nil
	}
	if len(p.stack) > maxDepth { // the root is not an element
		return p.errorf(n.Line, "elements nested deeper than %d", maxDepth)
	}
	p.stack = append(p.stack, n)
	if n.Tag == wxsTag {
		return p.script(n)
	}
	return nil
}

// script reads the inline source of a <wxs> as it is, up to </wxs>: it is
// code, where "<" and "{{" are operators, not markup.
func (p *parser) script(n *Node) error {
	end := strings.Index(p.rest(), "</"+wxsTag)
	if end < 0 {
		return p.errorf(n.Line, "unclosed tag <%s>", wxsTag)
	}
	if strings.TrimLeft(p.rest()[:end], space) != "" {
		n.Children = append(n.Children, &Node{Text: p.rest()[:end], Line: p.line})
	}
	p.skip(end)
	return nil
}

// attrs reads the attributes of n up to the end of its start tag and
// reports whether the tag closes itself ("/>").
func (p *parser) attrs(n *Node) (selfClosing bool, err error) {
	seen := map[string]int{} // index in n.Attrs by name; tags may have many
	for {
		p.skipSpace()
		rest := p.rest()
		switch {
		case rest == "":
			return false, p.errorf(n.Line, "tag <%s> is not closed with >", n.Tag)
		case strings.HasPrefix(rest, "/>"):
			p.skip(2)
			return true, nil
		case rest[0] == '>':
			p.skip(1)
			return false, nil
		}
		line := p.line
		a, err := p.attr(n.Tag)
		if err != nil {
			return false, err
		}
		if i, ok := seen[a.Name]; ok {
			// WeChat takes the last value and compiles on; so do we, and say so.
			n.Attrs[i] = a
			p.file.warn(line, "attribute %s repeated in <%s>; the last value is used", a.Name, n.Tag)
			continue
		}
		seen[a.Name] = len(n.Attrs)
		n.Attrs = append(n.Attrs, a)
	}
}

// attr reads one attribute of a tag: a name, optionally followed by
// ="value" or ='value'. A name alone (wx:else) has the empty value.
func (p *parser) attr(tag string) (Attr, error) {
	name := p.name()
	if name == "" {
		return Attr{}, p.errorf(p.line, "bad attribute syntax in <%s> at %q", tag, firstRune(p.rest()))
	}
	if name == "wx:for-items" { // its old name, still in use
		name = "wx:for"
	}
	p.skipSpace()
	if !strings.HasPrefix(p.rest(), "=") {
		return Attr{Name: name}, nil
	}
	p.skip(1)
	p.skipSpace()
	rest := p.rest()
	if rest == "" || (rest[0] != '"' && rest[0] != '\'') {
		return Attr{}, p.errorf(p.line, "bad attribute syntax: the value of %s must be quoted", name)
	}
	end := strings.IndexByte(rest[1:], rest[0])
	if end < 0 {
		return Attr{}, p.errorf(p.line, "bad attribute syntax: the value of %s has no closing quote", name)
	}
	value, valueLine := entities.Replace(rest[1:1+end]), p.line
	p.skip(end + 2)
	compile := compileTemplate
	if tag == templateTag && name == "data" {
		compile = compileData
	}
	if err := p.checkTemplate(value, valueLine, compile); err != nil {
		return Attr{}, err
	}
	return Attr{Name: name, Value: value}, nil
}

// name reads a tag or attribute name: a letter, then letters, digits and
// "-", "_", ":", "." ("wx:for-item", "data-id", "bind:tap").
func (p *parser) name() string {
	rest := p.rest()
	n := 0
	for n < len(rest) && isNameByte(rest[n], n == 0) {
		n++
	}
	p.skip(n)
	return rest[:n]
}

func isNameByte(c byte, first bool) bool {
	letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
	if first {
		return letter
	}
	return letter || c >= '0' && c <= '9' || strings.IndexByte("-_:.", c) >= 0
}

func firstRune(s string) string {
	for _, r := range s {
		return string(r)
	}
	return ""
}
