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
	m.Update(tickMsg(now))
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
