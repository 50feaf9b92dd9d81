package vclock

import (
	"fmt"
	"math"
	"slices"
	"testing"
	"time"
)

// recorder collects the names of the events that ran, with the clock's time
// when each ran.
type recorder struct {
	c   *Clock
	ran []string
}

func (r *recorder) fn(name string) func() {
	return func() { r.ran = append(r.ran, fmt.Sprintf("%s@%v", name, r.c.Now())) }
}

func TestOrder(t *testing.T) {
	type sched struct {
		at   time.Duration
		name string
	}
	tests := []struct {
		name  string
		sched []sched
		until time.Duration
		want  []string
	}{
		{
			name:  "by time",
			sched: []sched{{3 * time.Second, "c"}, {time.Second, "a"}, {2 * time.Second, "b"}},
			until: time.Minute,
			want:  []string{"a@1s", "b@2s", "c@3s"},
		},
		{
			name:  "same time by scheduling order",
			sched: []sched{{time.Second, "x"}, {time.Second, "y"}, {time.Second, "z"}, {0, "first"}},
			until: time.Minute,
			want:  []string{"first@0s", "x@1s", "y@1s", "z@1s"},
		},
		{
			name:  "only up to the limit, limit included",
			sched: []sched{{time.Second, "a"}, {2 * time.Second, "b"}, {2*time.Second + 1, "late"}},
			until: 2 * time.Second,
			want:  []string{"a@1s", "b@2s"},
		},
		{
			name:  "nothing due",
			sched: []sched{{time.Hour, "a"}},
			until: time.Minute,
			want:  nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &Clock{}
			r := &recorder{c: c}
			for _, s := range tt.sched {
				c.At(s.at, r.fn(s.name))
			}
			c.RunUntil(tt.until)
			if !slices.Equal(r.ran, tt.want) {
				t.Errorf("ran %q, want %q", r.ran, tt.want)
			}
			if c.Now() != tt.until {
				t.Errorf("Now() = %v after RunUntil(%v)", c.Now(), tt.until)
			}
		})
	}
}

// Events scheduled by running events join the order: at the same time they
// run after everything already scheduled for that time, and events due
// inside the interval run in the same RunUntil.
func TestScheduledByRunningEvents(t *testing.T) {
	c := &Clock{}
	r := &recorder{c: c}
	c.At(time.Second, func() {
		r.fn("a")()
		c.After(0, r.fn("a-now"))                  // same time, after b
		c.After(time.Second, r.fn("a+1s"))         // 2s, after c (c was scheduled first)
		c.At(500*time.Millisecond, r.fn("a-past")) // in the past: runs now, after a-now
		c.After(10*time.Second, r.fn("a+10s"))     // beyond the limit
		c.After(-time.Hour, r.fn("a-negative"))    // negative delay counts as zero
	})
	c.At(time.Second, r.fn("b"))
	c.At(2*time.Second, r.fn("c"))
	c.RunUntil(5 * time.Second)
	want := []string{"a@1s", "b@1s", "a-now@1s", "a-past@1s", "a-negative@1s", "c@2s", "a+1s@2s"}
	if !slices.Equal(r.ran, want) {
		t.Errorf("ran %q\nwant %q", r.ran, want)
	}
	if next, ok := c.Next(); !ok || next != 11*time.Second {
		t.Errorf("Next() = %v, %v; want 11s, true", next, ok)
	}
}

// An event that keeps re-arming itself at the current time would never let
// RunUntil return, but one that re-arms itself later is run as often as it
// is due inside the interval.
func TestRearmingEvent(t *testing.T) {
	c := &Clock{}
	var times []time.Duration
	var tick func()
	tick = func() {
		times = append(times, c.Now())
		c.After(time.Second, tick)
	}
	c.After(time.Second, tick)
	c.RunUntil(3500 * time.Millisecond)
	want := []time.Duration{time.Second, 2 * time.Second, 3 * time.Second}
	if !slices.Equal(times, want) {
		t.Errorf("ticks at %v, want %v", times, want)
	}
	if c.Now() != 3500*time.Millisecond {
		t.Errorf("Now() = %v, want 3.5s", c.Now())
	}
}

func TestAtInThePast(t *testing.T) {
	tests := []struct {
		name string
		at   time.Duration
		want time.Duration
	}{
		{"past", 2 * time.Second, 10 * time.Second},
		{"far past", -time.Hour, 10 * time.Second},
		{"now", 10 * time.Second, 10 * time.Second},
		{"future", 11 * time.Second, 11 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &Clock{}
			c.RunUntil(10 * time.Second)
			ranAt := time.Duration(-1)
			e := c.At(tt.at, func() { ranAt = c.Now() })
			if e.At() != tt.want {
				t.Errorf("At() = %v, want %v", e.At(), tt.want)
			}
			if tt.want == c.Now() {
				c.RunDue()
				if ranAt != tt.want {
					t.Errorf("RunDue ran it at %v, want %v", ranAt, tt.want)
				}
				return
			}
			c.RunDue()
			if ranAt != -1 {
				t.Errorf("a future event ran at %v on RunDue", ranAt)
			}
			c.RunUntil(time.Minute)
			if ranAt != tt.want {
				t.Errorf("ran at %v, want %v", ranAt, tt.want)
			}
		})
	}
}

