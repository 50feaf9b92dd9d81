package tui

import (
	"context"
	"fmt"
	"io/fs"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"miniphone/engine"
	"miniphone/engine/archive"
	"miniphone/engine/tape"
	"miniphone/fakeserver"
)

// platformTimeout bounds one admin call; the platform is on loopback or a
// LAN, so anything slower is broken.
const platformTimeout = 10 * time.Second

// Backend is the TUI's one road to the world and the platform. Every call
// runs on its worker, one at a time, in the order the keys asked for it:
// Bubble Tea runs commands concurrently, and "publish, then cold start"
// must not become "cold start, then publish". Only a kill cuts in: long
// work queued before it stops short (see interrupted). Answers come back
// through listen as messages.
type Backend struct {
	session  *engine.Session
	platform *fakeserver.Client
	url      string
	seed     int64             // the world's: the fleet view's runs are drawn from it too
	sources  map[string]fs.FS  // app id → the project folder its versions are built from
	apps     []string          // the app ids in the order they were registered
	seen     *fakeserver.State // the platform at the last read: see noticeOthers
	log      *slog.Logger
	keep     *keeper     // the --state folder; nil without one
	timeline atomic.Bool // the frames bring the timeline (it is shown)
	// rec keeps the session as scenario steps, and writes them to a
	// file while recording. It belongs to the world's goroutine.
	rec *tape.Recorder

	jobs    jobQueue
	results chan tea.Msg
	quit    chan struct{}
	once    sync.Once

	// formTag is the form whose action is being queued, formQueued whether
	// it queued one (asForm). Both belong to the Update goroutine.
	formTag    int
	formQueued bool
}

// frameMsg is the world as a tick found it, and the platform when the tick
// read it too.
type frameMsg struct {
	loop     int // the tick loop that asked for it; 0: an action's answer did
	snap     engine.Snapshot
	from     int            // events[0] is transcript line number from
	events   []engine.Event // the transcript from line from on
	caches   phoneCaches    // what each phone has fetched in the background
	platform *fakeserver.State
	err      error             // reading the platform failed
	timeline []engine.Upcoming // while the timeline is shown
	// recording is the file the session is being recorded to, "" if none.
	recording string
}

// outcomeMsg answers an action of the user.
type outcomeMsg struct {
	by       panel // the console shows its own answers; the footer shows the rest
	text     string
	err      error
	platform *fakeserver.State // the platform after a console action
	show     string            // a phone to show: the one just added
	form     int               // the form whose action this answers, 0 for none
}

func newBackend(session *engine.Session, platform *fakeserver.Client, url string, seed int64, apps []App, log *slog.Logger) *Backend {
	sources := map[string]fs.FS{}
	var ids []string
	var recorded []tape.App
	for _, a := range apps {
		sources[a.ID] = a.Files
		ids = append(ids, a.ID)
		recorded = append(recorded, tape.App{ID: a.ID, Dir: a.Dir})
	}
	b := &Backend{
		session:  session,
		platform: platform,
		url:      url,
		seed:     seed,
		sources:  sources,
		apps:     ids,
		log:      log,
		rec:      tape.New(seed, recorded, DefaultPhone),
		jobs:     jobQueue{ready: make(chan struct{}, 1)},
		results:  make(chan tea.Msg, 16),
		quit:     make(chan struct{}),
	}
	return b
}

func (b *Backend) work() {
	for {
		job, ok := b.jobs.pop(b.quit)
		if !ok {
			return
		}
		msg := job()
		select {
		case b.results <- msg:
		case <-b.quit:
			return
		}
	}
}

// jobQueue is the worker's queue. It never makes the caller wait: Update
// queues the jobs, and Update is also what takes the worker's answers, so a
// queue that could fill up (a key held down, a platform that stopped
// answering) would lock the two in a wait for each other for good.
type jobQueue struct {
	mu    sync.Mutex
	jobs  []func() tea.Msg
	ready chan struct{} // holds a token while jobs may be non-empty
}

func (q *jobQueue) push(job func() tea.Msg) {
	q.mu.Lock()
	q.jobs = append(q.jobs, job)
	q.mu.Unlock()
	select {
	case q.ready <- struct{}{}:
	default:
	}
}

// pop takes the oldest job, waiting for one; false once quit is closed.
func (q *jobQueue) pop(quit <-chan struct{}) (func() tea.Msg, bool) {
	for {
		if job, ok := q.take(); ok {
			return job, true
		}
		select {
		case <-q.ready:
		case <-quit:
			return nil, false
		}
	}
}

// take takes the oldest job, if there is one.
func (q *jobQueue) take() (func() tea.Msg, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if len(q.jobs) == 0 {
		return nil, false
	}
	job := q.jobs[0]
	q.jobs[0] = nil
	q.jobs = q.jobs[1:]
	return job, true
}

