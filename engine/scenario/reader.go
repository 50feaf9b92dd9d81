package scenario

import (
	"fmt"
	"io"
	"strings"

	"miniphone/engine"
)

// reader takes the world's transcript as it grows: each line is formatted
// once, printed, and checked against what the script's steps will ask of
// it, and then the world forgets it, so that a run of ten simulated years
// keeps no more than a short one. What the steps ask is known before the
// run starts: the texts of the expect log steps (is there such a line so
// far), and the texts of the wait-for steps in their order (each looks
// from the line after the one the previous wait-for matched).
type reader struct {
	world  *engine.World
	out    io.Writer
	forget bool            // whether the world forgets each line once taken
	taken  int             // lines taken so far
	logged map[string]bool // an expect log text → some line so far holds it
	waits  []string        // the wait-for steps' texts, in order
	// matched counts the waits whose line has come; after is the number of
	// the line after the last one matched, where the next wait looks from.
	matched, after int
	recent         [tailLines]string // the last lines taken, for a failure's tail
}

func newReader(s *Script, w *engine.World, out io.Writer) *reader {
	rd := &reader{world: w, out: out, logged: map[string]bool{}}
	for _, st := range s.Steps {
		switch {
		case st.logText != nil:
			rd.logged[*st.logText] = false
		case st.waitText != nil:
			rd.waits = append(rd.waits, *st.waitText)
		}
	}
	return rd
}

// take reads the lines the world wrote since the last call.
func (rd *reader) take() {
	for _, e := range rd.world.Transcript(rd.taken) {
		line := e.String()
		fmt.Fprintln(rd.out, line)
		for text, seen := range rd.logged {
			if !seen && strings.Contains(line, text) {
				rd.logged[text] = true
			}
		}
		if rd.matched < len(rd.waits) && strings.Contains(line, rd.waits[rd.matched]) {
			rd.matched++
			rd.after = rd.taken + 1
		}
		rd.recent[rd.taken%tailLines] = line
		rd.taken++
	}
	if rd.forget {
		rd.world.Forget(rd.taken)
	}
}

// tail is the last lines taken since the last wait-for match, oldest
// first.
func (rd *reader) tail() []string {
	var lines []string
	for n := max(rd.after, rd.taken-tailLines); n < rd.taken; n++ {
		lines = append(lines, rd.recent[n%tailLines])
	}
	return lines
}
