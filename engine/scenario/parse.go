// Package scenario reads .tape scenario files and replays them against a
// world, headless and deterministic: the keyboard of the TUI replaced by a
// script, with expectations that fail a run.
package scenario

import (
	"bufio"
	"bytes"
	"fmt"
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
	run  func(*Run) error
	// dir is a project directory the step reads, relative to the file;
	// checked before anything runs.
	dir string
	// app is the app a phone step acts on: it must have been registered
	// by an earlier app step, or no phone could know it.
	app string
}

// Problems is every error of a file, each "FILE:LINE: message".
type Problems []string

func (p Problems) Error() string { return strings.Join(p, "\n") }

// maxLines bounds a scenario file; a larger one is surely not a scenario.
const maxLines = 100_000

// Parse reads a scenario. It reports every problem at once and builds no
// world: a bad file runs nothing.
func Parse(file string, src []byte) (*Script, error) {
	return parse(file, src, nil)
}

// parse is Parse with a further check of each well-formed step (Load's
// look at the project folders), whose problems join the others in line
// order.
func parse(file string, src []byte, check func(*Script, Step) error) (*Script, error) {
	s := &Script{File: file, Seed: 1}
	var problems Problems
	phones := map[string]bool{defaultPhone: true}
	apps := map[string]bool{}
	seenAction := false
	sc := bufio.NewScanner(bytes.NewReader(src))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		if line > maxLines {
			problems = append(problems, fmt.Sprintf("%s:%d: file has more than %d lines", file, line, maxLines))
			break
		}
		text := strings.TrimSpace(sc.Text())
		toks, err := splitLine(text)
		if err == nil && len(toks) == 0 {
			continue
		}
		var st Step
		if err == nil {
			st, err = parseStep(toks, &parseState{script: s, phones: phones, apps: apps, seenAction: seenAction})
		}
		if err == nil && check != nil {
			err = check(s, st)
		}
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s:%d: %v", file, line, err))
			continue
		}
		seenAction = seenAction || toks[0].text != "seed"
		st.Line, st.Text = line, text
		s.Steps = append(s.Steps, st)
	}
	if err := sc.Err(); err != nil {
		problems = append(problems, fmt.Sprintf("%s:%d: %v", file, line+1, err))
	}
	if len(problems) > 0 {
		return nil, problems
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

type stepParser func(args []token, ps *parseState) (Step, error)

func parseStep(toks []token, ps *parseState) (Step, error) {
	if toks[0].quoted {
		return Step{}, fmt.Errorf("a step starts with its name, not a string")
	}
	name := toks[0].text
	parse, ok := steps[name]
	if !ok {
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
