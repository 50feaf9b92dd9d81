package jsrt

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/dop251/goja"
)

// withBudget sets the watchdog's budget.
func withBudget(d time.Duration) func(*Options) { return func(o *Options) { o.Budget = d } }

// A throw is logged with what was called and handed to App.onError; a
// throw in onError itself is logged but not handed to it again.
func TestThrowCallsOnError(t *testing.T) {
	tests := []struct {
		name        string
		appJS       string
		call        string // App method to call
		wantErr     []string
		wantConsole []string
	}{
		{
			name:        "throw with onError",
			appJS:       `App({onShow: function () { throw new Error("bad show") }, onError: function (m) { console.log("onError:", m.split(" at ")[0]) }})`,
			call:        "onShow",
			wantErr:     []string{"App.onShow: Error: bad show"},
			wantConsole: []string{"onError: Error: bad show"},
		},
		{
			name:    "throw without onError",
			appJS:   `App({onShow: function () { var o; o.x }})`,
			call:    "onShow",
			wantErr: []string{"App.onShow: TypeError: Cannot read property 'x' of undefined"},
		},
		{
			name:        "thrown non-error",
			appJS:       `App({onShow: function () { throw "just a string" }, onError: function (m) { console.log("onError:", m.split(" at ")[0]) }})`,
			call:        "onShow",
			wantErr:     []string{"App.onShow: just a string"},
			wantConsole: []string{"onError: just a string"},
		},
		{
			name:        "onError throws too",
			appJS:       `App({onShow: function () { throw new Error("first") }, onError: function (m) { console.log("onError"); throw new Error("second") }})`,
			call:        "onShow",
			wantErr:     []string{"App.onShow: Error: first", "App.onError: Error: second"},
			wantConsole: []string{"onError"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, h := loadApp(t, map[string]string{"app.js": tt.appJS})
			r.CallApp(tt.call)
			errs := h.errors()
			if len(errs) != len(tt.wantErr) {
				t.Fatalf("errors %q, want %q", errs, tt.wantErr)
			}
			for i, want := range tt.wantErr {
				if !strings.HasPrefix(errs[i], want) {
					t.Errorf("error %d = %q, want prefix %q", i, errs[i], want)
				}
			}
			equal(t, "console", h.console(), tt.wantConsole)
		})
	}
}

// Call reports whether the function completed, and its value.
func TestCallResult(t *testing.T) {
	r, h := loadApp(t, nil)
	add, _ := goja.AssertFunction(eval(t, r, `(function (a, b) { return a + b })`))
	v, ok := r.Call("add", add, goja.Undefined(), r.Value(2), r.Value(3))
	if !ok || v.ToInteger() != 5 {
		t.Errorf("Call = %v, %v; want 5, true", v, ok)
	}
	boom, _ := goja.AssertFunction(eval(t, r, `(function () { throw new RangeError("r") })`))
	if _, ok := r.Call("boom", boom, goja.Undefined()); ok {
		t.Error("a throwing call reported ok")
	}
	if !hasPrefix(h.errors(), "boom: RangeError: r") {
		t.Errorf("errors %q", h.errors())
	}
	// CallValue ignores what is not a function.
	n := len(h.logs)
	r.CallValue("nothing", goja.Undefined(), goja.Undefined())
	r.CallValue("nothing", r.Value(5), goja.Undefined())
	r.CallValue("nothing", nil, goja.Undefined())
	if len(h.logs) != n {
		t.Errorf("CallValue of a non-function logged:%s", h.dump())
	}
}

// A panic in the host's own Go code called from JavaScript is a logged
// fault, not a crash.
func TestGoPanicInAPI(t *testing.T) {
	r, h := newRuntime(t, map[string]string{"app.js": `App({onShow: function () { wx.crash() }})`})
	r.DefineSync("crash", func() { panic("host bug") })
	if !r.LoadApp() {
		t.Fatalf("LoadApp failed:%s", h.dump())
	}
	r.CallApp("onShow")
	if !hasPrefix(h.errors(), "App.onShow: ") || !strings.Contains(strings.Join(h.errors(), "\n"), "host bug") {
		t.Errorf("errors %q, want the panic reported", h.errors())
	}
	// And the runtime still works.
	r.CallApp("onShow")
	if len(h.errors()) != 2 {
		t.Errorf("errors %q, want two reports", h.errors())
	}
}

