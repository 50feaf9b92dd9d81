package tape

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"miniphone/engine"
	"miniphone/engine/scenario"
)

// App is a mini-program of the recorded world: its project folder, or ""
// for one bundled in miniphone.
type App struct {
	ID, Dir string
}

// Recorder keeps the session as scenario steps from its start, and writes
// them to a file while recording: the whole session so far when recording
// starts, then every step as it is taken, so that a crash loses nothing
// and a replay of the file starts from the same world.
//
// It belongs to the world's goroutine: every call runs there, where the
// actions run, so that each step is written at the phone time it was
// taken.
type Recorder struct {
	seed  int64
	apps  []App
	check *scenario.Checker
	steps []string // every line after the header
	file  *os.File // nil while not recording
	path  string

	at      time.Duration // where a replay of the steps stands on the clock
	phone   string        // the phone the replay's steps act on
	opening *engine.Phone // a launch whose replay runs until the page is ready
}

// New starts keeping the session of a world built with seed and apps,
// with the one phone named phone, at phone time zero.
func New(seed int64, apps []App, phone string) *Recorder {
	r := &Recorder{seed: seed, apps: apps, check: scenario.NewChecker(), phone: phone}
	for _, l := range r.header("") {
		r.check.Check(l) // the same lines as written, but for folders, which Check does not read
	}
	return r.add(Phone(engine.PhoneConfig{Name: phone}).text)
}

// header is the file's first lines: the seed and the apps, their folders
// relative to the file at path.
func (r *Recorder) header(path string) []string {
	lines := []string{
		"# A miniphone session, as recorded. Replay it with: miniphone run " + filepath.Base(path),
		fmt.Sprintf("seed %d", r.seed),
	}
	for _, a := range r.apps {
		dir := scenario.Builtin + a.ID
		if a.Dir != "" {
			dir = a.Dir
			if rel, err := filepath.Rel(filepath.Dir(absolute(path)), a.Dir); err == nil {
				dir = filepath.ToSlash(rel)
			}
		}
		lines = append(lines, fmt.Sprintf("app %s %s", a.ID, dir))
	}
	return lines
}

func absolute(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		return abs
	}
	return path
}

// Start writes the session so far to path, and every step from now on.
func (r *Recorder) Start(path string) error {
	if r.file != nil {
		return fmt.Errorf("already recording to %s", r.path)
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	text := strings.Join(append(r.header(path), r.steps...), "\n") + "\n"
	if _, err := f.WriteString(text); err != nil {
		f.Close()
		return err
	}
	r.file, r.path = f, path
	return nil
}

// Stop writes the phone time since the last step and closes the file.
func (r *Recorder) Stop(w *engine.World) error {
	if r.file == nil {
		return nil
	}
	r.CatchUp(w)
	err := r.file.Close()
	r.file = nil
	return err
}

// Recording is the file being written, "" when none.
func (r *Recorder) Recording() string {
	if r.file == nil {
		return ""
	}
	return r.path
}

// Act records a step taken on the named phone, which began at phone time
// from: a pull-fetch, like its replay, moves the clock until its data has
// come, and the next advance counts from where it ended.
func (r *Recorder) Act(w *engine.World, from time.Duration, phone string, s Step) {
	r.catchUp(from)
	if s.selects == "" && phone != r.phone {
		r.add(Use(phone).text)
		r.phone = phone
	}
	r.add(s.text)
	if s.selects != "" {
		r.phone = s.selects
	}
	r.at = w.Elapsed()
	if p, ok := w.Phone(phone); ok && s.opens {
		r.opening = p
		r.Observe(w)
	}
}

// Platform records a step of the platform's console.
func (r *Recorder) Platform(w *engine.World, s Step) {
	r.CatchUp(w)
	r.add(s.text)
}

// Observe runs between the events of the session's clock: it finds the
// moment a launch's page is ready (or its opening failed), where its
// replay stops, and from which the next advance counts.
func (r *Recorder) Observe(w *engine.World) {
	if r.opening != nil && (!r.opening.Starting() || r.opening.Retrying()) {
		r.at, r.opening = w.Elapsed(), nil
	}
}

// CatchUp records the phone time passed since the last step as an advance.
func (r *Recorder) CatchUp(w *engine.World) { r.catchUp(w.Elapsed()) }

// catchUp records the phone time from the last step to the moment to as
// an advance.
func (r *Recorder) catchUp(to time.Duration) {
	if r.opening != nil {
		// The replay waits for the launch to end before the next step;
		// the session did not.
		r.add("# the next step was taken before the launch above had opened its page: the replay opens it first")
		r.opening = nil
	}
	if d := to - r.at; d > 0 {
		r.add("advance " + Duration(d))
	}
	r.at = to
}

// add appends a line, checked in the context of those before: a step the
// scenario language cannot say (a percentage typed as words) becomes a
// comment, so that the file still replays.
func (r *Recorder) add(line string) *Recorder {
	if !strings.HasPrefix(line, "#") {
		if err := r.check.Check(line); err != nil {
			line = "# not replayable: " + line + " (" + strings.ReplaceAll(err.Error(), "\n", "; ") + ")"
		}
	}
	r.steps = append(r.steps, line)
	if r.file != nil {
		if _, err := r.file.WriteString(line + "\n"); err != nil {
			r.file.Close()
			r.file = nil // the footer says so at the next toggle; the steps are kept
		}
	}
	return r
}
