package jsrt

import (
	"fmt"

	"github.com/dop251/goja"
)

// Page is one page instance on the page stack.
type Page struct {
	r     *Runtime
	Route string
	Query map[string]string // the options it was opened with
	obj   *goja.Object
}

// NewPage loads the page's script once (its Page() definition is reused for
// later instances) and builds an instance with the query as its options. A
// failure is already in the log when it returns nil.
func (r *Runtime) NewPage(route string, query map[string]string) *Page {
	def, which, ok := r.definition("page", route, "Page()", r.pageDefs, r.compDefs)
	if !ok {
		return nil
	}
	// A page written with Component() is a component instance.
	build := r.helpers.makePage
	if which == 1 {
		funcs := r.componentFuncsOrLog()
		if funcs == nil {
			return nil
		}
		build = funcs.page
	}
	p := &Page{r: r, Route: route, Query: query}
	options := r.Object(query)
	changed := r.vm.ToValue(func() { r.host.PageChanged(p) })
	v, ok := r.Call("Page "+route, build, goja.Undefined(), def, r.vm.ToValue(route), options, changed)
	if !ok {
		return nil
	}
	p.obj = v.ToObject(r.vm)
	return p
}

// Call calls a lifecycle method or handler of the page if it has one.
func (p *Page) Call(method string, args ...any) {
	p.r.callMethod("Page."+method, p.Route, p.obj, method, args...)
}

// Has reports whether the page defines method.
func (p *Page) Has(method string) bool {
	_, ok := p.r.method("Page."+method, p.obj, method)
	return ok
}

// Data is a copy of the page's data, for rendering; nil when the script
// broke it (deleted it, or made it a getter that throws).
func (p *Page) Data() map[string]any {
	var d map[string]any
	p.r.guard("Page.data "+p.Route, func() error {
		if v := p.obj.Get("data"); v != nil {
			d, _ = v.Export().(map[string]any)
		}
		return nil
	})
	return d
}

// definition runs the script of the page or component (kind) at path,
// once, and answers the definition it gave, from the first of defs that
// has one, and which; false, with the reason in the log (it did not call
// ctor), when there is none.
func (r *Runtime) definition(kind, path, ctor string, defs ...map[string]*goja.Object) (*goja.Object, int, bool) {
	script, ok := r.project.Script(path)
	if !ok {
		r.host.Log("error", fmt.Sprintf("%s %q has no script", kind, path))
		return nil, 0, false
	}
	if !r.guard(script, func() error {
		_, err := r.require(script) // runs the script once, then cached
		return err
	}) {
		return nil, 0, false
	}
	for i, d := range defs {
		if def, ok := d[script]; ok {
			return def, i, true
		}
	}
	r.host.Log("error", script+" did not call "+ctor)
	return nil, 0, false
}

// Handle calls the page's handler of an event of type typ (tap, input, a
// custom event's name) with the event object ev, and answers what it
// returned.
func (p *Page) Handle(typ, handler string, ev any) any {
	return p.r.handle("Page", p.Route, p.obj, typ, handler, ev)
}

// handle calls obj's handler (obj is the page or component kind at
// detail) of an event of type typ, or says that it has none.
func (r *Runtime) handle(kind, detail string, obj *goja.Object, typ, handler string, ev any) any {
	if _, ok := r.method(kind+"."+handler, obj, handler); !ok {
		r.host.Log("error", fmt.Sprintf("%s: %s has no method %q", typ, detail, handler))
		return nil
	}
	return r.callMethod(kind+"."+handler, detail, obj, handler, ev)
}
