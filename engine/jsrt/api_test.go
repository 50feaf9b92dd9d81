package jsrt

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/dop251/goja"
)

// asyncAPI is a wx API for the tests: each call records its options and
// its reply, which the test calls when it likes.
type asyncAPI struct {
	opts    []*goja.Object
	replies []Reply
}

func (a *asyncAPI) fn(opts *goja.Object, reply Reply) {
	a.opts = append(a.opts, opts)
	a.replies = append(a.replies, reply)
}

// withPromises turns on promise-style calls.
func withPromises(o *Options) { o.Promises = true }

// apiRuntime loads an app whose run method runs code, with wx.api defined
// by a fresh asyncAPI.
func apiRuntime(t *testing.T, code string, opt ...func(*Options)) (*Runtime, *fakeHost, *asyncAPI) {
	t.Helper()
	r, h := newRuntime(t, map[string]string{"app.js": `
function show(tag) { return function (res) { console.log(tag, JSON.stringify(res)) } }
App({run: function () { ` + code + ` }})`}, opt...)
	api := &asyncAPI{}
	r.DefineAsync("api", api.fn)
	if !r.LoadApp() {
		t.Fatalf("LoadApp failed:%s", h.dump())
	}
	return r, h, api
}

// runAPI runs code, which calls wx.api once, promise-style when promises
// is set, and returns the host and the call to answer.
func runAPI(t *testing.T, code string, promises bool) (*fakeHost, *asyncAPI) {
	t.Helper()
	var opt []func(*Options)
	if promises {
		opt = append(opt, withPromises)
	}
	r, h, api := apiRuntime(t, code, opt...)
	r.CallApp("run")
	if len(api.replies) != 1 {
		t.Fatalf("the API was called %d times", len(api.replies))
	}
	return h, api
}

func TestDefineAsyncCallbacks(t *testing.T) {
	const callbacks = `wx.api({x: 1, success: show("success"), fail: show("fail"), complete: show("complete")})`
	tests := []struct {
		name     string
		code     string
		promises bool
		res      map[string]any
		err      error
		want     []string
	}{
		{
			name: "success then complete",
			code: callbacks,
			res:  map[string]any{"b": 2, "a": "x"},
			want: []string{`success {"a":"x","b":2,"errMsg":"api:ok"}`, `complete {"a":"x","b":2,"errMsg":"api:ok"}`},
		},
		{
			name: "nil result",
			code: callbacks,
			want: []string{`success {"errMsg":"api:ok"}`, `complete {"errMsg":"api:ok"}`},
		},
		{
			name: "fail then complete",
			code: callbacks,
			err:  errors.New("cancel by user"),
			res:  map[string]any{"partial": true},
			want: []string{`fail {"partial":true,"errMsg":"api:fail cancel by user"}`, `complete {"partial":true,"errMsg":"api:fail cancel by user"}`},
		},
		{
			name: "only complete",
			code: `wx.api({complete: show("complete")})`,
			err:  errors.New("nope"),
			want: []string{`complete {"errMsg":"api:fail nope"}`},
		},
		{
			name: "success missing on failure",
			code: `wx.api({success: show("success")})`,
			err:  errors.New("nope"),
			want: nil,
		},
		{
			name: "callbacks win over promises",
			code: `var p = wx.api({success: show("success")}); console.log("returned", typeof p)`,
			res:  map[string]any{},
			want: []string{"returned undefined", `success {"errMsg":"api:ok"}`},
		},
		{
			name:     "callbacks win over promises, with promises on",
			code:     `var p = wx.api({complete: show("complete")}); console.log("returned", typeof p)`,
			promises: true,
			want:     []string{"returned undefined", `complete {"errMsg":"api:ok"}`},
		},
		{
			name: "no options, no promises",
			code: `console.log("returned", typeof wx.api())`,
			want: []string{"returned undefined"},
		},
		{
			name: "callbacks that are not functions are ignored",
			code: `wx.api({success: 1, complete: "x"}); console.log("ok")`,
			want: []string{"ok"},
		},
		{
			name: "this is undefined in callbacks",
			code: `"use strict"; wx.api({success: function () { console.log("this", typeof this) }})`,
			want: []string{"this undefined"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, api := runAPI(t, tt.code, tt.promises)
			before := len(h.console())
			api.replies[0](tt.res, tt.err)
			// Callbacks run as a later task, never inside reply.
			if len(h.console()) != before {
				t.Errorf("callbacks ran inside reply: %q", h.console()[before:])
			}
			if n := h.drain(); n != 1 {
				t.Errorf("%d tasks deferred, want 1", n)
			}
			equal(t, "console", h.console(), tt.want)
			if len(h.errors()) > 0 {
				t.Errorf("errors: %q", h.errors())
			}
		})
	}
}

