package jsrt

import (
	"errors"
	"fmt"
	"path"
	"strings"

	"github.com/dop251/goja"
)

// requireFrom is the require function of the module at from: relative names
// resolve against its folder, as in WeChat; nothing outside the package can
// be reached. A name it cannot load is the mini-program's mistake, thrown
// as a plain Error that says which module asked for what.
func (r *Runtime) requireFrom(from string) *goja.Object {
	dir := path.Dir(from)
	return r.Function("require", func(name string) goja.Value {
		target, err := resolve(dir, name)
		if err == nil {
			if _, ok := r.project.Program(target); !ok {
				err = fmt.Errorf("%q is not defined: the package has no %s", name, target)
			}
		}
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
}

func resolve(dir, name string) (string, error) {
	if name == "" {
		return "", errors.New("empty module name")
	}
	p := name
	if !strings.HasPrefix(p, "/") {
		p = path.Join(dir, p)
	}
	p = strings.TrimPrefix(path.Clean(p), "/")
	if p == ".." || strings.HasPrefix(p, "../") {
		return "", fmt.Errorf("%q is outside the mini-program package", name)
	}
	if !strings.HasSuffix(p, ".js") {
		p += ".js"
	}
	return p, nil
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
