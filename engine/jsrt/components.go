package jsrt

import (
	_ "embed"
	"fmt"

	"github.com/dop251/goja"
)

//go:embed components.js
var componentsSource string

var componentsProgram = goja.MustCompile("components.js", componentsSource, true)

// componentFuncs are the functions of components.js.
type componentFuncs struct {
	define, create, props, lifetime, pageLifetime, relation, relationsOf, exported, page, shown goja.Callable
}

// Tree is the composed tree that components and pages live in, as the host
// keeps it: what triggerEvent, selectComponent, selectOwnerComponent and
// getRelationNodes ask. from is the *Page or *Component asking.
type Tree interface {
	Changed(c *Component)
	Trigger(from any, name string, detail goja.Value, opts EventOptions)
	Select(from any, selector string, all bool) []*Component
	// OwnerOf is the component whose WXML holds c; nil when it is a page's.
	OwnerOf(c *Component) (owner *Component, page *Page)
	Relations(c *Component, key string) []*Component
	// TabBar is the custom tabBar of the page, for getTabBar; nil when
	// it shows none.
	TabBar() *Component
}

// EventOptions are triggerEvent's options.
type EventOptions struct {
	Bubbles, Composed, CapturePhase bool
}

// Component is one instance of a custom component.
type Component struct {
	r   *Runtime
	Is  string // its path, e.g. "components/navigation-bar/navigation-bar"
	cls goja.Value
	obj *goja.Object
}

// Relation is one entry of a component's relations.
type Relation struct {
	Key, Type string
}

// loadComponentFuncs runs components.js with the prelude's helpers and
// takes its functions.
func (r *Runtime) loadComponentFuncs() (*componentFuncs, error) {
	v, err := r.vm.RunProgram(componentsProgram)
	if err != nil {
		return nil, err
	}
	f, ok := goja.AssertFunction(v)
	if !ok {
		return nil, fmt.Errorf("not a function")
	}
	h, err := f(goja.Undefined(), r.helpers.clone, r.helpers.setPath, r.helpers.propertyDefault, r.helpers.treeValue, r.helpers.weakMapType)
	if err != nil {
		return nil, err
	}
	obj := h.ToObject(r.vm)
	c := &componentFuncs{}
	for name, dst := range map[string]*goja.Callable{
		"define": &c.define, "create": &c.create, "props": &c.props, "lifetime": &c.lifetime,
		"pageLifetime": &c.pageLifetime, "relation": &c.relation, "relationsOf": &c.relationsOf, "exported": &c.exported,
		"page": &c.page, "shown": &c.shown,
	} {
		if *dst, ok = goja.AssertFunction(obj.Get(name)); !ok {
			return nil, fmt.Errorf("%s is not a function", name)
		}
	}
	return c, nil
}

// componentFuncsOrLog answers the functions of components.js, running the
// script the first time an app defines a component or a page with
// Component(): most apps' pages have none, and the script's functions
// are a tenth of what starting a runtime costs. nil, with the reason in
// the log, when it cannot run.
func (r *Runtime) componentFuncsOrLog() *componentFuncs {
	if r.components == nil {
		c, err := r.loadComponentFuncs()
		if err != nil {
			r.host.Log("error", "components.js: "+err.Error())
			return nil
		}
		r.components = c
	}
	return r.components
}

// NewComponent makes an instance of the component at path (its script is
// run once, as a page's is), before any lifetime; nil, with the reason in
// the log, when its script fails or does not call Component().
func (r *Runtime) NewComponent(path string, tree Tree) *Component {
	def, _, ok := r.definition("component", path, "Component()", r.compDefs)
	if !ok {
		return nil
	}
	funcs := r.componentFuncsOrLog()
	if funcs == nil {
		return nil
	}
	c := &Component{r: r, Is: path}
	cls, ok := r.Call("Component "+path, funcs.define, goja.Undefined(), def)
	if !ok {
		return nil
	}
	c.cls = cls
	v, ok := r.Call("Component "+path, funcs.create, goja.Undefined(), cls, r.vm.ToValue(path), r.treeObject(tree, c))
	if !ok {
		return nil
	}
	c.obj = v.ToObject(r.vm)
	return c
}

// treeObject is the host object components.js reaches the tree through,
// for self (a *Component or a *Page). Its functions are made when first
// called: every page and component instance has a host, and most never
// trigger an event or select anything.
func (r *Runtime) treeObject(tree Tree, self any) *goja.Object {
	comp, _ := self.(*Component)
	return r.vm.NewDynamicObject(&treeHost{r: r, tree: tree, self: self, comp: comp})
}

// treeHost is a treeObject. Only components.js holds one, so it answers
// the names it calls and takes no writes.
type treeHost struct {
	r    *Runtime
	tree Tree
	self any
	comp *Component // self, when it is a component
	made map[string]goja.Value
}

func (h *treeHost) Get(name string) goja.Value {
	if f, ok := h.made[name]; ok {
		return f
	}
	fn := h.function(name)
	if fn == nil {
		return goja.Undefined()
	}
	if h.made == nil {
		h.made = map[string]goja.Value{}
	}
	h.made[name] = h.r.vm.ToValue(fn)
	return h.made[name]
}

func (h *treeHost) Set(string, goja.Value) bool { return false }
func (h *treeHost) Has(name string) bool        { return h.function(name) != nil }
func (h *treeHost) Delete(string) bool          { return false }
func (h *treeHost) Keys() []string {
	return []string{"changed", "trigger", "select", "owner", "tabBar", "relations"}
}

