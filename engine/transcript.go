package engine

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Event is one line of the transcript: something that happened on a phone
// (or on the platform) at a moment of the virtual clock.
type Event struct {
	At     time.Duration
	Phone  string // phone name, or "platform"
	AppID  string // "-" for events of the phone itself
	Kind   string // e.g. App.onLaunch, modal, update.ready
	Detail string
}

// String formats the event as a transcript line:
// +DdHH:MM:SS.mmm PHONE APPID EVENT details
func (e Event) String() string {
	line := FormatElapsed(e.At) + " " + e.Phone + " " + e.AppID + " " + e.Kind
	if e.Detail != "" {
		line += " " + e.Detail
	}
	return line
}

// FormatElapsed writes a virtual time as +DdHH:MM:SS.mmm.
func FormatElapsed(d time.Duration) string {
	ms := d.Milliseconds()
	days := ms / 86_400_000
	ms -= days * 86_400_000
	h := ms / 3_600_000
	ms -= h * 3_600_000
	m := ms / 60_000
	ms -= m * 60_000
	s := ms / 1000
	ms -= s * 1000
	return fmt.Sprintf("+%dd%02d:%02d:%02d.%03d", days, h, m, s, ms)
}

// transcript keeps the events in order, numbered from 0 for the whole run.
// Lines are never rewritten, so a reader that remembers how many it has
// seen can fetch only the new ones; once every reader has them, the
// oldest can be forgotten, so that a long run does not keep its history.
type transcript struct {
	events  []Event
	dropped int // events forgotten: events[0] is number dropped
}

// len is the number of events so far, forgotten ones included.
func (t *transcript) len() int { return t.dropped + len(t.events) }

// since is the events from number from on, as far as they are kept.
func (t *transcript) since(from int) []Event {
	return t.events[min(max(from-t.dropped, 0), len(t.events)):]
}

// truncate takes back the events from number n on.
func (t *transcript) truncate(n int) { t.events = t.events[:max(n-t.dropped, 0)] }

// forget drops the events before number before. The kept ones move to a
// new array only once the dropped part outweighs them, so that forgetting
// after every line costs no more than appending it.
func (t *transcript) forget(before int) {
	k := min(max(before-t.dropped, 0), len(t.events))
	if k == 0 {
		return
	}
	t.dropped += k
	rest := t.events[k:]
	if len(rest) <= k {
		t.events = append(make([]Event, 0, max(len(rest), 16)), rest...)
		return
	}
	clear(t.events[:k]) // let the dropped details go at once
	t.events = rest
}

// maxDetail bounds one event's details: a mini-program that logs a
// megabyte at a time must not make the transcript unreadable.
const maxDetail = 2000

func (t *transcript) add(e Event) {
	// One event is one line: a mini-program's console.log may hold newlines.
	e.Detail = strings.ReplaceAll(e.Detail, "\n", `\n`)
	if len(e.Detail) > maxDetail {
		cut := maxDetail
		for cut > 0 && !utf8.RuneStart(e.Detail[cut]) {
			cut--
		}
		e.Detail = fmt.Sprintf("%s…(%d bytes)", e.Detail[:cut], len(e.Detail))
	}
	t.events = append(t.events, e)
}
