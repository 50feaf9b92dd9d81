package jsrt

import (
	"strings"
	"testing"
)

// tryRequire is app.js code that requires name and prints the module's
// name export, or the error's message.
func tryRequire(name string) string {
	return `try { console.log(require(` + quoteJS(name) + `).name) } catch (e) { console.log("ERR " + e.message) }
App({})`
}

func quoteJS(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

func TestRequireResolution(t *testing.T) {
	lib := map[string]string{
		"utils/a.js":      `exports.name = "a"`,
		"utils/b.js":      `module.exports = {name: "b:" + require("../lib/c").name}`,
		"lib/c.js":        `exports.name = "c"`,
		"utils/deep/d.js": `exports.name = "d:" + require("../a").name + ":" + require("/lib/c").name`,
		"utils/where.js":  `exports.name = __filename + " " + __dirname`,
	}
	tests := []struct {
		name    string
		require string
		want    string
	}{
		{"relative", "./utils/a", "a"},
		{"bare name is relative to the folder", "utils/a", "a"},
		{"with extension", "./utils/a.js", "a"},
		{"absolute from the package root", "/utils/a", "a"},
		{"dot-dot inside the package", "./utils/b", "b:c"},
		{"nested folders", "./utils/deep/d", "d:a:c"},
		{"dot-dot that stays inside", "./lib/../utils/a", "a"},
		{"filename and dirname", "./utils/where", "utils/where.js utils"},
		{"outside the package", "../secret", `ERR require: "../secret" is outside the mini-program package (required from app.js)`},
		{"outside through a folder", "./utils/../../secret", `ERR require: "./utils/../../secret" is outside the mini-program package (required from app.js)`},
		{"missing", "./nope", `ERR require: "./nope" is not defined: the package has no nope(.js|.ts|/index.js|/index.ts) (required from app.js)`},
		{"missing in a folder", "./utils/nope", `ERR require: "./utils/nope" is not defined: the package has no utils/nope(.js|.ts|/index.js|/index.ts) (required from app.js)`},
		{"empty name", "", "ERR require: empty module name (required from app.js)"},
		{"not a script", "./app.json", `ERR require: "./app.json" is not defined: the package has no app.json(.js|.ts|/index.js|/index.ts) (required from app.js)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{"app.js": tryRequire(tt.require)}
			for k, v := range lib {
				files[k] = v
			}
			_, h := loadApp(t, files)
			equal(t, "console", h.console(), []string{tt.want})
		})
	}
}

// An uncaught failing require fails the module that called it, and the
// failure is logged.
func TestRequireFailureIsLogged(t *testing.T) {
	tests := []struct {
		name    string
		files   map[string]string
		wantErr string
		// wantContains must be in the error too.
		wantContains string
		// page is set when the failing require is in the default page's
		// script, which runs when the page opens.
		page bool
	}{
		{
			name:    "missing module",
			files:   map[string]string{"app.js": `require("./gone"); App({})`},
			wantErr: `app.js: Error: require: "./gone" is not defined: the package has no gone(.js|.ts|/index.js|/index.ts) (required from app.js) at require (native)`,
		},
		{
			name: "outside the package",
			files: map[string]string{
				"app.js":               `App({})`,
				"pages/index/index.js": `require("../../../etc/passwd"); Page({})`,
			},
			page:    true,
			wantErr: `pages/index/index.js: Error: require: "../../../etc/passwd" is outside the mini-program package (required from pages/index/index.js) at require (native)`,
		},
		{
			name: "module throws",
			files: map[string]string{
				"app.js": `require("./bad"); App({})`,
				"bad.js": `throw new Error("bad module")`,
			},
			// The exact form is TestRequirePropagatesModuleErrors's.
			wantErr: "app.js: ", wantContains: "Error: bad module",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, h := newRuntime(t, tt.files)
			if ok := r.LoadApp() && (!tt.page || r.NewPage(defaultPage, nil) != nil); ok {
				t.Fatalf("the failing require did not fail:%s", h.dump())
			}
			if tt.wantContains == "" {
				tt.wantContains = tt.wantErr
			}
			if !hasPrefix(h.errors(), tt.wantErr) || !strings.Contains(strings.Join(h.errors(), "\n"), tt.wantContains) {
				t.Errorf("errors %q, want one starting %q", h.errors(), tt.wantErr)
			}
		})
	}
}

// A module's body runs once; every require gets the same exports.
func TestRequireCaching(t *testing.T) {
	_, h := loadApp(t, map[string]string{
		"app.js": `
var a = require("./counter"), b = require("./utils/user");
console.log(a.runs, b.counter === a, require("counter.js") === a, require("/counter") === a)
App({})`,
		"counter.js":    `globalThis.bodyRuns = (globalThis.bodyRuns || 0) + 1; exports.runs = globalThis.bodyRuns`,
		"utils/user.js": `exports.counter = require("../counter")`,
	})
	equal(t, "console", h.console(), []string{"1 true true true"})
}

// A failed module is not cached: a later require runs it again.
func TestRequireFailedModuleNotCached(t *testing.T) {
	_, h := loadApp(t, map[string]string{
		"app.js": `
for (var i = 0; i < 3; i++) {
  try { console.log("ok", require("./flaky").attempt) } catch (e) { console.log("failed", e.message) }
}
App({})`,
		"flaky.js": `
globalThis.attempts = (globalThis.attempts || 0) + 1
exports.attempt = globalThis.attempts
if (globalThis.attempts < 2) throw new Error("not yet")`,
	})
	c := h.console()
	if len(c) != 3 || !strings.HasPrefix(c[0], "failed ") || !strings.Contains(c[0], "not yet") || c[1] != "ok 2" || c[2] != "ok 2" {
		t.Errorf("console %q, want a failure then ok 2 twice", c)
	}
}

// A cycle sees the exports as they are so far, as in CommonJS.
func TestRequireCycle(t *testing.T) {
	_, h := loadApp(t, map[string]string{
		"app.js": `
var a = require("./a")
console.log("app sees", JSON.stringify(a))
App({})`,
		"a.js": `
exports.early = 1
var b = require("./b")
exports.late = 2
exports.fromB = b.value`,
		"b.js": `
var a = require("./a")
console.log("b sees", JSON.stringify(a))
exports.value = "b"`,
	})
	equal(t, "console", h.console(), []string{
		`b sees {"early":1}`,
		`app sees {"early":1,"late":2,"fromB":"b"}`,
	})
}

// module.exports may be replaced; require returns the replacement.
func TestRequireModuleExportsReplaced(t *testing.T) {
	_, h := loadApp(t, map[string]string{
		"app.js": `var f = require("./f"); console.log(typeof f, f(2)); App({})`,
		"f.js":   `module.exports = function (x) { return x * 21 }`,
	})
	equal(t, "console", h.console(), []string{"function 42"})
}

// Page scripts require relative to their own folder.
func TestRequireFromPage(t *testing.T) {
	r, h := loadApp(t, map[string]string{
		"pages/index/index.js":   `var m = require("./helper"); var u = require("../../utils/u"); Page({onLoad: function () { console.log(m.name, u.name) }})`,
		"pages/index/helper.js":  `exports.name = "helper"`,
		"pages/index/index.wxml": `<view/>`,
		"utils/u.js":             `exports.name = "u"`,
	})
	p := r.NewPage(defaultPage, nil)
	if p == nil {
		t.Fatalf("NewPage failed:%s", h.dump())
	}
	p.Call("onLoad")
	equal(t, "console", h.console(), []string{"helper u"})
}

// An exception thrown while a required module runs reaches the requirer as
// it was thrown, as in CommonJS: same type, same message.
func TestRequirePropagatesModuleErrors(t *testing.T) {
	tests := []struct {
		name    string
		require string
		want    string
	}{
		{"thrown Error", "./throws", "Error|true|not yet"},
		{"thrown TypeError", "./typeerror", "TypeError|true|bad type"},
		{"thrown string", "./str", "undefined|false|undefined"},
		{"nested refused module", "./nested", `Error|true|require: "../../outside" is outside the mini-program package (required from nested.js)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, h := loadApp(t, map[string]string{
				"app.js": `try { require(` + quoteJS(tt.require) + `) } catch (e) {
  console.log(e.name + "|" + (e instanceof Error) + "|" + e.message)
}
App({})`,
				"throws.js":    `throw new Error("not yet")`,
				"typeerror.js": `throw new TypeError("bad type")`,
				"nested.js":    `require("../../outside")`,
				"str.js":       `throw "plain"`,
			})
			equal(t, "console", h.console(), []string{tt.want})
		})
	}
}

