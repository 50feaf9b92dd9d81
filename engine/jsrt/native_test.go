package jsrt

import "testing"

// An API's refusal reaches the script as a plain Error, and its stack and
// the log line name the API as the script called it, not the Go function
// behind it.
func TestSyncAPIErrorsInScriptTerms(t *testing.T) {
	r, h := newRuntime(t, map[string]string{"app.js": `App({
  caught: function () {
    try { wx.refuse() } catch (e) {
      console.log(e.name, e instanceof Error, e instanceof TypeError, e.message, "|", e.stack.split("\n")[1].trim())
    }
  },
  uncaught: function () { wx.refuse() }
})`})
	r.DefineSync("refuse", func() { panic(r.NewError("refuse:fail no")) })
	if !r.LoadApp() {
		t.Fatalf("LoadApp failed:%s", h.dump())
	}
	r.CallApp("caught")
	r.CallApp("uncaught")
	equal(t, "console", h.console(), []string{"Error true false refuse:fail no | at refuse (native)"})
	equal(t, "errors", h.errors(), []string{"App.uncaught: Error: refuse:fail no at refuse (native)"})
}

// The globals and the built-ins miniphone bounds fail under their own
// names too.
func TestGlobalsFailInScriptTerms(t *testing.T) {
	r, h := loadApp(t, map[string]string{"app.js": `App({
  twice: function () { App({}) },
  timer: function () { setTimeout(42) },
  repeat: function () { 'x'.repeat(-1) }
})`})
	for _, method := range []string{"twice", "timer", "repeat"} {
		r.CallApp(method)
	}
	equal(t, "errors", h.errors(), []string{
		"App.twice: TypeError: App() may be called only once at App (native)",
		"App.timer: TypeError: setTimeout expects a function at setTimeout (native)",
		"App.repeat: RangeError: Invalid count value at repeat (native)",
	})
}

// The constructors guarded for memory still answer instanceof, which
// scripts and libraries use everywhere, and are what their instances
// name as their constructor.
func TestGuardedConstructorsKeepInstanceof(t *testing.T) {
	r, _ := newRuntime(t, map[string]string{"app.js": "App({})"})
	for src, want := range map[string]bool{
		"[] instanceof Array":                                true,
		"Array[Symbol.hasInstance].call(undefined, [])":      false,
		"({}) instanceof Array":                              false,
		"new ArrayBuffer(2) instanceof ArrayBuffer":          true,
		"new Uint8Array(2) instanceof Uint8Array":            true,
		"new Uint8Array(2) instanceof Float64Array":          false,
		"class A extends Array {}; new A() instanceof Array": true,
		// Each guarded constructor is its instances' constructor, or
		// new (x.constructor)(n) would allocate past the guard.
		"[].constructor === Array":                             true,
		"new Uint8Array(2).constructor === Uint8Array":         true,
		"new Uint8Array(2).buffer.constructor === ArrayBuffer": true,
	} {
		if got := eval(t, r, src).ToBoolean(); got != want {
			t.Errorf("%s = %t, want %t", src, got, want)
		}
	}
}
