package jsrt

import (
	"fmt"
	"testing"
	"time"
)

func TestTimerDelays(t *testing.T) {
	tests := []struct {
		call string
		want time.Duration
	}{
		{"setTimeout(f, 100)", 100 * time.Millisecond},
		{"setTimeout(f, 2.5)", 2500 * time.Microsecond},
		{"setTimeout(f, 1)", time.Millisecond},
		{"setTimeout(f, 0)", time.Millisecond},
		{"setTimeout(f)", time.Millisecond},
		{"setTimeout(f, 0.5)", time.Millisecond},
		{"setTimeout(f, -50)", time.Millisecond},
		{"setTimeout(f, '30')", 30 * time.Millisecond},
		{"setTimeout(f, 'soon')", time.Millisecond},
		{"setTimeout(f, null)", time.Millisecond},
		{"setTimeout(f, 86400000)", 24 * time.Hour},
		{"setInterval(f, 20)", 20 * time.Millisecond},
		{"setInterval(f, 10)", 10 * time.Millisecond},
		{"setInterval(f, 5)", 10 * time.Millisecond},
		{"setInterval(f, 0)", 10 * time.Millisecond},
		{"setInterval(f)", 10 * time.Millisecond},
		{"setInterval(f, -1)", 10 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.call, func(t *testing.T) {
			_, h := loadApp(t, map[string]string{"app.js": "var f = function () {}; " + tt.call + "; App({})"})
			if len(h.timers) != 1 {
				t.Fatalf("%d timers started, want 1", len(h.timers))
			}
			if h.timers[0].d != tt.want {
				t.Errorf("delay %v, want %v", h.timers[0].d, tt.want)
			}
		})
	}
}

func TestSetTimeout(t *testing.T) {
	_, h := loadApp(t, map[string]string{"app.js": `
var id1 = setTimeout(function (a, b) { console.log("one", a, b, arguments.length) }, 100, "x", 2)
var id2 = setTimeout(function () { console.log("two", arguments.length) }, 200)
var id3 = setTimeout(function () { console.log("three") }, 300)
console.log(typeof id1, id1 !== id2, id2 !== id3)
clearTimeout(id2)
App({})`})
	if len(h.timers) != 3 {
		t.Fatalf("%d timers started, want 3", len(h.timers))
	}
	if !h.timers[1].stopped {
		t.Error("clearTimeout did not stop the host timer")
	}
	if h.timers[0].stopped || h.timers[2].stopped {
		t.Error("clearTimeout stopped another timer")
	}
	h.timers[2].run()
	h.timers[0].run()
	equal(t, "console", h.console(), []string{"number true true", "three", "one x 2 2"})
	if n := len(h.timers); n != 3 {
		t.Errorf("a one-shot timer re-armed: %d timers", n)
	}
}

// Clearing an id that is unknown, fired or already cleared, or not an id
// at all, does nothing.
func TestClearTimeoutHarmless(t *testing.T) {
	_, h := loadApp(t, map[string]string{"app.js": `
var fired = setTimeout(function () { clearTimeout(fired); console.log("fired") }, 1)
var kept = setTimeout(function () { console.log("kept") }, 2)
clearTimeout(12345); clearTimeout(); clearTimeout(null); clearTimeout("x"); clearInterval(-1)
App({})`})
	h.timers[0].run()
	h.timers[1].run()
	equal(t, "console", h.console(), []string{"fired", "kept"})
	if len(h.errors()) > 0 {
		t.Errorf("errors: %q", h.errors())
	}
	for i, ft := range h.timers {
		if ft.stopped {
			t.Errorf("timer %d stopped", i)
		}
	}
}

func TestSetInterval(t *testing.T) {
	_, h := loadApp(t, map[string]string{"app.js": `
var n = 0
var id = setInterval(function (tag) {
  n++
  console.log(tag, n)
  if (n === 3) clearInterval(id)
}, 50, "tick")
App({})`})
	for i := range 3 {
		live := h.pending()
		if len(live) != 1 {
			t.Fatalf("before tick %d: %d pending timers, want 1", i+1, len(live))
		}
		if live[0].d != 50*time.Millisecond {
			t.Errorf("re-armed with %v, want 50ms", live[0].d)
		}
		live[0].run()
	}
	equal(t, "console", h.console(), []string{"tick 1", "tick 2", "tick 3"})
	if live := h.pending(); len(live) != 0 {
		t.Errorf("%d timers pending after clearInterval in the callback", len(live))
	}
	if len(h.timers) != 4 {
		t.Errorf("%d timers started, want the first and three re-arms", len(h.timers))
	}
}

