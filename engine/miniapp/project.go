// Package miniapp loads a mini-program project as WeChat DevTools opens it
// (app.json, the pages' and components' files and .json, every script
// compiled), checks all of it at once, and keeps the result for the phones
// that run it.
package miniapp

import (
	"io/fs"

	"github.com/dop251/goja"

	"miniphone/engine/resolve"
	"miniphone/engine/wxml"
)

// Project is a loaded, checked mini-program. It is not changed after Load,
// so phones may share it.
type Project struct {
	AppJSON AppJSON
	// Pages are the routes of every page, e.g. "pages/index/index": those of
	// app.json's pages first, then those of the subpackages, as root +
	// "/" + page.
	Pages []string
	Files fs.FS // the project's files as read at load, hidden files left out

	programs map[string]*goja.Program // by path, e.g. "utils/util.js"
	pages    map[string]*wxml.Node    // by route
	pageJSON map[string]PageJSON      // by route, for the pages that have one
	compJSON map[string]PageJSON      // by path without extension, for the components
	views    *wxml.Set
	resolver *resolve.Package
	ignored  Ignored
}

// Program returns the compiled CommonJS module of a script, such as
// "app.js" or "pages/index/index.ts". Run in a runtime, it evaluates to a
// function (exports, require, module, __filename, __dirname).
func (p *Project) Program(path string) (*goja.Program, bool) {
	prg, ok := p.programs[path]
	return prg, ok
}

// Script is the script of a page route, or of the app for "app": the .js
// file, or the .ts file when there is no .js.
func (p *Project) Script(route string) (string, bool) {
	for _, ext := range []string{".js", ".ts"} {
		if _, ok := p.programs[route+ext]; ok {
			return route + ext, true
		}
	}
	return "", false
}

// Resolve is the path of the script that the module at from requires as
// name (see engine/resolve); async is for require.async.
func (p *Project) Resolve(from, name string, async bool) (string, error) {
	return p.resolver.Resolve(from, name, async)
}

// Page returns the parsed WXML of a page route ("pages/index/index" for
// pages/index/index.wxml).
func (p *Project) Page(route string) (*wxml.Node, bool) {
	n, ok := p.pages[route]
	return n, ok
}

// PageJSON is the .json of a page route; the zero PageJSON when it has
// none.
func (p *Project) PageJSON(route string) PageJSON { return p.pageJSON[route] }

// WXML returns the parsed WXML file at path ("components/x/x.wxml").
func (p *Project) WXML(path string) (*wxml.Node, bool) {
	if p.views == nil {
		return nil, false
	}
	return p.views.Root(path)
}

// ComponentJSON is the .json of the component at path
// ("components/x/x"); the zero PageJSON when it has none.
func (p *Project) ComponentJSON(path string) PageJSON { return p.compJSON[path] }

// Home is the page a launch without a path opens: app.json's entryPagePath,
// or its first page.
func (p *Project) Home() string {
	if e := p.AppJSON.EntryPagePath; e != "" {
		return e
	}
	return p.Pages[0]
}

// Title is the navigation bar title from app.json's window, which names
// the app.
func (p *Project) Title() string { return p.AppJSON.Window.NavigationBarTitleText }

// PageTitle is the navigation bar title of a page: its .json's, or else
// the app's.
func (p *Project) PageTitle(route string) string {
	if t := p.pageJSON[route].NavigationBarTitleText; t != nil {
		return *t
	}
	return p.Title()
}

// Ignored is what the project has that miniphone does not draw or run.
func (p *Project) Ignored() Ignored { return p.ignored }
