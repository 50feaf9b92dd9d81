package tui

import (
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// The worker's queue never makes Update wait, however many jobs are
// queued, and gives them back in order.
func TestJobQueueNeverBlocks(t *testing.T) {
	q := jobQueue{ready: make(chan struct{}, 1)}
	const n = 10_000
	for i := range n {
		q.push(func() tea.Msg { return i })
	}
	quit := make(chan struct{})
	for i := range n {
		job, ok := q.pop(quit)
		if !ok || job().(int) != i {
			t.Fatalf("pop %d: ok=%v", i, ok)
		}
	}
	close(quit)
	if _, ok := q.pop(quit); ok {
		t.Fatal("pop returned a job from an empty queue after quit")
	}
}

func TestNextOfEmptyList(t *testing.T) {
	if got := nextOf(nil, "x"); got != "x" {
		t.Fatalf("nextOf(nil) = %q, want the current value", got)
	}
	if got := nextOf([]string{"", "a"}, "a"); got != "" {
		t.Fatalf("nextOf wraps to %q, want \"\"", got)
	}
}

// A wide character on a line one cell wide goes on a line of its own
// rather than looping for ever.
func TestWrapWideCharacterNarrowLine(t *testing.T) {
	done := make(chan []string, 1)
	go func() { done <- wrap("新版本", 1) }()
	select {
	case lines := <-done:
		if len(lines) != 3 {
			t.Fatalf("wrap = %q, want one character a line", lines)
		}
	case <-time.After(waitLimit):
		t.Fatal("wrap did not return")
	}
}
