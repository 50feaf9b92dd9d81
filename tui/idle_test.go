package tui

import (
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// tickFrame runs one tick of the clock at now through the backend and
// applies the frame it brings.
func tickFrame(t *testing.T, m *Model, b *Backend, now time.Time) {
	t.Helper()
	m.Update(tickMsg{at: now, loop: m.ticks})
	msg := b.listen()
	if _, ok := msg.(frameMsg); !ok {
		t.Fatalf("a tick brought %T, not a frame", msg)
	}
	m.Update(msg)
}

// TestIdleTicksDoNotRedraw: with the clock paused and nothing happening,
// ticks leave the phone's lines as they were drawn; once the clock runs,
// a tick draws them again.
func TestIdleTicksDoNotRedraw(t *testing.T) {
	b := newWorld(t)
	m := New(b, Paused())
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	now := time.Unix(0, 0)
	tickFrame(t, m, b, now)
	drawn := &m.phone.lines[0]
	for range 100 {
		now = now.Add(tickEvery)
		tickFrame(t, m, b, now)
	}
	if &m.phone.lines[0] != drawn {
		t.Fatal("the phone was drawn again while the clock was paused and nothing happened")
	}
	m.clock.togglePause()
	now = now.Add(tickEvery)
	tickFrame(t, m, b, now)
	if &m.phone.lines[0] == drawn {
		t.Fatal("the phone was not drawn again once the clock ran")
	}
}

// A paused screen that a frame left as it was ticks only once a second;
// one that changed, or a running clock, ticks at the frame rate.
func TestPausedIdleScreenTicksSlowly(t *testing.T) {
	m := New(newWorld(t), Paused())
	for _, tc := range []struct {
		paused, changed bool
		want            time.Duration
	}{{true, false, idleEvery}, {true, true, tickEvery}, {false, false, tickEvery}, {false, true, tickEvery}} {
		m.clock.paused = tc.paused
		if got := m.nextTick(tc.changed); got != tc.want {
			t.Errorf("paused %v, changed %v: next tick in %s, want %s", tc.paused, tc.changed, got, tc.want)
		}
	}
}

// Pausing or running starts a new tick loop: a tick of the old one does
// nothing. An answer to an action on a paused clock asks for its frame at
// once, without starting a loop of its own.
func TestTickLoops(t *testing.T) {
	b := buildWorld(t, DemoApps())
	m := New(b, Paused())
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	old := m.ticks
	m.Update(tea.KeyMsg{Type: tea.KeySpace})
	if m.ticks == old {
		t.Fatal("running the clock did not start a new tick loop")
	}
	queued := len(b.jobs.jobs)
	m.Update(tickMsg{at: time.Unix(0, 0), loop: old})
	if len(b.jobs.jobs) != queued {
		t.Error("a tick of the replaced loop asked the backend for a frame")
	}
	m.Update(tea.KeyMsg{Type: tea.KeySpace}) // paused again
	m.Update(outcomeMsg{text: "done"})
	if len(b.jobs.jobs) != queued+1 {
		t.Fatalf("%d jobs queued after an answer on a paused clock, want %d", len(b.jobs.jobs), queued+1)
	}
	job, _ := b.jobs.take()
	for job != nil {
		msg := job()
		if f, ok := msg.(frameMsg); ok && f.loop != 0 {
			t.Errorf("the answer's frame belongs to loop %d: it would start a second loop", f.loop)
		}
		job, _ = b.jobs.take()
	}
}
