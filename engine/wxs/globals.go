package wxs

import (
	"math"

	"github.com/dlclark/regexp2/v2"
	"github.com/dop251/goja"
)

func init() {
	// goja runs lookaround and backreference patterns on regexp2, whose
	// backtracking can take exponential time in native code no interrupt
	// reaches. Past this timeout a match fails instead. The phone's
	// runtime may have set a timeout already; that one stands.
	if regexp2.DefaultMatchTimeout <= 0 || regexp2.DefaultMatchTimeout == math.MaxInt64 {
		regexp2.DefaultMatchTimeout = DefaultBudget
	}
}

// removed are globals WXS does not have that could allocate or loop
// without bound in one native call (new Array(2**32-1), new ArrayBuffer(…),
// new Set(a huge sparse array)) or reach past the language (Proxy, Reflect).
var removed = []string{
	"Array", "ArrayBuffer", "SharedArrayBuffer", "DataView", "Atomics",
	"Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array",
	"Int32Array", "Uint32Array", "Float32Array", "Float64Array",
	"BigInt64Array", "BigUint64Array", "Proxy", "Reflect", "WeakRef", "FinalizationRegistry",
	"Map", "Set", "WeakMap", "WeakSet",
}

// natives are built-ins lockDown replaced, kept to be called by the
// replacements.
type natives struct {
	regExp, date        *goja.Object
	join, stringify     goja.Callable
	replace, replaceAll goja.Callable
}

// lockDown gives the runtime WXS's globals: the language's built-ins
// less those above, getRegExp and getDate, and a console that writes
// nowhere.
func (r *Runtime) lockDown() {
	g := r.vm.GlobalObject()
	r.natives.regExp = g.Get("RegExp").ToObject(r.vm)
	r.natives.date = g.Get("Date").ToObject(r.vm)
	r.limitNatives()
	for _, name := range removed {
		_ = g.Delete(name)
	}
	r.set(g, "getRegExp", func(call goja.FunctionCall) goja.Value {
		return r.construct(r.natives.regExp, call.Arguments)
	})
	r.set(g, "getDate", func(call goja.FunctionCall) goja.Value {
		return r.construct(r.natives.date, call.Arguments)
	})
	console := r.vm.NewObject()
	for _, name := range []string{"log", "info", "warn", "error", "debug"} {
		r.set(console, name, func(goja.FunctionCall) goja.Value { return goja.Undefined() })
	}
	_ = g.Set("console", console)
	r.typeNames()
}

// set defines a non-enumerable method, as built-ins are.
func (r *Runtime) set(obj *goja.Object, name string, fn func(goja.FunctionCall) goja.Value) {
	_ = obj.DefineDataProperty(name, r.vm.ToValue(fn), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
}

func (r *Runtime) construct(ctor *goja.Object, args []goja.Value) goja.Value {
	obj, err := r.vm.New(ctor, args...)
	if err != nil {
		panic(err)
	}
	return obj
}

// typeNames gives every value the property that x.constructor reads in
// WXS source (see constructorName): the name of its type.
func (r *Runtime) typeNames() {
	proto := r.vm.GlobalObject().Get("Object").ToObject(r.vm).Get("prototype").ToObject(r.vm)
	getter := r.vm.ToValue(func(call goja.FunctionCall) goja.Value {
		return r.vm.ToValue(call.This.ToObject(r.vm).ClassName())
	})
	_ = proto.DefineAccessorProperty(constructorName, getter, nil, goja.FLAG_TRUE, goja.FLAG_FALSE)
}
