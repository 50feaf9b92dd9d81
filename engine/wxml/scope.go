package wxml

// scope resolves the names of an expression: the item and index of each
// enclosing wx:for, innermost first, then the page's data.
type scope struct {
	data              map[string]any // root scope only
	item, index       string         // names bound by a wx:for scope
	itemVal, indexVal any
	parent            *scope
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
	if v, ok := s.data[name]; ok {
		return normalize(v)
	}
	return undefined
}
