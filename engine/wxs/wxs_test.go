package wxs

import (
	"errors"
	"fmt"
	"path"
	"reflect"
	"strings"
	"testing"
	"time"
)

// phoneTime is the phone's clock in these tests, far from the host's.
var phoneTime = time.Date(2030, 5, 6, 7, 8, 9, 0, time.UTC)

// newRuntime builds a runtime over files, a set of .wxs sources by path.
func newRuntime(t *testing.T, files map[string]string) *Runtime {
	t.Helper()
	return newRuntimeWithin(t, files, time.Minute)
}

// newRuntimeWithin is newRuntime with a budget per call. Only the tests of
// the watchdog itself use a short one: any other test given a short budget
// would fail when a loaded machine runs its call slowly.
func newRuntimeWithin(t *testing.T, files map[string]string, budget time.Duration) *Runtime {
	t.Helper()
	return New(Options{
		Now:    func() time.Time { return phoneTime },
		Seed:   1,
		Budget: budget,
		Require: func(from *Module, spec string) (*Module, error) {
			p := path.Join(path.Dir(from.Path), spec)
			src, ok := files[p]
			if !ok {
				return nil, fmt.Errorf("%s not found", p)
			}
			return Compile(p, 1, src)
		},
	})
}

func mustCompile(t *testing.T, p, src string) *Module {
	t.Helper()
	m, err := Compile(p, 1, src)
	if err != nil {
		t.Fatalf("Compile: %v", err)
	}
	return m
}

// call runs src as a module and calls its export fn with args.
func call(t *testing.T, r *Runtime, src, fn string, args ...any) (any, error) {
	t.Helper()
	exports, err := r.Exports(mustCompile(t, "m.wxs", src))
	if err != nil {
		t.Fatalf("Exports: %v", err)
	}
	f, ok := exports.(map[string]any)[fn].(*Func)
	if !ok {
		t.Fatalf("export %s is %T, not a function", fn, exports.(map[string]any)[fn])
	}
	return f.Call(args...)
}

// eval runs a module whose export v is the value of expression x.
func eval(t *testing.T, x string) any {
	t.Helper()
	exports, err := newRuntime(t, nil).Exports(mustCompile(t, "e.wxs", "module.exports.v = "+x))
	if err != nil {
		t.Fatalf("%s: %v", x, err)
	}
	return exports.(map[string]any)["v"]
}

func TestCallExports(t *testing.T) {
	src := `var filterStr = function (str, limit) {
  return str.length > limit ? str.substring(0, limit) + "..." : str
}
module.exports = { filterStr: filterStr, n: 3, list: [1, 'a', null, undefined], nested: { f: function () { return this.n } , n: 7 } }`
	r := newRuntime(t, nil)
	got, err := call(t, r, src, "filterStr", "天气真好我们出去玩吧", int64(4))
	if err != nil || got != "天气真好..." {
		t.Fatalf("filterStr = %v, %v", got, err)
	}
	exports, _ := r.Exports(mustCompile(t, "m.wxs", src))
	m := exports.(map[string]any)
	if m["n"] != int64(3) || !reflect.DeepEqual(m["list"], []any{int64(1), "a", nil, nil}) {
		t.Errorf("exports %v", m)
	}
	nested := m["nested"].(map[string]any)
	if v, err := nested["f"].(*Func).Call(); err != nil || v != int64(7) {
		t.Errorf("method sees this: %v, %v", v, err)
	}
}

func TestArgumentsAndResults(t *testing.T) {
	r := newRuntime(t, nil)
	src := `module.exports.echo = function (a) { return a }
module.exports.kind = function (a) { return typeof a + ':' + (a === undefined) + ':' + (a === null) }`
	data := map[string]any{"list": []any{int64(1), map[string]any{"x": "y"}}, "s": "文"}
	got, err := call(t, r, src, "echo", data)
	if err != nil || !reflect.DeepEqual(got, data) {
		t.Errorf("echo = %#v, %v", got, err)
	}
	for _, tt := range []struct {
		arg  any
		want string
	}{{Undefined, "undefined:true:false"}, {nil, "object:false:true"}, {1.5, "number:false:false"}} {
		if got, _ := call(t, r, src, "kind", tt.arg); got != tt.want {
			t.Errorf("kind(%v) = %v, want %s", tt.arg, got, tt.want)
		}
	}
	if got, _ := call(t, r, src, "echo"); got != Undefined {
		t.Errorf("echo() = %#v, want Undefined", got)
	}
}

func TestExportsAFunction(t *testing.T) {
	r := newRuntime(t, nil)
	exports, err := r.Exports(mustCompile(t, "f.wxs", `module.exports = function (n, i) { return n + (i || '') }`))
	if err != nil {
		t.Fatal(err)
	}
	if got, err := exports.(*Func).Call("a", "b"); got != "ab" || err != nil {
		t.Errorf("got %v, %v", got, err)
	}
}