// The options object reaches the Go side as given.
func TestDefineAsyncOptions(t *testing.T) {
	r, _, api := apiRuntime(t, `wx.api({title: "hi", n: 3}); wx.api(); wx.api(5)`)
	r.CallApp("run")
	if len(api.opts) != 3 {
		t.Fatalf("%d calls", len(api.opts))
	}
	if got := api.opts[0].Get("title").String(); got != "hi" {
		t.Errorf("title = %q", got)
	}
	if got := api.opts[0].Get("n").ToInteger(); got != 3 {
		t.Errorf("n = %d", got)
	}
	for i := 1; i < 3; i++ {
		if api.opts[i] == nil || len(api.opts[i].Keys()) != 0 {
			t.Errorf("call %d: options %v, want an empty object", i, api.opts[i])
		}
	}
}

// reply may be called later, from outside JavaScript; a second reply is
// ignored.
func TestDefineAsyncReplyTwice(t *testing.T) {
	r, h, api := apiRuntime(t, `wx.api({success: show("success"), fail: show("fail"), complete: show("complete")})`)
	r.CallApp("run")
	if h.drain() != 0 {
		t.Error("a task was deferred before reply")
	}
	api.replies[0](map[string]any{"n": 1}, nil)
	api.replies[0](map[string]any{"n": 2}, nil)
	api.replies[0](nil, errors.New("late"))
	if n := h.drain(); n != 1 {
		t.Errorf("%d tasks deferred, want 1", n)
	}
	equal(t, "console", h.console(), []string{`success {"n":1,"errMsg":"api:ok"}`, `complete {"n":1,"errMsg":"api:ok"}`})
}

// A throwing success callback is logged and complete still runs.
func TestDefineAsyncCallbackThrows(t *testing.T) {
	r, h, api := apiRuntime(t, `wx.api({success: function () { throw new Error("in success") }, complete: show("complete")})`)
	r.CallApp("run")
	api.replies[0](nil, nil)
	h.drain()
	equal(t, "console", h.console(), []string{`complete {"errMsg":"api:ok"}`})
	if !hasPrefix(h.errors(), "wx.api callback: Error: in success") {
		t.Errorf("errors %q", h.errors())
	}
}

func TestDefineAsyncPromise(t *testing.T) {
	const chain = `var p = wx.api(); console.log("returned", p instanceof Promise)
p.then(function (res) { console.log("resolved", JSON.stringify(res)) }, function (err) { console.log("rejected", JSON.stringify(err)) })`
	tests := []struct {
		name     string
		code     string
		promises bool
		res      map[string]any
		err      error
		want     []string
		wantErrs []string
	}{
		{
			name: "resolves", code: chain, promises: true,
			res:  map[string]any{"k": "v"},
			want: []string{"returned true", `resolved {"k":"v","errMsg":"api:ok"}`},
		},
		{
			name: "rejects", code: chain, promises: true,
			err:  errors.New("denied"),
			want: []string{"returned true", `rejected {"errMsg":"api:fail denied"}`},
		},
		{
			name: "empty options object", code: `wx.api({}).then(function (res) { console.log("resolved", res.errMsg) })`, promises: true,
			want: []string{"resolved api:ok"},
		},
		{
			name: "null callbacks count as absent", code: `wx.api({success: null, fail: undefined}).then(function (res) { console.log("resolved", res.errMsg) })`, promises: true,
			want: []string{"resolved api:ok"},
		},
		{
			name: "await", promises: true,
			code: `(async function () { try { await wx.api() } catch (e) { console.log("caught", e.errMsg) } })()`,
			err:  errors.New("x"),
			want: []string{"caught api:fail x"},
		},
		{
			name: "unhandled rejection is reported", code: `wx.api()`, promises: true,
			err:      errors.New("nobody listens"),
			wantErrs: []string{"unhandled promise rejection: api:fail nobody listens"},
		},
		{
			name: "no promise without the base library", code: `console.log("returned", typeof wx.api())`,
			want: []string{"returned undefined"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, api := runAPI(t, tt.code, tt.promises)
			api.replies[0](tt.res, tt.err)
			if n := h.drain(); n != 1 {
				t.Errorf("%d tasks deferred, want 1", n)
			}
			equal(t, "console", h.console(), tt.want)
			equal(t, "errors", h.errors(), tt.wantErrs)
		})
	}
}

