package wxapi

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/dop251/goja"

	"miniphone/engine/jsrt"
	"miniphone/engine/semver"
)

// ErrNotEmulated is why a stub fails: its errMsg reads
// "<name>:fail not emulated in miniphone".
var ErrNotEmulated = errors.New("not emulated in miniphone")

// Handler is how the phone answers one emulated API, for an app whose
// state is an R. Make one with SyncFunc, AsyncFunc, TaskFunc or ValueFunc,
// after the API's Kind. A handler serves every app: Install binds it to
// one app's R only when that app first reads the API, so that a launch
// pays for the few APIs its app uses and not for every one it could.
type Handler[R any] struct {
	form  form
	sync  func(R) any
	async func(R, *goja.Object, jsrt.Reply)
	task  func(R, *goja.Object, jsrt.Reply) goja.Value
	value func(R) goja.Value
}

type form int

const (
	syncForm form = iota + 1
	asyncForm
	taskForm
	valueForm
)

var formNames = [...]string{syncForm: "SyncFunc", asyncForm: "AsyncFunc", taskForm: "TaskFunc", valueForm: "ValueFunc"}

// formOf is the handler form each kind needs.
func formOf(k Kind) form {
	switch k {
	case Async:
		return asyncForm
	case Task:
		return taskForm
	case Property:
		return valueForm
	}
	return syncForm
}

// SyncFunc answers a synchronous API or a listener with the Go function fn
// gives for the app, which goja calls with the script's arguments
// converted.
func SyncFunc[R any](fn func(app R) any) Handler[R] {
	return Handler[R]{form: syncForm, sync: fn}
}

// AsyncFunc answers an Async API.
func AsyncFunc[R any](fn func(app R, opts *goja.Object, reply jsrt.Reply)) Handler[R] {
	return Handler[R]{form: asyncForm, async: fn}
}

// TaskFunc answers a Task API.
func TaskFunc[R any](fn func(app R, opts *goja.Object, reply jsrt.Reply) goja.Value) Handler[R] {
	return Handler[R]{form: taskForm, task: fn}
}

// ValueFunc gives a Property its value, made when the app first reads it.
func ValueFunc[R any](fn func(app R) goja.Value) Handler[R] {
	return Handler[R]{form: valueForm, value: fn}
}

// bind makes what wx.name is for the app of rt, whose state is app: a
// function, or a Property's value.
func (h Handler[R]) bind(rt *jsrt.Runtime, name string, app R) goja.Value {
	switch h.form {
	case asyncForm:
		return rt.AsyncFunction(name, func(opts *goja.Object, reply jsrt.Reply) { h.async(app, opts, reply) })
	case taskForm:
		return rt.TaskFunction(name, func(opts *goja.Object, reply jsrt.Reply) goja.Value { return h.task(app, opts, reply) })
	case valueForm:
		return h.value(app)
	}
	return rt.Function(leaf(name), h.sync(app))
}

// Handlers are the handlers of every emulated API, for apps whose state is
// an R, checked against the table once rather than at every launch.
type Handlers[R any] struct {
	byName map[string]Handler[R]
	err    error // what check found
}

// NewHandlers takes the handler of each emulated API, by name, and checks
// them against the table. It keeps byName.
func NewHandlers[R any](byName map[string]Handler[R]) *Handlers[R] {
	return &Handlers[R]{byName: byName, err: check(byName)}
}

// check reports every disagreement between handlers and the table: an
// emulated API without a handler, or with one of the wrong form, and a
// handler for an API that is not in the table or not emulated.
func check[R any](handlers map[string]Handler[R]) error {
	var problems []string
	for _, api := range Table {
		h, ok := handlers[api.Name]
		switch {
		case api.Treatment == Emulated && !ok:
			problems = append(problems, fmt.Sprintf("%s is emulated but has no handler", api.Name))
		case api.Treatment == NotEmulated && ok:
			problems = append(problems, fmt.Sprintf("%s has a handler but the table says it is not emulated", api.Name))
		case ok && h.form != formOf(api.Kind):
			problems = append(problems, fmt.Sprintf("%s is %s but its handler is made with %s", api.Name, api.Kind, formNames[h.form]))
		}
	}
	for name := range handlers {
		if _, ok := Lookup(name); !ok {
			problems = append(problems, fmt.Sprintf("%s has a handler but is not in the table", name))
		}
	}
	if len(problems) == 0 {
		return nil
	}
	sort.Strings(problems)
	return errors.New("wx API table: " + strings.Join(problems, "; "))
}

