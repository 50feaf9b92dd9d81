package engine

import (
	"fmt"
	"time"

	"miniphone/engine/vclock"
)

// OutOfMemoryText is what WeChat shows when it kills a mini-program that
// ran out of memory.
const OutOfMemoryText = "运行内存不足，请重新打开该小程序"

// Hold implements jsrt.Host: the transcript lines and the tasks of the
// callback starting now stay provisional until it ends.
func (inst *instance) Hold() (release func(keep bool)) {
	w := inst.r.p.w
	mark := w.log.len()
	held := inst.provisional
	inst.provisional = nil
	return func(keep bool) {
		if !keep {
			w.log.truncate(mark)
			for _, cancel := range inst.provisional {
				cancel()
			}
		}
		inst.provisional = held
	}
}

// Overrun implements jsrt.Host: an app whose callbacks keep running past
// their budget is destroyed, as a phone's client gives up on a mini-program
// that freezes it.
func (inst *instance) Overrun() {
	w := inst.r.p.w
	now, window := w.clock.Now(), w.settings.OverrunWindow
	kept := inst.overruns[:0]
	for _, t := range inst.overruns {
		if now-t < window {
			kept = append(kept, t)
		}
	}
	inst.overruns = append(kept, now)
	if len(inst.overruns) >= w.settings.OverrunLimit && inst.alive {
		inst.r.destroy(fmt.Sprintf("interrupted %d times within %s", len(inst.overruns), window))
	}
}

// OutOfMemory implements jsrt.Host.
func (inst *instance) OutOfMemory() {
	if !inst.alive {
		return
	}
	r := inst.r
	foreground := r.p.foreground == r
	r.destroy(OutOfMemoryText)
	if foreground {
		r.p.showSystemModal(ModalView{Title: "提示", Content: OutOfMemoryText, ConfirmText: "确定"})
	}
}

// maxTasksPerInstant bounds the tasks and timer callbacks an app may run at
// one moment of the virtual clock. Past it they wait in a queue, drained
// maxTasksPerInstant at a time every taskPenalty, so a script that
// re-queues itself without end, or keeps ten thousand intervals, still lets
// the clock move on instead of hanging the phone.
const (
	maxTasksPerInstant = 100
	taskPenalty        = 10 * time.Millisecond
)

// taskQueue is an app's share of the moments of the clock.
type taskQueue struct {
	inst     *instance
	moment   momentBudget
	waiting  []*queuedTask // past the moment's budget, in order
	drainEv  *vclock.Event
	draining bool
}

type queuedTask struct {
	fn        func()
	cancelled bool
}

// free reports whether one more task may run at this moment without
// waiting, counting it.
func (q *taskQueue) free() bool {
	now := q.inst.r.p.w.clock.Now()
	return len(q.waiting) == 0 && q.moment.delay(now, maxTasksPerInstant, taskPenalty) == 0
}

// later runs fn as a task of its own at this moment, or queues it.
func (q *taskQueue) later(fn func()) (cancel func()) {
	clock := &q.inst.r.p.w.clock
	if q.free() {
		ev := clock.After(0, func() { q.inst.run(fn) })
		return func() { clock.Cancel(ev) }
	}
	return q.wait(fn)
}

// now runs fn at once (a timer firing), or queues it.
func (q *taskQueue) now(fn func()) {
	if q.free() {
		fn()
		return
	}
	q.wait(fn)
}

func (q *taskQueue) wait(fn func()) (cancel func()) {
	t := &queuedTask{fn: fn}
	q.waiting = append(q.waiting, t)
	if !q.drainEv.Pending() && !q.draining {
		q.drainEv = q.inst.r.p.w.clock.After(taskPenalty, q.drain)
	}
	return func() { t.cancelled = true }
}

func (q *taskQueue) drain() {
	now := q.inst.r.p.w.clock.Now()
	q.draining = true
	ran := 0
	for len(q.waiting) > 0 && ran < maxTasksPerInstant {
		t := q.waiting[0]
		q.waiting[0] = nil
		q.waiting = q.waiting[1:]
		if t.cancelled {
			continue
		}
		ran++
		q.inst.run(t.fn)
	}
	q.draining = false
	q.moment = momentBudget{at: now, n: maxTasksPerInstant}
	if len(q.waiting) > 0 && q.inst.alive {
		q.drainEv = q.inst.r.p.w.clock.After(taskPenalty, q.drain)
	}
}

func (q *taskQueue) stop() {
	q.inst.r.p.w.clock.Cancel(q.drainEv)
	q.waiting = nil
}

// momentBudget counts what was asked at one moment of the virtual clock.
// Things a script can ask for without end and at no cost in time (a task,
// a restart) pass free up to a limit; past it each waits, so the clock
// still moves on instead of the phone hanging at one instant.
type momentBudget struct {
	at time.Duration
	n  int
}

// delay counts one more request at now and says how long it must wait.
func (b *momentBudget) delay(now time.Duration, free int, wait time.Duration) time.Duration {
	if b.at != now {
		b.at, b.n = now, 0
	}
	b.n++
	if b.n > free {
		return wait
	}
	return 0
}
