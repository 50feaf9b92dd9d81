package tui

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// TestMonkey presses ten thousand random keys, and resizes the window now
// and then, on the default world. The TUI must never panic, and must draw
// every line exactly as wide as the terminal and exactly as many lines as
// it is high, whatever state the keys bring it to.
//
// It drives the model directly, playing the backend's worker itself: after
// each message it runs the jobs the message queued, in order, and hands
// their answers back; the clock ticks on a made-up real time. The run is
// the same on every machine: it is bounded in keys, not in time, and
// nothing in it waits.
func TestMonkey(t *testing.T) {
	presses := 10_000
	if raceDetector {
		// Ten times as slow, and with little to find past the first
		// thousand keys: the goroutines meet the same way on every key.
		presses = 1_000
	}
	b := buildWorld(t, DemoApps())
	m := New(b, Paused(), FilesIn(t.TempDir())) // its keys record sessions and save transcripts
	rng := rand.New(rand.NewPCG(1, 2))
	keys := monkeyKeys(m.c.Keys)

	var (
		now   = time.Unix(0, 0)
		term  screenCheck
		trail []string // what was sent, for the failure message
	)
	send := func(msg tea.Msg) {
		for queue := []tea.Msg{msg}; len(queue) > 0; queue = queue[1:] {
			msg := queue[0]
			func() {
				defer func() {
					if p := recover(); p != nil {
						t.Fatalf("panic on %#v: %v\nafter: %s", msg, p, recent(trail))
					}
				}()
				m.Update(msg) // its commands are the worker's and the clock's, played here
			}()
			if err := term.check(m.View()); err != nil {
				t.Fatalf("%v\nafter: %s\n%s", err, recent(trail), m.View())
			}
			for job, ok := b.jobs.take(); ok; job, ok = b.jobs.take() {
				queue = append(queue, job())
			}
		}
	}
	resize := func(w, h int) {
		term.resize(w, h)
		trail = append(trail, fmt.Sprintf("%d×%d", w, h))
		send(tea.WindowSizeMsg{Width: w, Height: h})
	}

	resize(120, 40)
	for range presses {
		switch rng.IntN(100) {
		case 0: // any size, mostly too small for the layout
			resize(40+rng.IntN(161), 10+rng.IntN(51))
		case 1: // a size the layout fits in
			resize(minWidth+rng.IntN(201-minWidth), minHeight+rng.IntN(61-minHeight))
		}
		k := keys[rng.IntN(len(keys))]
		trail = append(trail, k.String())
		send(k)
		// The clock ticks about every third key: a frame behind the keys,
		// as with a key held down, is a state to survive too.
		if rng.IntN(3) == 0 {
			now = now.Add(tickEvery)
			send(tickMsg{at: now, loop: m.ticks})
		}
	}
}

// monkeyKeys are the keys the monkey presses: every key of the key map,
// the letters, digits and a Chinese character, and the keys that move
// and edit.
func monkeyKeys(km *KeyMap) []tea.KeyMsg {
	var names []string
	v := reflect.ValueOf(km).Elem()
	for i := range v.NumField() {
		if b, ok := v.Field(i).Interface().(key.Binding); ok {
			names = append(names, b.Keys()...)
		}
	}
	for r := 'a'; r <= 'z'; r++ {
		names = append(names, string(r), strings.ToUpper(string(r)))
	}
	for r := '0'; r <= '9'; r++ {
		names = append(names, string(r))
	}
	names = append(names, "中", "up", "down", "left", "right", "enter", "esc", "tab", "shift+tab", "space", "backspace")
	keys := make([]tea.KeyMsg, len(names))
	for i, n := range names {
		keys[i] = keyMsg(n)
	}
	return keys
}

// recent is the end of the trail of keys.
func recent(trail []string) string {
	return strings.Join(trail[max(len(trail)-40, 0):], " ")
}
