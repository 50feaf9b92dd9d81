package wxs

import (
	"strings"

	"github.com/dop251/goja"
)

// maxStringifyVisits bounds the values one JSON.stringify visits: an
// array that holds another twice, forty levels deep, has 2^40.
const maxStringifyVisits = 1 << 17

// pieceBytes is what a piece of a split costs at least in the engine.
const pieceBytes = 32

// limitNatives wraps the built-ins whose one native call could run or
// allocate without bound, and drops those WXS lacks that do (repeat,
// padStart, padEnd, fill: all of them allocate what an argument asks).
func (r *Runtime) limitNatives() {
	g := r.vm.GlobalObject()
	str := g.Get("String").ToObject(r.vm).Get("prototype").ToObject(r.vm)
	arr := g.Get("Array").ToObject(r.vm).Get("prototype").ToObject(r.vm)
	json := g.Get("JSON").ToObject(r.vm)
	for obj, names := range map[*goja.Object][]string{str: {"repeat", "padStart", "padEnd"}, arr: {"fill"}} {
		for _, name := range names {
			_ = obj.Delete(name)
		}
	}
	r.boundLength(arr)
	r.natives.join = r.method(arr, "join")
	r.set(arr, "join", func(call goja.FunctionCall) goja.Value {
		r.checkpoint()
		sep := 1
		if s := call.Argument(0); !goja.IsUndefined(s) {
			sep = len(s.String())
		}
		r.refuseOver(max(r.length(call.This)-1, 0) * int64(sep))
		return r.callNative(r.natives.join, call)
	})
	fn := g.Get("Function").ToObject(r.vm).Get("prototype").ToObject(r.vm)
	apply := r.method(fn, "apply")
	r.set(fn, "apply", func(call goja.FunctionCall) goja.Value {
		r.refuseLength(call.Argument(1))
		return r.callNative(apply, call)
	})
	split := r.method(str, "split")
	r.set(str, "split", func(call goja.FunctionCall) goja.Value {
		r.refuseOver(int64(len(call.This.String())+1) * pieceBytes)
		return r.callNative(split, call)
	})
	r.natives.replace = r.method(str, "replace")
	r.natives.replaceAll = r.method(str, "replaceAll")
	r.set(str, "replace", func(call goja.FunctionCall) goja.Value {
		r.refuseOver(replaceSize(call, isGlobal(call.Argument(0))))
		return r.callNative(r.natives.replace, call)
	})
	r.set(str, "replaceAll", func(call goja.FunctionCall) goja.Value {
		r.refuseOver(replaceSize(call, true))
		return r.callNative(r.natives.replaceAll, call)
	})
	r.natives.stringify = r.method(json, "stringify")
	r.set(json, "stringify", r.stringify)
}

// maxLength bounds the arrays the array built-ins take. An array's length
// can be set to 2^32-1 in one statement, and then sort, slice or a spread
// allocate all of it in native code: out of memory is no exception there,
// it ends the process.
const maxLength = 1 << 22

// boundLength makes every method of the array prototype, and its
// iterator, refuse an array longer than maxLength.
func (r *Runtime) boundLength(arr *goja.Object) {
	for _, name := range arr.GetOwnPropertyNames() {
		if name == "constructor" {
			continue
		}
		native, ok := goja.AssertFunction(arr.Get(name))
		if !ok {
			continue
		}
		bounded := func(call goja.FunctionCall) goja.Value {
			r.refuseLength(call.This)
			return r.callNative(native, call)
		}
		r.set(arr, name, bounded)
		if name == "values" {
			_ = arr.DefineDataPropertySymbol(goja.SymIterator, arr.Get(name), goja.FLAG_TRUE, goja.FLAG_FALSE, goja.FLAG_TRUE)
		}
	}
}

func (r *Runtime) refuseLength(v goja.Value) {
	if r.length(v) > maxLength {
		r.throw("RangeError", "Invalid array length")
	}
}

func (r *Runtime) method(obj *goja.Object, name string) goja.Callable {
	fn, ok := goja.AssertFunction(obj.Get(name))
	if !ok {
		panic("wxs: built-in " + name + " is missing")
	}
	return fn
}

func (r *Runtime) callNative(fn goja.Callable, call goja.FunctionCall) goja.Value {
	v, err := fn(call.This, call.Arguments...)
	if err != nil {
		panic(err)
	}
	return v
}

// refuseOver throws a RangeError, as an engine out of room does, when a
// built-in would make more than maxOutput bytes.
func (r *Runtime) refuseOver(size int64) {
	if size > maxOutput {
		r.throw("RangeError", "Invalid string length")
	}
}

// throw throws a new error of the built-in type ctor, such as "TypeError".
func (r *Runtime) throw(ctor, msg string) {
	panic(r.construct(r.vm.Get(ctor).ToObject(r.vm), []goja.Value{r.vm.ToValue(msg)}))
}

func (r *Runtime) length(v goja.Value) int64 {
	obj, ok := v.(*goja.Object)
	if !ok {
		return 0
	}
	n := obj.Get("length")
	if n == nil {
		return 0
	}
	return n.ToInteger()
}

func isGlobal(pattern goja.Value) bool {
	obj, ok := pattern.(*goja.Object)
	return ok && obj.ClassName() == "RegExp" && obj.Get("global").ToBoolean()
}

// replaceSize is the most a replace can make: every position a match, and
// each $& in the replacement a copy of the whole string.
func replaceSize(call goja.FunctionCall, global bool) int64 {
	rep, ok := call.Argument(1).(goja.String)
	if !ok {
		return 0 // a function's results are made, and bounded, in JavaScript
	}
	s, r := int64(len(call.This.String())), rep.String()
	matches := int64(1)
	if global {
		matches = s + 1
	}
	return s + matches*int64(len(r)) + int64(strings.Count(r, "$"))*s
}

// stringify is JSON.stringify with a replacer of ours, composed with the
// script's own function, that is a checkpoint and counts what is written.
// A property list replacer passes through as it is: it orders keys, which
// a function cannot.
func (r *Runtime) stringify(call goja.FunctionCall) goja.Value {
	value, replacer, space := call.Argument(0), call.Argument(1), call.Argument(2)
	if obj, ok := replacer.(*goja.Object); ok && obj.ClassName() == "Array" {
		return r.callNative(r.natives.stringify, call)
	}
	own, _ := goja.AssertFunction(replacer)
	visits, size := 0, int64(0)
	ours := r.vm.ToValue(func(c goja.FunctionCall) goja.Value {
		r.checkpoint()
		visits++
		v := c.Argument(1)
		if own != nil {
			var err error
			if v, err = own(c.This, c.Arguments...); err != nil {
				panic(err)
			}
		}
		size += int64(len(c.Argument(0).String()))
		if s, ok := v.(goja.String); ok {
			size += int64(s.Length())
		}
		if visits > maxStringifyVisits {
			size = maxOutput + 1
		}
		r.refuseOver(size)
		return v
	})
	return r.callNative(r.natives.stringify, goja.FunctionCall{This: call.This, Arguments: []goja.Value{value, ours, space}})
}
