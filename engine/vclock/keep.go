package vclock

import (
	"cmp"
	"container/heap"
	"fmt"
	"slices"
	"time"
)

// A world that is saved and restored later must run its pending events in
// the same order as one that never stopped. The order is (time, sequence),
// so what is saved is each event's time and sequence, the clock's
// sequence counter, and for the events the owner can schedule again, a tag
// saying what the event does (a closure cannot be saved).

// Tagged schedules fn at t like At, carrying tag for Pending to report.
func (c *Clock) Tagged(t time.Duration, tag any, fn func()) *Event {
	e := c.At(t, fn)
	e.tag = tag
	return e
}

// Tag is what Tagged gave the event; nil for an untagged one.
func (e *Event) Tag() any { return e.tag }

// Seq is the event's place among events due at the same time.
func (e *Event) Seq() uint64 { return e.seq }

// Seq is the sequence number the last scheduled event got.
func (c *Clock) Seq() uint64 { return c.seq }

// Pending lists the pending events in the order they would run.
func (c *Clock) Pending() []*Event {
	out := slices.Clone([]*Event(c.queue))
	slices.SortFunc(out, func(a, b *Event) int {
		return cmp.Or(cmp.Compare(a.at, b.at), cmp.Compare(a.seq, b.seq))
	})
	return out
}

// Resume sets a clock that has never run to a saved moment and sequence
// counter. Events scheduled afterwards continue the saved sequence.
func (c *Clock) Resume(now time.Duration, seq uint64) error {
	if c.now != 0 || c.seq != 0 || len(c.queue) != 0 {
		return fmt.Errorf("the clock has already run")
	}
	if now < 0 {
		return fmt.Errorf("time %v is before the world started", now)
	}
	c.now, c.seq = now, seq
	return nil
}

// Restore schedules fn with the time and sequence number a saved event
// had, so that it keeps its place in the order. The sequence number must
// be one the saved clock had already given out, and the time not past;
// tag is the event's tag, as Tagged gave it.
func (c *Clock) Restore(at time.Duration, seq uint64, tag any, fn func()) (*Event, error) {
	if seq == 0 || seq > c.seq {
		return nil, fmt.Errorf("event sequence %d is not one the clock gave out (last %d)", seq, c.seq)
	}
	if at < c.now {
		return nil, fmt.Errorf("event at %v is before the clock's time %v", at, c.now)
	}
	for _, e := range c.queue {
		if e.seq == seq {
			return nil, fmt.Errorf("event sequence %d is restored twice", seq)
		}
	}
	e := &Event{at: at, seq: seq, fn: fn, tag: tag}
	heap.Push(&c.queue, e)
	return e, nil
}
