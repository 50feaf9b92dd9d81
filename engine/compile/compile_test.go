package compile

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/dop251/goja"
	"github.com/dop251/goja/file"
	"github.com/dop251/goja/parser"
	"github.com/evanw/esbuild/pkg/api"
)

// run compiles src as the module at p and runs it in a fresh runtime, with
// a require that answers from deps; it returns module.exports.
func run(t *testing.T, p, src string, deps map[string]any) (*goja.Runtime, goja.Value, error) {
	t.Helper()
	prg, err := NewCache(1<<20).Script(p, []byte(src))
	if err != nil {
		t.Fatalf("compile %s: %v", p, err)
	}
	vm := goja.New()
	v, err := vm.RunProgram(prg)
	if err != nil {
		t.Fatalf("RunProgram: %v", err)
	}
	fn, ok := goja.AssertFunction(v)
	if !ok {
		t.Fatalf("program evaluated to %v, want the module function", v)
	}
	module := vm.NewObject()
	exports := vm.NewObject()
	_ = module.Set("exports", exports)
	require := func(name string) goja.Value {
		d, ok := deps[name]
		if !ok {
			panic(vm.NewGoError(fmt.Errorf("no module %q", name)))
		}
		return vm.ToValue(d)
	}
	_, err = fn(goja.Undefined(), exports, vm.ToValue(require), module, vm.ToValue(p), vm.ToValue("."))
	return vm, module.Get("exports"), err
}

func TestESModulesBecomeCommonJS(t *testing.T) {
	src := `import util, { twice } from './util'
import * as all from '../lib/all'
export const four = twice(2)
export default function greet(name) { return util.hello + ' ' + name + all.mark }
export { four as quatre }
`
	deps := map[string]any{
		"./util":     map[string]any{"hello": "你好", "twice": func(n int) int { return 2 * n }},
		"../lib/all": map[string]any{"mark": "!"},
	}
	vm, exports, err := run(t, "pages/index/index.js", src, deps)
	if err != nil {
		t.Fatal(err)
	}
	got, err := vm.RunString("(function (m) { return [m.four, m.quatre, m.default('小明'), m.__esModule].join('|') })")
	if err != nil {
		t.Fatal(err)
	}
	fn, _ := goja.AssertFunction(got)
	v, err := fn(goja.Undefined(), exports)
	if err != nil {
		t.Fatal(err)
	}
	// A CommonJS module without __esModule is its own default export, as
	// Babel (DevTools' compiler) has it.
	if want := "4|4|你好 小明!|true"; v.String() != want {
		t.Errorf("exports read %q, want %q", v, want)
	}
}

func TestTypeScript(t *testing.T) {
	src := `import type { Options } from './types'
import { base } from './base'
enum Color { Red = 1, Green }
interface Point { x: number; y: number }
export class Shop<T> {
  private items: T[] = []
  constructor(readonly name: string) {}
  add(item: T): number { return this.items.push(item) }
}
const p: Point = { x: Color.Green, y: base as number }
export const total: number = p.x + p.y
`
	vm, exports, err := run(t, "utils/shop.ts", src, map[string]any{"./base": map[string]any{"base": 40}})
	if err != nil {
		t.Fatal(err)
	}
	if got := exports.ToObject(vm).Get("total").ToInteger(); got != 42 {
		t.Errorf("total = %d, want 42", got)
	}
	shop, err := vm.RunString("(function (m) { var s = new m.Shop('a'); s.add(1); return s.name + s.add(2) })")
	if err != nil {
		t.Fatal(err)
	}
	fn, _ := goja.AssertFunction(shop)
	if v, err := fn(goja.Undefined(), exports); err != nil || v.String() != "a2" {
		t.Errorf("Shop: %v, %v", v, err)
	}
}

// A CommonJS script stays one: a top-level return, with, and a sloppy
// this are its own business.
func TestCommonJSStaysSloppy(t *testing.T) {
	src := "var o = { a: 1 }\nwith (o) { module.exports = a }\nif (module.exports) return\nmodule.exports = 2\n"
	_, exports, err := run(t, "lib/old.js", src, nil)
	if err != nil || exports.ToInteger() != 1 {
		t.Errorf("exports = %v, %v; want 1", exports, err)
	}
}

