package jsrt

import (
	"errors"
	"fmt"
	"path"

	"github.com/dop251/goja"
)

// requireFrom is the require function of the module at from, with WeChat's
// resolution (see engine/resolve); nothing outside the package can be
// reached. A name it cannot load is the mini-program's mistake, thrown as
// a plain Error that says which module asked for what.
func (r *Runtime) requireFrom(from string) *goja.Object {
	require := r.Function("require", func(name string) goja.Value {
		target, err := r.project.Resolve(from, name, false)
		if err != nil {
			panic(r.NewError(fmt.Sprintf("require: %v (required from %s)", err, from)))
		}
		exports, err := r.require(target)
		if err != nil {
			// The module's own exception is rethrown as it was; an
			// interrupt goes on up to the guard, uncaught.
			panic(err)
		}
		return exports
	})
	_ = require.Set("async", r.Function("async", func(name string) goja.Value {
		return r.requireAsync(from, name)
	}))
	return require
}

// requireAsync is require.async: the module runs as a later task and the
// promise settles with its exports, or with its exception. It may reach
// into another subpackage, which WeChat would download first.
func (r *Runtime) requireAsync(from, name string) goja.Value {
	promise, resolve, reject := r.vm.NewPromise()
	target, err := r.project.Resolve(from, name, true)
	r.host.Defer(func() {
		r.inVM("require.async "+name, func() {
			if err != nil {
				_ = reject(r.NewError(fmt.Sprintf("require.async: %v (required from %s)", err, from)))
				return
			}
			exports, err := r.require(target)
			var ex *goja.Exception
			switch {
			case err == nil:
				_ = resolve(exports)
			case errors.As(err, &ex):
				_ = reject(ex.Value())
			default:
				panic(err) // an interrupt, for the guard
			}
		})
	})
	return r.vm.ToValue(promise)
}

// require runs the module at p once and returns its exports; a cycle sees
// the exports as they are so far, as in CommonJS.
func (r *Runtime) require(p string) (goja.Value, error) {
	if m, ok := r.modules[p]; ok {
		return m.Get("exports"), nil
	}
	prog, ok := r.project.Program(p)
	if !ok {
		return nil, fmt.Errorf("module %q is not defined", p)
	}
	wrapper, err := r.vm.RunProgram(prog)
	if err != nil {
		return nil, err
	}
	fn, ok := goja.AssertFunction(wrapper)
	if !ok {
		return nil, fmt.Errorf("module %q did not compile to a function", p)
	}
	module := r.vm.NewObject()
	exports := r.vm.NewObject()
	_ = module.Set("exports", exports)
	r.modules[p] = module
	r.running = append(r.running, p)
	defer func() { r.running = r.running[:len(r.running)-1] }()
	_, err = fn(goja.Undefined(), exports, r.vm.ToValue(r.requireFrom(p)), module,
		r.vm.ToValue(p), r.vm.ToValue(path.Dir(p)))
	if err != nil {
		delete(r.modules, p)
		return nil, err
	}
	return module.Get("exports"), nil
}
