package engine

import "testing"

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
