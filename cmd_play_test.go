package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPlayRefusesBadInput: a missing file, a file that does not parse and
// a wrong number of arguments are refused with exit status 2, before any
// screen opens, the reason named.
func TestPlayRefusesBadInput(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.tape")
	if err := os.WriteFile(bad, []byte("launhc demo\npause caption\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"play"}, "usage: miniphone play FILE"},
		{[]string{"play", "a.tape", "b.tape"}, "usage: miniphone play FILE"},
		{[]string{"play", filepath.Join(t.TempDir(), "missing.tape")}, "no such file"},
		{[]string{"play", bad}, `bad.tape:2: pause: CAPTION must be a double-quoted string`},
	} {
		var errOut bytes.Buffer
		if code := realMain(c.args, io.Discard, &errOut); code != exitBadArgs || !strings.Contains(errOut.String(), c.want) {
			t.Errorf("%q: exit %d, stderr %q; want %d and %q", c.args, code, errOut.String(), exitBadArgs, c.want)
		}
	}
}

// TestRecordRefusesAFileItCannotWrite: --record to a folder that does not
// exist is refused with exit status 2 before the screen opens.
func TestRecordRefusesAFileItCannotWrite(t *testing.T) {
	var errOut bytes.Buffer
	file := filepath.Join(t.TempDir(), "no", "such", "walk.tape")
	if code := realMain([]string{"--record", file}, io.Discard, &errOut); code != exitBadArgs || !strings.Contains(errOut.String(), "--record") {
		t.Errorf("exit %d, stderr %q; want %d and a --record error", code, errOut.String(), exitBadArgs)
	}
}