// The watchdog interrupts a callback that runs past its budget; the
// runtime works normally afterwards. This test waits real time by design.
func TestWatchdog(t *testing.T) {
	const budget = 50 * time.Millisecond
	r, h := newRuntime(t, map[string]string{"app.js": `
var n = 0
App({
  onShow: function () { while (true) {} },
  onHide: function () { n++; console.log("hide", n) },
  get slow() { for (;;) {} },
  nested: function () { wx.each(function () { for (;;) {} }); console.log("after the nested loop") }
})
setTimeout(function () { console.log("timer before loop"); for (;;) {} }, 10)`}, withBudget(budget))
	r.DefineSync("each", func(call goja.FunctionCall) goja.Value {
		r.CallValue("wx.each callback", call.Argument(0), goja.Undefined())
		return goja.Undefined()
	})
	if !r.LoadApp() {
		t.Fatalf("LoadApp failed:%s", h.dump())
	}
	start := time.Now()
	r.CallApp("onShow")
	if el := time.Since(start); el < budget {
		t.Errorf("interrupted after %v, before the budget of %v", el, budget)
	}
	want := fmt.Sprintf("App.onShow interrupted after running past %v", budget)
	equal(t, "errors", h.errors(), []string{want})

	r.CallApp("onHide")
	r.CallApp("onHide")
	equal(t, "console", h.console(), []string{"hide 1", "hide 2"})

	// A getter that never returns, read to look a method up.
	if r.AppHas("slow") {
		t.Error("AppHas of a never-returning getter reported true")
	}
	// A timer callback.
	h.timers[0].run()
	equal(t, "errors", h.errors(), []string{
		want,
		fmt.Sprintf("App.slow interrupted after running past %v", budget),
		fmt.Sprintf("setTimeout interrupted after running past %v", budget),
	})
	// A loop in a callback that Go code called from JavaScript: the
	// interrupt stops the outer callback too, and is reported once.
	r.CallApp("nested")
	equal(t, "errors", h.errors()[3:], []string{fmt.Sprintf("App.nested interrupted after running past %v", budget)})
	r.CallApp("onHide")
	// What an interrupted callback logged is gone: how far it got depends
	// on the machine, and a replay must not.
	equal(t, "console", h.console(), []string{"hide 1", "hide 2", "hide 3"})
	if h.overruns != 4 {
		t.Errorf("%d overruns reported, want 4", h.overruns)
	}
}

// A getter that throws, read by the Go side to find a method or the data,
// is a logged fault, never a panic.
func TestThrowingGetters(t *testing.T) {
	r, h := loadApp(t, map[string]string{
		"app.js": `App({get onShow() { throw new Error("app getter") }})`,
		defaultPage + ".js": `Page({
  onLoad: function () {
    Object.defineProperty(this, "onReady", {get: function () { throw new Error("page getter") }})
    Object.defineProperty(this, "data", {get: function () { throw new TypeError("data getter") }})
    Object.defineProperty(this, "handler", {get: function () { throw new Error("tap getter") }})
  }
})`,
		defaultPage + ".wxml": "<view/>",
	})
	if r.AppHas("onShow") {
		t.Error("AppHas(onShow) = true")
	}
	r.CallApp("onShow")
	p := r.NewPage(defaultPage, nil)
	if p == nil {
		t.Fatalf("NewPage failed:%s", h.dump())
	}
	p.Call("onLoad")
	if p.Has("onReady") {
		t.Error("Has(onReady) = true")
	}
	p.Call("onReady")
	if d := p.Data(); d != nil {
		t.Errorf("Data() = %v, want nil", d)
	}
	p.Handle("tap", "handler", nil)
	for _, want := range []string{
		"App.onShow: Error: app getter",
		"Page.onReady: Error: page getter",
		"Page.data pages/index/index: TypeError: data getter",
		"Page.handler: Error: tap getter",
		`tap: pages/index/index has no method "handler"`,
	} {
		if !hasPrefix(h.errors(), want) {
			t.Errorf("no error starting %q in%s", want, h.dump())
		}
	}
}

