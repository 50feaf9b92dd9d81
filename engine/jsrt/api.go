package jsrt

import (
	"sort"

	"github.com/dop251/goja"
)

// Reply ends an asynchronous API call: a nil error means success with res
// (which may be nil), else failure with the error's text in errMsg.
type Reply func(res map[string]any, err error)

// AsyncFunc implements an asynchronous wx API. It receives the options
// object and must call reply once, now or later (when the user answers a
// modal, when a download ends...).
type AsyncFunc func(opts *goja.Object, reply Reply)

// TaskFunc implements an asynchronous wx API that also returns an object
// at once, such as wx.request's RequestTask. It answers through reply as an
// AsyncFunc does; the value it returns is the call's.
type TaskFunc func(opts *goja.Object, reply Reply) goja.Value

// Wx is the wx object, for hosts that lay out their own API surface on it
// (namespaces such as wx.cloud included).
func (r *Runtime) Wx() *goja.Object { return r.wx }

// SetWx makes obj the app's wx object, for a host that builds its own.
func (r *Runtime) SetWx(obj *goja.Object) {
	r.wx = obj
	_ = r.vm.GlobalObject().Set("wx", obj)
}

// DefineSync sets wx[name] to a plain function.
func (r *Runtime) DefineSync(name string, fn any) {
	_ = r.wx.Set(name, r.Function(name, fn))
}

// DefineAsync sets wx[name] to an AsyncFunction.
func (r *Runtime) DefineAsync(name string, fn AsyncFunc) {
	_ = r.wx.Set(name, r.AsyncFunction(name, fn))
}

// AsyncFunction makes an API in WeChat's style: success, fail and complete
// callbacks with errMsg "name:ok" or "name:fail reason", called as a later
// task; or, when the phone's base library supports it and no callback was
// given, a returned Promise.
func (r *Runtime) AsyncFunction(name string, fn AsyncFunc) *goja.Object {
	return r.asyncFunction(name, true, func(opts *goja.Object, reply Reply) goja.Value {
		fn(opts, reply)
		return goja.Undefined()
	})
}

// TaskFunction makes an API that answers through callbacks and returns
// what fn returns. The base library never turns these into promises: their
// return value is already taken by the task.
func (r *Runtime) TaskFunction(name string, fn TaskFunc) *goja.Object {
	return r.asyncFunction(name, false, fn)
}

func (r *Runtime) asyncFunction(name string, promisable bool, fn TaskFunc) *goja.Object {
	return r.Function(name, func(call goja.FunctionCall) goja.Value {
		opts, ok := call.Argument(0).(*goja.Object)
		if !ok {
			opts = r.vm.NewObject()
		}
		success, fail, complete := opts.Get("success"), opts.Get("fail"), opts.Get("complete")
		usePromise := promisable && r.promises && IsAbsent(success) && IsAbsent(fail) && IsAbsent(complete)
		var promise *goja.Promise
		var resolve, reject func(any) error
		if usePromise {
			promise, resolve, reject = r.vm.NewPromise()
		}
		answered := false
		ret := fn(opts, func(res map[string]any, err error) {
			if answered {
				return
			}
			answered = true
			r.host.Defer(func() {
				result := r.result(name, res, err)
				if usePromise {
					settle := resolve
					if err != nil {
						settle = reject
					}
					r.inVM("wx."+name, func() { _ = settle(result) })
					return
				}
				cb := success
				if err != nil {
					cb = fail
				}
				r.CallValue("wx."+name+" callback", cb, goja.Undefined(), result)
				r.CallValue("wx."+name+" complete", complete, goja.Undefined(), result)
			})
		})
		if usePromise {
			return r.vm.ToValue(promise)
		}
		if ret == nil {
			return goja.Undefined()
		}
		return ret
	})
}

func (r *Runtime) result(name string, res map[string]any, err error) *goja.Object {
	obj := r.Value(res).(*goja.Object)
	if err != nil {
		_ = obj.Set("errMsg", name+":fail "+err.Error())
	} else {
		_ = obj.Set("errMsg", name+":ok")
	}
	return obj
}

// Object makes a JavaScript object of string pairs; see Value.
func (r *Runtime) Object(m map[string]string) *goja.Object {
	obj := r.vm.NewObject()
	for _, k := range sortedKeys(m) {
		_ = obj.Set(k, m[k])
	}
	return obj
}

// Value converts a Go value for JavaScript, making plain objects of maps
// with their keys in sorted order, so that what a script enumerates does
// not depend on Go's map order.
func (r *Runtime) Value(v any) goja.Value {
	switch v := v.(type) {
	case map[string]any:
		obj := r.vm.NewObject()
		for _, k := range sortedKeys(v) {
			_ = obj.Set(k, r.Value(v[k]))
		}
		return obj
	case map[string]string:
		return r.Object(v)
	case []any:
		items := make([]any, len(v))
		for i, item := range v {
			items[i] = r.Value(item)
		}
		return r.vm.NewArray(items...)
	default:
		return r.vm.ToValue(v)
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// IsAbsent reports whether an optional argument or option was left out:
// undefined and null both count, as they do for the wx APIs.
func IsAbsent(v goja.Value) bool { return v == nil || goja.IsUndefined(v) || goja.IsNull(v) }
