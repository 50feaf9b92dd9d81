package jsrt

import (
	"math"
	"sync"

	"github.com/dop251/goja"
)

// The built-ins that allocate in proportion to an argument, rather than to
// data the script already holds, ask the phone for the memory first:
// 'x'.repeat(2 ** 31) or new Array(2e8).fill(0) run in native code that no
// watchdog can interrupt and no heap watch sees in time. Each estimate is
// what the call would take at least; reserve stops the app as out of memory
// when it has no room for it.
//
// The wrappers are Go functions set on goja's lazily built objects, because
// touching a built-in builds it: doing this in JavaScript (Reflect, Proxy,
// closures) tripled the cost of starting a runtime.

const (
	slotBytes   = 16      // an array element in the engine
	reserveFree = 1 << 16 // below this, not worth asking
	fillSlice   = 1 << 16 // fill works in slices the watchdog can stop between
)

type estimate func(this goja.Value, args []goja.Value) float64

func (r *Runtime) limitBuiltins() {
	str := r.prototypeOf("String")
	r.bound(str, "repeat", func(this goja.Value, args []goja.Value) float64 {
		return float64(strLen(this)) * count(arg(args, 0))
	})
	padding := func(this goja.Value, args []goja.Value) float64 {
		return count(arg(args, 0)) - float64(strLen(this))
	}
	r.bound(str, "padStart", padding)
	r.bound(str, "padEnd", padding)
	r.bound(str, "split", func(this goja.Value, args []goja.Value) float64 {
		return pieces(this, arg(args, 0)) * 2 * slotBytes
	})
	replacing := func(this goja.Value, args []goja.Value) float64 {
		if rep, ok := arg(args, 1).(goja.String); ok {
			return pieces(this, arg(args, 0)) * float64(rep.Length())
		}
		return 0
	}
	r.bound(str, "replace", replacing)
	r.bound(str, "replaceAll", replacing)

	arr := r.prototypeOf("Array")
	r.bound(arr, "join", func(this goja.Value, args []goja.Value) float64 {
		sep := 1
		if s := arg(args, 0); !goja.IsUndefined(s) {
			sep = s.ToString().(goja.String).Length()
		}
		return max(r.lengthOf(this)-1, 0) * float64(sep)
	})
	r.boundByLength(arr)
	r.bound(arr, "concat", func(this goja.Value, args []goja.Value) float64 {
		n := r.lengthOf(this)
		for _, a := range args {
			if o, ok := a.(*goja.Object); ok && o.ClassName() == "Array" {
				n += r.lengthOf(o)
			} else {
				n++
			}
		}
		return n * slotBytes
	})
	r.fillInSlices(arr)
	r.bound(r.vm.Get("Array").ToObject(r.vm), "from", func(_ goja.Value, args []goja.Value) float64 {
		return r.lengthOf(arg(args, 0)) * slotBytes
	})
	r.bound(r.prototypeOf("Function"), "apply", func(_ goja.Value, args []goja.Value) float64 {
		return r.lengthOf(arg(args, 1)) * slotBytes
	})

	r.countStringify()

	r.guardConstructors()
}

func (r *Runtime) prototypeOf(ctor string) *goja.Object {
	return r.vm.Get(ctor).ToObject(r.vm).Get("prototype").ToObject(r.vm)
}

// bound replaces obj[name] by a function that reserves what est says the
// call will take, then calls the original.
func (r *Runtime) bound(obj *goja.Object, name string, est estimate) {
	original, ok := builtin(obj.Get(name))
	if !ok {
		return
	}
	r.defineMethod(obj, name, func(call goja.FunctionCall) goja.Value {
		r.reserveEstimate(est(call.This, call.Arguments))
		return original(call)
	})
}

