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

// transcript keeps every event in order. Lines are never rewritten, so a
// reader that remembers how many it has seen can fetch only the new ones.
type transcript struct {
	events []Event
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
