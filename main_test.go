package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"miniphone/engine/scenario"
)

// run is miniphone run on the given files, in process.
func run(t *testing.T, files ...string) (code int, stderr string) {
	t.Helper()
	var errOut bytes.Buffer
	code = realMain(append([]string{"run"}, files...), io.Discard, &errOut)
	return code, errOut.String()
}

// tape writes a scenario file and returns its path.
func tape(t *testing.T, src string) string {
	t.Helper()
	file := filepath.Join(t.TempDir(), "s.tape")
	if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}

func TestRunExitStatuses(t *testing.T) {
	cases := []struct {
		name, src string
		code      int
		stderr    string
	}{
		{"every expectation held", "expect no-modal\n", exitOK, "scenarios: 1 passed, 0 failed"},
		{"an expectation failed", "expect log \"never\"\n", exitFailed, `:1: expected`},
		{"bad input", "expect no-modal\nfrobnicate\n", exitBadArgs, `:2: unknown step "frobnicate"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, stderr := run(t, tape(t, tc.src))
			if code != tc.code || !strings.Contains(stderr, tc.stderr) {
				t.Errorf("exit %d, stderr:\n%s\nwant exit %d and %q", code, stderr, tc.code, tc.stderr)
			}
		})
	}
}

// An endless file is bad input like any other, refused before anything
// runs, and read no further than the limit.
func TestRunRefusesAnEndlessFile(t *testing.T) {
	const endless = "/dev/zero"
	if _, err := os.Stat(endless); err != nil {
		t.Skip(err)
	}
	code, stderr := run(t, endless)
	if code != exitBadArgs || !strings.HasPrefix(stderr, endless+": more than ") {
		t.Errorf("exit %d, stderr:\n%s\nwant exit %d and the size limit", code, stderr, exitBadArgs)
	}
}

// A crash is not bad input: it has a status of its own, and its stack goes
// to stderr for the bug report.
func TestRunReportsACrashAsAnInternalError(t *testing.T) {
	runFile = func(*scenario.Script, io.Writer) (scenario.Result, error) { panic("boom") }
	t.Cleanup(func() { runFile = scenario.RunFile })
	code, stderr := run(t, tape(t, "expect no-modal\n"))
	if code != exitInternal || !strings.Contains(stderr, "internal error: boom") || !strings.Contains(stderr, "goroutine ") {
		t.Errorf("exit %d, stderr:\n%s\nwant exit %d, the panic and its stack", code, stderr, exitInternal)
	}
}

// A folder runs every .tape file directly inside it, in name order; other
// files and subfolders are not scenarios.
func TestRunAFolder(t *testing.T) {
	dir := t.TempDir()
	for name, src := range map[string]string{
		"b.tape":       "expect no-modal\n",
		"a.tape":       "expect no-modal\n",
		"notes.txt":    "frobnicate\n",
		"sub/c.tape":   "frobnicate\n",
		"sub/d.tape.x": "frobnicate\n",
	} {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var out, errOut bytes.Buffer
	code := realMain([]string{"run", dir}, &out, &errOut)
	var headers []string
	for _, line := range strings.Split(out.String(), "\n") {
		if strings.HasPrefix(line, "# ") {
			headers = append(headers, line)
		}
	}
	want := "# " + filepath.Join(dir, "a.tape") + "\n# " + filepath.Join(dir, "b.tape")
	if code != exitOK || strings.Join(headers, "\n") != want || !strings.Contains(errOut.String(), "scenarios: 2 passed, 0 failed") {
		t.Errorf("exit %d, stdout:\n%s\nstderr:\n%s\nwant a.tape then b.tape, both passed", code, out.String(), errOut.String())
	}
}

func TestRunRefusesAFolderWithoutScenarios(t *testing.T) {
	dir := t.TempDir()
	code, stderr := run(t, dir)
	if code != exitBadArgs || stderr != dir+": no .tape file in this folder\n" {
		t.Errorf("exit %d, stderr:\n%s\nwant exit %d and the empty folder named", code, stderr, exitBadArgs)
	}
}

func TestRunRefusesAnEmptyFile(t *testing.T) {
	file := tape(t, "# nothing yet\n")
	code, stderr := run(t, file)
	if code != exitBadArgs || !strings.Contains(stderr, file+": no steps") {
		t.Errorf("exit %d, stderr:\n%s\nwant exit %d and no steps", code, stderr, exitBadArgs)
	}
}

// A misspelt flag is refused, and the flag that was meant named.
func TestMisspeltFlag(t *testing.T) {
	for _, args := range [][]string{{"--recrod", "x.tape"}, {"fleet", "--phons", "3"}} {
		var errOut bytes.Buffer
		code := realMain(args, io.Discard, &errOut)
		if code != exitBadArgs || !strings.Contains(errOut.String(), "did you mean --") {
			t.Errorf("%q: exit %d, stderr ends:\n%s", args, code, tail(errOut.String()))
		}
	}
}

func tail(s string) string { return s[max(len(s)-300, 0):] }