// builtin is the Go function behind one of goja's built-in methods. A
// wrapper calls it directly rather than through its function object,
// which then goes to the garbage: two score of them were a fifth of what
// a runtime holds, and a call costs one frame instead of two.
func builtin(v goja.Value) (func(goja.FunctionCall) goja.Value, bool) {
	o, ok := v.(*goja.Object)
	if !ok {
		return nil, false
	}
	f, ok := o.Export().(func(goja.FunctionCall) goja.Value)
	return f, ok && f != nil
}

// boundByLength makes every other method of Array.prototype reserve what
// a dense copy of the array would take. A length can be set to 2^32-1 in
// one statement, and then sort, slice, toReversed or a spread allocate all
// of it in native code, or loop over every index with no instruction for
// an interrupt to land on. push and pop touch one element, and stay as
// they are: they are the hot path of every program.
func (r *Runtime) boundByLength(arr *goja.Object) {
	copies := func(this goja.Value, _ []goja.Value) float64 { return r.lengthOf(this) * slotBytes }
	arrayMethods.once.Do(func() {
		for _, name := range arr.GetOwnPropertyNames() {
			switch name {
			case "constructor", "push", "pop", "join", "concat", "fill":
				continue // the last three have estimates of their own
			}
			if _, ok := goja.AssertFunction(arr.Get(name)); ok {
				arrayMethods.names = append(arrayMethods.names, name)
			}
		}
	})
	for _, name := range arrayMethods.names {
		r.bound(arr, name, copies)
	}
	// Spreading and for-of take the iterator, which is values.
	_ = arr.DefineDataPropertySymbol(goja.SymIterator, arr.Get("values"), goja.FLAG_TRUE, goja.FLAG_FALSE, goja.FLAG_TRUE)
}

// arrayMethods is the methods of a new runtime's Array.prototype that
// boundByLength wraps: the same in every runtime, so listed once rather
// than asked of each (the list cost a sixth of the wrapping).
var arrayMethods struct {
	once  sync.Once
	names []string
}