// Install lays out rt's wx object with every API of the table that base
// library base has: an emulated one answered by its handler, any other by
// a stub that does nothing and says so. notEmulated is told of the first
// call of each stub (of this Install: one app's run), so that the
// transcript shows what the app asked for and did not get. The emulated
// ones are handlers bound to app. When handlers and the table disagree,
// Install returns what NewHandlers found and installs nothing.
//
// Each API's function is made when the app first reads it: a cold start
// would otherwise spend most of its time making five hundred functions the
// app never calls. wx is a proxy over an object that gets each key when it
// is first read, described, redefined or deleted; until then the proxy
// answers for it (in, the list of keys), so that wx enumerates, describes
// and redefines as a plain object holding every key from the start.
// Laying out five hundred placeholders instead cost a sixth of a cold
// start.
func Install[R any](rt *jsrt.Runtime, base semver.Version, handlers *Handlers[R], app R, notEmulated func(name string)) error {
	if handlers.err != nil {
		return handlers.err
	}
	vm := rt.VM()
	keys := surfaceKeys(base)
	emulated := func(name string) (goja.Value, bool) {
		h, ok := handlers.byName[name]
		if !ok {
			return nil, false
		}
		return h.bind(rt, name, app), true
	}
	s := &surface{
		rt: rt, vm: vm, base: base, emulated: emulated, keys: keys, taken: map[string]bool{}, deleted: map[string]bool{},
		seen: map[string]bool{}, report: notEmulated, handles: map[string]*goja.Object{},
	}
	if err := s.captureBuiltins(); err != nil {
		return err
	}
	target := vm.NewObject()
	proxy := vm.NewProxy(target, &goja.ProxyTrapConfig{
		Get: func(t *goja.Object, prop string, _ goja.Value) goja.Value {
			if v := s.resolve(t, prop); v != nil {
				return v
			}
			return goja.Undefined()
		},
		GetOwnPropertyDescriptor: func(t *goja.Object, prop string) goja.PropertyDescriptor {
			s.resolve(t, prop)
			return s.descriptor(t, prop)
		},
		DefineProperty: func(t *goja.Object, prop string, d goja.PropertyDescriptor) bool {
			s.resolve(t, prop)
			return define(t, prop, d)
		},
		PreventExtensions: func(t *goja.Object) bool {
			for _, key := range s.keys.order {
				s.resolve(t, key)
			}
			// Object.preventExtensions answers its argument where
			// Reflect's answers true; the plain target always accepts,
			// so both read as true.
			return s.forward(s.preventExtensions, t)
		},
		Has: func(t *goja.Object, prop string) bool {
			return s.pending(prop) || s.forward(s.has, t, prop)
		},
		DeleteProperty: func(t *goja.Object, prop string) bool {
			if s.keys.has[prop] {
				s.take(prop)
				s.deleted[prop] = true
			}
			// Delete fails with an error where Reflect.deleteProperty
			// answers false: a key the app made non-configurable.
			return t.Delete(prop) == nil
		},
		OwnKeys: func(t *goja.Object) *goja.Object {
			return vm.NewArray(s.ownKeys(t)...)
		},
	})
	rt.SetWx(vm.ToValue(proxy).ToObject(vm))
	return nil
}

// keySet is the keys of wx on one base library: in table order, and as a
// set.
type keySet struct {
	order []string
	has   map[string]bool
}

// keysByBase remembers the keys of wx for each base library a runtime was
// made for: every phone of a fleet has one of a few.
var keysByBase sync.Map // base library version text → *keySet

