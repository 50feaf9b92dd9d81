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
// be reached.
func (r *Runtime) requireFrom(from string) func(string) goja.Value {
	dir := path.Dir(from)
	return func(name string) goja.Value {
		target, err := resolve(dir, name)
		if err != nil {
			panic(r.vm.NewGoError(err))
		}
		exports, err := r.require(target)
		var exc *goja.Exception
		switch {
		case errors.As(err, &exc):
			panic(exc) // the module's own error, rethrown as it was
		case err != nil:
			panic(r.vm.NewGoError(err))
		}
		return exports
	}
}

func resolve(dir, name string) (string, error) {
	if name == "" {
		return "", fmt.Errorf("require: empty module name")
	}
	p := name
	if !strings.HasPrefix(p, "/") {
		p = path.Join(dir, p)
	}
	p = strings.TrimPrefix(path.Clean(p), "/")
	if p == ".." || strings.HasPrefix(p, "../") {
		return "", fmt.Errorf("module %q is outside the package", name)
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
