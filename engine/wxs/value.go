package wxs

import (
	"strconv"

	"github.com/dop251/goja"
)

// Undefined is JavaScript's undefined as a Go value, kept apart from nil,
// which is null.
var Undefined = undefinedType{}

type undefinedType struct{}

// Bounds on converting a result to Go: a WXS function may return a cyclic
// or enormous structure, and a page shows little of it.
const (
	maxDepth = 32
	maxNodes = 100000
)

// toJS converts a WXML value for a call. Maps and slices are wrapped, not
// copied: WXS sees the page's data as it is.
func (r *Runtime) toJS(v any) goja.Value {
	switch v := v.(type) {
	case undefinedType:
		return goja.Undefined()
	case *Func:
		if v.r == r {
			return v.val
		}
		return goja.Undefined()
	}
	return r.vm.ToValue(v)
}

// fromJS converts a result to WXML values; this is the object v was read
// from, which becomes the receiver of a function.
func (r *Runtime) fromJS(v goja.Value, this goja.Value) any {
	c := converter{r: r, budget: maxNodes}
	return c.convert(v, this, 0)
}

type converter struct {
	r      *Runtime
	budget int
}

func (c *converter) convert(v, this goja.Value, depth int) any {
	if v == nil || goja.IsUndefined(v) {
		return Undefined
	}
	if goja.IsNull(v) {
		return nil
	}
	obj, ok := v.(*goja.Object)
	if !ok {
		return v.Export() // string, int64, float64, bool
	}
	if fn, ok := goja.AssertFunction(obj); ok {
		name := ""
		if n := obj.Get("name"); n != nil {
			name = n.String()
		}
		return &Func{r: c.r, fn: fn, val: obj, this: this, name: name}
	}
	c.budget--
	if depth >= maxDepth || c.budget < 0 {
		return nil
	}
	switch obj.ClassName() {
	case "Array":
		n := min(c.r.length(obj), int64(c.budget))
		list := make([]any, n)
		for i := range n {
			item := c.convert(obj.Get(strconv.FormatInt(i, 10)), obj, depth+1)
			if item == Undefined {
				item = nil // as JSON has it; WXML keeps undefined out of arrays
			}
			list[i] = item
		}
		return list
	case "Object":
		m := map[string]any{}
		for _, k := range obj.Keys() {
			if item := c.convert(obj.Get(k), obj, depth+1); item != Undefined {
				m[k] = item
			}
		}
		return m
	}
	// Dates, regular expressions, errors, boxed primitives: as String()
	// shows them.
	return obj.String()
}
