package miniapp

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"testing/fstest"

	"github.com/dop251/goja"

	"miniphone/engine/compile"
	"miniphone/engine/jsondoc"
	"miniphone/engine/resolve"
	"miniphone/engine/wxml"
)

// Load reads a project from fsys, checks it and compiles its scripts
// through the process's shared compile cache. It reports every problem it
// finds at once, as a *LoadError, sorted by file and line.
func Load(fsys fs.FS) (*Project, error) { return LoadWith(fsys, compile.Shared) }

// LoadWith is Load with the compile cache to use.
func LoadWith(fsys fs.FS, scripts *compile.Cache) (*Project, error) {
	files, problems := readFiles(fsys)
	if files == nil {
		return nil, &LoadError{Problems: problems}
	}
	l := &loader{
		files:    files,
		problems: problems,
		project: &Project{
			Files:    files,
			programs: map[string]*goja.Program{},
			pages:    map[string]*wxml.Node{},
			pageJSON: map[string]PageJSON{},
			compJSON: map[string]PageJSON{},
		},
	}
	l.wxml()
	l.appJSON()
	l.componentJSON()
	l.scripts(scripts)
	l.project.ignored = survey(files, &l.project.AppJSON, l.project.Pages, l.project.pageJSON)
	if len(l.problems) > 0 {
		slices.SortStableFunc(l.problems, func(a, b Problem) int {
			return cmp.Or(strings.Compare(a.Path, b.Path), cmp.Compare(a.Line, b.Line))
		})
		return nil, &LoadError{Problems: l.problems}
	}
	l.project.resolver = l.resolver()
	return l.project, nil
}

// loader holds the state of one Load.
type loader struct {
	files    fstest.MapFS
	project  *Project
	problems []Problem
	views    *wxml.Set
}

func (l *loader) add(p Problem) { l.problems = append(l.problems, p) }

// appJSON reads app.json and checks the pages it lists.
func (l *loader) appJSON() {
	f, ok := l.files[appJSONPath]
	if !ok {
		l.add(Problem{Path: appJSONPath, Msg: "file is missing"})
		return
	}
	c := readAppJSON(f.Data)
	l.problems = append(l.problems, c.problems...)
	l.project.AppJSON = c.app
	for _, e := range c.entries {
		l.project.Pages = append(l.project.Pages, e.route)
		l.page(e)
	}
}

// page checks that a listed page has its files, that its WXML parses and
// that its .json, if any, is right.
func (l *loader) page(e pageEntry) {
	if !l.hasScript(e.route) {
		l.add(Problem{Path: appJSONPath, Line: e.line, Msg: fmt.Sprintf("page %q: %s.js (or .ts) is missing", e.route, e.route)})
	}
	if _, ok := l.files[e.route+".wxml"]; !ok {
		l.add(Problem{Path: appJSONPath, Line: e.line, Msg: fmt.Sprintf("page %q: %s.wxml is missing", e.route, e.route)})
	}
	if cfg, ok := l.pageJSON(e.route + ".json"); ok {
		l.project.pageJSON[e.route] = cfg
	}
	if root, ok := l.views.Root(e.route + ".wxml"); ok {
		l.project.pages[e.route] = root
	}
}

// wxml checks every .wxml file, as DevTools compiles them all: pages,
// components, and the templates they import and include, with their WXS.
func (l *loader) wxml() {
	var paths []string
	for p := range l.files {
		if strings.HasSuffix(p, ".wxml") {
			paths = append(paths, p)
		}
	}
	slices.Sort(paths)
	set, err := wxml.LoadFiles(l.files, paths)
	l.views = set
	l.project.views = set
	var errs wxml.Errors
	if errors.As(err, &errs) {
		for _, e := range errs {
			l.add(Problem{Path: e.Path, Line: e.Line, Msg: e.Msg})
		}
	}
}

func (l *loader) hasScript(base string) bool {
	_, js := l.files[base+".js"]
	_, ts := l.files[base+".ts"]
	return js || ts
}

// pageJSON reads and checks a page's or component's .json, if there is
// one.
func (l *loader) pageJSON(p string) (PageJSON, bool) {
	var cfg PageJSON
	f, ok := l.files[p]
	if !ok {
		return cfg, false
	}
	doc, problem := jsondoc.Parse(f.Data)
	if problem != nil {
		l.add(Problem{Path: p, Line: problem.Line, Msg: problem.Msg})
		return cfg, false
	}
	if doc.Kind != jsondoc.Object {
		l.add(Problem{Path: p, Line: doc.Line, Msg: "must be a JSON object"})
		return cfg, false
	}
	for _, problem := range jsondoc.Decode(doc, &cfg) {
		l.add(Problem{Path: p, Line: problem.Line, Msg: problem.Msg})
	}
	return cfg, true
}

// componentJSON checks the .json of every component: a .json beside a
// .wxml and a script that is not a page's. Which of them are used is for
// the pages' usingComponents to say; DevTools checks them all.
func (l *loader) componentJSON() {
	for _, p := range sortedPaths(l.files) {
		base, ok := strings.CutSuffix(p, ".json")
		if !ok || p == appJSONPath || slices.Contains(l.project.Pages, base) {
			continue
		}
		if _, wxml := l.files[base+".wxml"]; wxml && l.hasScript(base) {
			if cfg, ok := l.pageJSON(p); ok {
				l.project.compJSON[base] = cfg
			}
		}
	}
}

// scripts compiles every script, not only those app.json names, because
// any of them may be required.
func (l *loader) scripts(cache *compile.Cache) {
	if !l.hasScript("app") {
		l.add(Problem{Path: "app.js", Msg: "file is missing (a project needs app.js or app.ts)"})
	}
	var paths []string
	for p := range l.files {
		if compile.IsScript(p) {
			paths = append(paths, p)
		}
	}
	for i, r := range compileAll(cache, paths, l.files) {
		if r.err == nil {
			l.project.programs[paths[i]] = r.prg
			continue
		}
		p := Problem{Path: paths[i], Msg: r.err.Error()}
		if ce := (*compile.Error)(nil); errors.As(r.err, &ce) {
			p = Problem{Path: ce.Path, Line: ce.Line, Col: ce.Column, Msg: "SyntaxError: " + ce.Msg}
		}
		l.add(p)
	}
}

// resolver answers require for the loaded project.
func (l *loader) resolver() *resolve.Package {
	var subs []resolve.Subpackage
	for _, s := range l.project.AppJSON.Subpackages {
		subs = append(subs, resolve.Subpackage{Root: s.Root, Independent: s.Independent})
	}
	return &resolve.Package{
		Has: func(p string) bool { _, ok := l.project.programs[p]; return ok },
		ReadFile: func(p string) ([]byte, bool) {
			f, ok := l.files[path.Clean(p)]
			if !ok {
				return nil, false
			}
			return f.Data, true
		},
		Alias:       l.project.AppJSON.ResolveAlias,
		Subpackages: subs,
	}
}

func sortedPaths(files fstest.MapFS) []string {
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	return paths
}
