// Package wxs runs WXS, the script language of WXML pages: the modules a
// page declares with <wxs module="m" src="…"> or inline, in a runtime of
// their own that has no wx, no page, no host and a bounded time per call.
//
// Compile checks and compiles a module once per content; a Runtime runs the
// modules of one page and hands their exports to WXML as Go values, with
// functions as *Func.
package wxs

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"

	"github.com/dop251/goja"
	"github.com/dop251/goja/ast"
	"github.com/dop251/goja/parser"
)

// Module is a compiled WXS module: a .wxs file, or the inline source of a
// <wxs> tag. It is not changed after Compile, so runtimes may share it.
type Module struct {
	Path string // the .wxs file, or the WXML file that holds the inline source
	// Requires lists the require() calls with a literal path, for the
	// loader to check that they resolve.
	Requires []Require
	prg      *goja.Program
}

// Require is a require('./x.wxs') call in a module's source.
type Require struct {
	Spec string
	Line int
}

// Error is a syntax error in WXS source.
type Error struct {
	Path string
	Line int
	Msg  string
}

func (e *Error) Error() string { return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg) }

// A module's source runs as the body of this function, as a CommonJS
// module does. The head ends on the source's first line, so that lines in
// errors are the file's.
const (
	wrapHead = "(function (module, exports, require) {"
	wrapTail = "\n})"
)

// constructorName is what x.constructor is renamed to in WXS source. In
// WXS, constructor is the type's name ('Array', 'Object'), which Vant and
// others test; goja's own constructor property must stay a function, since
// its array built-ins use it to make their results.
const constructorName = "__wxsConstructor"

// maxCached bounds the compile cache; past it the cache starts over, which
// costs a recompile, never a wrong answer.
const maxCached = 4096

var cache = struct {
	sync.Mutex
	modules map[[sha256.Size]byte]*Module
}{modules: map[[sha256.Size]byte]*Module{}}

// Compile compiles the WXS source of path whose first line is line line of
// that file (1 for a .wxs file, the line after <wxs> for inline source).
// Every Compile of the same path, line and source returns the same module,
// compiled once. A syntax error is an *Error at the file's line.
func Compile(path string, line int, src string) (*Module, error) {
	key := sha256.Sum256(fmt.Appendf(nil, "%s\x00%d\x00%s", path, line, src))
	cache.Lock()
	m, ok := cache.modules[key]
	cache.Unlock()
	if ok {
		return m, nil
	}
	m, err := compile(path, line, src)
	if err != nil {
		return nil, err
	}
	cache.Lock()
	if len(cache.modules) >= maxCached {
		clear(cache.modules)
	}
	cache.modules[key] = m
	cache.Unlock()
	return m, nil
}

func compile(path string, line int, src string) (*Module, error) {
	line = max(line, 1)
	// Leading newlines put the source at its line in the WXML file.
	wrapped := strings.Repeat("\n", line-1) + wrapHead + src + wrapTail
	// Source maps stay off: their loader would read the host's files.
	prg, err := parser.ParseFile(nil, path, wrapped, 0, parser.WithDisableSourceMaps)
	if err != nil {
		var list parser.ErrorList
		if errors.As(err, &list) && len(list) > 0 {
			// An error at the wrapper's tail is at the source's last line.
			last := line + strings.Count(src, "\n")
			return nil, &Error{Path: path, Line: min(list[0].Position.Line, last), Msg: list[0].Message}
		}
		return nil, &Error{Path: path, Line: line, Msg: err.Error()}
	}
	m := &Module{Path: path}
	walk(reflect.ValueOf(prg), map[visited]bool{}, func(n any) {
		switch n := n.(type) {
		case *ast.DotExpression:
			if n.Identifier.Name == "constructor" {
				n.Identifier.Name = constructorName
			}
		case *ast.CallExpression:
			if spec, ok := requireSpec(n); ok {
				pos := prg.File.Position(int(n.Idx0()) - prg.File.Base())
				m.Requires = append(m.Requires, Require{Spec: spec, Line: pos.Line})
			}
		}
	})
	m.prg, err = goja.CompileAST(prg, false)
	if err != nil {
		e := &Error{Path: path, Line: line, Msg: err.Error()}
		var se *goja.CompilerSyntaxError
		if errors.As(err, &se) && se.File != nil {
			e.Line, e.Msg = se.File.Position(se.Offset).Line, se.Message
		}
		return nil, e
	}
	return m, nil
}

// requireSpec reports the path of require('path').
func requireSpec(call *ast.CallExpression) (string, bool) {
	callee, ok := call.Callee.(*ast.Identifier)
	if !ok || callee.Name != "require" || len(call.ArgumentList) != 1 {
		return "", false
	}
	lit, ok := call.ArgumentList[0].(*ast.StringLiteral)
	if !ok {
		return "", false
	}
	return lit.Value.String(), true
}

// astPkg is the package of goja's syntax tree; walk looks only inside its
// types (not into the source file the tree points to).
var astPkg = reflect.TypeFor[ast.Program]().PkgPath()

type visited struct {
	t reflect.Type
	p uintptr
}

// walk calls visit with every node of a goja syntax tree. goja has no
// visitor of its own, and the tree has dozens of node types, so this goes
// by reflection. seen keeps a node reached twice (a declaration is listed
// in its scope too) from being walked twice.
func walk(v reflect.Value, seen map[visited]bool, visit func(any)) {
	switch v.Kind() {
	case reflect.Interface:
		if !v.IsNil() {
			walk(v.Elem(), seen, visit)
		}
	case reflect.Pointer:
		key := visited{v.Type(), v.Pointer()}
		if v.IsNil() || v.Type().Elem().PkgPath() != astPkg || seen[key] {
			return
		}
		seen[key] = true
		visit(v.Interface())
		walk(v.Elem(), seen, visit)
	case reflect.Slice:
		for i := range v.Len() {
			walk(v.Index(i), seen, visit)
		}
	case reflect.Struct:
		if v.Type().PkgPath() != astPkg {
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				walk(v.Field(i), seen, visit)
			}
		}
	}
}
