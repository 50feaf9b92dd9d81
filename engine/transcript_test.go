package engine

import (
	"fmt"
	"testing"
	"time"
)

// Forgotten lines keep their numbers: a reader asking from a number gets
// the same lines before and after the world forgets older ones, and a
// rolled-back callback takes back only its own lines.
func TestTranscriptForgetKeepsNumbers(t *testing.T) {
	var tr transcript
	for i := range 40 {
		tr.add(Event{Kind: string(rune('a' + i%26))})
	}
	before := tr.since(30)
	tr.forget(30)
	if tr.len() != 40 || len(tr.events) != 10 {
		t.Fatalf("len %d, kept %d; want 40 and 10", tr.len(), len(tr.events))
	}
	if after := tr.since(30); len(after) != 10 || after[0] != before[0] {
		t.Errorf("since(30) after forgetting = %v, want %v", after, before)
	}
	if got := tr.since(5); len(got) != 10 {
		t.Errorf("since a forgotten number gave %d lines, want the 10 kept", len(got))
	}
	tr.truncate(35)
	if tr.len() != 35 || len(tr.since(30)) != 5 {
		t.Errorf("after truncate(35): len %d, since(30) %d lines; want 35 and 5", tr.len(), len(tr.since(30)))
	}
	tr.forget(100)
	if tr.len() != 35 || len(tr.events) != 0 {
		t.Errorf("forgetting past the end: len %d, kept %d; want 35 and 0", tr.len(), len(tr.events))
	}
}

// FormatElapsed writes its fields as fmt's %02d and %03d would, for times
// before the start of the run too.
func TestFormatElapsedPadsAsPrintf(t *testing.T) {
	for _, d := range []time.Duration{
		0, time.Millisecond, 999 * time.Millisecond, 59*time.Second + 7*time.Millisecond,
		3*time.Hour + 4*time.Minute + 5*time.Second + 60*time.Millisecond, 3650 * 24 * time.Hour,
		-time.Millisecond, -(25*time.Hour + 61*time.Second + 5*time.Millisecond),
	} {
		ms := d.Milliseconds()
		days, rest := ms/86_400_000, ms%86_400_000
		want := fmt.Sprintf("+%dd%02d:%02d:%02d.%03d", days, rest/3_600_000, rest%3_600_000/60_000, rest%60_000/1000, rest%1000)
		if got := FormatElapsed(d); got != want {
			t.Errorf("FormatElapsed(%s) = %q, want %q", d, got, want)
		}
	}
}
