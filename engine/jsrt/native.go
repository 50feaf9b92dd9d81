package jsrt

import "github.com/dop251/goja"

// NewError makes a plain Error, what the base library's `new Error(msg)`
// throws. goja offers only TypeError and its own GoError from Go, so this
// is a TypeError moved onto Error's prototype, stack and all.
func (r *Runtime) NewError(msg string) *goja.Object {
	e := r.vm.NewTypeError(msg)
	_ = e.SetPrototype(e.Prototype().Prototype())
	return e
}

// Function makes a JavaScript function of fn named as the mini-program
// knows it. goja names a Go function after its Go symbol, and the name
// shows in stack traces and error lines: "at require (native)", not
// "at miniphone/engine/jsrt.(*Runtime).requireFrom.func1 (native)".
func (r *Runtime) Function(name string, fn any) *goja.Object {
	f := r.vm.ToValue(fn).ToObject(r.vm)
	// A function's name is read-only but configurable, as in any engine.
	_ = f.DefineDataProperty("name", r.vm.ToValue(name), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	return f
}
