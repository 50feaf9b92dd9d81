package scenario

import (
	"bytes"
	"slices"
	"testing"

	"miniphone/engine"
)

// The reader prints each line once, answers expect log and wait-for from
// what it watched for, and leaves the world nothing to keep.
func TestReaderForgetsWhatItTook(t *testing.T) {
	w := engine.NewWorld(engine.Config{})
	logText, first, second := "beta", "match", "match"
	s := &Script{Steps: []Step{{logText: &logText}, {waitText: &first}, {waitText: &second}, {}}}
	var out bytes.Buffer
	rd := newReader(s, w, &out)
	rd.forget = true // as a headless run's reader does
	for _, kind := range []string{"alpha", "match-1", "beta", "gamma"} {
		w.Record("p", "a", kind, "")
	}
	rd.take()
	if kept := w.Transcript(0); kept != nil {
		t.Errorf("the world kept %d lines the reader took", len(kept))
	}
	if w.TranscriptLen() != 4 || rd.taken != 4 {
		t.Errorf("TranscriptLen %d, taken %d; want 4 and 4", w.TranscriptLen(), rd.taken)
	}
	if !rd.logged["beta"] {
		t.Error("expect log \"beta\" would not find the line that holds it")
	}
	if rd.matched != 1 || rd.after != 2 {
		t.Errorf("matched %d waits, looking from line %d; want 1 and 2", rd.matched, rd.after)
	}
	if got, want := rd.tail(), []string{"+0d00:00:00.000 p a beta", "+0d00:00:00.000 p a gamma"}; !slices.Equal(got, want) {
		t.Errorf("tail %q, want %q", got, want)
	}
	w.Record("p", "a", "match-2", "")
	rd.take()
	if rd.matched != 2 {
		t.Errorf("the second wait-for did not find the line after the first one's match")
	}
	if n := bytes.Count(out.Bytes(), []byte("\n")); n != 5 {
		t.Errorf("%d lines printed, want 5", n)
	}
}