func TestCancel(t *testing.T) {
	tests := []struct {
		name string
		// act cancels (or not) with the three events a@1s, b@2s, c@3s
		// scheduled; it runs before RunUntil(10s).
		act  func(c *Clock, ev map[string]*Event)
		want []string
	}{
		{
			name: "nothing cancelled",
			act:  func(c *Clock, ev map[string]*Event) {},
			want: []string{"a", "b", "c"},
		},
		{
			name: "cancel before running",
			act:  func(c *Clock, ev map[string]*Event) { c.Cancel(ev["b"]) },
			want: []string{"a", "c"},
		},
		{
			name: "cancel twice",
			act: func(c *Clock, ev map[string]*Event) {
				c.Cancel(ev["a"])
				c.Cancel(ev["a"])
			},
			want: []string{"b", "c"},
		},
		{
			name: "cancel all",
			act: func(c *Clock, ev map[string]*Event) {
				c.Cancel(ev["c"])
				c.Cancel(ev["a"])
				c.Cancel(ev["b"])
			},
			want: nil,
		},
		{
			name: "cancel nil",
			act:  func(c *Clock, ev map[string]*Event) { c.Cancel(nil) },
			want: []string{"a", "b", "c"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &Clock{}
			var ran []string
			ev := map[string]*Event{}
			for i, name := range []string{"a", "b", "c"} {
				ev[name] = c.At(time.Duration(i+1)*time.Second, func() { ran = append(ran, name) })
			}
			tt.act(c, ev)
			c.RunUntil(10 * time.Second)
			if !slices.Equal(ran, tt.want) {
				t.Errorf("ran %q, want %q", ran, tt.want)
			}
			for name, e := range ev {
				if e.Pending() {
					t.Errorf("%s still pending after RunUntil", name)
				}
			}
			if _, ok := c.Next(); ok {
				t.Error("Next() reports an event after everything ran or was cancelled")
			}
		})
	}
}

// Cancelling an event that already ran does nothing, and in particular does
// not remove another event that took its place in the queue.
func TestCancelAfterRunning(t *testing.T) {
	c := &Clock{}
	var ran []string
	a := c.At(time.Second, func() { ran = append(ran, "a") })
	c.At(2*time.Second, func() { ran = append(ran, "b") })
	c.At(3*time.Second, func() { ran = append(ran, "c") })
	c.RunUntil(time.Second)
	if a.Pending() {
		t.Fatal("a is pending after it ran")
	}
	c.Cancel(a)
	c.RunUntil(time.Minute)
	if want := []string{"a", "b", "c"}; !slices.Equal(ran, want) {
		t.Errorf("ran %q, want %q", ran, want)
	}
}

// An event can cancel a later one, and an event cancelling itself while it
// runs is harmless.
func TestCancelFromAnEvent(t *testing.T) {
	c := &Clock{}
	var ran []string
	var self, later *Event
	self = c.At(time.Second, func() {
		ran = append(ran, "self")
		if self.Pending() {
			t.Error("a running event reports itself pending")
		}
		c.Cancel(self)
		c.Cancel(later)
	})
	later = c.At(time.Second, func() { ran = append(ran, "later") })
	c.At(time.Second, func() { ran = append(ran, "other") })
	c.RunUntil(time.Minute)
	if want := []string{"self", "other"}; !slices.Equal(ran, want) {
		t.Errorf("ran %q, want %q", ran, want)
	}
}

func TestPending(t *testing.T) {
	c := &Clock{}
	var nilEvent *Event
	if nilEvent.Pending() {
		t.Error("a nil event is pending")
	}
	e := c.After(time.Second, func() {})
	if !e.Pending() {
		t.Error("a scheduled event is not pending")
	}
	c.RunUntil(999 * time.Millisecond)
	if !e.Pending() {
		t.Error("an event not yet due is not pending")
	}
	c.RunUntil(time.Second)
	if e.Pending() {
		t.Error("an event that ran is still pending")
	}
	f := c.After(time.Second, func() {})
	c.Cancel(f)
	if f.Pending() {
		t.Error("a cancelled event is still pending")
	}
}

