// Package jsrt runs one mini-program's JavaScript: App, Page, getApp, CommonJS
// modules, console and timers, on goja. It knows nothing of phones: the host
// supplies the clock, the event log and the task queue, and defines the wx
// APIs on top of DefineSync and DefineAsync.
//
// Every entry into JavaScript goes through one guard, so a mini-program's
// faults (a throw, a rejection nobody handles, an endless loop, a missing
// module) become log lines and App.onError calls, never a failure of the
// emulator.
package jsrt

import (
	_ "embed"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/dop251/goja"

	"miniphone/engine/miniapp"
)

// Host is what the runtime needs from the phone it runs on.
type Host interface {
	// Log records an event of this app in the transcript.
	Log(kind, detail string)
	// StartTimer runs fire after d of the phone's clock (paused while the
	// app is suspended) and returns a function that cancels it.
	StartTimer(d time.Duration, fire func()) (stop func())
	// Defer runs fn as a later task of the app, after the current one; tasks
	// wait while the app is suspended.
	Defer(fn func())
	// PageChanged is told that a page's data changed through setData.
	PageChanged(p *Page)
	// Pages is the page stack, bottom first, for getCurrentPages().
	Pages() []*Page
	// Hold is told that the phone enters JavaScript. Until release, the
	// transcript lines, timers and tasks of the callback are provisional:
	// release(false) drops them, because the callback was interrupted at
	// a point that depends on the machine's speed and a replay must not.
	Hold() (release func(keep bool))
	// Overrun is told that a callback was interrupted for running past its
	// budget; the host decides when an app has had enough.
	Overrun()
	// OutOfMemory is told that the app went past its memory limit. The
	// runtime has closed: it runs no more JavaScript.
	OutOfMemory()
}

// Options configure a Runtime.
type Options struct {
	Project *miniapp.Project
	Host    Host
	// Budget is the real time one callback may run before it is
	// interrupted. A mini-program's endless loop must not hang the emulator,
	// and virtual time does not move inside a callback, so this one limit
	// is measured on the wall clock.
	Budget time.Duration
	// Promises makes async APIs called without callbacks return a Promise
	// (base library 2.10.2 and later).
	Promises bool
	// Now is the phone's clock, for Date; Seed seeds Math.random. Both
	// keep a script's run the same from one replay to the next.
	Now  func() time.Time
	Seed int64
	// MemoryLimit is the heap the app may hold (DefaultMemoryLimit when
	// zero), native built-ins included.
	MemoryLimit int64
	// Interrupts, when set, is told as each outermost callback starts and
	// ends, so that a front end can stop it from another goroutine.
	Interrupts Interrupts
}

// Interrupts lets a front end stop the callback under way: Enter is given
// the function that stops it (safe from any goroutine, never blocking),
// and Leave is called before the callback's interrupt is cleared.
type Interrupts interface {
	Enter(stop func())
	Leave()
}

// maxCallStack is deep enough for any sane mini-program.
const maxCallStack = 2000

//go:embed prelude.js
var preludeSource string

var prelude = goja.MustCompile("prelude.js", preludeSource, true)

// Runtime is the JavaScript world of one running mini-program. It is not
// safe for concurrent use; the goroutine that owns the phone owns it.
type Runtime struct {
	vm       *goja.Runtime
	host     Host
	project  *miniapp.Project
	budget   time.Duration
	promises bool

	helpers struct {
		makePage, format, invoke, tree, selectorQuery, intersectionObserver goja.Callable
		// What components.js is made with.
		clone, setPath, propertyDefault, treeValue, weakMapType goja.Value
	}
	components *componentFuncs // nil until the app first needs them
	wx         *goja.Object
	app        *goja.Object
	modules    map[string]*goja.Object // module objects by path, for require's cache
	// pageDefs are the Page() definitions by the module that made them:
	// a page script may first run because another module required it.
	pageDefs map[string]*goja.Object
	compDefs map[string]*goja.Object // Component() definitions, by module
	running  []string                // the modules being run, innermost last

	depth     int // nesting of guarded calls; the watchdog runs at depth 1
	dog       watchdog
	rejected  map[*goja.Promise]string // rejections nobody has handled yet
	rejectSeq []*goja.Promise          // the same, in order, for a deterministic report
	inOnError bool
	timers    map[int64]func()
	nextTimer int64
	started   []int64 // the timers the running callback started
	mem       *memShare
	cutIn     Interrupts
	stop      func() // r.Interrupt as a value, made once
	// pending is set when a built-in cut the callback running now short
	// (refused memory, or saw the watchdog's cut).
	pending cut
	closed  bool // out of memory or destroyed: no more JavaScript
}