// require.async settles later, with the module's exports or with the
// exception the module threw, as it was thrown.
func TestRequireAsync(t *testing.T) {
	_, h := loadApp(t, map[string]string{
		"app.js": `
var p = require.async("./lib/ok")
console.log("pending", p instanceof Promise)
p.then(function (m) { console.log("ok", m.name) })
require.async("./lib/throws").catch(function (e) { console.log("caught", e instanceof TypeError, e.message) })
require.async("").catch(function (e) { console.log("caught", e.message) })
App({})`,
		"lib/ok.js":     `console.log("ok runs"); exports.name = "ok"`,
		"lib/throws.js": `throw new TypeError("bad module")`,
	})
	equal(t, "console before the tasks", h.console(), []string{"pending true"})
	h.drain()
	equal(t, "console", h.console(), []string{
		"pending true", "ok runs", "ok ok", "caught true bad module",
		"caught require.async: empty module name (required from app.js)",
	})
}

// global is one object for every module, and not the global scope.
func TestGlobal(t *testing.T) {
	_, h := loadApp(t, map[string]string{
		"app.js": `global.count = 1; require("./a"); console.log(global.count, typeof count, global === globalThis); App({})`,
		"a.js":   `global.count++`,
	})
	equal(t, "console", h.console(), []string{"2 undefined false"})
}
