package engine

import (
	"fmt"
	"sort"
	"time"
)

// Timeline lists what is scheduled next on every phone, earliest first:
// what Snapshot's Next holds (suspension, destruction, the periodic check,
// the fetch wake, an update's version check or download), and besides,
// the background checks and fetches on their way and each running app's
// next timer. It is
// for a front end's timeline and costs a pass over the clock's queue, so
// it is asked for only while shown.
func (w *World) Timeline() []Upcoming {
	now := w.clock.Now()
	var out []Upcoming
	for _, p := range w.phones {
		out = append(out, p.upcoming()...)
		for _, r := range p.running() {
			if u, ok := r.inst.nextTimer(now); ok {
				out = append(out, u)
			}
		}
	}
	for _, ev := range w.clock.Pending() {
		// An update's answers are the flight's, which Next lists.
		if t, ok := ev.Tag().(*resume); ok && t.kind != resumeCheck && t.kind != resumeChunk {
			out = append(out, Upcoming{Phone: t.r.p.name, AppID: t.r.appid, What: t.what(), In: ev.At() - now})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].In < out[j].In })
	return out
}

// what names a background check or fetch on its way.
func (t *resume) what() string {
	if t.kind == resumeBackgroundCheck {
		return t.label + " answers"
	}
	return fmt.Sprintf("%s fetch answers", t.job.kind)
}

// nextTimer is the app's earliest timer, and how many it has; a suspended
// app's timers wait for it to come back, and say so.
func (inst *instance) nextTimer(now time.Duration) (Upcoming, bool) {
	var next *phoneTimer
	for _, t := range inst.timers {
		if next == nil || t.due(now) < next.due(now) {
			next = t
		}
	}
	if next == nil {
		return Upcoming{}, false
	}
	what := "timer"
	if n := len(inst.timers); n > 1 {
		what = fmt.Sprintf("timer (1 of %d)", n)
	}
	if !next.ev.Pending() {
		what += ", paused while suspended"
	}
	return Upcoming{Phone: inst.r.p.name, AppID: inst.r.appid, What: what, In: next.due(now) - now}, true
}

// due is when the timer fires, or would on a return to the foreground.
func (t *phoneTimer) due(now time.Duration) time.Duration {
	if t.ev.Pending() {
		return t.ev.At()
	}
	return now + t.remaining
}