// Close stops the worker and lets the world go, without waiting for
// either: the world may be deep in a runaway callback or a long jump, and
// quitting must not wait for it. What the worker is doing is abandoned.
func (b *Backend) Close() {
	b.once.Do(func() {
		close(b.quit)
		b.session.Close()
	})
}

// listen waits for the next answer of the worker. The root model runs it
// again after every answer, so answers arrive one by one, in order.
func (b *Backend) listen() tea.Msg {
	select {
	case msg := <-b.results:
		return msg
	case <-b.quit:
		return nil
	}
}

// enqueue queues a job. It is called from Update, which is what keeps the
// jobs in the order of the keys.
func (b *Backend) enqueue(job func() tea.Msg) {
	if id := b.formTag; id != 0 {
		b.formQueued = true
		untagged := job
		job = func() tea.Msg {
			msg := untagged()
			if o, ok := msg.(outcomeMsg); ok {
				o.form = id
				return o
			}
			return msg
		}
	}
	b.jobs.push(job)
}

// asForm runs queue, which queues the action of form id, and tags the
// answer with id: the form stays open until that answer comes, to close on
// a success or to show a refusal next to the values as typed. Any other
// answer arriving meanwhile (of a key pressed before the form opened) is
// not the form's. It reports whether queue queued anything.
func (b *Backend) asForm(id int, queue func()) bool {
	b.formTag, b.formQueued = id, false
	defer func() { b.formTag = 0 }()
	queue()
	return b.formQueued
}

// tick advances the clock by d and reads the world, and the platform too
// when readPlatform is set; from is how many transcript lines the UI has,
// loop the tick loop that asks (0 for none).
func (b *Backend) tick(d time.Duration, from int, readPlatform bool, loop int) {
	interrupted := b.interrupted()
	b.enqueue(func() tea.Msg {
		f := frameMsg{from: from, loop: loop}
		b.session.Do(func(w *engine.World) {
			if d > 0 {
				b.advance(w, d, interrupted)
			}
			f.snap = w.Snapshot()
			f.events = w.Transcript(from)
			// The UI has every line before from; the world keeps a log's
			// window of them, not the whole session.
			w.Forget(from - maxShown)
			f.caches = readCaches(w)
			if b.timeline.Load() {
				// Empty, not nil: nil is a frame without the timeline.
				if f.timeline = w.Timeline(); f.timeline == nil {
					f.timeline = []engine.Upcoming{}
				}
			}
			f.recording = b.rec.Recording()
		})
		if readPlatform {
			st, err := b.state()
			f.platform, f.err = st, err
			if st != nil {
				b.noticeOthers(st)
			}
		}
		return f
	})
}

func (b *Backend) state() (*fakeserver.State, error) {
	ctx, cancel := context.WithTimeout(context.Background(), platformTimeout)
	defer cancel()
	st, err := b.platform.State(ctx)
	if err != nil {
		return nil, err
	}
	inRegistrationOrder(st.Apps, b.apps)
	return &st, nil
}

// inRegistrationOrder sorts the platform's apps (which it lists by id) the
// way the phones' home screens list them: in the order they were
// registered. Apps only another emulator registered, on a shared
// platform, come last, by id.
func inRegistrationOrder(apps []fakeserver.AppState, order []string) {
	rank := func(id string) int {
		if i := slices.Index(order, id); i >= 0 {
			return i
		}
		return len(order)
	}
	slices.SortStableFunc(apps, func(a, b fakeserver.AppState) int { return rank(a.AppID) - rank(b.AppID) })
}

// jump moves the clock by d at once, running every event inside, unless
// the user cuts in (see interrupted).
func (b *Backend) jump(d time.Duration, label string) {
	interrupted := b.interrupted()
	b.enqueue(func() tea.Msg {
		var (
			n         int
			stopped   bool
			stoppedAt time.Duration
		)
		b.session.Do(func(w *engine.World) {
			before := w.TranscriptLen()
			stopped = !b.advance(w, d, interrupted)
			stoppedAt = w.Elapsed()
			b.rec.CatchUp(w) // a jump is a step of its own: written now, a crash keeps it
			n = w.TranscriptLen() - before
		})
		if stopped {
			return outcomeMsg{text: fmt.Sprintf("jump %s stopped at %s: %d events", label, engine.FormatElapsed(stoppedAt), n)}
		}
		return outcomeMsg{text: fmt.Sprintf("jumped %s: %d events", label, n)}
	})
}