// New builds a runtime with the globals of a mini-program but runs none of
// its code yet.
func New(opts Options) (*Runtime, error) {
	r := &Runtime{
		vm:       goja.New(),
		host:     opts.Host,
		project:  opts.Project,
		budget:   opts.Budget,
		promises: opts.Promises,
		modules:  map[string]*goja.Object{},
		pageDefs: map[string]*goja.Object{},
		compDefs: map[string]*goja.Object{},
		rejected: map[*goja.Promise]string{},
		timers:   map[int64]func(){},
	}
	if r.budget <= 0 {
		r.budget = DefaultBudget
	}
	if opts.MemoryLimit <= 0 {
		opts.MemoryLimit = DefaultMemoryLimit
	}
	r.mem = newMemShare(opts.MemoryLimit)
	r.cutIn, r.stop = opts.Interrupts, r.Interrupt
	r.vm.SetFieldNameMapper(goja.UncapFieldNameMapper())
	if opts.Now != nil {
		r.vm.SetTimeSource(opts.Now)
	}
	r.vm.SetRandSource(rand.New(rand.NewPCG(uint64(opts.Seed), 0)).Float64)
	// A bounded stack turns runaway recursion into a quick RangeError
	// instead of a slow climb to the watchdog.
	r.vm.SetMaxCallStackSize(maxCallStack)
	r.vm.SetPromiseRejectionTracker(r.trackRejection)
	v, err := r.vm.RunProgram(prelude)
	if err != nil {
		return nil, fmt.Errorf("prelude: %w", err)
	}
	h := v.ToObject(r.vm)
	for name, dst := range map[string]*goja.Callable{
		"makePage": &r.helpers.makePage, "format": &r.helpers.format, "invoke": &r.helpers.invoke,
		"tree": &r.helpers.tree, "selectorQuery": &r.helpers.selectorQuery, "intersectionObserver": &r.helpers.intersectionObserver,
	} {
		fn, ok := goja.AssertFunction(h.Get(name))
		if !ok {
			return nil, fmt.Errorf("prelude: %s is not a function", name)
		}
		*dst = fn
	}
	r.helpers.clone, r.helpers.setPath, r.helpers.propertyDefault = h.Get("clone"), h.Get("setPath"), h.Get("propertyDefault")
	r.helpers.treeValue, r.helpers.weakMapType = h.Get("tree"), h.Get("WeakMap")
	r.limitBuiltins()
	r.wx = r.vm.NewObject()
	if err := r.installGlobals(); err != nil {
		return nil, err
	}
	return r, nil
}

// VM exposes the goja runtime to the host's API definitions.
func (r *Runtime) VM() *goja.Runtime { return r.vm }

func (r *Runtime) installGlobals() error {
	g := r.vm.GlobalObject()
	globals := map[string]any{
		"wx":        r.wx,
		"App":       r.defineApp,
		"getApp":    func() goja.Value { return r.appValue() },
		"Page":      r.definer("Page()", r.pageDefs),
		"Component": r.definer("Component()", r.compDefs),
		"getCurrentPages": func() []goja.Value {
			stack := r.host.Pages()
			out := make([]goja.Value, 0, len(stack))
			for _, p := range stack {
				out = append(out, p.obj)
			}
			return out
		},
		"Behavior":      func(def goja.Value) goja.Value { return def },
		"console":       r.console(),
		"setTimeout":    r.timerFunc(false),
		"setInterval":   r.timerFunc(true),
		"clearTimeout":  r.clearTimer,
		"clearInterval": r.clearTimer,
		"require":       r.requireFrom(r.appScript()),
		// WeChat's global: an object the modules share, not the global
		// scope.
		"global": r.vm.NewObject(),
	}
	for _, name := range sortedKeys(globals) {
		v := globals[name]
		if _, isObject := v.(*goja.Object); !isObject {
			v = r.Function(name, v)
		}
		if err := g.Set(name, v); err != nil {
			return fmt.Errorf("global %s: %w", name, err)
		}
	}
	return nil
}

