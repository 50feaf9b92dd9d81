package tui

import (
	"fmt"
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// The virtual clock moves with real time at a chosen speed. A tick every
// tickEvery asks the backend to advance by speed × the real time since the
// last tick and to report the world; the next tick is only scheduled when
// that report arrives, so the UI takes the world at most ~30 times a second
// and never queues ticks behind a slow jump. While the clock is paused and
// a frame brings nothing new, the next tick comes only after idleEvery:
// nothing moves the world then but the user's actions, whose answers bring
// a frame of their own.
const (
	tickEvery = 33 * time.Millisecond
	// maxTickStep caps the real time one tick accounts for: after a stall
	// (a long jump, a suspended laptop) the clock resumes instead of
	// leaping by speed × the stall.
	maxTickStep = 250 * time.Millisecond
	// platformEvery is how often a tick also reads the platform, which
	// other emulators may change when it is shared.
	platformEvery = time.Second
	// idleEvery is the tick of a paused, idle screen: it only has to see
	// a shared platform changed by another emulator.
	idleEvery = platformEvery
)

// speeds are the clock's speeds, in virtual seconds per real second.
var speeds = []int{1, 10, 60, 3600}

// tickMsg is a tick of the loop numbered loop. Pausing or running the
// clock starts a new loop at once, so that running does not wait for an
// idle tick; ticks of an older loop are dropped.
type tickMsg struct {
	at   time.Time
	loop int
}

func tick(after time.Duration, loop int) tea.Cmd {
	return tea.Tick(after, func(t time.Time) tea.Msg { return tickMsg{at: t, loop: loop} })
}

// clock is the speed control and the bookkeeping of real time. Pausing
// and the speed are separate: space pauses and runs, + and - only change
// the speed, paused or not, so that neither of them starts or stops time
// behind the user's back.
type clock struct {
	speed        int // index into speeds
	paused       bool
	last         time.Time
	platformLast time.Time
}

// step accounts for a tick at now: how far the virtual clock moves, and
// whether it is time to read the platform again.
func (c *clock) step(now time.Time) (time.Duration, bool) {
	var real time.Duration
	if !c.last.IsZero() {
		real = min(now.Sub(c.last), maxTickStep)
	}
	c.last = now
	readPlatform := now.Sub(c.platformLast) >= platformEvery
	if readPlatform {
		c.platformLast = now
	}
	if c.paused {
		return 0, readPlatform
	}
	return real * time.Duration(speeds[c.speed]), readPlatform
}

func (c *clock) togglePause() { c.paused = !c.paused }
func (c *clock) faster()      { c.speed = min(c.speed+1, len(speeds)-1) }
func (c *clock) slower()      { c.speed = max(c.speed-1, 0) }

// String is the clock in the header: "▶ 10×", or "⏸ paused (10×)" with the
// speed it will run at.
func (c *clock) String() string {
	if c.paused {
		return fmt.Sprintf("⏸ paused (%d×)", speeds[c.speed])
	}
	return fmt.Sprintf("▶ %d×", speeds[c.speed])
}

// short writes a countdown the way a person reads it: 3h12m, 4m05s, 4.2s.
func short(d time.Duration) string {
	switch {
	case d >= 24*time.Hour:
		return fmt.Sprintf("%dd%dh", d/(24*time.Hour), d%(24*time.Hour)/time.Hour)
	case d >= time.Hour:
		return fmt.Sprintf("%dh%02dm", d/time.Hour, d%time.Hour/time.Minute)
	case d >= time.Minute:
		return fmt.Sprintf("%dm%02ds", d/time.Minute, d%time.Minute/time.Second)
	}
	return d.Round(100 * time.Millisecond).String()
}
