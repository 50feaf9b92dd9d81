package wxml

import (
	"fmt"
	"path"
	"strings"
)

// controlTags are the built-in components a user acts on: each renders as
// one Control element, its attributes evaluated, so that the engine can
// keep what the user did to it and fire its events.
var controlTags = map[string]bool{
	"navigator": true, "input": true, "textarea": true, "checkbox": true,
	"radio": true, "switch": true, "picker": true, "slider": true, "swiper": true,
}

// groupTags are the built-ins that gather controls: a form submits the
// values of the named controls in it; a group answers for its checkboxes
// or radios with one change event.
var groupTags = map[string]bool{"form": true, "checkbox-group": true, "radio-group": true}

// builtin renders the built-in component n, whose events start at t, if
// it is one drawn otherwise than by its children, reporting whether it
// was.
func (r *renderer) builtin(n *Node, sc *scope, t *Target, out *lineBuilder) bool {
	switch {
	case controlTags[n.Tag]:
		out.block(r.control(n, sc, t))
	case groupTags[n.Tag]:
		var inner lineBuilder
		r.under(t, func() { r.children(n.Children, sc, &inner) })
		e := r.controlOf(n, sc, Block)
		e.Children, e.Target = inner.finish(), t
		out.block(e)
	case n.Tag == "label":
		r.under(t, func() { r.label(n, sc, out) })
	case n.Tag == "image":
		alt := "image"
		if src, ok := r.attrText(n, sc, "src"); ok && src != "" {
			alt = path.Base(src)
		}
		img := Element{Kind: TextLine, Text: "▣ " + alt}
		if t != nil { // it binds tap (tapped as its line) or load
			img = r.targetBlock(n, t, []Element{img})
			img.Tag = n.Tag
		}
		out.block(img)
	case n.Tag == "icon":
		t, _ := r.attrText(n, sc, "type")
		out.text(" " + iconOf(t) + " ")
	case n.Tag == "progress":
		out.block(Element{Kind: TextLine, Text: progressLine(r.attrNumber(n, sc, "percent", 0))})
	case n.Tag == "rich-text":
		if v, ok := n.attr("nodes"); ok {
			out.text(richText(r.compile(v).value(sc)))
		}
	default:
		return false
	}
	return true
}

// control renders a focusable built-in. Its text is what the user sees of
// it besides its state: a navigator's or a checkbox's label, an input's
// placeholder. A swiper's children are its items, one block each.
func (r *renderer) control(n *Node, sc *scope, t *Target) Element {
	e := r.controlOf(n, sc, Control)
	e.Target = t
	switch n.Tag {
	case "input", "textarea":
		e.Text, _ = e.Attrs["placeholder"].(string)
	case "swiper":
		// Each item is a block of its own, the current one shown. Only
		// elements are items: text between them is not drawn by WeChat.
		for _, c := range n.Children {
			if c.Tag == "" {
				continue
			}
			var item lineBuilder
			r.under(t, func() { r.children([]*Node{c}, sc, &item) })
			for _, it := range item.finish() { // a wx:for renders many items
				if it.Kind != Block {
					it = Element{Kind: Block, Children: []Element{it}}
				}
				e.Children = append(e.Children, it)
			}
		}
	default:
		var inner lineBuilder
		r.under(t, func() { r.children(n.Children, sc, &inner) })
		var label []string
		collectText(inner.finish(), &label)
		e.Text = strings.Join(label, " ")
	}
	return e
}

// controlOf is the element of a control or group: its attributes
// evaluated, its event handlers, id and dataset.
func (r *renderer) controlOf(n *Node, sc *scope, kind Kind) Element {
	e := Element{Kind: kind, Tag: n.Tag, Key: r.view.keyOf(n, r.occurrence(n))}
	for _, a := range n.Attrs {
		switch name := a.Name; {
		case strings.HasPrefix(name, "data-") || strings.HasPrefix(name, "mark:") || isBinding(name):
			// The element's Target holds these.
		case name == "id":
			e.ID = r.compile(a.Value).text(sc)
		case strings.HasPrefix(name, "model:"):
			// Two-way binding: the attribute, and the data path the
			// control writes back when the user changes it.
			attr := name[len("model:"):]
			e.setAttr(attr, r.compile(a.Value).value(sc))
			if path, ok := modelPath(a.Value); ok {
				if e.Model == nil {
					e.Model = map[string]string{}
				}
				e.Model[attr] = path
			}
		case name == "class" || name == "style" || strings.HasPrefix(name, "hover-"):
			// How it looks: not drawn, not worth evaluating.
		case !strings.Contains(name, ":"):
			if v := r.compile(a.Value).value(sc); v != undefined {
				if a.Value == "" { // a bare attribute is true, as checked or disabled
					v = true
				}
				e.setAttr(name, v)
			}
		}
	}
	return e
}

