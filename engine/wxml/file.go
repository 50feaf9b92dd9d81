package wxml

import (
	"fmt"

	"miniphone/engine/wxs"
)

// The tags that are declarations of the file rather than page content.
const (
	templateTag = "template"
	importTag   = "import"
	includeTag  = "include"
	wxsTag      = "wxs"
)

// file is one parsed WXML file and what it declares: its templates and
// WXS modules, and, once LoadFiles has linked it, the files it imports and
// includes.
type file struct {
	path      string
	root      *Node
	templates map[string]*Node // <template name>, by name
	modules   map[string]*module
	warnings  []*ParseError

	// Set by LoadFiles.
	set      *Set
	imports  []*file   // in document order
	includes []include // in document order
	// visible are the templates a <template is> in this file can name:
	// its own, and those its imports (and the imports of the files it
	// includes) define themselves. An import does not pass on what it
	// imports.
	visible map[string]placed
}

// include is an <include> and the file it names.
type include struct {
	node *Node
	file *file
}

// placed is a template and the file that defines it, whose imports and
// WXS modules the template sees.
type placed struct {
	node *Node
	file *file
}

// module is a <wxs module> of a file.
type module struct {
	name string
	path string // of the file that declares it
	line int
	src  string      // the src attribute; empty for inline source
	code *wxs.Module // compiled; for src modules, set by LoadFiles
}

func (f *file) warn(line int, format string, args ...any) {
	f.warnings = append(f.warnings, &ParseError{Path: f.path, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// declare collects the templates and WXS modules of the parsed file and
// compiles its inline WXS.
func (f *file) declare() error {
	f.templates = map[string]*Node{}
	f.modules = map[string]*module{}
	var err error
	f.walk(f.root, func(n *Node) bool {
		switch n.Tag {
		case templateTag:
			if name, ok := n.attr("name"); ok {
				if _, dup := f.templates[name]; dup {
					f.warn(n.Line, "template %q defined again; the last one is used", name)
				}
				f.templates[name] = n
			}
		case wxsTag:
			if e := f.declareModule(n); err == nil {
				err = e
			}
			return false
		}
		return true
	})
	f.visible = f.scope(nil)
	return err
}

// walk calls visit with every element under n, in document order, and
// with its children when visit returns true.
func (f *file) walk(n *Node, visit func(*Node) bool) {
	for _, c := range n.Children {
		if c.Tag != "" && visit(c) {
			f.walk(c, visit)
		}
	}
}

func (f *file) declareModule(n *Node) error {
	name, _ := n.attr("module")
	if name == "" {
		return &ParseError{Path: f.path, Line: n.Line, Msg: "<wxs> needs a module name: <wxs module=\"name\">"}
	}
	if _, dup := f.modules[name]; dup {
		f.warn(n.Line, "wxs module %q declared again; the last one is used", name)
	}
	m := &module{name: name, path: f.path, line: n.Line}
	m.src, _ = n.attr("src")
	if m.src == "" {
		src, line := "", n.Line
		if len(n.Children) > 0 {
			src, line = n.Children[0].Text, n.Children[0].Line
		}
		code, err := wxs.Compile(f.path, line, src)
		if err != nil {
			return scriptError(err)
		}
		m.code = code
	}
	f.modules[name] = m
	return nil
}

// scriptError turns a WXS syntax error into the error of a document.
func scriptError(err error) error {
	if e, ok := err.(*wxs.Error); ok {
		return &ParseError{Path: e.Path, Line: e.Line, Msg: "wxs: " + e.Msg}
	}
	return err
}

// scope computes visible from the file's templates and those of imports.
func (f *file) scope(imports []*file) map[string]placed {
	visible := map[string]placed{}
	for _, imp := range imports {
		for name, n := range imp.templates {
			visible[name] = placed{n, imp}
		}
	}
	for name, n := range f.templates {
		visible[name] = placed{n, f}
	}
	return visible
}

// includedBy is the file that the <include> n of f names, nil when it
// did not load.
func (f *file) includedBy(n *Node) *file {
	for _, in := range f.includes {
		if in.node == n {
			return in.file
		}
	}
	return nil
}

// imported are the files f imports, and those the files it includes
// import, as they were written there.
func (f *file) imported(seen map[*file]bool) []*file {
	if seen[f] {
		return nil
	}
	seen[f] = true
	var files []*file
	for _, in := range f.includes {
		files = append(files, in.file.imported(seen)...)
	}
	return append(files, f.imports...)
}

// allWarnings are the warnings of f and of the files it imports and
// includes, each once.
func (f *file) allWarnings() []*ParseError {
	var all []*ParseError
	seen := map[*file]bool{}
	var add func(*file)
	add = func(f *file) {
		if seen[f] {
			return
		}
		seen[f] = true
		all = append(all, f.warnings...)
		for _, imp := range f.imports {
			add(imp)
		}
		for _, in := range f.includes {
			add(in.file)
		}
	}
	add(f)
	return all
}

// require finds the module that a running WXS module requires.
func (f *file) require(from *wxs.Module, spec string) (*wxs.Module, error) {
	if f.set == nil {
		return nil, fmt.Errorf("%s: a document parsed alone requires nothing", from.Path)
	}
	return f.set.require(from, spec)
}

// template finds the template a <template is> in f names.
func (f *file) template(name string) (placed, bool) {
	if f == nil {
		return placed{}, false
	}
	t, ok := f.visible[name]
	return t, ok
}