// Each feature is written as a mini-program writes it and must give the
// same answer, compiled, in goja as in a browser. The features the target
// lowers must also still fail in goja as written: when goja learns one,
// the target should stop lowering it. Promise jobs run before a call from
// Go returns, so asynchronous results are in by the time they are read.
func TestTargetRunsInGoja(t *testing.T) {
	tests := []struct {
		feature string // esbuild's name for a feature the target lowers
		src     string // sets module.exports.v
		want    string
	}{
		{"async-generator", `async function* g() { yield 1; yield await Promise.resolve(2) }
			(async () => { const out = []; for (let it = g(), r; !(r = await it.next()).done;) out.push(r.value); module.exports.v = out.join() })()`, "1,2"},
		{"for-await", `(async () => { let s = 0; for await (const x of [Promise.resolve(5), 6]) s += x; module.exports.v = s })()`, "11"},
		{"dynamic-import", `import('./x').then(m => { module.exports.v = m.default.name })`, "x"},
		{"async/await", `(async () => { module.exports.v = await Promise.resolve('ok') })()`, "ok"},
		{"classes", `class A { #x = 1; static y = 2; static { A.z = 3 } get x() { return this.#x } #m() { return 4 } m() { return this.#m() } static is(o) { return #x in o } }
			class B extends A { constructor() { super(); this.b = new.target === B } }
			module.exports.v = [new A().x, A.y, A.z, new A().m(), A.is(new B()), new B().b].join()`, "1,2,3,4,true,true"},
		{"optional chaining and nullish", `var o = { a: { f() { return 7 } } }; module.exports.v = [o?.a?.f?.(), o.b?.c, null ?? 'n', (o.q ??= 9)].join()`, "7,,n,9"},
		{"spread, rest, destructuring", `var { a, ...r } = { a: 1, b: 2, c: 3 }; var [x, ...y] = [4, 5, 6]; module.exports.v = [a, Object.keys(r), x, y.length, Math.max(...y)].join()`, "1,b,c,4,2,6"},
		{"generators", `function* g() { yield* [1, 2] } module.exports.v = [...g()].join()`, "1,2"},
		{"exponent and logical assignment", `var a = 0; a ||= 2 ** 3; module.exports.v = a`, "8"},
		{"bigint and separators", `module.exports.v = (10n ** 2n + BigInt(1_000)).toString()`, "1100"},
		{"template literals", "var n = 2; module.exports.v = String.raw`n=${n}`", "n=2"},
		{"optional catch binding", `try { throw 1 } catch { module.exports.v = 'caught' }`, "caught"},
	}
	for _, tt := range tests {
		t.Run(tt.feature, func(t *testing.T) {
			_, lowered := target.Supported[tt.feature]
			vm, exports, err := run(t, "f.js", tt.src, map[string]any{"./x": map[string]any{"name": "x"}})
			if err != nil {
				t.Fatalf("compiled: %v", err)
			}
			if got := exports.ToObject(vm).Get("v"); got == nil || got.String() != tt.want {
				t.Errorf("compiled gives %v, want %q", got, tt.want)
			}
			vm = goja.New()
			_, err = vm.RunString("var module = { exports: {} }, require = function () { return { name: 'x' } };\n" + tt.src)
			var v goja.Value
			if err == nil {
				v, err = vm.RunString("module.exports.v")
			}
			native := err == nil && v.String() == tt.want
			if native == lowered {
				t.Errorf("goja runs it as written: %v (%v, %v); the target lowers it: %v", native, v, err, lowered)
			}
		})
	}
}

