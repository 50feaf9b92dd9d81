// Package scenario reads .tape scenario files and replays them against a
// world, headless and deterministic: the keyboard of the TUI replaced by a
// script, with expectations that fail a run.
package scenario

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Script is a parsed scenario file.
type Script struct {
	File  string
	Seed  int64
	Steps []Step
}

// Step is one line of a scenario.
type Step struct {
	Line int
	Text string // the line as written, for messages
	// Caption is what a pause step shows in play; "" for other steps.
	Caption string
	run     func(*Run) error
	// dir is a project directory the step reads, relative to the file;
	// checked before anything runs.
	dir string
	// app is the app a phone step acts on: it must have been registered
	// by an earlier app step, or no phone could know it.
	app string
	// logText and waitText are what an expect log or a wait-for step
	// looks for in the transcript, which the run watches for from the
	// start instead of keeping every line.
	logText, waitText *string
	// expect marks an expectation, which play marks as held or not.
	expect bool
}

// Expectation reports whether the step checks rather than acts.
func (s Step) Expectation() bool { return s.expect }

// Bounds on a scenario file, far above any real one (the bundled scenarios
// are a few kilobytes), so that a wrong file, an endless stream or a
// runaway generator is refused at once instead of being read, held and run.
const (
	maxFileSize = 4 << 20 // bytes
	maxLineSize = 1 << 20 // bytes; a long data template still fits
	maxSteps    = 100_000 // blank lines and comments cost nothing and are not counted
	// maxShown is how many problems a refusal lists. The rest are only
	// counted: nobody reads the hundred-and-first, and a file of two
	// million bad lines must not print, or hold, two million messages.
	maxShown = 100
)

// Problems is what is wrong with a file: the first maxShown problems, each
// "FILE:LINE: message" or "FILE: message", and how many more there are.
type Problems struct {
	File  string
	Shown []string
	More  int
}

func (p *Problems) add(line int, err error) {
	if len(p.Shown) == maxShown {
		p.More++
		return
	}
	p.Shown = append(p.Shown, fmt.Sprintf("%s:%d: %v", p.File, line, err))
}

func (p Problems) Error() string {
	msg := strings.Join(p.Shown, "\n")
	if p.More > 0 {
		noun := "problems"
		if p.More == 1 {
			noun = "problem"
		}
		msg += fmt.Sprintf("\n%s: … and %s more %s", p.File, thousands(p.More), noun)
	}
	return msg
}

// overLimit refuses a file as a whole: past a limit it is surely not a
// scenario, and its other problems would only bury the reason.
func overLimit(file, what string, limit int) Problems {
	return Problems{File: file, Shown: []string{
		fmt.Sprintf("%s: more than %s %s, the limit of a scenario file", file, thousands(limit), what),
	}}
}

// thousands groups the digits of n, so that a limit or a count reads at a
// glance: 1,048,576.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// Parse reads a scenario. It reports its problems all at once and builds
// no world: a bad file runs nothing.
func Parse(file string, src []byte) (*Script, error) {
	return parse(file, src, nil)
}

// parse is Parse with a further check of each well-formed step (Load's
// look at the project folders), whose problems join the others in line
// order.
func parse(file string, src []byte, check func(*Script, Step) error) (*Script, error) {
	if len(src) > maxFileSize {
		return nil, overLimit(file, "bytes", maxFileSize)
	}
	s := &Script{File: file, Seed: 1}
	problems := Problems{File: file}
	ps := newParseState(s)
	for line, rest := 1, src; len(rest) > 0; line++ {
		var raw []byte
		raw, rest, _ = bytes.Cut(rest, []byte("\n"))
		if len(raw) > maxLineSize {
			problems.add(line, fmt.Errorf("line longer than %s bytes", thousands(maxLineSize)))
			continue
		}
		text := strings.TrimSpace(string(raw))
		st, ok, err := ps.line(text, check)
		if err != nil {
			problems.add(line, err)
			continue
		}
		if !ok {
			continue
		}
		if len(s.Steps) == maxSteps {
			return nil, overLimit(file, "steps", maxSteps)
		}
		st.Line, st.Text = line, text
		s.Steps = append(s.Steps, st)
	}
	if len(problems.Shown) > 0 {
		return nil, problems
	}
	if len(s.Steps) == 0 {
		// Running nothing would pass, and a blank or mistyped file would
		// count as a scenario that held.
		return nil, Problems{File: file, Shown: []string{file + ": no steps: a scenario needs at least one"}}
	}
	return s, nil
}

// parseState is what parsing a step may need to know of the lines before.
type parseState struct {
	script     *Script
	phones     map[string]bool
	apps       map[string]bool // registered by app steps so far
	seenAction bool
}

