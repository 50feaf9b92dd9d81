// Package compile is the compile step WeChat DevTools runs on a
// mini-program's scripts: every .js and .ts file goes through esbuild,
// which turns ES modules and TypeScript into CommonJS and lowers the syntax
// goja does not run, and then through goja's compiler. The result carries a
// source map, so that syntax errors, exceptions and stack traces cite the
// file, line and column the developer wrote.
//
// Compiled scripts are kept in a Cache by a digest of their path and
// content: the thousand phones that install one package compile each of its
// scripts once.
package compile

import (
	"errors"
	"fmt"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/dop251/goja"
	"github.com/dop251/goja/parser"
	"github.com/evanw/esbuild/pkg/api"
	"github.com/go-sourcemap/sourcemap"
)

// The CommonJS wrapper around every script: running a compiled program
// yields this function, which the runtime calls with the module's own
// exports, require and module. esbuild prints it on lines of its own and
// the source map accounts for them.
const (
	wrapOpen  = "(function (exports, require, module, __filename, __dirname) {"
	wrapClose = "})"
)

// target is the newest syntax goja runs: ES2022 less the features found
// missing in it (see TestTargetRunsInGoja, which fails when a lowered
// feature starts to run natively or a kept one stops). Keeping what goja
// runs keeps the code close to the source, for speed and for stack traces.
var target = api.TransformOptions{
	Target: api.ES2022,
	Supported: map[string]bool{
		"async-generator": false, // "Async generators are not supported yet"
		"for-await":       false,
		// esbuild cannot lower a regular expression; it writes one goja
		// cannot parse as new RegExp(), so that it fails where it runs
		// rather than refusing the whole file.
		"regexp-match-indices": false, // the d flag
		// WeChat has no import(): it becomes a require, which the
		// mini-program's require rules then govern.
		"dynamic-import": false,
	},
}

// IsScript reports whether a project file is a script the compile step
// takes: JavaScript or TypeScript, type declarations left out.
func IsScript(p string) bool {
	switch path.Ext(p) {
	case ".js":
		return true
	case ".ts":
		return !strings.HasSuffix(p, ".d.ts")
	}
	return false
}

// Error is a script that does not compile, at the place in its source that
// is wrong.
type Error struct {
	Path   string
	Line   int // 1-based
	Column int // 1-based, in characters; 0 when unknown
	Msg    string
}

func (e *Error) Error() string {
	if e.Column == 0 {
		return fmt.Sprintf("%s:%d: SyntaxError: %s", e.Path, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s:%d:%d: SyntaxError: %s", e.Path, e.Line, e.Column, e.Msg)
}

// script compiles one file without the cache. p names the file in errors
// and stack traces; its extension picks JavaScript or TypeScript.
func script(p string, src []byte) (prg *goja.Program, err error) {
	// Both compilers are third-party code fed with whatever a package
	// holds; a panic of theirs refuses the script, not the process.
	defer func() {
		if r := recover(); r != nil {
			prg, err = nil, &Error{Path: p, Line: 1, Msg: fmt.Sprintf("the compiler failed on this file: %v", r)}
		}
	}()
	opts := target
	opts.Loader = api.LoaderJS
	if path.Ext(p) == ".ts" {
		opts.Loader = api.LoaderTS
	}
	opts.Format = api.FormatCommonJS
	// The default ASCII output escapes other characters, so that goja's
	// columns (bytes) and the map's (UTF-16 units) count alike.
	opts.Sourcemap = api.SourceMapExternal
	opts.SourcesContent = api.SourcesContentExclude
	// goja resolves the map's source against the program's name, so the
	// map names the file by its base name.
	opts.Sourcefile = path.Base(p)
	opts.Banner = wrapOpen
	opts.Footer = wrapClose
	res := api.Transform(string(src), opts)
	if len(res.Errors) > 0 {
		return nil, esbuildError(p, src, res.Errors[0])
	}
	sourceMap, err := shiftColumns(res.Map)
	if err != nil {
		return nil, &Error{Path: p, Line: 1, Msg: "esbuild's source map: " + err.Error()}
	}
	code := string(res.Code) + "//# sourceMappingURL=" + path.Base(p) + ".map\n"
	loadMap := func(string) ([]byte, error) { return sourceMap, nil }
	ast, err := parser.ParseFile(nil, p, code, 0, parser.WithSourceMapLoader(loadMap))
	if err == nil {
		prg, err = goja.CompileAST(ast, false)
		if err == nil {
			return prg, nil
		}
	}
	return nil, gojaError(p, src, sourceMap, err)
}

// esbuildError places esbuild's first error in the source. esbuild counts
// columns in bytes; editors count characters.
func esbuildError(p string, src []byte, m api.Message) *Error {
	e := &Error{Path: p, Line: 1, Msg: m.Text}
	if loc := m.Location; loc != nil {
		e.Line = loc.Line
		col := min(loc.Column, len(loc.LineText))
		e.Column = utf8.RuneCountInString(loc.LineText[:col]) + 1
	}
	// esbuild places an error at the end of input on a line of its own
	// after a final newline; the developer looks for it on the last line.
	if last := lineCount(src); e.Line > last {
		e.Line, e.Column = last, 0
	}
	return e
}

// gojaError reports what goja refused after esbuild accepted it. goja sees
// esbuild's output, so its position goes back through the source map.
func gojaError(p string, src, sourceMap []byte, err error) *Error {
	e := &Error{Path: p, Line: 1, Msg: err.Error()}
	line, col := 0, 0
	var list parser.ErrorList
	var syn *goja.CompilerSyntaxError
	switch {
	case errors.As(err, &list) && len(list) > 0:
		e.Msg = list[0].Message
		line, col = list[0].Position.Line, list[0].Position.Column
	case errors.As(err, &syn):
		e.Msg = syn.Message
		if syn.File != nil {
			// The file carries the source map: this position is the
			// original one already.
			pos := syn.File.Position(syn.Offset)
			e.Line, e.Column = pos.Line, pos.Column
			return e
		}
	}
	if sm, err := sourcemap.Parse(p, sourceMap); err == nil && line > 0 {
		if _, _, l, c, ok := sm.Source(line, col); ok {
			e.Line, e.Column = l, c
		}
	}
	e.Line = min(e.Line, lineCount(src))
	return e
}

// lineCount is the number of lines of src as an editor shows them: a final
// newline ends the last line rather than starting another.
func lineCount(src []byte) int {
	s := strings.TrimSuffix(string(src), "\n")
	return max(1, strings.Count(s, "\n")+1)
}
