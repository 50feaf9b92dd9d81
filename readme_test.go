package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadmeSyncUpdatePaths: the README gives a path to each reason for a
// synchronous update at start, alone; each path gives the transcript line
// the README quotes, and not the other reason's.
func TestReadmeSyncUpdatePaths(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	demo, err := filepath.Abs(filepath.Join("assets", "apps", "demo"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, steps, want, not string
	}{
		{"periodic check", "launch demo\nhome\npublish demo 1.0.1\nadvance 1d\nlaunch demo\n",
			"cold-start update=sync (the periodic check found a newer version)", "more than 7d"},
		{"a week away", "phone old client 6.6.0\nlaunch demo\nhome\npublish demo 1.0.1\nadvance 8d\nlaunch demo\n",
			"cold-start update=sync (last used 8d ago (more than 7d))", "periodic check found"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if !bytes.Contains(readme, []byte(tc.want)) {
				t.Errorf("the README does not quote %q", tc.want)
			}
			tape := filepath.Join(t.TempDir(), "path.tape")
			if err := os.WriteFile(tape, []byte("app demo "+demo+"\n"+tc.steps), 0o644); err != nil {
				t.Fatal(err)
			}
			var out, errs bytes.Buffer
			if code := runScenarios([]string{tape}, &out, &errs); code != 0 {
				t.Fatalf("exit %d: %s", code, errs.String())
			}
			if !strings.Contains(out.String(), tc.want) || strings.Contains(out.String(), tc.not) {
				t.Errorf("transcript lacks %q or holds %q:\n%s", tc.want, tc.not, out.String())
			}
		})
	}
}
