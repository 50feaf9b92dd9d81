package engine

import (
	"fmt"
	"strconv"
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
	// Every line of every transcript comes through here: one allocation
	// for the whole line.
	var at [len("+99999d00:00:00.000")]byte
	elapsed := appendElapsed(at[:0], e.At)
	var b strings.Builder
	b.Grow(len(elapsed) + 4 + len(e.Phone) + len(e.AppID) + len(e.Kind) + len(e.Detail))
	b.Write(elapsed)
	b.WriteByte(' ')
	b.WriteString(e.Phone)
	b.WriteByte(' ')
	b.WriteString(e.AppID)
	b.WriteByte(' ')
	b.WriteString(e.Kind)
	if e.Detail != "" {
		b.WriteByte(' ')
		b.WriteString(e.Detail)
	}
	return b.String()
}

// FormatElapsed writes a virtual time as +DdHH:MM:SS.mmm.
func FormatElapsed(d time.Duration) string {
	return string(appendElapsed(nil, d))
}

// appendElapsed is FormatElapsed appending to b.
func appendElapsed(b []byte, d time.Duration) []byte {
	ms := d.Milliseconds()
	days := ms / 86_400_000
	ms -= days * 86_400_000
	h := ms / 3_600_000
	ms -= h * 3_600_000
	m := ms / 60_000
	ms -= m * 60_000
	s := ms / 1000
	ms -= s * 1000
	b = append(b, '+')
	b = strconv.AppendInt(b, days, 10)
	b = append(b, 'd')
	b = appendPadded(b, h, 2)
	b = append(b, ':')
	b = appendPadded(b, m, 2)
	b = append(b, ':')
	b = appendPadded(b, s, 2)
	b = append(b, '.')
	return appendPadded(b, ms, 3)
}

// appendPadded appends n with zeros in front to width digits, as %0*d
// does.
func appendPadded(b []byte, n int64, width int) []byte {
	if n < 0 {
		b = append(b, '-')
		n, width = -n, width-1
	}
	for limit := int64(10); width > 1; width, limit = width-1, limit*10 {
		if n < limit {
			b = append(b, '0')
		}
	}
	return strconv.AppendInt(b, n, 10)
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
