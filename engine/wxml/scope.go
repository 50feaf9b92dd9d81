package wxml

// scope resolves the names of an expression: the item and index of each
// enclosing wx:for, innermost first, then the WXS modules of the file
// being rendered, then the data (the page's, or a template's).
type scope struct {
	data              map[string]any // root scope only
	item, index       string         // names bound by a wx:for scope
	itemVal, indexVal any
	parent            *scope
	env               *env // nil outside a render, as in tests of expressions
}

func (s *scope) lookup(name string) any {
	for ; s.parent != nil; s = s.parent {
		switch name {
		case s.item:
			return s.itemVal
		case s.index:
			return s.indexVal
		}
	}
	if s.env != nil && len(s.env.file.modules) > 0 {
		if m, ok := s.env.file.modules[name]; ok {
			return s.env.r.view.exports(m)
		}
	}
	if v, ok := s.data[name]; ok {
		return normalize(v)
	}
	return undefined
}

// loop is the scope of one wx:for item.
func (s *scope) loop(item, index string, itemVal, indexVal any) *scope {
	return &scope{item: item, index: index, itemVal: itemVal, indexVal: indexVal, parent: s, env: s.env}
}

// env is what the expressions of one file see in a render besides their
// data: the file (its WXS modules) and the render (whose view runs them).
type env struct {
	r    *renderer
	file *file
}
