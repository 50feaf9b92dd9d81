package engine

import (
	"sync"
	"sync/atomic"
)

// Session owns a world on a goroutine of its own, as the world and its
// JavaScript runtimes must be: front ends send it functions to run and get
// snapshots back, and never touch the world themselves.
type Session struct {
	cmds chan func(*World)
	quit chan struct{} // closed by Close: run nothing more
	done chan struct{} // closed once the goroutine has returned
	once sync.Once

	// How front ends cut in: see InterruptScripts.
	interrupts atomic.Uint64 // calls of InterruptScripts so far
	scripts    Interrupter   // reaches the callback under way
}

// NewSession starts the goroutine that owns w. Nothing else may use w.
func NewSession(w *World) *Session {
	s := &Session{cmds: make(chan func(*World), 64), quit: make(chan struct{}), done: make(chan struct{})}
	w.interrupts = &s.scripts
	go s.run(w)
	return s
}

func (s *Session) run(w *World) {
	defer close(s.done)
	for {
		select {
		case fn := <-s.cmds:
			// Both cases may be ready at once; after Close nothing more
			// runs, however many functions were queued.
			if s.closed() {
				return
			}
			s.scripts.reset()
			fn(w)
		case <-s.quit:
			return
		}
	}
}

// Do runs fn on the world's goroutine and waits for it to finish. After
// Close it returns without running fn; racing with Close, it may wait for
// the function under way to end.
func (s *Session) Do(fn func(*World)) {
	if s.closed() {
		return
	}
	finished := make(chan struct{})
	select {
	case s.cmds <- func(w *World) {
		defer close(finished)
		fn(w)
	}:
	case <-s.quit:
		return
	}
	select {
	case <-finished:
	case <-s.done: // closed: fn ran before the goroutine returned, or never will
	}
}

// Snapshot pictures the world now.
func (s *Session) Snapshot() Snapshot {
	var snap Snapshot
	s.Do(func(w *World) { snap = w.Snapshot() })
	return snap
}

// Close lets the world go: it interrupts what the world is running, runs
// nothing more, and returns at once. A front end that quits must not wait
// for a mini-program in an endless loop, nor for the rest of a 7-day jump;
// the goroutine ends on its own once the function under way returns.
func (s *Session) Close() {
	s.once.Do(func() {
		s.InterruptScripts()
		close(s.quit)
	})
}

func (s *Session) closed() bool {
	select {
	case <-s.quit:
		return true
	default:
		return false
	}
}
