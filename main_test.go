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
