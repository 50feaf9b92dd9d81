package wxml

import "strings"

// Target is an element of the composed tree that events can reach: one
// with an event binding or a mark, and every custom component's host. Its
// Parent is the nearest such element above it in the composed tree (slot
// content sits under the slot's parent inside the component), so that an
// event travels from a Target up its Parent chain as it does on WeChat.
type Target struct {
	Tag, ID  string
	Class    string
	Dataset  map[string]any // data-* attributes, keys in camelCase
	Marks    map[string]any // mark:* attributes
	Bindings []Binding
	// Owner is the component instance (as the ComponentHost's Mount gave
	// it) whose WXML wrote the element; nil for the page's own WXML.
	// Handlers resolve on the owner, and only elements of one owner see
	// an event that does not cross shadow boundaries.
	Owner any
	// Instance is, for a component's host element, the instance it hosts.
	Instance any
	Parent   *Target
}

// Binding is one event-binding attribute: bindtap, catch:input,
// capture-bind:tap, mut-bind:change...
type Binding struct {
	Event   string // "tap", "change", a custom event's name
	Handler string // the owner's method, the attribute's value rendered
	Catch   bool   // stops the event after the handler
	Capture bool   // runs in the capture phase, root first
	Mut     bool   // mut-bind: only the first mut-bind handler on the path runs
}

// Tappable reports whether a tap on the element calls a handler of its own.
func (t *Target) Tappable() bool {
	if t == nil {
		return false
	}
	for _, b := range t.Bindings {
		if b.Event == "tap" {
			return true
		}
	}
	return false
}

// bindingAttr is a binding attribute as parsed, its handler unrendered.
type bindingAttr struct {
	Binding
	value string
}

// nodeEvents is what of an element's attributes makes it a Target,
// sorted out once when the element is parsed.
type nodeEvents struct {
	bindings []bindingAttr
	marks    []Attr // names without "mark:"
}

// bindingPrefixes are the binding attribute forms, longest first so that
// "capture-bind:" is not taken for "bind".
var bindingPrefixes = []struct {
	prefix                string
	catch, capture, mutex bool
}{
	{"capture-catch", true, true, false},
	{"capture-bind", false, true, false},
	{"mut-bind", false, false, true},
	{"catch", true, false, false},
	{"bind", false, false, false},
}

// eventsOf sorts out the binding and mark attributes of an element; nil
// when it has none, as most elements do.
func eventsOf(attrs []Attr) *nodeEvents {
	var ev *nodeEvents
	for _, a := range attrs {
		if name, ok := strings.CutPrefix(a.Name, "mark:"); ok && name != "" {
			if ev == nil {
				ev = &nodeEvents{}
			}
			ev.marks = append(ev.marks, Attr{Name: name, Value: a.Value})
			continue
		}
		if b, ok := parseBinding(a.Name); ok {
			if ev == nil {
				ev = &nodeEvents{}
			}
			ev.bindings = append(ev.bindings, bindingAttr{Binding: b, value: a.Value})
		}
	}
	return ev
}

// parseBinding reads a binding attribute's name: "bindtap", "bind:tap",
// "capture-catch:touchstart"...
func parseBinding(name string) (Binding, bool) {
	for _, p := range bindingPrefixes {
		rest, ok := strings.CutPrefix(name, p.prefix)
		if !ok {
			continue
		}
		rest = strings.TrimPrefix(rest, ":")
		if rest == "" {
			return Binding{}, false
		}
		return Binding{Event: rest, Catch: p.catch, Capture: p.capture, Mut: p.mutex}, true
	}
	return Binding{}, false
}

// target makes the Target of element n, under the current composed
// parent, when events can reach it; nil otherwise.
func (r *renderer) target(n *Node, sc *scope) *Target {
	if n.events == nil {
		return nil
	}
	t := r.newTarget(n, sc)
	for _, b := range n.events.bindings {
		b.Handler = strings.TrimSpace(r.compile(b.value).text(sc))
		t.Bindings = append(t.Bindings, b.Binding)
	}
	for _, m := range n.events.marks {
		if t.Marks == nil {
			t.Marks = map[string]any{}
		}
		t.Marks[m.Name] = exportValue(r.compile(m.Value).value(sc))
	}
	return t
}

// newTarget makes a Target of n with its id, class and dataset.
func (r *renderer) newTarget(n *Node, sc *scope) *Target {
	t := &Target{Tag: n.Tag, Owner: r.owner, Parent: r.parent}
	for _, a := range n.Attrs {
		switch {
		case a.Name == "id":
			t.ID = r.compile(a.Value).text(sc)
		case a.Name == "class":
			t.Class = r.compile(a.Value).text(sc)
		case strings.HasPrefix(a.Name, "data-") && len(a.Name) > len("data-"):
			if t.Dataset == nil {
				t.Dataset = map[string]any{}
			}
			t.Dataset[datasetKey(a.Name[len("data-"):])] = exportValue(r.compile(a.Value).value(sc))
		}
	}
	return t
}

// under renders with t as the composed parent of the Targets made inside.
func (r *renderer) under(t *Target, render func()) {
	if t == nil {
		render()
		return
	}
	parent := r.parent
	r.parent = t
	render()
	r.parent = parent
}

// exportValue is v as a script sees it: undefined is JavaScript's
// undefined, which Go has no other word for than nil.
func exportValue(v any) any {
	if v == undefined {
		return nil
	}
	return v
}
