package wxml

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"miniphone/engine/wxs"
)

// Set is the WXML of a project: every file LoadFiles read, parsed and
// linked to what it imports, includes and requires. It is not changed
// after LoadFiles, so phones may share it; WXS runs in a View.
type Set struct {
	files map[string]*file
	wxs   map[string]*wxs.Module // .wxs files, by path
	// Warnings are what WeChat tolerates and miniphone does too, such as
	// a repeated attribute, by file and line.
	Warnings []*ParseError
}

// LoadFiles reads the WXML files at paths in fsys ("pages/index/index.wxml")
// with the files they import and include and the WXS they use, each once,
// and checks all of them. The error, when there are problems, is Errors:
// every problem found, sorted by file and line.
func LoadFiles(fsys fs.FS, paths []string) (*Set, error) {
	l := &loader{fsys: fsys, set: &Set{files: map[string]*file{}, wxs: map[string]*wxs.Module{}}, broken: map[string]bool{}}
	for _, p := range paths {
		l.file(p)
	}
	for _, f := range l.set.files {
		f.visible = f.scope(f.imported(map[*file]bool{}))
		l.checkIncludes(f, nil)
		l.set.Warnings = append(l.set.Warnings, f.warnings...)
	}
	sortErrors(l.errs)
	sortErrors(l.set.Warnings)
	if len(l.errs) > 0 {
		return l.set, l.errs
	}
	return l.set, nil
}

// Root returns the parsed file at path, as Parse returns a document, for
// Render and NewView.
func (s *Set) Root(path string) (*Node, bool) {
	f, ok := s.files[path]
	if !ok {
		return nil, false
	}
	return f.root, true
}

func sortErrors(errs []*ParseError) {
	slices.SortStableFunc(errs, func(a, b *ParseError) int {
		if c := strings.Compare(a.Path, b.Path); c != 0 {
			return c
		}
		return a.Line - b.Line
	})
}

type loader struct {
	fsys   fs.FS
	set    *Set
	errs   Errors
	broken map[string]bool // files that did not load, so each is reported once
}

func (l *loader) errorf(f *file, line int, format string, args ...any) {
	l.errs = append(l.errs, &ParseError{Path: f.path, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// file loads the WXML file at path, and what it refers to; nil when it
// does not load.
func (l *loader) file(p string) *file {
	if f, ok := l.set.files[p]; ok || l.broken[p] {
		return f
	}
	l.broken[p] = true // until it loads; also ends a cycle of imports
	data, err := fs.ReadFile(l.fsys, p)
	if err != nil {
		msg := err.Error()
		if errors.Is(err, fs.ErrNotExist) {
			msg = "file does not exist"
		}
		l.errs = append(l.errs, &ParseError{Path: p, Msg: msg})
		return nil
	}
	f, err := parseFile(p, string(data))
	if err != nil {
		l.errs = append(l.errs, err.(*ParseError))
		return nil
	}
	delete(l.broken, p)
	f.set = l.set
	l.set.files[p] = f
	l.link(f)
	return f
}

// link resolves the <import>, <include> and <wxs src> of f.
func (l *loader) link(f *file) {
	f.walk(f.root, func(n *Node) bool {
		switch n.Tag {
		case importTag, includeTag:
			if target := l.ref(f, n, ".wxml"); target != nil {
				if n.Tag == importTag {
					f.imports = append(f.imports, target)
				} else {
					f.includes = append(f.includes, include{n, target})
				}
			}
		}
		return true
	})
	for _, m := range f.modules {
		if m.src == "" {
			l.requires(m.code)
			continue
		}
		p, err := resolve(f.path, m.src, ".wxs")
		if err != nil {
			l.errorf(f, m.line, "wxs module %s: %v", m.name, err)
			continue
		}
		m.code = l.script(f, m.line, p)
	}
}

// ref loads the file that the src of n names.
func (l *loader) ref(f *file, n *Node, ext string) *file {
	src, _ := n.attr("src")
	p, err := resolve(f.path, src, ext)
	if err != nil {
		l.errorf(f, n.Line, "<%s src=%q>: %v", n.Tag, src, err)
		return nil
	}
	if _, err := fs.Stat(l.fsys, p); err != nil {
		l.errorf(f, n.Line, "<%s src=%q>: %s does not exist", n.Tag, src, p)
		return nil
	}
	return l.file(p)
}

// script loads the .wxs file at p, which from names at line, and what it
// requires.
func (l *loader) script(from *file, line int, p string) *wxs.Module {
	if m, ok := l.set.wxs[p]; ok || l.broken[p] {
		return m
	}
	data, err := fs.ReadFile(l.fsys, p)
	if err != nil {
		l.errorf(from, line, "%s does not exist", p)
		l.broken[p] = true
		return nil
	}
	m, err := wxs.Compile(p, 1, string(data))
	if err != nil {
		l.errs = append(l.errs, scriptError(err).(*ParseError))
		l.broken[p] = true
		return nil
	}
	l.set.wxs[p] = m
	l.requires(m)
	return m
}

// requires loads what m requires with a literal path.
func (l *loader) requires(m *wxs.Module) {
	f := &file{path: m.Path}
	for _, r := range m.Requires {
		p, err := resolve(m.Path, r.Spec, ".wxs")
		if err != nil {
			l.errorf(f, r.Line, "require(%q): %v", r.Spec, err)
			continue
		}
		l.script(f, r.Line, p)
	}
}

// require is how a running module finds what it requires: among the
// files the set loaded.
func (s *Set) require(from *wxs.Module, spec string) (*wxs.Module, error) {
	p, err := resolve(from.Path, spec, ".wxs")
	if err != nil {
		return nil, err
	}
	m, ok := s.wxs[p]
	if !ok {
		return nil, fmt.Errorf("%s was not loaded", p)
	}
	return m, nil
}

// checkIncludes reports an <include> that includes itself, directly or
// through other files; rendering it would never end.
func (l *loader) checkIncludes(f *file, chain []*file) {
	if slices.Contains(chain, f) {
		return
	}
	chain = append(chain, f)
	for _, in := range f.includes {
		if in.file == chain[0] {
			l.errorf(f, in.node.Line, "<include> makes a cycle: %s → %s", chainPaths(chain), in.file.path)
			continue
		}
		l.checkIncludes(in.file, chain)
	}
}

func chainPaths(chain []*file) string {
	paths := make([]string, len(chain))
	for i, f := range chain {
		paths[i] = f.path
	}
	return strings.Join(paths, " → ")
}

// resolve is the path that src names in the file at from: relative to
// from's folder, or to the project's root when it starts with "/". A path
// without an extension gets ext, as WeChat allows for WXML.
func resolve(from, src, ext string) (string, error) {
	if strings.TrimSpace(src) == "" {
		return "", fmt.Errorf("src is empty")
	}
	p := src
	if !strings.HasPrefix(src, "/") {
		p = path.Join(path.Dir(from), src)
	}
	p = strings.TrimPrefix(path.Clean(p), "/")
	if p == ".." || strings.HasPrefix(p, "../") {
		return "", fmt.Errorf("%s is outside the project", src)
	}
	if path.Ext(p) == "" {
		p += ext
	}
	if path.Ext(p) != ext {
		return "", fmt.Errorf("not a %s file", ext)
	}
	return p, nil
}
