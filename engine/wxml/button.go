package wxml

import "strings"

// button renders a <button>: its label is all the text it shows; its
// attributes (form-type, open-type) as a control's.
func (r *renderer) button(n *Node, sc *scope, t *Target) Element {
	var inner lineBuilder
	r.under(t, func() { r.children(n.Children, sc, &inner) })
	var label []string
	collectText(inner.finish(), &label)
	e := r.controlOf(n, sc, Button)
	e.Text = strings.Join(label, " ")
	e.Target = t
	return e
}

func collectText(elems []Element, into *[]string) {
	for _, e := range elems {
		if e.Kind == Block {
			collectText(e.Children, into)
		} else if e.Text != "" {
			*into = append(*into, e.Text)
		}
	}
}

// datasetKey is WeChat's dataset naming: "data-foo-bar" is fooBar, and
// upper case in the attribute is lowered ("data-fooBar" is foobar).
func datasetKey(name string) string { return propName(strings.ToLower(name)) }