func TestDefineSync(t *testing.T) {
	r, h := newRuntime(t, map[string]string{"app.js": `console.log(wx.add(2, 3), wx.hello("ann")); App({})`})
	r.DefineSync("add", func(a, b int) int { return a + b })
	r.DefineSync("hello", func(call goja.FunctionCall) goja.Value {
		return r.VM().ToValue("hi " + call.Argument(0).String())
	})
	if !r.LoadApp() {
		t.Fatalf("LoadApp failed:%s", h.dump())
	}
	equal(t, "console", h.console(), []string{"5 hi ann"})
}

func TestConsole(t *testing.T) {
	tests := []struct {
		args string
		want string
	}{
		{`"plain", "strings"`, "plain strings"},
		{`"n", 1, 2.5, -0, NaN, Infinity`, "n 1 2.5 0 NaN Infinity"},
		{`true, false`, "true false"},
		{`null, undefined`, "null undefined"},
		{`{b: 1, a: [1, "x", null]}`, `{"b":1,"a":[1,"x",null]}`},
		{`[1, 2]`, "[1,2]"},
		{`{f: function () {}, u: undefined, d: new Date(0)}`, `{"d":"1970-01-01T00:00:00.000Z"}`},
		{`new Error("boom")`, "Error: boom"},
		{`new TypeError("bad")`, "TypeError: bad"},
		{`"got", new RangeError("r"), {k: 1}`, `got RangeError: r {"k":1}`},
		{`(function () { var o = {}; o.self = o; return o })()`, "[object Object]"},
		// A function prints as the compile step reprinted it, as in WeChat.
		{`function named() {}`, "function named() {\n}"},
		{``, ""},
		{`"中文", "ok"`, "中文 ok"},
		{`Symbol("s")`, "Symbol(s)"},
	}
	for _, tt := range tests {
		t.Run(tt.args, func(t *testing.T) {
			_, h := loadApp(t, map[string]string{"app.js": `console.log(` + tt.args + `); App({})`})
			equal(t, "console", h.console(), []string{tt.want})
		})
	}
}

func TestConsoleLevels(t *testing.T) {
	_, h := loadApp(t, map[string]string{"app.js": `
console.log("l"); console.info("i"); console.warn("w"); console.error("e"); console.debug("d")
App({})`})
	var got []string
	for _, l := range h.logs {
		got = append(got, l.String())
	}
	equal(t, "logs", got, []string{"console.log | l", "console.info | i", "console.warn | w", "console.error | e", "console.debug | d"})
}

// Date follows Options.Now, not the wall clock.
func TestDateFollowsNow(t *testing.T) {
	now := time.Date(2024, 2, 29, 12, 0, 0, 0, time.UTC)
	r, h := loadApp(t, map[string]string{"app.js": `App({tell: function () {
  console.log(Date.now(), new Date().getTime(), new Date().toISOString())
}})`}, func(o *Options) { o.Now = func() time.Time { return now } })
	r.CallApp("tell")
	now = now.Add(90 * time.Minute)
	r.CallApp("tell")
	equal(t, "console", h.console(), []string{
		"1709208000000 1709208000000 2024-02-29T12:00:00.000Z",
		"1709213400000 1709213400000 2024-02-29T13:30:00.000Z",
	})
}

