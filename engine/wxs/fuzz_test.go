package wxs

import (
	"errors"
	"testing"
	"time"
)

// FuzzModule loads any source as a module and calls what it exports: no
// source may panic, hang, or fail other than with an error.
func FuzzModule(f *testing.F) {
	seeds := []string{
		``,
		`module.exports = { f: function (s, n) { return s.length > n ? s.substring(0, n) + '...' : s } }`,
		`module.exports = function (a, b) { return [a, b, getDate(a).getTime(), getRegExp(b || 'x', 'g').source] }`,
		`var o = require('./o.wxs'); module.exports.k = function (x) { return o.keys(x) }`,
		`exports.f = function () { while (true) {} }`,
		`exports.f = function f() { return f() }`,
		`exports.f = function () { var a = [1]; for (var i = 0; i < 40; i++) a = [a, a]; return JSON.stringify(a) }`,
		`module.exports = { get bad() { throw new Error('getter') } }`,
		`var c = {}; c.self = c; module.exports = c`,
		`throw 1`,
		`module.exports = ; `,
		`module.exports = { constructor: 1, f: function (x) { return x.constructor } }`,
		`exports.f = function (x) { x.mutated = true; return x }`,
	}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		m, err := Compile("fuzz.wxs", 1, src)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Line < 1 {
				t.Fatalf("compile error %v (%T) has no line", err, err)
			}
			return
		}
		r := New(Options{
			Budget: 20 * time.Millisecond,
			Require: func(*Module, string) (*Module, error) {
				return Compile("o.wxs", 1, `exports.keys = function (o) { return JSON.stringify(o) }`)
			},
		})
		exports, err := r.Exports(m)
		if err != nil {
			return
		}
		args := []any{"文本", int64(3), map[string]any{"a": []any{1.5, nil}}, Undefined}
		try := func(v any) {
			if fn, ok := v.(*Func); ok {
				_, _ = fn.Call(args...)
			}
		}
		try(exports)
		if obj, ok := exports.(map[string]any); ok {
			for _, v := range obj {
				try(v)
			}
		}
	})
}