func TestRequire(t *testing.T) {
	files := map[string]string{
		"wxs/utils.wxs": `var bem = require('./bem.wxs'); var memo = require('../memo/memoize.wxs');
module.exports = { bem: memo(bem), count: function () { return require('./bem.wxs').calls() } }`,
		"wxs/bem.wxs":      `var calls = 0; function bem(name, mods) { calls++; return name + '--' + mods.join('-') } bem.calls = function () { return calls }; module.exports = bem`,
		"memo/memoize.wxs": `module.exports = function (fn) { var cache = {}; return function (a, b) { var k = JSON.stringify([a, b]); if (cache[k] === undefined) cache[k] = fn(a, b); return cache[k] } }`,
		"a.wxs":            `exports.name = 'a'; var b = require('./b.wxs'); exports.seen = b.seen`,
		"b.wxs":            `var a = require('./a.wxs'); exports.seen = a.name`,
	}
	r := newRuntime(t, files)
	m := mustCompile(t, "wxs/utils.wxs", files["wxs/utils.wxs"])
	if !reflect.DeepEqual(m.Requires, []Require{{"./bem.wxs", 1}, {"../memo/memoize.wxs", 1}, {"./bem.wxs", 2}}) {
		t.Errorf("Requires = %v", m.Requires)
	}
	exports, err := r.Exports(m)
	if err != nil {
		t.Fatal(err)
	}
	bem := exports.(map[string]any)["bem"].(*Func)
	for range 3 {
		if got, err := bem.Call("button", []any{"primary", "large"}); got != "button--primary-large" || err != nil {
			t.Fatalf("bem = %v, %v", got, err)
		}
	}
	if got, _ := exports.(map[string]any)["count"].(*Func).Call(); got != int64(1) {
		t.Errorf("bem ran %v times, want 1: a module runs once and memoize caches", got)
	}
	// A cycle sees the exports as they are when it closes, as in CommonJS.
	a, err := r.Exports(mustCompile(t, "a.wxs", files["a.wxs"]))
	if err != nil || a.(map[string]any)["seen"] != "a" {
		t.Errorf("cycle: %v, %v", a, err)
	}
}

func TestRequireErrors(t *testing.T) {
	r := newRuntime(t, nil)
	_, err := r.Exports(mustCompile(t, "pages/x.wxs", "\nvar m = require('./missing.wxs')"))
	if err == nil || !strings.Contains(err.Error(), "pages/x.wxs:2:") || !strings.Contains(err.Error(), "missing.wxs not found") {
		t.Errorf("error %v", err)
	}
	if _, err := New(Options{}).Exports(mustCompile(t, "y.wxs", "require('./z.wxs')")); err == nil {
		t.Error("require with no Require option succeeded")
	}
}

func TestCompileErrors(t *testing.T) {
	tests := []struct {
		line int
		src  string
		want string
	}{
		{1, "var a = ;", "f.wxs:1: "},
		{1, "var a = 1\nvar b = {", "f.wxs:2: "},
		{10, "\n\n  a b", "f.wxs:12: "},
		{1, "let a = 1; let a = 2", "f.wxs:1: "},
	}
	for _, tt := range tests {
		_, err := Compile("f.wxs", tt.line, tt.src)
		var e *Error
		if !errors.As(err, &e) || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("Compile(%q) error %v, want %q…", tt.src, err, tt.want)
		}
	}
}

func TestCompileIsCached(t *testing.T) {
	a := mustCompile(t, "c.wxs", "module.exports = 1")
	if b := mustCompile(t, "c.wxs", "module.exports = 1"); a != b {
		t.Error("the same source compiled twice")
	}
	if b := mustCompile(t, "d.wxs", "module.exports = 1"); a == b {
		t.Error("another path shares the module")
	}
}

func TestBuiltins(t *testing.T) {
	tests := []struct {
		x    string
		want any
	}{
		{"getRegExp('a+', 'g').test('caat')", true},
		{"'a-b_c'.replace(getRegExp('[-_]', 'g'), '')", "abc"},
		{"getRegExp('x', 'i').flags", "i"},
		{"getDate().getTime()", phoneTime.UnixMilli()},
		{"Date.now()", phoneTime.UnixMilli()},
		{"getDate(0).getTime()", int64(0)},
		{"getDate('2024-02-03T04:05:06Z').getTime()", time.Date(2024, 2, 3, 4, 5, 6, 0, time.UTC).UnixMilli()},
		{"getDate(2024, 1, 30).getDate()", int64(1)}, // 30 February is 1 March
		{"[1, 2].constructor", "Array"},
		{"({}).constructor", "Object"},
		{"'s'.constructor", "String"},
		{"(1).constructor", "Number"},
		{"getDate().constructor", "Date"},
		{"getRegExp('a').constructor", "RegExp"},
		{"(function () {}).constructor", "Function"},
		{"[3, 1, 2].filter(function (x) { return x > 1 }).map(function (x) { return x * 2 }).join()", "6,4"},
		{"JSON.stringify({a: [1, 'b']})", `{"a":[1,"b"]}`},
		{"JSON.stringify({a: 1, b: 2}, function (k, v) { return k === 'b' ? undefined : v })", `{"a":1}`},
		{"JSON.stringify({b: 1, a: 2}, ['a'])", `{"a":2}`},
		{"typeof wx + typeof getApp + typeof setTimeout + typeof Array + typeof Proxy", "undefinedundefinedundefinedundefinedundefined"},
		{"typeof ''.repeat + typeof [].fill", "undefinedundefined"},
		{"typeof console.log(1)", "undefined"},
		{"Math.max(1, 3)", int64(3)},
		{"[].join.call({length: 2}, '-')", "-"},
		{"[].join.call({})", ""},
		{"[].join.call(1)", ""},
	}
	for _, tt := range tests {
		if got := eval(t, tt.x); got != tt.want {
			t.Errorf("%s = %#v, want %#v", tt.x, got, tt.want)
		}
	}
	if a, b := eval(t, "Math.random()"), eval(t, "Math.random()"); a != b {
		t.Errorf("Math.random is not seeded: %v then %v", a, b)
	}
}