// defineMethod defines obj[name] as the built-ins are: writable,
// configurable, not enumerable, and named.
func (r *Runtime) defineMethod(obj *goja.Object, name string, fn func(goja.FunctionCall) goja.Value) {
	_ = obj.DefineDataProperty(name, r.Function(name, fn), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
}

// fillInSlices makes Array.prototype.fill reserve, and fill a slice at a
// time, so that the watchdog can stop a fill of millions between slices.
func (r *Runtime) fillInSlices(arr *goja.Object) {
	original, ok := builtin(arr.Get("fill"))
	if !ok {
		return
	}
	r.defineMethod(arr, "fill", func(call goja.FunctionCall) goja.Value {
		o := call.This.ToObject(r.vm)
		n := r.lengthOf(o)
		from, to := relative(arg(call.Arguments, 1), n, 0), relative(arg(call.Arguments, 2), n, n)
		r.reserveEstimate((to - from) * slotBytes)
		for k := from; k < to; k += fillSlice {
			end := min(k+fillSlice, to)
			original(goja.FunctionCall{This: o, Arguments: []goja.Value{arg(call.Arguments, 0), r.vm.ToValue(k), r.vm.ToValue(end)}})
		}
		return o
	})
}

// countStringify makes JSON.stringify count what it writes. Its output can
// be exponential in its input (an array holding another twice, thirty
// levels deep), built in one native loop: a replacer of ours, composed
// with the script's own, is where a cut lands and where the output asks
// for memory as it grows.
func (r *Runtime) countStringify() {
	json := r.vm.Get("JSON").ToObject(r.vm)
	original, ok := builtin(json.Get("stringify"))
	if !ok {
		return
	}
	r.defineMethod(json, "stringify", func(call goja.FunctionCall) goja.Value {
		value, replacer, space := arg(call.Arguments, 0), arg(call.Arguments, 1), arg(call.Arguments, 2)
		user, hasUser := goja.AssertFunction(replacer)
		if !hasUser && !goja.IsUndefined(replacer) && !goja.IsNull(replacer) {
			// A property list orders the keys as well as picking them,
			// which a replacer cannot; lists are rare, and short.
			return original(call)
		}
		indent := float64(min(max(int(space.ToInteger()), 0), 10))
		if s, isStr := space.(goja.String); isStr {
			indent = float64(min(s.Length(), 10))
		}
		var written, asked float64
		counter := r.Function("replacer", func(c goja.FunctionCall) goja.Value {
			v := arg(c.Arguments, 1)
			if hasUser {
				v = r.must(user(c.This, c.Arguments...))
			}
			written += float64(strLen(arg(c.Arguments, 0))) + outputSize(v) + 2*indent + 4
			if written-asked > reserveFree {
				r.reserveEstimate(written - asked)
				asked = written
			} else {
				r.checkpoint()
			}
			return v
		})
		return original(goja.FunctionCall{This: call.This, Arguments: []goja.Value{value, counter, space}})
	})
}

// outputSize is at least what JSON.stringify writes for v itself.
func outputSize(v goja.Value) float64 {
	if s, ok := v.(goja.String); ok {
		return float64(s.Length()) + 2
	}
	return 4
}

// must passes a JavaScript exception on as a throw of the calling built-in.
func (r *Runtime) must(v goja.Value, err error) goja.Value {
	if err != nil {
		panic(err)
	}
	return v
}

// constructorSize estimates what a call of a guarded constructor takes.
type constructorSize func(r *Runtime, args []goja.Value) float64

// guardedConstructor is a global constructor whose calls reserve memory.
type guardedConstructor struct {
	name string
	size constructorSize
}

var guardedConstructors = append([]guardedConstructor{
	{"Array", func(_ *Runtime, args []goja.Value) float64 {
		if len(args) == 1 {
			if n, ok := args[0].Export().(int64); ok {
				return float64(n) * slotBytes
			}
			if f, ok := args[0].Export().(float64); ok {
				return f * slotBytes
			}
		}
		return 0
	}},
	{"ArrayBuffer", func(_ *Runtime, args []goja.Value) float64 { return count(arg(args, 0)) }},
},
	typedArray("Int8Array", 1), typedArray("Uint8Array", 1), typedArray("Uint8ClampedArray", 1),
	typedArray("Int16Array", 2), typedArray("Uint16Array", 2), typedArray("Int32Array", 4),
	typedArray("Uint32Array", 4), typedArray("Float32Array", 4), typedArray("Float64Array", 8),
	typedArray("BigInt64Array", 8), typedArray("BigUint64Array", 8),
)

// typedArray guards the typed array constructor name of elements of size
// bytes.
func typedArray(name string, size float64) guardedConstructor {
	return guardedConstructor{name, func(r *Runtime, args []goja.Value) float64 {
		switch a := arg(args, 0).(type) {
		case *goja.Object:
			if _, view := a.Export().(goja.ArrayBuffer); view {
				return 0 // a view over memory that exists
			}
			return r.lengthOf(a) * size
		default:
			return count(a) * size
		}
	}}
}

// guardConstructors puts a proxy in place of each guarded constructor, so
// that instanceof, prototypes and subclasses behave as before. goja tells
// each trap its target, so the proxies of a runtime share one handler and
// one instanceof: with a handler of its own each, the dozen proxies were
// a quarter of what a new runtime holds.
func (r *Runtime) guardConstructors() {
	sizes := make(map[*goja.Object]constructorSize, len(guardedConstructors)) // by target
	targets := make(map[*goja.Object]*goja.Object, len(guardedConstructors))  // by proxy
	// goja's proxies lack instanceof: Function.prototype[Symbol.hasInstance]
	// asks the proxy itself, which cannot answer, and `[] instanceof Array`
	// would throw. The proxies hand out a check against their target.
	hasInstance, _ := goja.AssertFunction(r.prototypeOf("Function").GetSymbol(goja.SymHasInstance))
	instanceOf := r.Function("[Symbol.hasInstance]", func(call goja.FunctionCall) goja.Value {
		target := call.This
		if o, isObject := call.This.(*goja.Object); isObject && targets[o] != nil {
			target = targets[o]
		}
		return r.must(hasInstance(target, call.Argument(0)))
	})
	traps := &goja.ProxyTrapConfig{
		GetSym: func(target *goja.Object, sym *goja.Symbol, _ goja.Value) goja.Value {
			if sym == goja.SymHasInstance {
				return instanceOf
			}
			return target.GetSymbol(sym)
		},
		Apply: func(target *goja.Object, this goja.Value, args []goja.Value) goja.Value {
			r.reserveEstimate(sizes[target](r, args))
			call, _ := goja.AssertFunction(target)
			return r.must(call(this, args...))
		},
		Construct: func(target *goja.Object, args []goja.Value, newTarget *goja.Object) *goja.Object {
			r.reserveEstimate(sizes[target](r, args))
			if targets[newTarget] == target {
				newTarget = target
			}
			ctor, _ := goja.AssertConstructor(target)
			o, err := ctor(newTarget, args...)
			if err != nil {
				panic(err)
			}
			return o
		},
	}
	global := r.vm.GlobalObject()
	for _, g := range guardedConstructors {
		target := r.vm.Get(g.name).ToObject(r.vm)
		if _, ok := goja.AssertConstructor(target); !ok {
			continue
		}
		proxy := r.vm.ToValue(r.vm.NewProxy(target, traps)).ToObject(r.vm)
		sizes[target], targets[proxy] = g.size, target
		// The prototype's constructor is the proxy too: code compares
		// x.constructor === Array, and new (x.constructor)(n) must not
		// reach the constructor unguarded.
		_ = target.Get("prototype").ToObject(r.vm).DefineDataProperty("constructor", proxy, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
		_ = global.DefineDataProperty(g.name, proxy, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	}
}

func (r *Runtime) reserveEstimate(bytes float64) {
	r.checkpoint()
	if bytes > reserveFree {
		r.reserve(int64(min(bytes, math.MaxInt64/2)))
	}
}

func arg(args []goja.Value, i int) goja.Value {
	if i < len(args) {
		return args[i]
	}
	return goja.Undefined()
}

// count reads a count argument the way the built-ins do: NaN, negatives
// and Infinity count for nothing (the built-in throws on its own).
func count(v goja.Value) float64 {
	n := math.Floor(v.ToFloat())
	if n > 0 && !math.IsInf(n, 1) {
		return n
	}
	return 0
}

func strLen(v goja.Value) int {
	if s, ok := v.(goja.String); ok {
		return s.Length()
	}
	return 0
}

// lengthOf reads an array-like's length (or a collection's size) without
// running more than its getter.
func (r *Runtime) lengthOf(v goja.Value) float64 {
	o, ok := v.(*goja.Object)
	if !ok {
		if s, isStr := v.(goja.String); isStr {
			return float64(s.Length())
		}
		return 0
	}
	n := o.Get("length")
	if n == nil || goja.IsUndefined(n) {
		n = o.Get("size")
	}
	if n == nil {
		return 0
	}
	return count(n)
}

// pieces is the most parts a string operation can cut this into.
func pieces(this goja.Value, pattern goja.Value) float64 {
	step := 1
	if p, ok := pattern.(goja.String); ok && p.Length() > 0 {
		step = p.Length()
	}
	return float64(strLen(this)/step) + 1
}

// relative reads a fill's start or end as Array.prototype.fill does.
func relative(v goja.Value, length, fallback float64) float64 {
	if goja.IsUndefined(v) {
		return fallback
	}
	n := math.Trunc(v.ToFloat())
	if math.IsNaN(n) {
		n = 0
	}
	if n < 0 {
		return max(length+n, 0)
	}
	return min(n, length)
}
