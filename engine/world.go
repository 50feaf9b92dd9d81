// Package engine is the phone world: a virtual clock, phones with their
// mini-programs, and the platform they talk to. It knows nothing of
// terminals; front ends drive it through its methods from the one goroutine
// that owns it, and read it through Snapshot and Transcript.
package engine

import (
	"fmt"
	"io/fs"
	"net/http"
	"time"

	"miniphone/engine/miniapp"
	"miniphone/engine/netsim"
	"miniphone/engine/vclock"
)

// Epoch is the phones' wall-clock time when a world starts. It is fixed so
// that timestamps the mini-programs see are the same on every run.
var Epoch = time.Date(2026, time.November, 2, 9, 0, 0, 0, time.FixedZone("CST", 8*3600))

// The phones live in China Standard Time whatever the host's zone. The
// JavaScript engine formats local dates (getHours, toString) in time.Local,
// and a replay must not depend on where it runs, so the process takes the
// phones' zone.
func init() { time.Local = Epoch.Location() }

// Config builds a World.
type Config struct {
	Seed      int64
	Settings  Settings
	ServerURL string       // the platform, e.g. http://127.0.0.1:PORT
	Client    *http.Client // nil: a client of its own
	// GiveUp is the real time after which an unanswered request counts as
	// a timeout. The platform tells a phone of its timeout fault at once,
	// so this is only for a platform that really hangs; it is long, because
	// a busy machine must not turn a slow answer into a different run.
	GiveUp time.Duration
}

// World is everything that shares one virtual clock. It is not safe for
// concurrent use.
type World struct {
	clock    vclock.Clock
	seed     int64
	settings Settings
	server   string
	link     *netsim.Link
	phones   []*Phone
	apps     []string // registered app ids, in order: every phone's home screen
	log      transcript
	// interrupts reaches the JavaScript under way from a front end's
	// goroutine; nil when no Session owns the world.
	interrupts *Interrupter
}

// NewWorld makes an empty world: no phones, no apps.
func NewWorld(cfg Config) *World {
	if cfg.Settings == (Settings{}) {
		cfg.Settings = DefaultSettings()
	}
	client := cfg.Client
	if client == nil {
		client = &http.Client{}
	}
	giveUp := cfg.GiveUp
	if giveUp <= 0 {
		giveUp = 30 * time.Second
	}
	return &World{
		seed:     cfg.Seed,
		settings: cfg.Settings,
		server:   cfg.ServerURL,
		link: &netsim.Link{
			Client:  client,
			GiveUp:  giveUp,
			Timeout: cfg.Settings.RequestTimeout,
			MaxBody: 8 << 20,
		},
	}
}

// Seed is the world's random seed.
func (w *World) Seed() int64 { return w.seed }

// Settings are the world's numbers.
func (w *World) Settings() Settings { return w.settings }

// Elapsed is the virtual time since the world started.
func (w *World) Elapsed() time.Duration { return w.clock.Now() }

// Now is the phones' wall clock.
func (w *World) Now() time.Time { return Epoch.Add(w.clock.Now()) }

// Advance moves the clock by d, running every event inside in order.
func (w *World) Advance(d time.Duration) {
	w.clock.RunUntil(w.clock.Now() + d)
}

// RunDue runs everything due at the current moment.
func (w *World) RunDue() { w.clock.RunDue() }

// RunUntil runs events one at a time until done reports true or the next
// event lies beyond limit (then the clock stops at limit). It reports
// whether done became true.
func (w *World) RunUntil(done func() bool, limit time.Duration) bool {
	for !done() {
		if !w.clock.Step(limit) {
			w.clock.RunUntil(limit)
			return done()
		}
	}
	return true
}

// NextEventIn is how long until the next scheduled event, if any.
func (w *World) NextEventIn() (time.Duration, bool) {
	at, ok := w.clock.Next()
	return at - w.clock.Now(), ok
}

// Transcript returns the events from index from on, as far as they are
// kept (see Forget).
func (w *World) Transcript(from int) []Event {
	events := w.log.since(from)
	if len(events) == 0 {
		return nil
	}
	return append([]Event(nil), events...)
}

// TranscriptLen is the number of events so far, forgotten ones included.
func (w *World) TranscriptLen() int { return w.log.len() }

// Forget lets the world drop the events before index before: a reader that
// has taken them (printed them, shown them) calls it, so that memory stays
// bounded however long the world runs.
func (w *World) Forget(before int) { w.log.forget(before) }

// Record adds an event to the transcript at the current time; front ends use
// it for the platform's answers to their actions.
func (w *World) Record(phone, appid, kind, detail string) {
	if appid == "" {
		appid = "-"
	}
	w.log.add(Event{At: w.clock.Now(), Phone: phone, AppID: appid, Kind: kind, Detail: detail})
}

// RecordPlatform writes the platform's answer to an action into the
// transcript: the action, or "refused" with the action and its reason. A
// refusal is a line of the transcript, never the end of a run.
func (w *World) RecordPlatform(appid, action string, err error) {
	if err != nil {
		w.Record("platform", appid, "refused", action+": "+err.Error())
		return
	}
	w.Record("platform", appid, action, "")
}

// RecordIgnored writes, as one platform line, what a project just published
// has that the phones do not draw or run (style sheets, images, canvases,
// Skyline, workers), so that a developer knows why the screen shows less
// than DevTools' simulator. Nothing is written when nothing is left out,
// or when the project does not load: the platform has said why.
func (w *World) RecordIgnored(appid string, project fs.FS) {
	p, err := miniapp.Load(project)
	if err != nil {
		return
	}
	if s := p.Ignored().String(); s != "" {
		w.Record("platform", appid, "ignored", s)
	}
}

// OnOff writes a switch the way the scenario files and the console do.
func OnOff(on bool) string {
	if on {
		return "on"
	}
	return "off"
}

// RegisterApp puts a mini-program on every phone's home screen. The phone
// downloads it from the platform at its first launch.
func (w *World) RegisterApp(appid string) {
	for _, a := range w.apps {
		if a == appid {
			return
		}
	}
	w.apps = append(w.apps, appid)
	for _, p := range w.phones {
		p.record(appid)
	}
}

// Apps lists the registered app ids.
func (w *World) Apps() []string { return append([]string(nil), w.apps...) }

// Phones lists the phones in the order they were added.
func (w *World) Phones() []*Phone { return append([]*Phone(nil), w.phones...) }

// Phone finds a phone by name.
func (w *World) Phone(name string) (*Phone, bool) {
	for _, p := range w.phones {
		if p.name == name {
			return p, true
		}
	}
	return nil, false
}

// AddPhone adds a phone; the name must be new.
func (w *World) AddPhone(cfg PhoneConfig) (*Phone, error) {
	if cfg.Name == "" {
		return nil, fmt.Errorf("a phone needs a name")
	}
	if err := oneWord("name", cfg.Name); err != nil {
		return nil, err
	}
	if _, dup := w.Phone(cfg.Name); dup {
		return nil, fmt.Errorf("phone %q already exists", cfg.Name)
	}
	p, err := newPhone(w, cfg)
	if err != nil {
		return nil, err
	}
	w.phones = append(w.phones, p)
	for _, a := range w.apps {
		p.record(a)
	}
	detail := fmt.Sprintf("user=%s client=%s base=%s network=%s", p.user, p.client, p.base, p.network.Name)
	if p.os != Android {
		detail += " os=" + p.os // Android goes unsaid, as the default
	}
	p.log("-", "phone", detail)
	return p, nil
}
