package wxapi

import (
	"github.com/dop251/goja"

	"miniphone/engine/jsrt"
)

// constructible is a plain function: a Handle's proxy needs a target that
// can be called and constructed (new wx.cloud.Cloud({...})), which goja's
// Go functions cannot be both.
var constructible = goja.MustCompile("handle.js", "(function () {})", false)

// handle is what a not-emulated Handle API returns: an object whose every
// property is itself, callable and constructible, so that the chains
// scripts write (wx.createSelectorQuery().select('#a').boundingClientRect()
// .exec(cb), wx.cloud.database().collection('c').where({}).get()) run
// without a TypeError. It does nothing, and says so where the script
// listens: a call whose first argument carries callbacks fails them with
// the API's errMsg, and awaiting the handle rejects with it.
func (s *surface) handle(name string) *goja.Object {
	if h, ok := s.handles[name]; ok {
		return h
	}
	target, err := s.vm.RunProgram(constructible)
	if err != nil {
		// Cannot happen: the program is a function literal. Without a
		// target the API still answers, with a plain object.
		return s.vm.NewObject()
	}
	fail, _ := goja.AssertFunction(s.rt.AsyncFunction(name, func(_ *goja.Object, reply jsrt.Reply) {
		reply(nil, ErrNotEmulated)
	}))
	// then and catch answer as a rejected promise would, as a later task.
	rejectWith := func(name string, arg int) goja.Value {
		return s.rt.Function(name, func(call goja.FunctionCall) goja.Value {
			if _, ok := goja.AssertFunction(call.Argument(arg)); ok {
				opts := s.vm.NewObject()
				_ = opts.Set("fail", call.Argument(arg))
				_, _ = fail(goja.Undefined(), opts)
			}
			return goja.Undefined()
		})
	}
	then, catch := rejectWith("then", 1), rejectWith("catch", 0)
	text := s.vm.ToValue("[wx." + name + ": not emulated in miniphone]")
	toString := s.rt.Function("toString", func() goja.Value { return text })

	var self *goja.Object
	proxy := s.vm.NewProxy(target.ToObject(s.vm), &goja.ProxyTrapConfig{
		Get: func(_ *goja.Object, prop string, _ goja.Value) goja.Value {
			switch prop {
			case "then":
				return then
			case "catch":
				return catch
			case "toString":
				return toString
			case "valueOf", "toJSON", "constructor", "__proto__":
				return goja.Undefined()
			}
			return self
		},
		GetIdx: func(*goja.Object, int, goja.Value) goja.Value { return goja.Undefined() },
		GetSym: func(*goja.Object, *goja.Symbol, goja.Value) goja.Value { return goja.Undefined() },
		Apply: func(_ *goja.Object, _ goja.Value, args []goja.Value) goja.Value {
			if len(args) > 0 && hasCallbacks(args[0]) {
				_, _ = fail(goja.Undefined(), args[0])
			}
			return self
		},
		Construct: func(*goja.Object, []goja.Value, *goja.Object) *goja.Object { return self },
	})
	self = s.vm.ToValue(proxy).ToObject(s.vm)
	s.handles[name] = self
	return self
}

// hasCallbacks tells an options object, which a failing stub answers, from
// any other argument (a selector, a listener), which it leaves alone.
func hasCallbacks(v goja.Value) bool {
	obj, ok := v.(*goja.Object)
	if !ok {
		return false
	}
	for _, key := range []string{"success", "fail", "complete"} {
		if _, ok := goja.AssertFunction(obj.Get(key)); ok {
			return true
		}
	}
	return false
}