// An interval whose callback throws keeps running; the throw is logged.
func TestIntervalCallbackThrows(t *testing.T) {
	_, h := loadApp(t, map[string]string{"app.js": `
setInterval(function () { throw new Error("tick failed") }, 10)
App({onError: function (msg) { console.log("onError", msg.split(" at ")[0]) }})`})
	h.pending()[0].run()
	h.pending()[0].run()
	equal(t, "console", h.console(), []string{"onError Error: tick failed", "onError Error: tick failed"})
	if errs := h.errors(); len(errs) != 2 || !hasPrefix(errs, "setInterval: Error: tick failed") {
		t.Errorf("errors %q", errs)
	}
	if len(h.pending()) != 1 {
		t.Errorf("%d timers pending, want the interval", len(h.pending()))
	}
}

func TestTimerNotAFunction(t *testing.T) {
	for _, tt := range []struct{ call, want string }{
		{`setTimeout("console.log(1)", 10)`, "TypeError setTimeout expects a function"},
		{`setInterval(5)`, "TypeError setInterval expects a function"},
		{`setTimeout()`, "TypeError setTimeout expects a function"},
	} {
		t.Run(tt.call, func(t *testing.T) {
			_, h := loadApp(t, map[string]string{"app.js": `try { ` + tt.call + ` } catch (e) { console.log(e.name, e.message) }; App({})`})
			equal(t, "console", h.console(), []string{tt.want})
			if len(h.timers) != 0 {
				t.Errorf("%d timers started", len(h.timers))
			}
		})
	}
}

// At most maxTimers may be pending; the next one throws a TypeError in
// JavaScript, and clearing one makes room again.
func TestTimerCap(t *testing.T) {
	r, h := loadApp(t, map[string]string{"app.js": `
var ids = globalThis.ids = [], f = function () {}
for (var i = 0; i < 9999; i++) ids.push(setTimeout(f, 1000))
ids.push(setInterval(f, 1000))
globalThis.more = function (fn) {
  try { fn(f, 1); console.log("ok") } catch (e) { console.log(e instanceof TypeError, e.message) }
}
App({})`})
	if len(h.timers) != maxTimers {
		t.Fatalf("%d timers started, want %d", len(h.timers), maxTimers)
	}
	eval(t, r, `more(setTimeout); more(setInterval); clearTimeout(ids[5]); more(setInterval); more(setTimeout)`)
	equal(t, "console", h.console(), []string{
		fmt.Sprintf("true setTimeout: too many timers (%d pending)", maxTimers),
		fmt.Sprintf("true setInterval: too many timers (%d pending)", maxTimers),
		"ok",
		fmt.Sprintf("true setTimeout: too many timers (%d pending)", maxTimers),
	})
	// A fired one-shot timer makes room too.
	h.timers[0].run()
	eval(t, r, `more(setTimeout)`)
	if got := h.console(); got[len(got)-1] != "ok" {
		t.Errorf("after a timer fired: %q", got[len(got)-1])
	}
}

// Close is the app's end: its timers stop and no more of its JavaScript
// runs, whoever asks.
func TestCloseStopsTimersAndScripts(t *testing.T) {
	r, h := loadApp(t, map[string]string{"app.js": `
setTimeout(function () {}, 1); setInterval(function () {}, 1); setTimeout(function () {}, 1)
App({ onShow: function () { console.log('shown') } })`})
	r.Close()
	for i, ft := range h.timers {
		if !ft.stopped {
			t.Errorf("timer %d not stopped", i)
		}
	}
	r.CallApp("onShow")
	if got := h.console(); len(got) != 0 {
		t.Errorf("a closed runtime ran JavaScript: %q", got)
	}
}
