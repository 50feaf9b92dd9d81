package jsrt

import (
	"math"
	"time"

	"github.com/dop251/goja"
)

// The shortest delays a timer may have. A zero-delay timer that re-arms
// itself would otherwise never let the virtual clock move on.
const (
	minTimeout  = time.Millisecond
	minInterval = 10 * time.Millisecond
)

// maxTimers bounds the timers one app may have pending, so that a loop
// creating timers fails in JavaScript instead of filling memory.
const maxTimers = 10_000

func (r *Runtime) timerFunc(repeat bool) func(goja.FunctionCall) goja.Value {
	what := "setTimeout"
	floor := minTimeout
	if repeat {
		what, floor = "setInterval", minInterval
	}
	return func(call goja.FunctionCall) goja.Value {
		fn, ok := goja.AssertFunction(call.Argument(0))
		if !ok {
			panic(r.vm.NewTypeError(what + " expects a function"))
		}
		if len(r.timers) >= maxTimers {
			panic(r.vm.NewTypeError("%s: too many timers (%d pending)", what, maxTimers))
		}
		delay := max(delayOf(call.Argument(1)), floor)
		var extra []goja.Value
		if len(call.Arguments) > 2 {
			extra = append(extra, call.Arguments[2:]...)
		}
		r.nextTimer++
		id := r.nextTimer
		r.started = append(r.started, id)
		var arm func()
		arm = func() {
			r.timers[id] = r.host.StartTimer(delay, func() {
				if repeat {
					arm()
				} else {
					delete(r.timers, id)
				}
				r.Call(what, fn, goja.Undefined(), extra...)
			})
		}
		arm()
		return r.vm.ToValue(id)
	}
}

// maxDelay is the longest timer delay, as browsers keep delays in 32 bits
// of milliseconds (about 24.8 days).
const maxDelay = (1<<31 - 1) * time.Millisecond

// delayOf reads a timer's delay in milliseconds. NaN, Infinity and
// negative values are clamped before converting, because Go's conversion
// of such floats to an integer differs between processors, and a replay
// must not.
func delayOf(v goja.Value) time.Duration {
	ms := v.ToFloat()
	switch {
	case math.IsNaN(ms) || ms <= 0:
		return 0
	case ms >= float64(maxDelay/time.Millisecond):
		return maxDelay
	}
	return time.Duration(ms * float64(time.Millisecond))
}

func (r *Runtime) clearTimer(id int64) {
	if stop, ok := r.timers[id]; ok {
		stop()
		delete(r.timers, id)
	}
}

// Close ends the runtime, as when the app is destroyed: its timers stop,
// and no JavaScript runs in it again.
func (r *Runtime) Close() {
	if r.closed {
		return
	}
	r.closed = true
	r.stopTimers()
	r.mem.release()
}

// stopTimers cancels every timer.
func (r *Runtime) stopTimers() {
	for id, stop := range r.timers {
		stop()
		delete(r.timers, id)
	}
}