func (r *Runtime) appValue() goja.Value {
	if r.app == nil {
		return goja.Undefined()
	}
	return r.app
}

func (r *Runtime) defineApp(call goja.FunctionCall) goja.Value {
	if r.app != nil {
		panic(r.vm.NewTypeError("App() may be called only once"))
	}
	obj, ok := call.Argument(0).(*goja.Object)
	if !ok {
		panic(r.vm.NewTypeError("App() expects an object"))
	}
	r.app = obj
	return goja.Undefined()
}

// definer makes Page() or Component() (ctor): each keeps its definition
// under the module whose script called it, where the page or component
// of that module finds it (a page may be written with Component()).
func (r *Runtime) definer(ctor string, defs map[string]*goja.Object) func(goja.FunctionCall) goja.Value {
	return func(call goja.FunctionCall) goja.Value {
		obj, ok := call.Argument(0).(*goja.Object)
		if !ok {
			panic(r.vm.NewTypeError(ctor + " expects an object"))
		}
		if n := len(r.running); n > 0 {
			defs[r.running[n-1]] = obj
		}
		return goja.Undefined()
	}
}

func (r *Runtime) console() *goja.Object {
	c := r.vm.NewObject()
	for _, level := range []string{"log", "info", "warn", "error", "debug"} {
		kind := "console." + level
		_ = c.Set(level, r.Function(level, func(call goja.FunctionCall) goja.Value {
			args := r.vm.NewArray()
			for i, a := range call.Arguments {
				_ = args.Set(fmt.Sprint(i), a)
			}
			s, err := r.helpers.format(goja.Undefined(), args)
			if err != nil {
				panic(err)
			}
			r.host.Log(kind, s.String())
			return goja.Undefined()
		}))
	}
	return c
}

// LoadApp runs app.js (or app.ts), which must call App(). A failure is
// already in the log when it returns false.
func (r *Runtime) LoadApp() bool {
	script := r.appScript()
	ok := r.guard(script, func() error {
		_, err := r.require(script)
		return err
	})
	if ok && r.app == nil {
		r.host.Log("error", script+" did not call App()")
		return false
	}
	return ok
}

// appScript is app.js, or app.ts in a TypeScript project.
func (r *Runtime) appScript() string {
	if script, ok := r.project.Script("app"); ok {
		return script
	}
	return "app.js"
}

// CallApp calls a method of the App object if it defines one.
func (r *Runtime) CallApp(method string, args ...any) {
	if r.app == nil {
		return
	}
	r.callMethod("App."+method, "", r.app, method, args...)
}

// AppHas reports whether the App object defines method.
func (r *Runtime) AppHas(method string) bool {
	if r.app == nil {
		return false
	}
	_, ok := r.method("App."+method, r.app, method)
	return ok
}

// method looks up obj[name] as a function. The lookup runs guarded: a
// property can be a getter that throws or never returns.
func (r *Runtime) method(what string, obj *goja.Object, name string) (fn goja.Callable, ok bool) {
	r.guard(what, func() error {
		fn, ok = goja.AssertFunction(obj.Get(name))
		return nil
	})
	return fn, ok
}

// callMethod logs a lifecycle event or handler call as kind and detail, and
// calls the method if the object defines it: the platform fires the event
// whether or not the mini-program listens. It answers what the method
// returned (an input handler's return value replaces the field's).
func (r *Runtime) callMethod(kind, detail string, this *goja.Object, method string, args ...any) (ret any) {
	if r.closed {
		return nil
	}
	r.host.Log(kind, detail)
	// The lookup and the call are one guarded entry: the property may be
	// a getter, and a cold start makes many of these calls.
	r.guard(strings.TrimSpace(kind+" "+detail), func() error {
		fn, ok := goja.AssertFunction(this.Get(method))
		if !ok {
			return nil
		}
		vals := make([]goja.Value, len(args))
		for i, a := range args {
			vals[i] = r.Value(a)
		}
		v, err := fn(this, vals...)
		if err == nil && v != nil {
			ret = v.Export()
		}
		return err
	})
	return ret
}
