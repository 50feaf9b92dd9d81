package wxml

import "strings"

// ComponentHost gives a View its custom components: which tags are
// components, and the instance of each component element, kept from one
// render to the next.
type ComponentHost interface {
	// Resolve answers the component that tag names in the WXML of owner
	// (nil for the page), from its usingComponents; false when the tag is
	// not a custom component.
	Resolve(owner any, tag string) (Component, bool)
	// Mount answers the instance of the component element that m
	// describes, made at its first render, with m.Props applied; the
	// WXML it renders (nil to render the element's children instead) and
	// its data.
	Mount(m *Mount) (inst any, root *Node, data map[string]any)
}

// Component is a resolved custom component: opaque to the renderer but
// for the generics it declares.
type Component interface {
	// Generic reports whether the component declares tag in
	// componentGenerics, and its default if it has one.
	Generic(tag string) (def Component, declared bool)
}

// Mount describes one component element at one render.
type Mount struct {
	Component Component
	// Owner, Node and Key together name the element from one render to
	// the next: the instance whose WXML holds it, the element, and the
	// wx:for items it is inside of ("" outside any).
	Owner any
	Node  *Node
	Key   string
	// Props are the element's attributes in camelCase, rendered.
	Props map[string]any
	// Generics are the components its generic:* attributes choose.
	Generics map[string]Component
	// Host is the element's Target, for events and selectors.
	Host *Target
}

// slotFrame is the content of the component element being rendered,
// waiting for the component's <slot>s, with what it renders with: its
// owner's scope, file, wx:for key and own enclosing frame.
type slotFrame struct {
	nodes    []*Node
	sc       *scope
	at       *file
	owner    any
	key      string
	parent   *slotFrame
	comp     Component
	generics map[string]Component
}

// notProps are the attributes of a component element that are not its
// properties.
var notProps = map[string]bool{"id": true, "class": true, "style": true, "slot": true, "hidden": true}

// component renders n if it is a custom component's element, reporting
// whether it was.
func (r *renderer) component(n *Node, sc *scope, out *lineBuilder) bool {
	c, ok := r.resolve(n.Tag)
	if !ok {
		return false
	}
	m := &Mount{Component: c, Owner: r.owner, Node: n, Key: r.key, Props: map[string]any{}}
	for _, a := range n.Attrs {
		switch {
		case notProps[a.Name], strings.HasPrefix(a.Name, "wx:"), strings.HasPrefix(a.Name, "data-"),
			strings.HasPrefix(a.Name, "mark:"), strings.HasPrefix(a.Name, "model:"):
		case strings.HasPrefix(a.Name, "generic:"):
			if g, ok := r.resolve(strings.TrimSpace(a.Value)); ok {
				if m.Generics == nil {
					m.Generics = map[string]Component{}
				}
				m.Generics[a.Name[len("generic:"):]] = g
			}
		default:
			if _, ok := parseBinding(a.Name); !ok {
				m.Props[propName(a.Name)] = exportValue(r.compile(a.Value).value(sc))
			}
		}
	}
	m.Host = r.target(n, sc)
	if m.Host == nil {
		m.Host = r.newTarget(n, sc)
	}
	inst, root, data := r.view.opts.Components.Mount(m)
	if root == nil {
		r.under(m.Host, func() { r.children(n.Children, sc, out) })
		return true
	}
	m.Host.Instance = inst
	frame := &slotFrame{nodes: n.Children, sc: sc, at: r.at, owner: r.owner, key: r.key,
		parent: r.slots, comp: c, generics: m.Generics}
	owner, slots, key, parent := r.owner, r.slots, r.key, r.parent
	r.owner, r.slots, r.key, r.parent = inst, frame, "", m.Host
	f := root.file
	if f == nil {
		f = &file{root: root}
	}
	into := out
	if m.Host.Tappable() { // a component element that binds tap is tapped as a whole
		into = &lineBuilder{}
	}
	r.nested(f, func() { r.children(root.Children, &scope{data: data, env: r.envOf(f)}, into) })
	r.owner, r.slots, r.key, r.parent = owner, slots, key, parent
	if into != out {
		out.block(r.targetBlock(n, m.Host, into.finish()))
	}
	return true
}

// resolve answers the component tag names where the renderer is: a
// generic of the component being rendered, else one of its owner's
// usingComponents.
func (r *renderer) resolve(tag string) (Component, bool) {
	if r.view.opts.Components == nil || tag == "" || builtinTags[tag] {
		return nil, false
	}
	if f := r.slots; f != nil {
		if def, declared := f.comp.Generic(tag); declared {
			if g, ok := f.generics[tag]; ok {
				return g, true
			}
			return def, def != nil
		}
	}
	return r.view.opts.Components.Resolve(r.owner, tag)
}

// builtinTags are the tags a component can not take over: the WXML
// language's own.
var builtinTags = map[string]bool{templateTag: true, includeTag: true, importTag: true, wxsTag: true, "block": true, "slot": true}

// slot renders, where a component's WXML has a <slot>, the content its
// element was given for it, as the element's owner renders it.
func (r *renderer) slot(n *Node, sc *scope, out *lineBuilder) {
	f := r.slots
	if f == nil { // a <slot> in a page shows nothing, as on WeChat
		return
	}
	name := ""
	if v, ok := n.attr("name"); ok {
		name = strings.TrimSpace(r.compile(v).text(sc))
	}
	var nodes []*Node
	for _, c := range f.nodes {
		want := ""
		if c.Tag != "" {
			if v, ok := c.attr("slot"); ok {
				want = strings.TrimSpace(r.compile(v).text(f.sc))
			}
		}
		if want == name {
			nodes = append(nodes, c)
		}
	}
	if len(nodes) == 0 {
		return
	}
	owner, slots, key, at := r.owner, r.slots, r.key, r.at
	r.owner, r.slots, r.key, r.at = f.owner, f.parent, f.key, f.at
	r.children(nodes, f.sc, out)
	r.owner, r.slots, r.key, r.at = owner, slots, key, at
}

// loopKey extends the renderer's key with one wx:for item, so that each
// item's component elements are instances of their own: by its wx:key
// ("*this" for the item itself) when the loop has one, so that an
// instance follows its item when the list is reordered, else by index.
func (r *renderer) loopKey(n *Node, index, item any) string {
	k := index
	if name, ok := n.attr("wx:key"); ok && name != "" {
		if name == "*this" {
			k = item
		} else if m, ok := item.(map[string]any); ok {
			k = normalize(m[name])
		}
	}
	return r.key + "/" + toString(k)
}

// propName is a property's name for its attribute: "ext-class" sets
// extClass.
func propName(attr string) string {
	if !strings.Contains(attr, "-") {
		return attr
	}
	words := strings.Split(attr, "-")
	for i := 1; i < len(words); i++ {
		if w := words[i]; w != "" {
			words[i] = strings.ToUpper(w[:1]) + w[1:]
		}
	}
	return strings.Join(words, "")
}
