package engine

import (
	"sync"

	"miniphone/engine/jsrt"
)

// A front end must be able to take the world back from a mini-program that
// will not let go. A callback in an endless loop holds the world's
// goroutine for its whole time budget, and a jump or a fast clock runs
// such callbacks back to back, so a kill queued behind them would wait
// for minutes. InterruptScripts is how a front end cuts in.

// InterruptScripts asks the world's goroutine to stop the function it is
// running: the JavaScript callback under way is interrupted, and so is
// every callback that function starts afterwards (see Interrupter); long
// runs of the clock that watch Interrupts stop before their next event.
// Functions sent after the call run as usual. It never waits and is safe
// from any goroutine.
func (s *Session) InterruptScripts() {
	s.interrupts.Add(1)
	s.scripts.interrupt()
}

// Interrupts counts the calls of InterruptScripts so far. Work queued when
// it was n should stop once it is more: the user asked for the world after
// that work was queued, and it must not wait for it.
func (s *Session) Interrupts() uint64 { return s.interrupts.Load() }

// Interrupter connects InterruptScripts to the JavaScript runtimes, which
// run on the world's goroutine while the request comes from another. A
// runtime enters it as an outermost callback starts, with the function
// that interrupts that callback, and leaves it when the callback returns.
type Interrupter struct {
	mu      sync.Mutex
	running []func() // how to interrupt each callback under way, outermost first
	asked   bool     // InterruptScripts was called during the function the world runs
}

// Enter is called on the world's goroutine as a callback starts. stop
// interrupts it and may be called from any goroutine (goja's
// Runtime.Interrupt is). A callback that starts after a request made
// during the same function is stopped at once: the function is meant to
// end, and would otherwise run its callbacks one full budget each.
func (i *Interrupter) Enter(stop func()) {
	i.mu.Lock()
	defer i.mu.Unlock()
	i.running = append(i.running, stop)
	if i.asked {
		stop()
	}
}

// Leave is called on the world's goroutine when the callback of the
// matching Enter returns, before the runtime clears its interrupt: once
// Leave returns, no request can reach that callback, nor the next one.
func (i *Interrupter) Leave() {
	i.mu.Lock()
	defer i.mu.Unlock()
	i.running[len(i.running)-1] = nil
	i.running = i.running[:len(i.running)-1]
}

func (i *Interrupter) interrupt() {
	i.mu.Lock()
	defer i.mu.Unlock()
	i.asked = true
	for _, stop := range i.running {
		stop()
	}
}

// reset starts a new function: requests made before it were for earlier
// work.
func (i *Interrupter) reset() {
	i.mu.Lock()
	defer i.mu.Unlock()
	i.asked = false
}

// interruptsOrNil hands the runtimes the world's Interrupter, or a nil
// interface when no Session owns the world: a nil *Interrupter in an
// interface would not compare equal to nil.
func (w *World) interruptsOrNil() jsrt.Interrupts {
	if w.interrupts == nil {
		return nil
	}
	return w.interrupts
}
