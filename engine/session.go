package engine

import "sync"

// Session owns a world on a goroutine of its own, as the world and its
// JavaScript runtimes must be: front ends send it functions to run and get
// snapshots back, and never touch the world themselves.
type Session struct {
	cmds chan func(*World)
	done chan struct{}
	once sync.Once
}

// NewSession starts the goroutine that owns w. Nothing else may use w.
func NewSession(w *World) *Session {
	s := &Session{cmds: make(chan func(*World), 64), done: make(chan struct{})}
	go func() {
		defer close(s.done)
		for fn := range s.cmds {
			fn(w)
		}
	}()
	return s
}

// Do runs fn on the world's goroutine and waits for it to finish.
func (s *Session) Do(fn func(*World)) {
	finished := make(chan struct{})
	s.cmds <- func(w *World) {
		defer close(finished)
		fn(w)
	}
	<-finished
}

// Snapshot pictures the world now.
func (s *Session) Snapshot() Snapshot {
	var snap Snapshot
	s.Do(func(w *World) { snap = w.Snapshot() })
	return snap
}

// Close stops the goroutine once the functions already sent have run.
func (s *Session) Close() {
	s.once.Do(func() {
		close(s.cmds)
		<-s.done
	})
}