// modelPath is the data path of a model: binding, which WXML allows to
// be only a path: "{{form.name}}" is form.name.
func modelPath(v string) (string, bool) {
	inner, ok := strings.CutPrefix(strings.TrimSpace(v), "{{")
	if !ok {
		return "", false
	}
	inner, ok = strings.CutSuffix(inner, "}}")
	inner = strings.TrimSpace(inner)
	if !ok || inner == "" || strings.ContainsAny(inner, "{}()?:+-*/ ,'\"") {
		return "", false
	}
	return inner, true
}

// setAttr sets an attribute of e, making its map at the first.
func (e *Element) setAttr(name string, v any) {
	if e.Attrs == nil {
		e.Attrs = map[string]any{}
	}
	e.Attrs[name] = v
}

// isBinding reports whether an attribute binds an event handler.
func isBinding(attr string) bool {
	_, ok := parseBinding(attr)
	return ok
}

// occurrence counts the renders of n in this Render, so that each item of
// a wx:for is a control of its own.
func (r *renderer) occurrence(n *Node) int {
	if r.seen == nil {
		r.seen = map[*Node]int{}
	}
	r.seen[n]++
	return r.seen[n]
}

// Key names a control of a page: the k-th rendering of a node of the
// page's view (both from 1). The zero Key names nothing.
type Key struct{ Node, N int32 }

// keyOf names the k-th rendering of n the same way at every render of the
// view, which is what lets a control keep its state across setData.
func (v *View) keyOf(n *Node, k int) Key {
	id, ok := v.ids[n]
	if !ok {
		if v.ids == nil {
			v.ids = map[*Node]int{}
		}
		id = len(v.ids) + 1
		v.ids[n] = id
	}
	return Key{int32(id), int32(k)}
}

// label renders a <label> around one control as that control, labelled
// with the label's text, so that a checkbox reads "☐ 苹果" and toggle
// "苹果" finds it. A label around anything else is its children, tappable
// as a whole when its for names a control.
func (r *renderer) label(n *Node, sc *scope, out *lineBuilder) {
	var inner lineBuilder
	r.children(n.Children, sc, &inner)
	elems := inner.finish()
	var controls []*Element
	findControls(elems, &controls)
	if len(controls) != 1 || controls[0].Text != "" {
		if id, _ := r.attrText(n, sc, "for"); strings.TrimSpace(id) != "" {
			// A label for="ID" of a control elsewhere: tapping its text
			// reaches that control, so it is a focus stop of its own.
			e := Element{Kind: Block, Tag: n.Tag, Key: r.view.keyOf(n, r.occurrence(n)), Children: elems}
			e.setAttr("for", strings.TrimSpace(id))
			out.block(e)
			return
		}
		for _, e := range elems {
			out.block(e)
		}
		return
	}
	c := *controls[0]
	var text []string
	collectText(elems, &text)
	c.Text = strings.Join(text, " ")
	out.block(c)
}

func findControls(elems []Element, into *[]*Element) {
	for i := range elems {
		if elems[i].Kind == Control {
			*into = append(*into, &elems[i])
		} else {
			findControls(elems[i].Children, into)
		}
	}
}

func (r *renderer) attrText(n *Node, sc *scope, name string) (string, bool) {
	v, ok := n.attr(name)
	if !ok {
		return "", false
	}
	return r.compile(v).text(sc), true
}

func (r *renderer) attrNumber(n *Node, sc *scope, name string, def float64) float64 {
	if v, ok := n.attr(name); ok {
		return toNumber(r.compile(v).value(sc))
	}
	return def
}

// icons are WeChat's icon types, as one character each.
var icons = map[string]string{
	"success": "✓", "success_no_circle": "✓", "info": "ⓘ", "warn": "!",
	"waiting": "…", "cancel": "✕", "download": "↓", "search": "⌕", "clear": "✕",
}

func iconOf(t string) string {
	if s, ok := icons[t]; ok {
		return s
	}
	return "•"
}

// progressLine draws a progress bar of percent, 20 cells and the number.
func progressLine(percent float64) string {
	if percent != percent { // NaN
		percent = 0
	}
	percent = min(max(percent, 0), 100)
	full := int(percent / 5)
	return strings.Repeat("▓", full) + strings.Repeat("░", 20-full) + fmt.Sprintf(" %.0f%%", percent)
}

// richText is the text of rich-text's nodes: an HTML string without its
// tags, or a node array's text nodes in order.
func richText(v any) string {
	switch x := v.(type) {
	case string:
		var b strings.Builder
		inTag := false
		for _, c := range x {
			switch {
			case c == '<':
				inTag = true
			case c == '>':
				inTag = false
				b.WriteByte(' ')
			case !inTag:
				b.WriteRune(c)
			}
		}
		return entities.Replace(b.String())
	case []any:
		var parts []string
		for _, n := range x {
			if m, ok := normalize(n).(map[string]any); ok {
				if t, _ := m["type"].(string); t == "text" {
					parts = append(parts, toString(m["text"]))
				} else {
					parts = append(parts, richText(normalize(m["children"])))
				}
			}
		}
		return strings.Join(parts, " ")
	}
	return ""
}
