package tui

import (
	"fmt"
	"strings"
	"testing"
)

// TestLogSideways: a line wider than the log ends in "…"; → scrolls the
// details until the end of the widest line shows, and no further, while
// the time, phone, app and event stay; ← scrolls back; G and leaving the
// panel bring the details back to their start.
func TestLogSideways(t *testing.T) {
	h := start(t, 100, 30)
	const cut = "+0d00:00:00.000 phone - phone user=phone client=8.0.5…"
	const end = "+0d00:00:00.000 phone - phone …base=3.6.0 network=wifi┃"
	h.press("3")
	h.waitFor(cut)
	h.press("right", "right", "right", "right", "right", "right")
	screen := h.waitFor(end)
	if !strings.Contains(screen, "+0d00:00:00.000 platform demo publish") {
		t.Errorf("the leading columns of the shorter lines scrolled away:\n%s", screen)
	}
	h.press("left", "left", "left", "left", "left", "left")
	h.waitFor(cut)
	h.press("right", "right", "right", "right", "right", "right")
	h.waitFor(end)
	h.press("G")
	h.waitFor(cut)
	h.press("right", "right", "right", "right", "right", "right")
	h.waitFor(end)
	h.press("1", "3")
	h.waitFor(cut)
}

// A session that runs for days keeps a bounded number of events for the
// log's filters, while the title still counts every line received.
func TestLogKeepsABoundedHistory(t *testing.T) {
	m, _ := benchModel(t)
	for range 5 {
		m.log.Append(benchEvents(maxKept))
	}
	if n := len(m.log.events); n > 2*maxKept || n < maxKept {
		t.Errorf("the log keeps %d events, want between %d and %d", n, maxKept, 2*maxKept)
	}
	if want := fmt.Sprintf("/%d lines", 200+5*maxKept); !strings.Contains(m.View(), want) {
		t.Errorf("the title does not count every line received (%q)", want)
	}
}
