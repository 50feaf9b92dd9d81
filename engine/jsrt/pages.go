package jsrt

import (
	"fmt"

	"github.com/dop251/goja"
)

// Page is one page instance on the page stack.
type Page struct {
	r     *Runtime
	Route string
	obj   *goja.Object
}

// NewPage loads the page's script once (its Page() definition is reused for
// later instances) and builds an instance with the query as its options. A
// failure is already in the log when it returns nil.
func (r *Runtime) NewPage(route string, query map[string]string) *Page {
	script, ok := r.project.Script(route)
	if !ok {
		r.host.Log("error", fmt.Sprintf("page %q has no script", route))
		return nil
	}
	if !r.guard(script, func() error {
		_, err := r.require(script) // runs the script once, then cached
		return err
	}) {
		return nil
	}
	def, ok := r.pageDefs[script]
	if !ok {
		r.host.Log("error", script+" did not call Page()")
		return nil
	}
	p := &Page{r: r, Route: route}
	options := r.Object(query)
	changed := r.vm.ToValue(func() { r.host.PageChanged(p) })
	v, ok := r.Call("Page "+route, r.helpers.makePage, goja.Undefined(), def, r.vm.ToValue(route), options, changed)
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

// Handle calls the page's handler of an event of type typ (tap, input, a
// custom event's name) with the event object ev.
func (p *Page) Handle(typ, handler string, ev any) {
	if !p.Has(handler) {
		p.r.host.Log("error", fmt.Sprintf("%s: %s has no method %q", typ, p.Route, handler))
		return
	}
	p.Call(handler, ev)
}
