package miniapp

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"testing/fstest"

	"github.com/dop251/goja"

	"miniphone/engine/wxml"
)

// Load reads a project from fsys, checks it and compiles its scripts. It
// reports every problem it finds at once, as a *LoadError, sorted by file
// and line.
func Load(fsys fs.FS) (*Project, error) {
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
		},
	}
	l.wxml()
	l.appJSON()
	l.scripts()
	if len(l.problems) > 0 {
		slices.SortStableFunc(l.problems, func(a, b Problem) int {
			return cmp.Or(strings.Compare(a.Path, b.Path), cmp.Compare(a.Line, b.Line))
		})
		return nil, &LoadError{Problems: l.problems}
	}
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

// appJSON reads app.json and checks and parses the pages it lists.
func (l *loader) appJSON() {
	f, ok := l.files[appJSONPath]
	if !ok {
		l.add(Problem{Path: appJSONPath, Msg: "file is missing"})
		return
	}
	app, entries, problems := parseAppJSON(f.Data)
	l.problems = append(l.problems, problems...)
	l.project.AppJSON = app
	l.project.Pages = app.Pages
	for _, e := range entries {
		l.page(e)
	}
}

// page checks that a listed page has its files and that its WXML parses.
func (l *loader) page(e pageEntry) {
	if msg := checkRoute(e.route); msg != "" {
		l.add(Problem{appJSONPath, e.line, msg})
		return
	}
	for _, ext := range []string{".js", ".wxml"} {
		if _, ok := l.files[e.route+ext]; !ok {
			l.add(Problem{appJSONPath, e.line, fmt.Sprintf("page %q: %s%s is missing", e.route, e.route, ext)})
		}
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
	var errs wxml.Errors
	if errors.As(err, &errs) {
		for _, e := range errs {
			l.add(Problem{Path: e.Path, Line: e.Line, Msg: e.Msg})
		}
	}
}

// scripts compiles every .js file, not only those app.json names, because
// any of them may be required.
func (l *loader) scripts() {
	if _, ok := l.files["app.js"]; !ok {
		l.add(Problem{Path: "app.js", Msg: "file is missing"})
	}
	for path, f := range l.files {
		if !strings.HasSuffix(path, ".js") {
			continue
		}
		prg, problem := compileModule(path, string(f.Data))
		if problem != nil {
			l.add(*problem)
			continue
		}
		l.project.programs[path] = prg
	}
}
