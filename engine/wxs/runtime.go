package wxs

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/dop251/goja"
)

// DefaultBudget is the real time one call into WXS may run before it is
// interrupted. WXS formats what a page shows; no honest call comes near it.
const DefaultBudget = 500 * time.Millisecond

// maxCallStack turns runaway recursion into a quick RangeError.
const maxCallStack = 512

// ErrStopped is the error of every call after one ran past its budget or
// its memory: a runtime that was cut short runs nothing more, so a page
// whose WXS loops pays the budget once, not once per expression.
var ErrStopped = errors.New("WXS stopped on this page")

// Options configure a Runtime.
type Options struct {
	// Now is the phone's clock, for getDate() and Date.now(); the host's
	// clock when nil.
	Now func() time.Time
	// Seed seeds Math.random, so that a replay renders the same page.
	Seed int64
	// Budget is the real time one call may run; DefaultBudget when zero.
	Budget time.Duration
	// Require finds the module that require(spec) names in module from;
	// nil refuses every require.
	Require func(from *Module, spec string) (*Module, error)
}

// Runtime runs the WXS modules of one page. It is not safe for concurrent
// use.
type Runtime struct {
	vm      *goja.Runtime
	opts    Options
	modules map[*Module]*goja.Object // module objects, by module run
	exports map[*Module]any          // converted exports, by module
	stopped error                    // why the runtime stopped, once it has
	dog     watchdog
	natives natives
}

// New builds a runtime with WXS's globals and nothing else of the host.
func New(opts Options) *Runtime {
	if opts.Budget <= 0 {
		opts.Budget = DefaultBudget
	}
	r := &Runtime{
		vm:      goja.New(),
		opts:    opts,
		modules: map[*Module]*goja.Object{},
		exports: map[*Module]any{},
	}
	r.dog.vm = r.vm
	if opts.Now != nil {
		r.vm.SetTimeSource(opts.Now)
	}
	r.vm.SetRandSource(rand.New(rand.NewPCG(uint64(opts.Seed), 0)).Float64)
	r.vm.SetMaxCallStackSize(maxCallStack)
	r.lockDown()
	return r
}

// Exports runs m, once per runtime, and returns its module.exports as a Go
// value: functions are *Func, objects map[string]any, arrays []any, and
// undefined is Undefined.
func (r *Runtime) Exports(m *Module) (any, error) {
	if v, ok := r.exports[m]; ok {
		return v, nil
	}
	v, err := r.run(func() (any, error) {
		exports, err := r.load(m)
		if err != nil {
			return nil, err
		}
		return r.fromJS(exports, goja.Undefined()), nil
	})
	if err != nil && !errors.Is(err, ErrStopped) {
		// A module that throws stays broken, as on a phone: run it once.
		v, err = Undefined, r.describe(m.Path, err)
	}
	if err == nil {
		r.exports[m] = v
	}
	return v, err
}

// load runs m as a CommonJS module, unless it already ran (or is running,
// in a require cycle), and returns its module.exports.
func (r *Runtime) load(m *Module) (goja.Value, error) {
	if mod, ok := r.modules[m]; ok {
		return mod.Get("exports"), nil
	}
	mod := r.vm.NewObject()
	exports := r.vm.NewObject()
	if err := mod.Set("exports", exports); err != nil {
		return nil, err
	}
	r.modules[m] = mod
	fn, err := r.vm.RunProgram(m.prg)
	if err != nil {
		return nil, err
	}
	body, ok := goja.AssertFunction(fn)
	if !ok {
		return nil, fmt.Errorf("%s: not a module", m.Path)
	}
	if _, err := body(goja.Undefined(), mod, exports, r.vm.ToValue(r.requireFrom(m))); err != nil {
		return nil, err
	}
	return mod.Get("exports"), nil
}

// requireFrom is the require function of module from.
func (r *Runtime) requireFrom(from *Module) func(spec string) goja.Value {
	return func(spec string) goja.Value {
		if r.opts.Require == nil {
			r.throw("Error", fmt.Sprintf("require(%q): no modules to require", spec))
		}
		m, err := r.opts.Require(from, spec)
		if err != nil {
			r.throw("Error", fmt.Sprintf("require(%q): %v", spec, err))
		}
		v, err := r.load(m)
		var ex *goja.Exception
		switch {
		case err == nil:
			return v
		case errors.As(err, &ex):
			panic(ex) // rethrown as it came, so that the trace names the module
		case isInterrupt(err):
			panic(err) // goja lets no script catch an interruption
		}
		panic(r.vm.NewGoError(err))
	}
}

// Func is a WXS function that WXML can call.
type Func struct {
	r    *Runtime
	fn   goja.Callable
	val  goja.Value // the function itself, to hand back to WXS
	this goja.Value // the object it was read from
	name string
}

// Name is the function's name, for messages.
// Call calls the function with args, values as WXML holds them, and
// returns its result the way Exports returns exports.
func (f *Func) Call(args ...any) (any, error) {
	r := f.r
	v, err := r.run(func() (any, error) {
		in := make([]goja.Value, len(args))
		for i, a := range args {
			in[i] = r.toJS(a)
		}
		out, err := f.fn(f.this, in...)
		if err != nil {
			return nil, err
		}
		return r.fromJS(out, goja.Undefined()), nil
	})
	if err != nil && !errors.Is(err, ErrStopped) {
		err = r.describe(f.name, err)
	}
	return v, err
}

// describe turns a JavaScript error into one line naming where it was
// thrown: "pages/util.wxs:3: TypeError: …".
func (r *Runtime) describe(what string, err error) error {
	var ex *goja.Exception
	var overflow *goja.StackOverflowError
	msg := "uncaught exception"
	switch {
	case errors.As(err, &overflow):
		ex, msg = &overflow.Exception, "RangeError: Maximum call stack size exceeded"
	case errors.As(err, &ex):
		if v := ex.Value(); v != nil {
			msg = v.String()
		}
	default:
		return fmt.Errorf("%s: %w", what, err)
	}
	for _, f := range ex.Stack() {
		if p := f.Position(); p.Filename != "" && p.Line > 0 {
			return fmt.Errorf("%s:%d: %s", p.Filename, p.Line, msg)
		}
	}
	return fmt.Errorf("%s: %s", what, msg)
}