// Math.random is seeded: the same seed gives the same numbers, another seed
// others.
func TestMathRandomSeed(t *testing.T) {
	draw := func(seed int64) string {
		r, _ := newRuntime(t, nil, func(o *Options) { o.Seed = seed })
		return eval(t, r, `var a = []; for (var i = 0; i < 5; i++) a.push(Math.random()); a.join(",")`).String()
	}
	a1, a2, b := draw(1), draw(1), draw(2)
	if a1 != a2 {
		t.Errorf("seed 1 gave %s, then %s", a1, a2)
	}
	if a1 == b {
		t.Errorf("seeds 1 and 2 both gave %s", a1)
	}
	for _, s := range strings.Split(a1, ",") {
		if s == "0" || strings.HasPrefix(s, "1") || strings.HasPrefix(s, "-") {
			t.Errorf("Math.random() = %s, outside [0, 1)", s)
		}
	}
}

// Value and Object build objects whose keys enumerate in sorted order,
// whatever Go's map order.
func TestValueSortedKeys(t *testing.T) {
	r, _ := newRuntime(t, nil)
	keys := []string{"m", "b", "z", "a", "k", "c", "y", "d", "x", "e", "w", "f", "v", "g", "u", "h"}
	anyMap := map[string]any{}
	strMap := map[string]string{}
	for i, k := range keys {
		anyMap[k] = i
		strMap[k] = k
	}
	anyMap["nested"] = map[string]any{"b": 1, "a": map[string]string{"d": "", "c": ""}}
	const want = "a,b,c,d,e,f,g,h,k,m,nested,u,v,w,x,y,z"
	vm := r.VM()
	for i := range 20 { // Go's map order differs from one range to the next
		_ = vm.Set("v", r.Value(anyMap))
		_ = vm.Set("o", r.Object(strMap))
		_ = vm.Set("s", r.Value(strMap))
		got := eval(t, r, `[Object.keys(v).join(), Object.keys(v.nested).join(), Object.keys(v.nested.a).join(), Object.keys(o).join(), Object.keys(s).join(), JSON.stringify(v.nested)]`).Export().([]any)
		wantAll := []any{want, "a,b", "c,d", "a,b,c,d,e,f,g,h,k,m,u,v,w,x,y,z", "a,b,c,d,e,f,g,h,k,m,u,v,w,x,y,z", `{"a":{"c":"","d":""},"b":1}`}
		for j := range wantAll {
			if got[j] != wantAll[j] {
				t.Fatalf("round %d, value %d: keys %v, want %v", i, j, got[j], wantAll[j])
			}
		}
	}
	// Other values convert as goja does.
	for _, tt := range []struct {
		v    any
		want string
	}{{nil, "null"}, {"s", `"s"`}, {3, "3"}, {true, "true"}, {[]string{"a"}, `["a"]`}} {
		_ = vm.Set("x", r.Value(tt.v))
		if got := eval(t, r, `JSON.stringify(x)`).String(); got != tt.want {
			t.Errorf("Value(%#v) = %s, want %s", tt.v, got, tt.want)
		}
	}
}

// Maps inside slices are maps too: their keys must not enumerate in Go's
// random map order.
func TestValueSortedKeysInSlices(t *testing.T) {
	r, _ := newRuntime(t, nil)
	m := map[string]any{}
	for _, k := range []string{"m", "b", "z", "a", "k", "c", "y", "d", "x", "e"} {
		m[k] = 1
	}
	for i := range 20 {
		_ = r.VM().Set("v", r.Value(map[string]any{"list": []any{m}}))
		if got := eval(t, r, `Object.keys(v.list[0]).join()`).String(); got != "a,b,c,d,e,k,m,x,y,z" {
			t.Fatalf("round %d: keys %s", i, got)
		}
	}
}