// surfaceKeys is the keys of wx on base library base; a namespace's members
// come with it.
func surfaceKeys(base semver.Version) *keySet {
	if keys, ok := keysByBase.Load(base.String()); ok {
		return keys.(*keySet)
	}
	keys := &keySet{has: map[string]bool{}}
	for _, api := range Table {
		key, _, _ := strings.Cut(api.Name, ".")
		if base.AtLeast(since[api.Name]) && !keys.has[key] {
			keys.has[key] = true
			keys.order = append(keys.order, key)
		}
	}
	keysByBase.Store(base.String(), keys)
	return keys
}

// pending reports whether prop is a key of wx the target does not hold
// yet: neither made nor deleted.
func (s *surface) pending(prop string) bool { return s.keys.has[prop] && !s.taken[prop] }

// take marks prop as no longer the proxy's to answer for.
func (s *surface) take(prop string) {
	if s.keys.has[prop] {
		s.taken[prop] = true
	}
}

// resolve is target[prop], made now if it is still to be made.
func (s *surface) resolve(t *goja.Object, prop string) goja.Value {
	if !s.pending(prop) {
		return t.Get(prop)
	}
	s.take(prop)
	v := s.make(prop)
	_ = t.Set(prop, v)
	return v
}

// ownKeys lists wx's keys as the object that held every key from the
// start would: the table's in its order, then the ones the app added.
func (s *surface) ownKeys(t *goja.Object) []any {
	own := t.GetOwnPropertyNames()
	held := make(map[string]bool, len(own))
	for _, k := range own {
		held[k] = true
	}
	var keys []any
	for _, k := range s.keys.order {
		if s.pending(k) || held[k] && !s.deleted[k] {
			keys = append(keys, k)
		}
	}
	// The app's own keys, and the table's it deleted and defined again,
	// come after, in the order it defined them.
	for _, k := range own {
		if !s.keys.has[k] || s.deleted[k] {
			keys = append(keys, k)
		}
	}
	for _, sym := range t.Symbols() {
		keys = append(keys, sym)
	}
	return keys
}

// make is the value of a key of wx: an API, or a namespace with its
// members.
func (s *surface) make(key string) goja.Value {
	if !spaces[key] {
		return s.value(Table[byName[key]])
	}
	ns := s.vm.NewObject()
	for _, api := range Table {
		if member, ok := strings.CutPrefix(api.Name, key+"."); ok && s.base.AtLeast(since[api.Name]) {
			_ = ns.Set(member, s.value(api))
		}
	}
	return ns
}

func (s *surface) value(api API) goja.Value {
	if v, ok := s.emulated(api.Name); ok {
		return v
	}
	return s.stub(api)
}

// inOperator is `key in o` as a function, for the Has trap.
var inOperator = goja.MustCompile("in.js", "(function (o, key) { return key in o })", false)

// captureBuiltins takes the functions the proxy forwards to, before the
// app's code runs and can replace the built-ins: two of Object's, and an
// in operator of its own. Reflect, which has all the proxy needs, is left
// alone: reading it makes its thirteen functions, ten kilobytes at every
// launch, where these cost a tenth of that.
func (s *surface) captureBuiltins() error {
	object := s.vm.Get("Object").ToObject(s.vm)
	for _, b := range []struct {
		name string
		dst  *goja.Callable
	}{
		{"getOwnPropertyDescriptor", &s.getOwnPropertyDescriptor},
		{"preventExtensions", &s.preventExtensions},
	} {
		fn, ok := goja.AssertFunction(object.Get(b.name))
		if !ok {
			return fmt.Errorf("wx: Object.%s is not a function", b.name)
		}
		*b.dst = fn
	}
	in, err := s.vm.RunProgram(inOperator)
	if err != nil {
		return err
	}
	s.has, _ = goja.AssertFunction(in)
	return nil
}

// forward does what the proxy would do without its trap, through a
// captured built-in; what that throws, throws on.
func (s *surface) forward(fn goja.Callable, args ...any) bool {
	vals := make([]goja.Value, len(args))
	for i, a := range args {
		vals[i] = s.vm.ToValue(a)
	}
	v, err := fn(goja.Undefined(), vals...)
	if err != nil {
		panic(err)
	}
	return v.ToBoolean()
}

