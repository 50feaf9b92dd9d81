package vclock

import (
	"slices"
	"testing"
	"time"
)

// A clock resumed from what Pending and Seq reported runs the same events
// in the same order as the clock that went on, including events scheduled
// afterwards at the same moments.
func TestResumeKeepsTheOrder(t *testing.T) {
	build := func(c *Clock, r *recorder) {
		c.At(2*time.Second, r.fn("b"))
		c.Tagged(time.Second, "a", r.fn("a"))
		c.At(2*time.Second, r.fn("c"))
		c.RunUntil(1500 * time.Millisecond)
	}
	after := func(c *Clock, r *recorder) {
		c.At(2*time.Second, r.fn("d")) // same time, scheduled last: runs last
		c.RunUntil(5 * time.Second)
	}

	orig := &Clock{}
	ro := &recorder{c: orig}
	build(orig, ro)
	saved, now, seq := orig.Pending(), orig.Now(), orig.Seq()
	after(orig, ro)

	resumed := &Clock{}
	rr := &recorder{c: resumed, ran: slices.Clone(ro.ran[:1])}
	if err := resumed.Resume(now, seq); err != nil {
		t.Fatal(err)
	}
	// Put back in reverse, so that the order cannot come from the calls.
	names := map[uint64]string{1: "b", 3: "c"}
	for i := len(saved) - 1; i >= 0; i-- {
		e := saved[i]
		if _, err := resumed.Restore(e.At(), e.Seq(), e.Tag(), rr.fn(names[e.Seq()])); err != nil {
			t.Fatal(err)
		}
	}
	after(resumed, rr)
	if !slices.Equal(rr.ran, ro.ran) {
		t.Errorf("resumed ran %q, want %q", rr.ran, ro.ran)
	}
}

func TestRestoreRefusesWhatTheClockNeverGaveOut(t *testing.T) {
	c := &Clock{}
	if err := c.Resume(time.Minute, 4); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		at   time.Duration
		seq  uint64
	}{
		{"sequence beyond the counter", time.Hour, 5},
		{"sequence zero", time.Hour, 0},
		{"in the past", time.Second, 2},
	} {
		if _, err := c.Restore(tt.at, tt.seq, nil, func() {}); err == nil {
			t.Errorf("%s: restored", tt.name)
		}
	}
	if _, err := c.Restore(time.Hour, 3, nil, func() {}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Restore(time.Hour, 3, nil, func() {}); err == nil {
		t.Error("the same sequence restored twice")
	}
	if err := c.Resume(0, 0); err == nil {
		t.Error("a clock with events resumed")
	}
}
