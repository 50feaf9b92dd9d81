// Package vclock is the virtual clock every phone of a world lives on.
//
// Time only moves when the owner advances it, and events run in the order
// (time, scheduling sequence), so that the same inputs always produce the same
// run. Advancing costs what the events inside the interval cost, never the
// length of the interval.
package vclock

import (
	"container/heap"
	"math"
	"time"
)

// Clock holds the current virtual time, measured from the world's start, and
// the queue of events due later. It is not safe for concurrent use: one
// goroutine owns a world and its clock.
type Clock struct {
	now   time.Duration
	seq   uint64
	queue eventQueue
}

// Event is a scheduled call. Cancel it through Clock.Cancel.
type Event struct {
	at    time.Duration
	seq   uint64
	fn    func()
	index int // position in the heap; -1 once it ran or was cancelled
	tag   any // what the owner needs to schedule the event again (see Tagged)
}

// At is when the event is due.
func (e *Event) At() time.Duration { return e.at }

// Pending reports whether the event is still waiting to run.
func (e *Event) Pending() bool { return e != nil && e.index >= 0 }

// Now is the current virtual time since the world's start.
func (c *Clock) Now() time.Duration { return c.now }

// After schedules fn to run d from now. A negative d counts as zero.
func (c *Clock) After(d time.Duration, fn func()) *Event {
	t := c.now + max(d, 0)
	if t < c.now { // past the end of time: it never comes
		t = math.MaxInt64
	}
	return c.At(t, fn)
}

// At schedules fn at virtual time t (or now, if t is in the past).
func (c *Clock) At(t time.Duration, fn func()) *Event {
	c.seq++
	e := &Event{at: max(t, c.now), seq: c.seq, fn: fn}
	heap.Push(&c.queue, e)
	return e
}

// Cancel removes a pending event; cancelling one that already ran or was
// cancelled does nothing.
func (c *Clock) Cancel(e *Event) {
	if e.Pending() {
		heap.Remove(&c.queue, e.index)
	}
}

// Next returns when the earliest pending event is due.
func (c *Clock) Next() (time.Duration, bool) {
	if len(c.queue) == 0 {
		return 0, false
	}
	return c.queue[0].at, true
}

// Step runs the earliest event if it is due no later than limit, moving the
// clock to its time. It reports whether an event ran.
func (c *Clock) Step(limit time.Duration) bool {
	if len(c.queue) == 0 || c.queue[0].at > limit {
		return false
	}
	e := heap.Pop(&c.queue).(*Event)
	c.now = e.at
	e.fn()
	return true
}

// RunUntil runs every event due up to and including t, in order, then leaves
// the clock at t. Events scheduled by running events are run too when due.
func (c *Clock) RunUntil(t time.Duration) {
	for c.Step(t) {
	}
	c.now = max(c.now, t)
}

// RunDue runs everything due at the current moment.
func (c *Clock) RunDue() { c.RunUntil(c.now) }

type eventQueue []*Event

func (q eventQueue) Len() int { return len(q) }
func (q eventQueue) Less(i, j int) bool {
	if q[i].at != q[j].at {
		return q[i].at < q[j].at
	}
	return q[i].seq < q[j].seq
}
func (q eventQueue) Swap(i, j int) {
	q[i], q[j] = q[j], q[i]
	q[i].index, q[j].index = i, j
}
func (q *eventQueue) Push(x any) {
	e := x.(*Event)
	e.index = len(*q)
	*q = append(*q, e)
}
func (q *eventQueue) Pop() any {
	old := *q
	e := old[len(old)-1]
	old[len(old)-1] = nil
	e.index = -1
	*q = old[:len(old)-1]
	return e
}
