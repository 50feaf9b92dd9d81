package miniapp

import (
	"testing"

	"github.com/dop251/goja"
)

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
