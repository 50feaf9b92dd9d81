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
	p := &Page{r: r, Route: route, Query: query}
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

// Handle calls method as the handler of an event, ev being the event
// object, and returns what the handler returned (nil for undefined): an
// input's handler may return the field's new value.
func (p *Page) Handle(method string, ev map[string]any) any {
	if !p.Has(method) {
		p.r.host.Log("error", fmt.Sprintf("%v: %s has no method %q", ev["type"], p.Route, method))
		return nil
	}
	if p.r.closed {
		return nil
	}
	var out any
	p.r.host.Log("Page."+method, p.Route)
	p.r.guard("Page."+method+" "+p.Route, func() error {
		fn, ok := goja.AssertFunction(p.obj.Get(method))
		if !ok {
			return nil
		}
		v, err := fn(p.obj, p.r.Value(ev))
		if err == nil && !goja.IsUndefined(v) && !goja.IsNull(v) {
			out = v.Export()
		}
		return err
	})
	return out
}