// interrupted is taken as long work is queued: it reports, on the world's
// goroutine, whether the user has cut in since (a kill, or quitting),
// which the work must not keep waiting behind it.
func (b *Backend) interrupted() func() bool {
	since := b.session.Interrupts()
	return func() bool { return b.session.Interrupts() != since }
}

// advance moves the clock by d, running every event inside in order, but
// stops between events once interrupted. It reports whether it went the
// whole way. The recorder looks between the events for where a replay of
// a launch would stop.
func (b *Backend) advance(w *engine.World, d time.Duration, interrupted func() bool) bool {
	end := w.Elapsed() + d
	w.RunUntil(func() bool { b.rec.Observe(w); return interrupted() }, end)
	return w.Elapsed() == end
}

// kill kills an app. It cuts in ahead of the work queued before it: a jump
// or a fast clock running a callback that never ends would otherwise keep
// the user from the one key that ends it.
func (b *Backend) kill(phone, appid string) {
	b.session.InterruptScripts()
	b.onPhone(phone, tape.Kill(appid), func(p *engine.Phone) error { return p.Kill(appid) })
}

// onPhone runs act, which is step, on the named phone, then everything it
// made due now.
func (b *Backend) onPhone(name string, step tape.Step, act func(*engine.Phone) error) {
	b.phoneJob(name, step, func(w *engine.World, p *engine.Phone) (string, error) {
		if err := act(p); err != nil {
			return "", err
		}
		w.RunDue()
		return "", nil
	})
}

// onElement runs act on the element at of the named phone's page. Its
// step names the element as a scenario does (its text, and which match),
// read before act changes the page; an element no step can name is a
// comment of the recording.
func (b *Backend) onElement(name, kind string, at engine.Target, step func(engine.Target) tape.Step, act func(*engine.Phone) error) {
	stepOf := func(p *engine.Phone) tape.Step {
		t, err := p.Address(kind, at.Key)
		if err != nil {
			return tape.Unsaid(err.Error())
		}
		return step(t)
	}
	b.phoneJobOf(name, stepOf, func(w *engine.World, p *engine.Phone) (string, error) {
		if err := act(p); err != nil {
			return "", err
		}
		w.RunDue()
		return "", nil
	})
}

// phoneJob runs act, which is step, on the named phone in the world's
// goroutine; what it returns is the answer in the footer. An action that
// did nothing (its target gone) is not recorded: its replay would fail.
func (b *Backend) phoneJob(name string, step tape.Step, act func(*engine.World, *engine.Phone) (string, error)) {
	b.phoneJobOf(name, func(*engine.Phone) tape.Step { return step }, act)
}

// phoneJobOf is phoneJob with the step read from the phone before act.
func (b *Backend) phoneJobOf(name string, stepOf func(*engine.Phone) tape.Step, act func(*engine.World, *engine.Phone) (string, error)) {
	b.enqueue(func() tea.Msg {
		var (
			text string
			err  error
		)
		b.session.Do(func(w *engine.World) {
			p, ok := w.Phone(name)
			if !ok {
				err = fmt.Errorf("no phone %q", name)
				return
			}
			from := w.Elapsed()
			step := stepOf(p)
			if text, err = act(w, p); err == nil {
				b.rec.Act(w, from, name, step)
			}
		})
		return outcomeMsg{by: panelPhone, text: text, err: err}
	})
}

// addPhone adds a phone to the world.
func (b *Backend) addPhone(cfg engine.PhoneConfig) {
	b.enqueue(func() tea.Msg {
		var err error
		b.session.Do(func(w *engine.World) {
			if _, err = w.AddPhone(cfg); err == nil {
				b.rec.Act(w, w.Elapsed(), cfg.Name, tape.Phone(cfg))
			}
		})
		if err != nil {
			return outcomeMsg{by: panelPhone, err: err}
		}
		return outcomeMsg{by: panelPhone, text: "added phone " + cfg.Name, show: cfg.Name}
	})
}

// adminCall is one call of the platform's admin API.
type adminCall func(ctx context.Context, c *fakeserver.Client) error

// platformCall runs an admin call on one app's settings; the console
// answers "APPID: WHAT".
func (b *Backend) platformCall(appid, what string, step tape.Step, call adminCall) {
	b.platformJob(appid, what, appid+": "+what, step, call)
}

// platformWide runs an admin call on the platform as a whole (a fault, the
// developer server): the transcript files it under "-" as "SUBJECT
// ACTION", as the scenario steps do, and the console answers "SUBJECT:
// ACTION" ("fault cdn: fail").
func (b *Backend) platformWide(subject, action string, step tape.Step, call adminCall) {
	b.platformJob("-", subject+" "+action, subject+": "+action, step, call)
}

