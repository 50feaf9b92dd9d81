package tui

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"miniphone/engine"
)

// The event log's search, its filter by kind of event, and saving the
// transcript to a file.

// DefaultTranscriptFile is the file the save key suggests.
const DefaultTranscriptFile = "transcript.txt"

// kindFamily is what the kind filter goes by: the part of an event's kind
// before its first dot, so that "update" holds update.check, update.ready
// and the rest of the download.
func kindFamily(kind string) string {
	family, _, _ := strings.Cut(kind, ".")
	return family
}

// filterKey changes the filters by a key, and reports whether it did.
func (l *EventLog) filterKey(k tea.KeyMsg) bool {
	keys := l.c.Keys
	switch {
	case key.Matches(k, keys.FilterPhone):
		l.phone = nextOf(l.phones, l.phone)
	case key.Matches(k, keys.FilterApp):
		l.app = nextOf(l.apps, l.app)
	case key.Matches(k, keys.FilterKind):
		l.nextKind()
	case key.Matches(k, keys.ClearFilter):
		l.phone, l.app, l.kind = "", "", ""
	default:
		return false
	}
	return true
}

// nextKind moves the kind filter to the next family among the events,
// then back to every kind.
func (l *EventLog) nextKind() {
	var families []string
	for _, e := range l.events {
		if f := kindFamily(e.Kind); !slices.Contains(families, f) {
			families = append(families, f)
		}
	}
	slices.Sort(families)
	l.kind = nextOf(append([]string{""}, families...), l.kind)
}

// askSearch opens the search form; its text is searched for in the lines
// shown, newest first.
func (l *EventLog) askSearch() {
	l.c.OpenForm(newForm(l.c, "Search the event log", []field{{"text", l.query}}, func(v []string) {
		l.query = v[0]
		l.match = -1
		l.findMatch(-1)
		l.render()
	}).withNote("n and N go to the next and the previous match"))
}

// findMatch moves to the next match of the search down the log (dir 1)
// or up it (dir -1), round from the other end. The match comes into view,
// at the top of the panel unless it is among the last screenful.
func (l *EventLog) findMatch(dir int) {
	if l.query == "" {
		return
	}
	l.scroll()
	q := strings.ToLower(l.query)
	n := len(l.content)
	if n == 0 {
		l.match = -2
		return
	}
	start := l.match
	if start < 0 {
		start = n // the first search starts from the newest line
	}
	for k := 1; k <= n; k++ {
		i := ((start+dir*k)%n + n) % n
		if strings.Contains(strings.ToLower(ansi.Strip(l.content[i].lead+" "+l.content[i].text)), q) {
			l.match = i
			l.vp.SetYOffset(i)
			return
		}
	}
	l.match = -2 // searched, found nothing
}

// searchTitle says where the search stands, for the panel's title.
func (l *EventLog) searchTitle() string {
	switch {
	case l.query == "":
		return ""
	case l.match == -2:
		return fmt.Sprintf(" · /%s: no match", l.query)
	case l.match >= 0:
		return fmt.Sprintf(" · /%s: line %d", l.query, l.match+1)
	}
	return ""
}

// askSave opens the form of the file the transcript is saved to.
func (l *EventLog) askSave() {
	events := slices.Clone(l.events)
	l.c.OpenForm(newForm(l.c, "Save the transcript to", []field{{"file", DefaultTranscriptFile}}, func(v []string) {
		file := l.c.path(strings.TrimSpace(v[0]))
		l.c.Backend.enqueue(func() tea.Msg { return saveTranscript(file, events) })
	}).withNote("every line so far, whatever the filters show, as miniphone run prints it"))
}

// saveTranscript writes events to file, one line each, and says where
// they went.
func saveTranscript(file string, events []engine.Event) tea.Msg {
	var b strings.Builder
	for _, e := range events {
		b.WriteString(e.String() + "\n")
	}
	if err := os.WriteFile(file, []byte(b.String()), 0o644); err != nil {
		return outcomeMsg{err: fmt.Errorf("saving the transcript: %w", err)}
	}
	if abs, err := filepath.Abs(file); err == nil {
		file = abs
	}
	return outcomeMsg{text: fmt.Sprintf("saved %d transcript lines to %s", len(events), file)}
}
