// Package miniapp loads a mini-program project directory (app.json, app.js
// and the pages' .js and .wxml files), checks all of it at once, and keeps
// the compiled scripts and parsed pages for the phones that run it.
package miniapp

import (
	"io/fs"

	"github.com/dop251/goja"

	"miniphone/engine/wxml"
)

// Project is a loaded, checked mini-program. It is not changed after Load,
// so phones may share it.
type Project struct {
	AppJSON AppJSON
	Pages   []string // routes from app.json, e.g. "pages/index/index"; the first is the home page
	Files   fs.FS    // the project's files as read at load, hidden files left out

	programs map[string]*goja.Program // by path, e.g. "utils/util.js"
	pages    map[string]*wxml.Node    // by route
}

// AppJSON is the part of app.json that miniphone uses.
type AppJSON struct {
	Pages  []string `json:"pages"`
	Window struct {
		NavigationBarTitleText string `json:"navigationBarTitleText"`
	} `json:"window"`
}

// Program returns the compiled CommonJS module of a .js file, such as
// "app.js" or "pages/index/index.js". Run in a runtime, it evaluates to a
// function (exports, require, module, __filename, __dirname).
func (p *Project) Program(path string) (*goja.Program, bool) {
	prg, ok := p.programs[path]
	return prg, ok
}

// Page returns the parsed WXML of a page route ("pages/index/index" for
// pages/index/index.wxml).
func (p *Project) Page(route string) (*wxml.Node, bool) {
	n, ok := p.pages[route]
	return n, ok
}

// Title is the navigation bar title from app.json's window.
func (p *Project) Title() string { return p.AppJSON.Window.NavigationBarTitleText }