func TestThrowDegradesOneCall(t *testing.T) {
	r := newRuntime(t, nil)
	src := "module.exports.f = function (s) {\n  return s.length\n}"
	_, err := call(t, r, src, "f", Undefined)
	if err == nil || !strings.HasPrefix(err.Error(), "m.wxs:2: TypeError") {
		t.Fatalf("error %v, want m.wxs:2: TypeError…", err)
	}
	if got, err := call(t, r, src, "f", "abc"); got != int64(3) || err != nil {
		t.Errorf("after a throw: %v, %v", got, err)
	}
	_, err = r.Exports(mustCompile(t, "t.wxs", "\n\nthrow 'broken'"))
	if err == nil || err.Error() != "t.wxs:3: broken" {
		t.Errorf("module that throws: %v", err)
	}
}

func TestRecursionIsBounded(t *testing.T) {
	r := newRuntime(t, nil)
	_, err := call(t, r, "module.exports.f = function f(n) { return f(n + 1) + 1 }", "f", int64(0))
	if err == nil || !strings.Contains(err.Error(), "RangeError") {
		t.Errorf("error %v, want a RangeError", err)
	}
}

// The hostile cases run until the budget cuts them, whatever the budget.
func TestHostileCallsStop(t *testing.T) {
	tests := []struct {
		name, body string
		refusable  bool // a RangeError may come first
	}{
		{"endless loop", "while (true) {}", false},
		{"loop that catches", "while (true) { try { [].join() } catch (e) {} }", false},
		{"exploding join", "var a = [1]; for (var i = 0; i < 40; i++) a = [a, a]; return a.join()", false},
		{"exploding String()", "var a = ['x']; for (var i = 0; i < 40; i++) a = [a, a]; return '' + a", false},
		{"exploding JSON", "var a = [1]; for (var i = 0; i < 40; i++) a = [a, a]; return JSON.stringify(a)", true},
		{"growing string", "var s = 'x'; while (true) s += s", true},
		{"growing array", "var a = [1]; while (true) a = a.concat(a)", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRuntimeWithin(t, nil, 100*time.Millisecond)
			src := "module.exports.f = function () { " + tt.body + " }\nmodule.exports.g = function () { return 1 }"
			_, err := call(t, r, src, "f")
			if tt.refusable && err != nil && strings.Contains(err.Error(), "RangeError") {
				return
			}
			if !errors.Is(err, ErrStopped) {
				t.Fatalf("error %v, want ErrStopped", err)
			}
			if _, err := call(t, r, src, "g"); !errors.Is(err, ErrStopped) {
				t.Errorf("a later call ran: %v", err)
			}
		})
	}
}

func TestLargeOutputsAreRefused(t *testing.T) {
	tests := []string{
		"var s = 'xxxxxxxxxxxxxxxx'; for (var i = 0; i < 16; i++) s += s; return s.replace(getRegExp('x', 'g'), s)",
		"var s = 'xxxxxxxxxxxxxxxx'; for (var i = 0; i < 20; i++) s += s; return s.split('').length",
		"var a = []; a.length = 4294967295; return a.join('-')",
		// Each of these would allocate the whole length in native code.
		"var a = []; a.length = 4294967295; return a.sort()",
		"var a = []; a.length = 4294967295; return a.slice().length",
		"var a = []; a.length = 4294967295; return [...a].length",
		"var a = []; a.length = 4294967295; return Math.max.apply(null, a)",
		"var a = []; a[4294967294] = 1; return a.reverse()",
	}
	for _, body := range tests {
		r := newRuntime(t, nil)
		_, err := call(t, r, "module.exports.f = function () { "+body+" }", "f")
		if err == nil || !strings.Contains(err.Error(), "RangeError: Invalid") {
			t.Errorf("%s: error %v, want a RangeError", body, err)
		}
	}
}

// A backtracking pattern runs in native code no interrupt reaches; the
// match gives up instead, and the call is cut.
func TestBacktrackingPatternStops(t *testing.T) {
	r := newRuntimeWithin(t, nil, 100*time.Millisecond)
	src := "module.exports.f = function () { return getRegExp('^(?=a)(a+)+$').test('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab') }"
	if _, err := call(t, r, src, "f"); !errors.Is(err, ErrStopped) {
		t.Errorf("error %v, want ErrStopped", err)
	}
}
