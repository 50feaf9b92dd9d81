package tui

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestE2ERecordReplay: a walkthrough recorded with --record by the built
// binary, on a clock running in real time, replays headless with exit
// status 0 and the transcript the session saved.
func TestE2ERecordReplay(t *testing.T) {
	dir := t.TempDir()
	tape, saved := filepath.Join(dir, "walk.tape"), filepath.Join(dir, "session.txt")
	s := startTmux(t, "--record", tape)
	s.waitFor("● REC", "demo · not installed · not-running")
	s.send("Enter")
	s.waitFor("版本更新演示", "当前版本 1.0.0")
	s.send("E")
	s.waitFor("Record an expectation of what phone shows", "▸ expect version demo 1.0.0")
	s.send("Enter")
	s.waitFor("recorded: expect version demo 1.0.0")
	s.send("Escape")
	s.waitFor("demo · 1.0.0 · background")
	s.send("h")
	s.waitFor("jumped +1h")
	s.send("Space") // pause: the transcript saved next is the session's last
	s.waitFor("⏸ paused")
	s.send("3")
	s.waitFor("┏━ 3 Event log")
	s.send("W")
	s.waitFor("Save the transcript to")
	s.typeText(saved)
	s.send("Enter")
	s.waitFor("transcript lines to")
	s.send("q")
	s.waitExit()

	bin, err := binary()
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "run", tape).Output()
	if err != nil {
		rec, _ := os.ReadFile(tape)
		t.Fatalf("miniphone run %s: %v\n%s\nrecording:\n%s", tape, err, out, rec)
	}
	want, err := os.ReadFile(saved)
	if err != nil {
		t.Fatal(err)
	}
	_, got, _ := strings.Cut(string(out), "\n") // after the "# FILE" line
	if got != string(want) {
		rec, _ := os.ReadFile(tape)
		t.Errorf("the replay differs from the session\nrecording:\n%s\nreplay:\n%s\nsession:\n%s", rec, got, want)
	}
}
