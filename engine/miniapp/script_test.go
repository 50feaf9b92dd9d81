package miniapp

import (
	"testing"

	"github.com/dop251/goja"
)

func TestCompileModuleSyntaxErrorLines(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"first line", "var a = ;\n", "x.js:1: SyntaxError: Unexpected token ;"},
		{"third line", "// a\n\nfoo(;\nbar()\n", "x.js:3: SyntaxError: Unexpected token ;"},
		{"several errors report the first", "a\n)\n)\n)", "x.js:2: SyntaxError: Unexpected token )"},
		{"compiler error", "'use strict'\nlet a\nlet a\n", "x.js:3: SyntaxError: Identifier 'a' has already been declared"},
		{"strict mode error", "'use strict'\n\nwith (a) {}\n", "x.js:3: SyntaxError: Strict mode code may not include a with statement"},
		{"open brace at end", "App({\n  onLaunch() {\n", "x.js:2: SyntaxError: unexpected end of file; a bracket, string or comment is left open"},
		{"open comment at end", "a()\n/* b", "x.js:2: SyntaxError: unexpected end of file; a bracket, string or comment is left open"},
		{"open parenthesis on the only line", "(", "x.js:1: SyntaxError: unexpected end of file; a bracket, string or comment is left open"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, problem := compileModule("x.js", tt.src)
			if problem == nil {
				t.Fatal("compiled")
			}
			if got := problem.String(); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestCompileModuleKeepsLines(t *testing.T) {
	// A trailing // comment must not swallow the wrapper, and a top-level
	// return is allowed, as in Node's modules.
	for _, src := range []string{"", "x = 1 // comment", "return\n", "'use strict'\nmodule.exports = 1"} {
		if _, problem := compileModule("ok.js", src); problem != nil {
			t.Errorf("compileModule(%q): %v", src, problem)
		}
	}
	prg, _ := compileModule("lines.js", "\n\nthrow new Error('boom')\n")
	fn := runModule(t, goja.New(), prg)
	_, err := fn(goja.Undefined())
	ex, ok := err.(*goja.Exception)
	if !ok {
		t.Fatalf("error %v, want an exception", err)
	}
	if frames := ex.Stack(); len(frames) == 0 || frames[0].Position().Filename != "lines.js" || frames[0].Position().Line != 3 {
		t.Errorf("stack %v, want lines.js line 3 first", frames)
	}
}

func TestModuleSetsExports(t *testing.T) {
	p, err := Load(validProject())
	if err != nil {
		t.Fatal(err)
	}
	prg, _ := p.Program("utils/util.js")
	vm := goja.New()
	fn := runModule(t, vm, prg)
	exports := vm.NewObject()
	module := vm.NewObject()
	module.Set("exports", exports)
	require := vm.ToValue(func(goja.FunctionCall) goja.Value { return goja.Undefined() })
	if _, err := fn(goja.Undefined(), exports, require, module); err != nil {
		t.Fatal(err)
	}
	twice, ok := goja.AssertFunction(module.Get("exports").ToObject(vm).Get("twice"))
	if !ok {
		t.Fatalf("module.exports = %v, want an object with twice", module.Get("exports"))
	}
	if v, err := twice(goja.Undefined(), vm.ToValue(21)); err != nil || v.ToInteger() != 42 {
		t.Errorf("twice(21) = %v, %v", v, err)
	}
}

// runModule runs a compiled module in vm and returns the module function it
// evaluates to.
func runModule(t *testing.T, vm *goja.Runtime, prg *goja.Program) goja.Callable {
	t.Helper()
	v, err := vm.RunProgram(prg)
	if err != nil {
		t.Fatalf("RunProgram: %v", err)
	}
	fn, ok := goja.AssertFunction(v)
	if !ok {
		t.Fatalf("program evaluated to %v, want a function", v)
	}
	return fn
}