// A throwing onError getter must not send the fault handler round in
// circles: fault asks AppHas("onError"), whose guard faults, which asks
// AppHas("onError") again... until the Go stack overflows, which no
// recover can catch.
func TestThrowingOnErrorGetter(t *testing.T) {
	r, h := loadApp(t, map[string]string{"app.js": `App({
  get onError() { throw new Error("no handler") },
  onShow: function () { throw new Error("show") }
})`})
	r.CallApp("onShow")
	if !hasPrefix(h.errors(), "App.onShow: Error: show") {
		t.Errorf("errors %q", h.errors())
	}
	if n := len(h.errors()); n > 3 {
		t.Errorf("%d errors logged for one throw", n)
	}
}

// Endless recursion is a RangeError in the log, quickly, and the runtime
// keeps working.
func TestStackOverflow(t *testing.T) {
	r, h := loadApp(t, map[string]string{"app.js": `
function f(n) { return f(n + 1) + 1 }
App({
  onShow: function () { f(0) },
  onHide: function () { console.log("still alive") },
  onError: function (m) { console.log("onError", m) }
})`})
	start := time.Now()
	r.CallApp("onShow")
	if el := time.Since(start); el > 5*time.Second {
		t.Errorf("overflow took %v", el)
	}
	want := fmt.Sprintf("RangeError: Maximum call stack size exceeded (%d calls)", maxCallStack)
	equal(t, "errors", h.errors(), []string{"App.onShow: " + want})
	r.CallApp("onHide")
	equal(t, "console", h.console(), []string{"onError " + want, "still alive"})
}

func TestUnhandledRejection(t *testing.T) {
	tests := []struct {
		name string
		code string
		want []string // the unhandled rejection reasons reported, in order
	}{
		{"rejected", `Promise.reject(new Error("nobody"))`, []string{"Error: nobody"}},
		{"caught", `Promise.reject(new Error("x")).catch(function () {})`, nil},
		{"then with handler", `Promise.reject(1).then(null, function () {})`, nil},
		{"handled later in the same call", `var p = Promise.reject(2); p.catch(function () {})`, nil},
		{"thrown in then", `Promise.resolve().then(function () { throw new TypeError("in then") })`, []string{"TypeError: in then"}},
		{"async function", `(async function () { throw new Error("async") })()`, []string{"Error: async"}},
		{"awaited and caught", `(async function () { try { await Promise.reject(3) } catch (e) {} })()`, nil},
		{"errMsg reason", `Promise.reject({errMsg: "api:fail nope"})`, []string{"api:fail nope"}},
		{"plain value", `Promise.reject(42)`, []string{"42"}},
		{"two, in order", `Promise.reject("a"); Promise.reject("b")`, []string{"a", "b"}},
		{"resolved", `Promise.resolve(1).then(function () {})`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, h := loadApp(t, map[string]string{"app.js": `App({
  run: function () { ` + tt.code + ` },
  other: function () {}
})`})
			r.CallApp("run")
			var want []string
			for _, w := range tt.want {
				want = append(want, "unhandled promise rejection: "+w)
			}
			equal(t, "errors", h.errors(), want)
			// Reported once: later calls do not report it again.
			r.CallApp("other")
			r.CallApp("other")
			equal(t, "errors after more calls", h.errors(), want)
		})
	}
}

// App.onUnhandledRejection receives the reason and the promise.
func TestOnUnhandledRejection(t *testing.T) {
	r, h := loadApp(t, map[string]string{"app.js": `
var p
App({
  run: function () { p = Promise.reject(new Error("why")) },
  onUnhandledRejection: function (ev) { console.log("reason", ev.reason.message, ev.promise === p) }
})`})
	r.CallApp("run")
	equal(t, "console", h.console(), []string{"reason why true"})
	equal(t, "errors", h.errors(), []string{"unhandled promise rejection: Error: why"})
}

// A rejection in a callback that then throws is not lost: it is reported
// after the next call that completes.
func TestRejectionThenThrow(t *testing.T) {
	r, h := loadApp(t, map[string]string{"app.js": `App({
  run: function () { Promise.reject("lost?"); throw new Error("then a throw") },
  other: function () {}
})`})
	r.CallApp("run")
	r.CallApp("other")
	errs := h.errors()
	if len(errs) != 2 || !strings.HasPrefix(errs[0], "App.run: Error: then a throw") || errs[1] != "unhandled promise rejection: lost?" {
		t.Errorf("errors %q", errs)
	}
}
