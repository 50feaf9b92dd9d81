package fakeserver

import (
	"fmt"
	"net/http"
	"strconv"
	"unicode/utf8"
)

// logSize is how many requests the log keeps; older ones are dropped.
const logSize = 1000

// LogEntry is one request as the platform saw it. Seq orders entries in
// place of a wall-clock time, which would make transcripts differ.
type LogEntry struct {
	Seq    int64  `json:"seq"`
	Method string `json:"method"`
	Path   string `json:"path"`
	Query  string `json:"query"` // raw, as received
	Status int    `json:"status"`
	Note   string `json:"note,omitempty"`
}

// LogPage is the answer of GET /admin/log.
type LogPage struct {
	Entries []LogEntry `json:"entries"`
}

// requestLog is a ring of the last logSize entries.
type requestLog struct {
	ring    [logSize]LogEntry
	lastSeq int64
}

func (l *requestLog) add(e LogEntry) {
	l.lastSeq++
	e.Seq = l.lastSeq
	l.ring[l.lastSeq%logSize] = e
}

// since returns the kept entries after seq, oldest first.
func (l *requestLog) since(seq int64) []LogEntry {
	if seq >= l.lastSeq {
		return []LogEntry{}
	}
	first := max(seq+1, l.lastSeq-logSize+1, 1)
	out := make([]LogEntry, 0, l.lastSeq-first+1)
	for s := first; s <= l.lastSeq; s++ {
		out = append(out, l.ring[s%logSize])
	}
	return out
}

// logWriter remembers what a handler answered, for the log.
type logWriter struct {
	http.ResponseWriter
	status int
	note   string
}

func (w *logWriter) WriteHeader(status int) {
	if w.status == 0 {
		w.status = status
	}
	w.ResponseWriter.WriteHeader(status)
}

func (w *logWriter) Write(p []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(p)
}

func (w *logWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// addNote attaches a remark to the request's log entry. Fault wrappers sit
// between a handler and the logWriter, so it follows Unwrap down to it.
func addNote(w http.ResponseWriter, note string) {
	for {
		switch x := w.(type) {
		case *logWriter:
			if x.note != "" {
				note = x.note + "; " + note
			}
			x.note = note
			return
		case interface{ Unwrap() http.ResponseWriter }:
			w = x.Unwrap()
		default:
			return
		}
	}
}

func (s *Server) record(r *http.Request, lw *logWriter) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.log.add(LogEntry{
		Method: r.Method,
		Path:   clip(r.URL.Path),
		Query:  clip(r.URL.RawQuery),
		Status: lw.status,
		Note:   clip(lw.note),
	})
}

// maxLogField bounds each text of a log entry: the ring holds a fixed
// number of entries, and this keeps it a fixed size too, whatever anyone
// sends.
const maxLogField = 1024

func clip(s string) string {
	if len(s) <= maxLogField {
		return s
	}
	cut := maxLogField
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return fmt.Sprintf("%s…(%d bytes)", s[:cut], len(s))
}

// isLogView reports the console's polling reads, which are kept out of the
// log: at a few per second they would push the phones' requests out of the
// ring, and reading the log must not change it.
func isLogView(r *http.Request) bool {
	return r.Method == http.MethodGet && (r.URL.Path == "/admin/log" || r.URL.Path == "/admin/state")
}

// readLog answers GET /admin/log?since=N with the entries after N.
func (s *Server) readLog(r *http.Request) (any, error) {
	var since int64
	if q := r.URL.Query().Get("since"); q != "" {
		n, err := strconv.ParseInt(q, 10, 64)
		if err != nil || n < 0 {
			return nil, badRequest("since must be a sequence number (0 or more), not %q", q)
		}
		since = n
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return LogPage{Entries: s.log.since(since)}, nil
}
