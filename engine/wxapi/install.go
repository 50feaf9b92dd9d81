package wxapi

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/dop251/goja"

	"miniphone/engine/jsrt"
	"miniphone/engine/semver"
)

// ErrNotEmulated is why a stub fails: its errMsg reads
// "<name>:fail not emulated in miniphone".
var ErrNotEmulated = errors.New("not emulated in miniphone")

// Handler is how the phone answers one emulated API. Make one with
// SyncFunc, AsyncFunc, TaskFunc or ValueFunc, after the API's Kind.
type Handler struct {
	form  form
	sync  any
	async jsrt.AsyncFunc
	task  jsrt.TaskFunc
	value func() goja.Value
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

// SyncFunc answers a synchronous API or a listener with a Go function,
// which goja calls with the script's arguments converted.
func SyncFunc(fn any) Handler { return Handler{form: syncForm, sync: fn} }

// AsyncFunc answers an Async API.
func AsyncFunc(fn jsrt.AsyncFunc) Handler { return Handler{form: asyncForm, async: fn} }

// TaskFunc answers a Task API.
func TaskFunc(fn jsrt.TaskFunc) Handler { return Handler{form: taskForm, task: fn} }

// ValueFunc gives a Property its value, made when the app starts.
func ValueFunc(fn func() goja.Value) Handler { return Handler{form: valueForm, value: fn} }

// Check reports every disagreement between handlers and the table: an
// emulated API without a handler, or with one of the wrong form, and a
// handler for an API that is not in the table or not emulated.
func Check(handlers map[string]Handler) error {
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

// Install lays out on rt's wx object every API of the table that base
// library base has: an emulated one answered by its handler, any other by
// a stub that does nothing and says so. notEmulated is told of the first
// call of each stub (of this Install: one app's run), so that the
// transcript shows what the app asked for and did not get. When handlers
// and the table disagree, Install returns the Check error and installs
// nothing.
func Install(rt *jsrt.Runtime, base semver.Version, handlers map[string]Handler, notEmulated func(name string)) error {
	if err := Check(handlers); err != nil {
		return err
	}
	s := &stubs{rt: rt, vm: rt.VM(), seen: map[string]bool{}, report: notEmulated, handles: map[string]*goja.Object{}}
	for _, api := range Table {
		if !base.AtLeast(since[api.Name]) {
			continue
		}
		obj, key := s.home(api.Name)
		var v goja.Value
		if h, ok := handlers[api.Name]; ok {
			v = s.emulated(api, h)
		} else {
			v = s.stub(api)
		}
		_ = obj.Set(key, v)
	}
	return nil
}

// home is the object an API lives on and its key there: wx itself, or a
// namespace of wx, made on first use.
func (s *stubs) home(name string) (*goja.Object, string) {
	obj := s.rt.Wx()
	parts := strings.Split(name, ".")
	for _, ns := range parts[:len(parts)-1] {
		next, ok := obj.Get(ns).(*goja.Object)
		if !ok {
			next = s.vm.NewObject()
			_ = obj.Set(ns, next)
		}
		obj = next
	}
	return obj, parts[len(parts)-1]
}

func (s *stubs) emulated(api API, h Handler) goja.Value {
	switch h.form {
	case asyncForm:
		return s.rt.AsyncFunction(api.Name, h.async)
	case taskForm:
		return s.rt.TaskFunction(api.Name, h.task)
	case valueForm:
		return h.value()
	}
	return s.rt.Function(leaf(api.Name), h.sync)
}

func leaf(name string) string { return name[strings.LastIndexByte(name, '.')+1:] }

// stubs makes the not-emulated APIs of one runtime.
type stubs struct {
	rt      *jsrt.Runtime
	vm      *goja.Runtime
	seen    map[string]bool
	report  func(string)
	handles map[string]*goja.Object // one Handle object per API, made on first call
}

func (s *stubs) called(name string) {
	if !s.seen[name] {
		s.seen[name] = true
		s.report(name)
	}
}

// stub is an API that does nothing: an async one fails (or rejects), a
// task one fails and returns a Handle, a synchronous one returns the
// neutral value of its kind.
func (s *stubs) stub(api API) goja.Value {
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
	}
	if api.Kind == Handle {
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
func (s *stubs) neutral(api API) func() goja.Value {
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
