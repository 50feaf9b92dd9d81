// Package wxml parses WeChat's WXML markup (expressions, templates,
// imports, includes, WXS modules) and renders it, against a page's data,
// to a small tree of blocks, text and buttons that the terminal can draw.
//
// Parsing is strict where WeChat DevTools is (every error names its file
// and line) so that a developer loading a project learns about a broken
// page at once, and tolerant where WeChat is (a repeated attribute is a
// warning). Rendering is lenient (an undefined path renders as nothing, a
// failing WXS call is an error line) because page data changes at run time
// and a page must never fail to draw.
package wxml

import (
	"fmt"
	"strings"
)

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

	file   *file       // the root only: the file the document is
	events *nodeEvents // elements only: see Target
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

// ParseError is a problem in a document, or a warning about one. Path is
// the file's path when the document was read from one (LoadFiles).
type ParseError struct {
	Path string
	Line int
	Msg  string
}

func (e *ParseError) Error() string {
	switch {
	case e.Path == "":
		return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
	case e.Line == 0: // a file that could not be read
		return fmt.Sprintf("%s: %s", e.Path, e.Msg)
	}
	return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg)
}

// Errors are the problems LoadFiles found, each at its file and line.
type Errors []*ParseError

func (e Errors) Error() string {
	lines := make([]string, len(e))
	for i, pe := range e {
		lines[i] = pe.Error()
	}
	return strings.Join(lines, "\n")
}
