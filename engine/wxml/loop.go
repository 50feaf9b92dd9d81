package wxml

import "sort"

// maxLoopItems caps the wx:for items of one Render, nested loops included,
// so that a page cannot render an unbounded list (wx:for="{{1e9}}").
const maxLoopItems = 10000

// loopNames returns the names wx:for binds, WXML's defaults unless
// wx:for-item / wx:for-index rename them.
func loopNames(n *Node) (item, index string) {
	item, index = "item", "index"
	if v, ok := n.attr("wx:for-item"); ok && v != "" {
		item = v
	}
	if v, ok := n.attr("wx:for-index"); ok && v != "" {
		index = v
	}
	return item, index
}

// forEach calls fn with the index and item of each element of what wx:for
// iterates, until fn returns false: an array; an object, by sorted key so
// that renders are deterministic; a number n, as 0..n-1; a string, by
// character (WXML's wx:for="abc"). Anything else has no items.
func forEach(v any, fn func(index, item any) bool) {
	switch x := v.(type) {
	case []any:
		for i, e := range x {
			if !fn(int64(i), normalize(e)) {
				return
			}
		}
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if !fn(k, normalize(x[k])) {
				return
			}
		}
	case int64, float64:
		n := toNumber(x)
		for i := int64(0); float64(i) < n; i++ {
			if !fn(i, i) {
				return
			}
		}
	case string:
		i := int64(0)
		for _, c := range x {
			if !fn(i, string(c)) {
				return
			}
			i++
		}
	}
}