// descriptor is target's own property prop as the trap must report it.
func (s *surface) descriptor(t *goja.Object, prop string) goja.PropertyDescriptor {
	v, err := s.getOwnPropertyDescriptor(goja.Undefined(), t, s.vm.ToValue(prop))
	if err != nil {
		panic(err)
	}
	d, ok := v.(*goja.Object)
	if !ok {
		return goja.PropertyDescriptor{}
	}
	flag := func(key string) goja.Flag {
		switch f := d.Get(key); {
		case f == nil:
			return goja.FLAG_NOT_SET
		case f.ToBoolean():
			return goja.FLAG_TRUE
		}
		return goja.FLAG_FALSE
	}
	return goja.PropertyDescriptor{
		Value:        d.Get("value"),
		Writable:     flag("writable"),
		Configurable: flag("configurable"),
		Enumerable:   flag("enumerable"),
		Getter:       d.Get("get"),
		Setter:       d.Get("set"),
	}
}

// define is Reflect.defineProperty(t, prop, d) through goja's methods,
// which fail with an error where Reflect answers false.
func define(t *goja.Object, prop string, d goja.PropertyDescriptor) bool {
	if d.Getter != nil || d.Setter != nil {
		return t.DefineAccessorProperty(prop, d.Getter, d.Setter, d.Configurable, d.Enumerable) == nil
	}
	return t.DefineDataProperty(prop, d.Value, d.Writable, d.Configurable, d.Enumerable) == nil
}

func leaf(name string) string { return name[strings.LastIndexByte(name, '.')+1:] }

// surface makes the wx object of one runtime: the emulated APIs from their
// handlers, and stubs of the others.
type surface struct {
	rt   *jsrt.Runtime
	vm   *goja.Runtime
	base semver.Version
	// emulated makes an emulated API's function, bound to the app; it
	// reports false for any other API.
	emulated func(name string) (goja.Value, bool)
	keys     *keySet         // the keys of wx on this base library
	taken    map[string]bool // keys of wx made on the target, or deleted
	deleted  map[string]bool // keys of wx the app deleted
	seen     map[string]bool
	report   func(string)
	handles  map[string]*goja.Object // one Handle object per API, made on first call

	getOwnPropertyDescriptor, preventExtensions, has goja.Callable
}

func (s *surface) called(name string) {
	if !s.seen[name] {
		s.seen[name] = true
		s.report(name)
	}
}

// stub is an API that does nothing: an async one fails (or rejects), a
// task one fails and returns a Handle, a synchronous one returns the
// neutral value of its kind.
func (s *surface) stub(api API) goja.Value {
	name := api.Name
	switch api.Kind {
	case Async:
		return s.rt.AsyncFunction(name, func(_ *goja.Object, reply jsrt.Reply) {
			s.called(name)
			reply(nil, ErrNotEmulated)
		})
	case Task:
		return s.rt.TaskFunction(name, func(_ *goja.Object, reply jsrt.Reply) goja.Value {
			s.called(name)
			reply(nil, ErrNotEmulated)
			return s.handle(name)
		})
	case Handle:
		// Some are classes (new wx.cloud.Cloud({...})): a constructor
		// that returns the handle answers both new and a plain call.
		return s.rt.Function(leaf(name), func(goja.ConstructorCall) *goja.Object {
			s.called(name)
			return s.handle(name)
		})
	}
	neutral := s.neutral(api)
	return s.rt.Function(leaf(name), func(goja.FunctionCall) goja.Value {
		s.called(name)
		return neutral()
	})
}

// neutral is what a synchronous stub returns. Records and buffers are
// new on every call, as the script may write to them.
func (s *surface) neutral(api API) func() goja.Value {
	switch api.Kind {
	case Text:
		return func() goja.Value { return s.vm.ToValue("") }
	case Flag:
		return func() goja.Value { return s.vm.ToValue(false) }
	case List:
		return func() goja.Value { return s.vm.NewArray() }
	case Buffer:
		return func() goja.Value { return s.vm.ToValue(s.vm.NewArrayBuffer(nil)) }
	case Record:
		return func() goja.Value { return s.vm.NewObject() }
	}
	return goja.Undefined
}