// A regular expression goja cannot parse must not refuse a whole project:
// it fails when it runs, as a SyntaxError the mini-program can catch.
func TestUnparsableRegExpFailsWhereItRuns(t *testing.T) {
	if _, err := goja.Compile("x.js", "var r = /a/d", false); err == nil {
		t.Skip("goja parses the d flag now; take regexp-match-indices out of the target")
	}
	src := "module.exports.unused = function () { return /a/d }\ntry { /b/d } catch (e) { module.exports.err = e.name }\n"
	vm, exports, err := run(t, "r.js", src, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := exports.ToObject(vm).Get("err"); got == nil || got.String() != "SyntaxError" {
		t.Errorf("caught %v, want a SyntaxError", got)
	}
}

// An exception cites the line and column the developer wrote, though
// esbuild reprinted the file and the wrapper sits above it.
func TestStackCitesTheSource(t *testing.T) {
	tests := []struct {
		path, src, want string
	}{
		{"pages/index/index.ts", "import { a } from './a'\n\ninterface P { n: number }\nexport function f(p: P): number {\n  if (p.n > a) {\n      throw new Error('too big')\n  }\n  return p.n\n}\nf({ n: 3 })\n",
			"pages/index/index.ts:6:13"},
		{"utils/old.js", "// comment\nvar  x = 1;   var y = null\n\n\nmodule.exports = y.z\n", "utils/old.js:5:20"},
		{"app.js", "export default 1\nconst s = '你好'; let o = null; o.f()\n", "app.js:2:31"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			_, _, err := run(t, tt.path, tt.src, map[string]any{"./a": map[string]any{"a": 1}})
			var ex *goja.Exception
			if !errors.As(err, &ex) {
				t.Fatalf("error %v, want an exception", err)
			}
			pos := ex.Stack()[0].Position()
			if got := fmt.Sprintf("%s:%d:%d", pos.Filename, pos.Line, pos.Column); got != tt.want {
				t.Errorf("thrown at %s, want %s", got, tt.want)
			}
			if !strings.Contains(err.Error(), tt.want+"(") {
				t.Errorf("message %q does not cite %s", err.Error(), tt.want)
			}
		})
	}
}

func TestSyntaxErrors(t *testing.T) {
	tests := []struct {
		name, path, src, want string
	}{
		{"first line", "x.js", "var a = ;\n", "x.js:1:9: SyntaxError: Unexpected \";\""},
		{"third line", "x.js", "// a\n\nfoo(;\nbar()\n", "x.js:3:5: SyntaxError: Unexpected \";\""},
		{"columns count characters", "x.js", "var s = '你好' +;\n", "x.js:1:15: SyntaxError: Unexpected \";\""},
		{"redeclared", "x.js", "let a\nlet a\n", "x.js:2:5: SyntaxError: The symbol \"a\" has already been declared"},
		{"strict mode", "x.js", "'use strict'\n\nwith (a) {}\n", "x.js:3:1: SyntaxError: With statements cannot be used in strict mode"},
		{"open brace at the end", "x.js", "App({\n  onLaunch() {\n", "x.js:2: SyntaxError: Unexpected end of file"},
		{"TypeScript", "x.ts", "let x: = 1\n", "x.ts:1:8: SyntaxError: Unexpected \"=\""},
		{"TypeScript syntax in a .js file", "x.js", "const n: number = 1\n", "x.js:1:8: SyntaxError: Expected \";\" but found \":\""},
		{"top-level await in a module", "x.js", "export const a = 1\nawait a\n", "x.js:2:1: SyntaxError: Top-level await is currently not supported with the \"cjs\" output format"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewCache(1<<20).Script(tt.path, []byte(tt.src))
			if !errors.As(err, new(*Error)) {
				t.Fatalf("error %v (%T), want an *Error", err, err)
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("got  %s\nwant %s", err, tt.want)
			}
		})
	}
}

func TestIsScript(t *testing.T) {
	for p, want := range map[string]bool{
		"app.js": true, "pages/a/a.ts": true, "typings/wx.d.ts": false, "a.json": false,
		"a.wxs": false, "a.jsx": false, "a.js.map": false, "js": false,
	} {
		if IsScript(p) != want {
			t.Errorf("IsScript(%q) = %v", p, !want)
		}
	}
}

