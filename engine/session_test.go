package engine

import (
	"sync/atomic"
	"testing"
	"time"
)

// waitLimit bounds a wait for something that must happen; only a broken
// session reaches it.
const waitLimit = time.Minute

func within(t *testing.T, what string, c <-chan struct{}) {
	t.Helper()
	select {
	case <-c:
	case <-time.After(waitLimit):
		t.Fatal(what)
	}
}

// async runs fn on a goroutine of its own; the channel closes when it
// returns.
func async(fn func()) <-chan struct{} {
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn()
	}()
	return done
}

// TestSessionCloseDoesNotWait: Close returns while the world is busy (a
// mini-program in an endless loop holds it here), interrupts the callback
// under way, and runs nothing more; Do then returns without waiting.
func TestSessionCloseDoesNotWait(t *testing.T) {
	s := NewSession(NewWorld(Config{}))
	held, let, interrupted := make(chan struct{}), make(chan struct{}), make(chan struct{})
	go s.Do(func(*World) {
		s.scripts.Enter(func() { close(interrupted) })
		close(held)
		<-let
		s.scripts.Leave()
	})
	within(t, "the world never ran the function that holds it", held)
	var ranAfter atomic.Bool
	queued := async(func() { s.Do(func(*World) { ranAfter.Store(true) }) })

	within(t, "Close waits for the world", async(s.Close))
	within(t, "Close did not interrupt the callback under way", interrupted)
	within(t, "Do waits after Close", async(func() { s.Do(func(*World) { ranAfter.Store(true) }) }))

	close(let)
	within(t, "the world's goroutine did not end", s.done)
	within(t, "a Do queued before Close still waits", queued)
	if ranAfter.Load() {
		t.Error("a function ran after Close")
	}
}

// TestInterruptScripts: a request stops the callback under way and every
// callback the same function starts afterwards, and nothing sent later.
func TestInterruptScripts(t *testing.T) {
	s := NewSession(NewWorld(Config{}))
	defer s.Close()
	var stops [3]atomic.Int32 // how often each callback was interrupted
	stop := func(i int) func() { return func() { stops[i].Add(1) } }
	held, let := make(chan struct{}), make(chan struct{})
	first := async(func() {
		s.Do(func(*World) {
			s.scripts.Enter(stop(0))
			close(held)
			<-let
			s.scripts.Leave()
			s.scripts.Enter(stop(1))
			s.scripts.Leave()
		})
	})
	within(t, "the world never ran the function that holds it", held)
	s.InterruptScripts()
	if n := stops[0].Load(); n != 1 {
		t.Errorf("the callback under way was interrupted %d times, want 1", n)
	}
	close(let)
	within(t, "the interrupted function did not end", first)
	s.Do(func(*World) {
		s.scripts.Enter(stop(2))
		s.scripts.Leave()
	})
	if n := stops[1].Load(); n != 1 {
		t.Errorf("a callback started after the request, in the same function, was interrupted %d times, want 1", n)
	}
	if n := stops[2].Load(); n != 0 {
		t.Errorf("a callback of a later function was interrupted %d times, want 0", n)
	}
	if n := s.Interrupts(); n != 1 {
		t.Errorf("Interrupts() = %d, want 1", n)
	}
}
