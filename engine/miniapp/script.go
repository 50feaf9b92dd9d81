package miniapp

import (
	"errors"
	"regexp"
	"strconv"
	"strings"

	"github.com/dop251/goja"
)

// The CommonJS wrapper around every script. The opening stays on the
// script's first line, so that the line numbers goja reports, in syntax
// errors and stack traces, are the file's own.
const (
	wrapOpen  = "(function (exports, require, module, __filename, __dirname) {"
	wrapClose = "\n})" // on its own line, so a trailing // comment cannot swallow it
)

// parserError matches the position goja's parser writes into its messages,
// "app.js: Line 3:14 Unexpected token ; (and 2 more errors)": the parser,
// unlike the compiler, does not fill CompilerSyntaxError.File.
var parserError = regexp.MustCompile(`: Line (\d+):\d+ (.*?)(?: \(and \d+ more errors\))?$`)

// compileModule compiles a .js file as a CommonJS module. Running the
// program yields the module function.
func compileModule(path, src string) (*goja.Program, *Problem) {
	prg, err := goja.Compile(path, wrapOpen+src+wrapClose, false)
	if err == nil {
		return prg, nil
	}
	var syn *goja.CompilerSyntaxError
	if !errors.As(err, &syn) {
		return nil, &Problem{Path: path, Msg: err.Error()}
	}
	line, msg := 0, syn.Message
	if syn.File != nil {
		line = syn.File.Position(syn.Offset).Line
	} else if m := parserError.FindStringSubmatch(syn.Message); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	}
	// An error on the wrapper's closing line means the file ended while
	// something was still open; point at the file's last line instead.
	if last := lineCount(src); line > last {
		line, msg = last, "unexpected end of file; a bracket, string or comment is left open"
	}
	return nil, &Problem{Path: path, Line: line, Msg: "SyntaxError: " + msg}
}

// lineCount is the number of lines of src as an editor shows them: a final
// newline ends the last line rather than starting another.
func lineCount(src string) int {
	return max(1, strings.Count(strings.TrimSuffix(src, "\n"), "\n")+1)
}
