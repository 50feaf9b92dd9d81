package wxml

import "strings"

// tapAttrs are the attributes that bind a tap handler, in the order WXML
// gives them precedence.
var tapAttrs = []string{"catchtap", "catch:tap", "bindtap", "bind:tap"}

// button renders a <button>: its label is all the text it shows.
func (r *renderer) button(n *Node, sc *scope) Element {
	var inner lineBuilder
	r.children(n.Children, sc, &inner)
	var label []string
	collectText(inner.finish(), &label)
	e := Element{Kind: Button, Text: strings.Join(label, " ")}
	for _, name := range tapAttrs {
		if v, ok := n.attr(name); ok {
			e.Handler = strings.TrimSpace(r.compile(v).text(sc))
			break
		}
	}
	for _, a := range n.Attrs {
		key, ok := strings.CutPrefix(a.Name, "data-")
		if !ok || key == "" {
			continue
		}
		if e.Dataset == nil {
			e.Dataset = map[string]string{}
		}
		e.Dataset[datasetKey(key)] = r.compile(a.Value).text(sc)
	}
	return e
}

func collectText(elems []Element, into *[]string) {
	for _, e := range elems {
		if e.Kind == Block {
			collectText(e.Children, into)
		} else {
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
