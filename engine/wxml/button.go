package wxml

import "strings"

// button renders a <button>: its label is all the text it shows; its
// attributes (form-type, open-type) and events as a control's.
func (r *renderer) button(n *Node, sc *scope) Element {
	var inner lineBuilder
	r.children(n.Children, sc, &inner)
	var label []string
	collectText(inner.finish(), &label)
	e := r.controlOf(n, sc, Button)
	e.Text = strings.Join(label, " ")
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
func datasetKey(name string) string {
	words := strings.Split(strings.ToLower(name), "-")
	for i := 1; i < len(words); i++ {
		if w := words[i]; w != "" {
			words[i] = strings.ToUpper(w[:1]) + w[1:]
		}
	}
	return strings.Join(words, "")
}