// function is the Go function behind the host's name, or nil.
func (h *treeHost) function(name string) any {
	tree, self, comp := h.tree, h.self, h.comp
	switch name {
	case "changed":
		return func() {
			if comp != nil {
				tree.Changed(comp)
			}
		}
	case "trigger":
		return func(name string, detail goja.Value, bubbles, composed, capture bool) {
			tree.Trigger(self, name, detail, EventOptions{Bubbles: bubbles, Composed: composed, CapturePhase: capture})
		}
	case "select":
		return func(sel string, all bool) []goja.Value { return h.r.exports(tree.Select(self, sel, all)) }
	case "owner":
		return func() goja.Value {
			if comp == nil {
				return goja.Null()
			}
			owner, page := tree.OwnerOf(comp)
			switch {
			case owner != nil:
				return owner.obj
			case page != nil:
				return page.obj
			}
			return goja.Null()
		}
	case "tabBar":
		return func() goja.Value {
			if bar := tree.TabBar(); bar != nil {
				return bar.obj
			}
			return goja.Undefined()
		}
	case "relations":
		return func(key string) []goja.Value {
			if comp == nil {
				return nil
			}
			nodes := tree.Relations(comp, key)
			out := make([]goja.Value, len(nodes))
			for i, n := range nodes {
				out[i] = n.obj
			}
			return out
		}
	}
	return nil
}

// exports are what selectComponent answers for cs: each one's export()
// when it defines one, else the instance.
func (r *Runtime) exports(cs []*Component) []goja.Value {
	out := make([]goja.Value, 0, len(cs))
	for _, c := range cs {
		if v, ok := r.Call("Component "+c.Is+" export", r.components.exported, goja.Undefined(), c.cls, c.obj); ok {
			out = append(out, v)
		}
	}
	return out
}

// AttachTree gives a page selectComponent, createSelectorQuery and the
// rest of what a component has to reach the tree.
func (p *Page) AttachTree(tree Tree) {
	r := p.r
	r.Call("Page "+p.Route, r.helpers.tree, goja.Undefined(), p.obj, r.treeObject(tree, p))
}

// Props applies the values the owner's WXML gives the properties: the
// changed ones, as glass-easel applies a template update.
func (c *Component) Props(props map[string]any) {
	c.r.Call("Component "+c.Is+" properties", c.r.components.props, goja.Undefined(), c.cls, c.obj, c.r.Value(props))
}

// SetAttrs sets the id and dataset the instance shows as this.id and
// this.dataset.
func (c *Component) SetAttrs(id string, dataset map[string]any) {
	c.r.guard("Component "+c.Is, func() error {
		_ = c.obj.Set("id", id)
		return c.obj.Set("dataset", c.r.Value(dataset))
	})
}

// Lifetime runs the lifetime name (created, attached, ready, moved,
// detached) of every behavior and of the component.
func (c *Component) Lifetime(name string) {
	c.r.Call("Component "+c.Is+" "+name, c.r.components.lifetime, goja.Undefined(), c.cls, c.obj, c.r.vm.ToValue(name))
}

// PageLifetime runs the pageLifetimes entry name (show, hide, resize).
func (c *Component) PageLifetime(name string, args ...any) {
	vals := make([]any, len(args))
	copy(vals, args)
	c.r.Call("Component "+c.Is+" "+name, c.r.components.pageLifetime, goja.Undefined(), c.cls, c.obj,
		c.r.vm.ToValue(name), c.r.Value(vals))
}

// Relations are the component's relations, by the key they are declared
// under (a path relative to the component).
func (c *Component) Relations() []Relation {
	var out []Relation
	v, ok := c.r.Call("Component "+c.Is+" relations", c.r.components.relationsOf, goja.Undefined(), c.cls)
	if !ok {
		return nil
	}
	c.r.guard("Component "+c.Is+" relations", func() error {
		list, _ := v.Export().([]any)
		for _, x := range list {
			m, _ := x.(map[string]any)
			key, _ := m["key"].(string)
			typ, _ := m["type"].(string)
			out = append(out, Relation{Key: key, Type: typ})
		}
		return nil
	})
	return out
}

// Relation calls what (linked, linkChanged, unlinked) of the relation
// declared under key, with target.
func (c *Component) Relation(key, what string, target *Component) {
	c.r.Call("Component "+c.Is+" "+what, c.r.components.relation, goja.Undefined(), c.cls, c.obj,
		c.r.vm.ToValue(key), c.r.vm.ToValue(what), target.obj)
}

// Handle calls the component's handler of an event of type typ with the
// event object ev, and answers what it returned.
func (c *Component) Handle(typ, handler string, ev any) any {
	return c.r.handle("Component", c.Is, c.obj, typ, handler, ev)
}

// Data is a copy of the instance's data, for rendering; nil when the
// script broke it.
func (c *Component) Data() map[string]any {
	var d map[string]any
	if v, ok := c.r.Call("Component.data "+c.Is, c.r.components.shown, goja.Undefined(), c.cls, c.obj); ok {
		d, _ = v.Export().(map[string]any)
	}
	return d
}

// SelectorQuery is wx.createSelectorQuery(): a query whose boxes have no
// layout, as a component's createSelectorQuery answers.
func (r *Runtime) SelectorQuery() goja.Value {
	v, _ := r.Call("wx.createSelectorQuery", r.helpers.selectorQuery, goja.Undefined())
	return v
}

// IntersectionObserver is wx.createIntersectionObserver(): one that never
// reports.
func (r *Runtime) IntersectionObserver() goja.Value {
	v, _ := r.Call("wx.createIntersectionObserver", r.helpers.intersectionObserver, goja.Undefined())
	return v
}