// platformJob runs one admin call, writes the platform's answer into the
// transcript (as a refusal with its reason, or as done) and reads the
// platform back for the console, where answer says what was done. The
// step is recorded refused or not: its replay is refused the same way.
func (b *Backend) platformJob(appid, what, answer string, step tape.Step, call adminCall) {
	b.enqueue(func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), platformTimeout)
		err := call(ctx, b.platform)
		cancel()
		b.session.Do(func(w *engine.World) {
			w.RecordPlatform(appid, what, err)
			if err == nil && strings.HasPrefix(what, "publish ") {
				// As the scenario's publish does: the console's
				// publishes say what the phones will not draw too.
				w.RecordIgnored(appid, b.sources[appid])
			}
			b.rec.Platform(w, step)
		})
		b.log.Info("platform", "app", appid, "action", what, "err", err)
		st, _ := b.state() // the next periodic read reports a broken platform
		if st != nil {
			b.seen = st // this change is ours, and in the transcript already
		}
		return outcomeMsg{by: panelConsole, text: answer, err: err, platform: st}
	})
}

// publish builds a package from the app's folder and publishes it as
// version.
func (b *Backend) publish(appid, version string) {
	b.platformCall(appid, "publish "+version, tape.Publish(appid, version), func(ctx context.Context, c *fakeserver.Client) error {
		return publishFolder(ctx, c, appid, version, b.sources[appid])
	})
}

func publishFolder(ctx context.Context, c *fakeserver.Client, appid, version string, folder fs.FS) error {
	if folder == nil {
		return fmt.Errorf("this emulator has no project folder for %s", appid)
	}
	pkg, err := archive.Build(folder)
	if err != nil {
		return err
	}
	_, err = c.Publish(ctx, appid, version, pkg)
	return err
}

func (b *Backend) rollback(appid, version string) {
	b.platformCall(appid, "rollback "+version, tape.Rollback(appid, version), func(ctx context.Context, c *fakeserver.Client) error {
		_, err := c.Rollback(ctx, appid, version)
		return err
	})
}

// rollout takes what was typed in the console's rollout form, the words
// of the scenario step: "PERCENT [testers-first]" or pause, resume, revert.
func (b *Backend) rollout(appid, typed string) {
	words := strings.Fields(typed)
	if len(words) == 1 && slices.Contains(fakeserver.PhaseActions, words[0]) {
		b.platformCall(appid, "rollout "+words[0], tape.Rollout(appid, words[0]), func(ctx context.Context, c *fakeserver.Client) error {
			_, err := c.SetPhase(ctx, appid, words[0])
			return err
		})
		return
	}
	testersFirst := len(words) == 2 && words[1] == "testers-first"
	what := "rollout " + typed
	if len(words) > 0 {
		what = "rollout " + words[0] + "%"
	}
	if testersFirst {
		what += " testers-first"
	}
	b.platformCall(appid, what, tape.Rollout(appid, typed), func(ctx context.Context, c *fakeserver.Client) error {
		if len(words) == 0 || len(words) > 2 || (len(words) == 2 && !testersFirst) {
			return fmt.Errorf("want PERCENT [testers-first], or pause, resume or revert; got %q", typed)
		}
		n, err := wholeNumber("percent", words[0])
		if err != nil {
			return err
		}
		_, err = c.SetRollout(ctx, appid, n, testersFirst)
		return err
	})
}

// wholeNumber reads a number typed in a form. Only its form is checked
// here: its range is the platform's to judge, and to refuse.
func wholeNumber(what, s string) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, fmt.Errorf("%s %q is not a whole number", what, s)
	}
	return n, nil
}

func (b *Backend) minVersion(appid, version string) {
	b.platformCall(appid, "min-version "+version, tape.MinVersion(appid, version), func(ctx context.Context, c *fakeserver.Client) error {
		_, err := c.SetMinVersion(ctx, appid, version)
		return err
	})
}

func (b *Backend) minBase(appid, version string) {
	b.platformCall(appid, "min-base "+version, tape.MinBase(appid, version), func(ctx context.Context, c *fakeserver.Client) error {
		_, err := c.SetMinBase(ctx, appid, version)
		return err
	})
}

func (b *Backend) preferLocal(appid string, on bool) {
	b.platformCall(appid, "prefer-local "+engine.OnOff(on), tape.PreferLocal(appid, on), func(ctx context.Context, c *fakeserver.Client) error {
		_, err := c.SetPreferLocal(ctx, appid, on)
		return err
	})
}

func (b *Backend) fault(step, fault string) {
	b.platformWide("fault "+step, fault, tape.Fault(step, fault), func(ctx context.Context, c *fakeserver.Client) error {
		return c.SetFault(ctx, step, fault)
	})
}
