package tui

import (
	"errors"
	"fmt"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"miniphone/engine"
	"miniphone/engine/keep"
	"miniphone/fakeserver"
)

// keeper saves the world and its in-process platform in a --state folder.
type keeper struct {
	dir      string
	platform *fakeserver.Server
	note     string // what was restored, for the footer at the start
}

// errNoState answers the save key of a TUI started without --state.
var errNoState = errors.New("nothing to save to: start miniphone with --state DIR to keep the world")

// saveState saves the world as it is once the actions queued before have
// run, so that what the user did before pressing the key is in it.
func (b *Backend) saveState() {
	b.enqueue(func() tea.Msg {
		at, err := b.save()
		if err != nil {
			return outcomeMsg{err: err}
		}
		return outcomeMsg{text: fmt.Sprintf("saved the world at %s in %s", engine.FormatElapsed(at), b.keep.dir)}
	})
}

// save writes the world and the platform to the --state folder. Both are
// pictured on the world's goroutine, where nothing else moves them: the
// platform only changes through the worker (which is here) or the phones
// (which are in the world).
func (b *Backend) save() (at time.Duration, err error) {
	if b.keep == nil {
		return 0, errNoState
	}
	var st keep.State
	b.session.Do(func(w *engine.World) {
		at = w.Elapsed()
		st.World, err = w.Save()
		ps := b.keep.platform.Export()
		st.Platform = &ps
	})
	if err != nil {
		return at, err
	}
	if st.World == nil {
		return at, errors.New("the world had already stopped: nothing was saved")
	}
	if err := keep.Save(b.keep.dir, &st); err != nil {
		return at, fmt.Errorf("saving the world: %w", err)
	}
	return at, nil
}

// saveOnQuit saves once the TUI has quit, before the world is let go
// (Close drops what is queued, a save included). A jump under way is cut
// short first: the user is waiting for the shell.
func (b *Backend) saveOnQuit() error {
	if b.keep == nil {
		return nil
	}
	b.session.InterruptScripts()
	_, err := b.save()
	return err
}

// showTimeline tells the frames to bring the timeline, or not.
func (b *Backend) showTimeline(on bool) { b.timeline.Store(on) }

// jumpNext moves the clock to the first event of the timeline, running
// everything due until then.
func (b *Backend) jumpNext() {
	interrupted := b.interrupted()
	b.enqueue(func() tea.Msg {
		var (
			next  engine.Upcoming
			found bool
			n     int
		)
		b.session.Do(func(w *engine.World) {
			tl := w.Timeline()
			if found = len(tl) > 0; !found {
				return
			}
			next = tl[0]
			before := w.TranscriptLen()
			b.advance(w, next.In, interrupted)
			b.rec.CatchUp(w) // as a jump: a step of its own
			n = w.TranscriptLen() - before
		})
		if !found {
			return outcomeMsg{text: "nothing is scheduled"}
		}
		return outcomeMsg{text: fmt.Sprintf("jumped %s to %s on %s: %d events", short(next.In), next.What, next.Phone, n)}
	})
}
