package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestStateRefusesASharedPlatform(t *testing.T) {
	var stderr bytes.Buffer
	code := realMain([]string{"--server", "http://127.0.0.1:1", "--state", t.TempDir()}, io.Discard, &stderr)
	if code != exitBadArgs || !strings.Contains(stderr.String(), "cannot be used with --server") {
		t.Errorf("exit %d, stderr:\n%s\nwant exit %d and why", code, stderr.String(), exitBadArgs)
	}
}

// A damaged state is bad input: exit 2, the file and the reason on
// stderr, and the folder left as it was.
func TestStateDamagedIsBadInput(t *testing.T) {
	dir := t.TempDir()
	manifest := filepath.Join(dir, "state.json")
	damaged := []byte(`{"format":1,"sha256":"00","state":{}}`)
	if err := os.WriteFile(manifest, damaged, 0o644); err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	code := realMain([]string{"--state", dir}, io.Discard, &stderr)
	if code != exitBadArgs || !strings.Contains(stderr.String(), manifest+": damaged") {
		t.Errorf("exit %d, stderr:\n%s\nwant exit %d naming %s", code, stderr.String(), exitBadArgs, manifest)
	}
	if got, _ := os.ReadFile(manifest); !bytes.Equal(got, damaged) {
		t.Error("the manifest changed")
	}
}
