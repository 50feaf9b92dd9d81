// Package wxml parses the subset of WeChat's WXML markup that miniphone
// supports and renders it, against a page's data, to a small tree of
// blocks, text and buttons that the terminal can draw.
//
// Parsing is strict (every error names its line) so that a developer loading
// a project learns about a broken page at once; rendering is lenient (an
// undefined path renders as nothing) because page data changes at run time
// and a page must never fail to draw.
package wxml

import "fmt"

// rootTag is the tag of the node that Parse returns, holding the document.
const rootTag = "#root"

// Node is one node of a parsed document: an element, or a text node when Tag
// is empty.
type Node struct {
	Tag      string
	Attrs    []Attr
	Children []*Node
	Text     string // text nodes only: the text with entities decoded
	Line     int    // 1-based line where the node starts
}

// Attr is one attribute of an element, its value with entities decoded.
type Attr struct {
	Name, Value string
}

// attr returns the value of the attribute name and whether it is present.
func (n *Node) attr(name string) (string, bool) {
	for _, a := range n.Attrs {
		if a.Name == name {
			return a.Value, true
		}
	}
	return "", false
}

// ParseError is a syntax error in a document.
type ParseError struct {
	Line int
	Msg  string
}

func (e *ParseError) Error() string {
	return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
}
