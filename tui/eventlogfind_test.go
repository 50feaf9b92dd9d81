package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLogSearch: / finds the newest line with the text; N goes up to the
// one before, which comes to the top of the panel.
func TestLogSearch(t *testing.T) {
	h := start(t, 120, 40)
	h.openDemo()
	h.press("2", "p", "enter") // publish 1.0.1: a second platform line with "publish"
	h.waitFor("✓ demo: publish 1.0.1", "platform demo publish 1.0.1")
	h.press("3", "/")
	h.waitFor("Search the event log")
	h.typeText("publish")
	h.press("enter")
	// The newest match is the last line: in view, at the bottom.
	h.waitFor("/publish: line 24 ", "platform demo publish 1.0.1")
	h.press("N")
	screen := h.waitFor("/publish: line 4 ")
	if !strings.Contains(topLogLine(screen), "platform weather publish 1.0.0") {
		t.Errorf("N did not go up to the match before:\n%s", screen)
	}
	h.press("/", "ctrl+u")
	h.typeText("nowhere")
	h.press("enter")
	h.waitFor("/nowhere: no match")
}

// topLogLine is the first line of the event log on a screen.
func topLogLine(screen string) string {
	lines := strings.Split(screen, "\n")
	for i, l := range lines {
		if strings.Contains(l, "3 Event log") && i+1 < len(lines) {
			return lines[i+1]
		}
	}
	return ""
}

// TestLogKindFilter: K narrows the log to one family of kinds at a time.
func TestLogKindFilter(t *testing.T) {
	h := start(t, 120, 40)
	h.openDemo()
	h.press("3")
	var screen string
	for range 30 {
		h.press("K")
		if screen = h.screen(); strings.Contains(screen, "kind: update ") {
			break
		}
	}
	screen = h.waitFor("kind: update ")
	lines := strings.Split(screen, "\n")
	shown := 0
	for _, l := range lines {
		if strings.Contains(l, "┃+0d") {
			shown++
			if !strings.Contains(l, " update.") {
				t.Errorf("a line of another kind passed the filter: %s", l)
			}
		}
	}
	if shown == 0 {
		t.Errorf("no line shown:\n%s", screen)
	}
	h.press("c")
	h.waitFor("phone: all · app: all · ")
}

// TestLogSave: W writes the whole transcript to the file named, and says
// where it went.
func TestLogSave(t *testing.T) {
	h := start(t, 120, 40)
	h.openDemo()
	file := filepath.Join(t.TempDir(), "log.txt")
	h.press("3", "W")
	h.waitFor("Save the transcript to", DefaultTranscriptFile)
	h.typeText(file) // replaces the suggested name
	h.press("enter")
	h.waitFor("transcript lines to")
	got, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if want := h.transcript() + "\n"; string(got) != want {
		t.Errorf("the file holds\n%s\nwant\n%s", got, want)
	}
}