func TestRunUntilLeavesClockAtT(t *testing.T) {
	tests := []struct {
		name   string
		events []time.Duration
		t      time.Duration
		want   time.Duration
	}{
		{"empty queue", nil, time.Hour, time.Hour},
		{"events before t", []time.Duration{time.Second, time.Minute}, time.Hour, time.Hour},
		{"event exactly at t", []time.Duration{time.Hour}, time.Hour, time.Hour},
		{"event after t", []time.Duration{2 * time.Hour}, time.Hour, time.Hour},
		{"t in the past does not move the clock back", nil, -time.Second, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &Clock{}
			for _, at := range tt.events {
				c.At(at, func() {})
			}
			c.RunUntil(tt.t)
			if c.Now() != tt.want {
				t.Errorf("Now() = %v, want %v", c.Now(), tt.want)
			}
		})
	}
	// And backwards from a later time.
	c := &Clock{}
	c.RunUntil(time.Hour)
	c.RunUntil(time.Minute)
	if c.Now() != time.Hour {
		t.Errorf("RunUntil into the past moved the clock to %v", c.Now())
	}
}

func TestStep(t *testing.T) {
	tests := []struct {
		name    string
		events  []time.Duration
		limit   time.Duration
		ran     bool
		wantNow time.Duration
	}{
		{"empty", nil, time.Hour, false, 0},
		{"due before the limit", []time.Duration{time.Second}, time.Minute, true, time.Second},
		{"due at the limit", []time.Duration{time.Minute}, time.Minute, true, time.Minute},
		{"due after the limit", []time.Duration{time.Minute + 1}, time.Minute, false, 0},
		{"runs only the earliest", []time.Duration{2 * time.Second, time.Second}, time.Minute, true, time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &Clock{}
			count := 0
			for _, at := range tt.events {
				c.At(at, func() { count++ })
			}
			if got := c.Step(tt.limit); got != tt.ran {
				t.Errorf("Step(%v) = %v, want %v", tt.limit, got, tt.ran)
			}
			wantCount := 0
			if tt.ran {
				wantCount = 1
			}
			if count != wantCount {
				t.Errorf("%d events ran, want %d", count, wantCount)
			}
			if c.Now() != tt.wantNow {
				t.Errorf("Now() = %v, want %v", c.Now(), tt.wantNow)
			}
		})
	}
}

func TestNext(t *testing.T) {
	c := &Clock{}
	if at, ok := c.Next(); ok || at != 0 {
		t.Errorf("Next() on an empty clock = %v, %v", at, ok)
	}
	b := c.At(2*time.Second, func() {})
	c.At(3*time.Second, func() {})
	if at, ok := c.Next(); !ok || at != 2*time.Second {
		t.Errorf("Next() = %v, %v; want 2s, true", at, ok)
	}
	a := c.At(time.Second, func() {})
	if at, ok := c.Next(); !ok || at != time.Second {
		t.Errorf("Next() after scheduling earlier = %v, %v; want 1s, true", at, ok)
	}
	c.Cancel(a)
	c.Cancel(b)
	if at, ok := c.Next(); !ok || at != 3*time.Second {
		t.Errorf("Next() after cancelling = %v, %v; want 3s, true", at, ok)
	}
	if c.Now() != 0 {
		t.Errorf("Next moved the clock to %v", c.Now())
	}
}

// Many events in random-looking order come out sorted by (time, sequence),
// which exercises the heap beyond a handful of elements, cancellations from
// the middle included.
func TestManyEvents(t *testing.T) {
	c := &Clock{}
	type key struct {
		at  time.Duration
		seq int
	}
	var ran []key
	var events []*Event
	for i := range 500 {
		at := time.Duration((i*7919)%97) * time.Millisecond
		events = append(events, c.At(at, func() { ran = append(ran, key{at, i}) }))
	}
	cancelled := 0
	for i := 0; i < len(events); i += 3 {
		c.Cancel(events[i])
		cancelled++
	}
	c.RunUntil(time.Second)
	if len(ran) != 500-cancelled {
		t.Fatalf("%d events ran, want %d", len(ran), 500-cancelled)
	}
	for i, k := range ran {
		if k.seq%3 == 0 {
			t.Errorf("cancelled event %d ran", k.seq)
		}
		if i > 0 {
			p := ran[i-1]
			if p.at > k.at || (p.at == k.at && p.seq > k.seq) {
				t.Errorf("event %v ran after %v", k, p)
			}
		}
	}
}

// After with a delay so long that now+d overflows must not wrap into the
// past and run at once.
func TestAfterHugeDelay(t *testing.T) {
	c := &Clock{}
	c.RunUntil(time.Hour)
	ran := false
	c.After(time.Duration(math.MaxInt64), func() { ran = true })
	c.RunUntil(2 * time.Hour)
	if ran {
		t.Error("an event due in ~292 years ran within an hour")
	}
}