func TestCacheCompilesEachContentOnce(t *testing.T) {
	c := NewCache(1 << 20)
	a1, err1 := c.Script("a.js", []byte("module.exports = 1"))
	a2, err2 := c.Script("a.js", []byte("module.exports = 1"))
	if err1 != nil || err2 != nil || a1 != a2 {
		t.Fatalf("the same script compiled to %p, %p (%v, %v)", a1, a2, err1, err2)
	}
	b, _ := c.Script("a.js", []byte("module.exports = 2"))
	moved, _ := c.Script("b.js", []byte("module.exports = 1"))
	if b == a1 || moved == a1 {
		t.Error("a changed script, or the same content at another path, came from the cache")
	}
	_, bad1 := c.Script("bad.js", []byte("("))
	_, bad2 := c.Script("bad.js", []byte("("))
	if bad1 == nil || bad1 != bad2 {
		t.Errorf("a failed script: %v, then %v", bad1, bad2)
	}
	if got, want := c.Stats(), (Stats{Compiles: 4, Hits: 2}); got != want {
		t.Errorf("stats %+v, want %+v", got, want)
	}
}

// Phones install the same package at once from several goroutines (the
// platform checks a package while a phone loads one); each script is still
// compiled once, and every caller gets it.
func TestCacheConcurrent(t *testing.T) {
	c := NewCache(1 << 20)
	const callers = 16
	got := make([]*goja.Program, callers)
	var wg sync.WaitGroup
	for i := range callers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range 20 {
				prg, err := c.Script(fmt.Sprintf("f%d.js", f), []byte("module.exports = 1"))
				if err != nil {
					t.Error(err)
				}
				if f == 0 {
					got[i] = prg
				}
			}
		}()
	}
	wg.Wait()
	for _, prg := range got {
		if prg != got[0] {
			t.Fatal("callers got different programs for one script")
		}
	}
	if s := c.Stats(); s.Compiles != 20 || s.Hits != 20*(callers-1) {
		t.Errorf("stats %+v, want 20 compiles", s)
	}
}

func TestCacheDropsTheLeastRecentlyUsed(t *testing.T) {
	src := []byte("module.exports = 'ten bytes'")
	c := NewCache(2 * len(src))
	c.Script("a.js", src)
	c.Script("b.js", src)
	c.Script("a.js", src) // a is now the most recent
	c.Script("c.js", src) // over the limit: b goes
	before := c.Stats().Compiles
	c.Script("a.js", src)
	c.Script("c.js", src)
	if c.Stats().Compiles != before {
		t.Error("a recently used script was dropped")
	}
	c.Script("b.js", src)
	if c.Stats().Compiles != before+1 {
		t.Error("the least recently used script was kept")
	}
}

// goja refusing what esbuild accepted is not known to happen; if it does,
// its position is in esbuild's output and must go back to the source.
func TestGojaErrorCitesTheSource(t *testing.T) {
	src := []byte("// one\n\nvar   a = 1;   var b = 2\n")
	res := api.Transform(string(src), api.TransformOptions{Sourcemap: api.SourceMapExternal, Sourcefile: "x.js", Banner: wrapOpen})
	sourceMap, err := shiftColumns(res.Map)
	if err != nil {
		t.Fatal(err)
	}
	// esbuild prints "var b = 2;" on the third line, after the wrapper
	// and "var a = 1;".
	list := parser.ErrorList{{Position: file.Position{Line: 3, Column: 1}, Message: "Unsupported"}}
	got := gojaError("x.js", src, sourceMap, list)
	if want := "x.js:3:16: SyntaxError: Unsupported"; got.Error() != want {
		t.Errorf("got  %s\nwant %s\n%s", got, want, res.Code)
	}
}

// Whatever a package holds, compiling it gives a program or an *Error.
func FuzzScript(f *testing.F) {
	for _, s := range []string{
		"import a from './a'\nexport default a?.b ?? 1\n",
		"enum E { A }\nexport class C<T> { #x: T[] = [] }\n",
		"async function* g() { for await (const x of []) yield x }",
		"var s = '你好'; /a/d; import('x')",
		"App({\n", "\x00", "/*", "`${", "let a\nlet a",
	} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, src string, ts bool) {
		p := "f.js"
		if ts {
			p = "f.ts"
		}
		prg, err := script(p, []byte(src))
		if (prg == nil) == (err == nil) {
			t.Fatalf("program %v and error %v", prg, err)
		}
		if err != nil && !errors.As(err, new(*Error)) {
			t.Fatalf("error %T %v, want an *Error", err, err)
		}
	})
}