func newParseState(s *Script) *parseState {
	return &parseState{script: s, phones: map[string]bool{defaultPhone: true}, apps: map[string]bool{}}
}

// line parses one line, trimmed, in the context of the lines before it
// (and then further checked by check, when not nil). It reports whether
// the line is a step: a blank line or a comment is not.
func (ps *parseState) line(text string, check func(*Script, Step) error) (Step, bool, error) {
	toks, err := splitLine(text)
	if err != nil || len(toks) == 0 {
		return Step{}, false, err
	}
	st, err := parseStep(toks, ps)
	if err == nil && check != nil {
		err = check(ps.script, st)
	}
	if err != nil {
		return Step{}, false, err
	}
	ps.seenAction = ps.seenAction || toks[0].text != "seed"
	return st, true, nil
}

// Checker checks a scenario as it is written, a line at a time, each in
// the context of the lines before it, as Parse would read the whole file:
// a recording never writes a line that its replay would refuse.
type Checker struct{ ps *parseState }

// NewChecker is a checker at the start of a file.
func NewChecker() *Checker { return &Checker{ps: newParseState(&Script{Seed: 1})} }

// Check checks the next line. A line refused leaves the context as it was.
func (c *Checker) Check(line string) error {
	_, _, err := c.ps.line(strings.TrimSpace(line), nil)
	return err
}

type stepParser func(args []token, ps *parseState) (Step, error)

func parseStep(toks []token, ps *parseState) (Step, error) {
	if toks[0].quoted {
		return Step{}, fmt.Errorf("a step starts with its name, not a string")
	}
	name := toks[0].text
	parse, ok := steps[name]
	if !ok {
		if near := Nearest(name, stepNames()); near != "" {
			return Step{}, fmt.Errorf("unknown step %q; did you mean %q?", name, near)
		}
		return Step{}, fmt.Errorf("unknown step %q", name)
	}
	st, err := parse(toks[1:], ps)
	if err == nil && st.app != "" && !ps.apps[st.app] {
		err = fmt.Errorf("no app %q registered by an earlier app step", st.app)
	}
	if err != nil {
		return Step{}, fmt.Errorf("%s: %w", name, err)
	}
	return st, nil
}

// arity checks the count of arguments: at least min, at most max.
func arity(args []token, min, max int, usage string) error {
	if len(args) < min || len(args) > max {
		return fmt.Errorf("usage: %s", usage)
	}
	return nil
}

// bare is an argument that must not be quoted (names, versions, numbers).
func bare(t token, what string) (string, error) {
	if t.quoted {
		return "", fmt.Errorf("%s must not be quoted", what)
	}
	return t.text, nil
}

// quoted is an argument that must be a string.
func quoted(t token, what string) (string, error) {
	if !t.quoted {
		return "", fmt.Errorf("%s must be a double-quoted string", what)
	}
	return t.text, nil
}

func integer(t token, what string, lo, hi int) (int, error) {
	s, err := bare(t, what)
	if err != nil {
		return 0, err
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		return 0, fmt.Errorf("%s must be a whole number from %d to %d, got %q", what, lo, hi, s)
	}
	return n, nil
}

// options reads "key value" pairs after the fixed arguments.
func options(args []token, allowed ...string) (map[string]token, error) {
	out := map[string]token{}
	for i := 0; i < len(args); i += 2 {
		key := args[i].text
		if args[i].quoted || !contains(allowed, key) {
			return nil, fmt.Errorf("unknown option %q (want %s)", key, strings.Join(allowed, ", "))
		}
		if i+1 >= len(args) {
			return nil, fmt.Errorf("option %s needs a value", key)
		}
		if _, dup := out[key]; dup {
			return nil, fmt.Errorf("option %s given twice", key)
		}
		out[key] = args[i+1]
	}
	return out, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func stepNames() []string {
	names := make([]string, 0, len(steps))
	for name := range steps {
		names = append(names, name)
	}
	sort.Strings(names) // a tie between two names must go the same way every run
	return names
}

// Nearest is the candidate closest to s by edit distance, if it is close
// enough to be a slip of the keyboard (a third of s, at most 2 edits);
// otherwise "".
func Nearest(s string, candidates []string) string {
	best, bestDist := "", min(2, len([]rune(s))/3)+1
	for _, c := range candidates {
		if d := editDistance(s, c); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, counted in
// runes, with a transposition of neighbours counting as one edit: "lanuch"
// is as near to "launch" as "lunch".
func editDistance(a, b string) int {
	x, y := []rune(a), []rune(b)
	prev2 := make([]int, len(y)+1)
	prev := make([]int, len(y)+1)
	cur := make([]int, len(y)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(x); i++ {
		cur[0] = i
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && x[i-1] == y[j-2] && x[i-2] == y[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(y)]
}
