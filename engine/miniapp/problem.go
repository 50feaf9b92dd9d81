package miniapp

import (
	"fmt"
	"strings"
)

// Problem is one thing wrong with a project, at a file and, when it is
// known, a line.
type Problem struct {
	Path string
	Line int // 1-based; 0 when the problem is not at a line (a missing file)
	Col  int // 1-based, in characters; 0 when only the line is known
	Msg  string
}

// String formats the problem as compilers do, "path:line:col: msg",
// "path:line: msg", or "path: msg" when there is no line.
func (p Problem) String() string {
	switch {
	case p.Line == 0:
		return fmt.Sprintf("%s: %s", p.Path, p.Msg)
	case p.Col > 0:
		return fmt.Sprintf("%s:%d:%d: %s", p.Path, p.Line, p.Col, p.Msg)
	}
	return fmt.Sprintf("%s:%d: %s", p.Path, p.Line, p.Msg)
}

// LoadError lists every problem that Load found, so that a developer can
// fix them all in one pass.
type LoadError struct {
	Problems []Problem
}

func (e *LoadError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}
