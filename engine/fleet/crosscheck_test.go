package fleet

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"miniphone/assets"
	"miniphone/engine"
	"miniphone/engine/archive"
	"miniphone/fakeserver"
)

// The fleet and the engine must agree phone by phone: a small fleet runs
// through the model and through the full engine, its phones running the
// bundled demo mini-program against the platform, with the same seed and
// the same usage draws, and every phone must first run the new version in
// the same hour, by the same path. The fleet is built to stress what the
// model must get right: many phones on 2g, where a synchronous update
// runs over its budget; offline phones; old clients; rare users who come
// back after more than 7 days.
func TestFleetMatchesTheEngine(t *testing.T) {
	base := Config{
		Phones:   100,
		Days:     10,
		Seed:     7,
		Mix:      Shares{25, 40, 35, 0},
		Networks: Shares{35, 20, 10, 25, 10},
		Settings: engine.DefaultSettings(),
	}
	for _, v := range []Variant{
		{Name: "full", Periodic: true, Rollout: 100, OldClients: 30},
		{Name: "staged", Periodic: true, Rollout: 50, OldClients: 30},
		{Name: "minimum", Periodic: true, Rollout: 50, MinVersion: true, OldClients: 30},
	} {
		t.Run(v.Name, func(t *testing.T) {
			t.Parallel()
			cfg := base
			cfg.Variants = []Variant{v}
			e := newEngineFleet(t, &cfg)
			e.run()
			m := newModel(&cfg, v)
			tl := newTally(cfg.Days * 24)
			differ, ran, exact, paths := 0, 0, 0, map[Path]int{}
			var buf [24]byte
			for i := range cfg.Phones {
				name := string(phoneName(buf[:0], i))
				got := m.simulate(i, name, tl)
				want, ok := e.firstNew[name]
				if got.first != never {
					ran++
					paths[got.path]++
					if got.first == want.first {
						exact++
					}
				}
				switch {
				case !ok && got.first == never:
				case !ok || got.first == never || hourOf(m, got.first) != hourOf(m, want.first) || got.path != want.path:
					differ++
					t.Errorf("%s (%s, %s%s): fleet: %s; engine: %s", name, Patterns[m.newPhone(i, name).pattern].Name,
						NetworkNames()[m.newPhone(i, name).net], clientNote(m.newPhone(i, name)), describe(m, got), describe(m, want))
				}
			}
			t.Logf("%d phones, %d ran the new version (%v), %d to the millisecond, %d differ", cfg.Phones, ran, paths, exact, differ)
			// A comparison of phones that never update would prove nothing.
			if ran < cfg.Phones/5 || len(paths) < 3 {
				t.Errorf("only %d phones ran the new version, by %v: the fleet tests too little", ran, paths)
			}
		})
	}
}

func hourOf(m *model, at time.Duration) time.Duration { return (at - m.cal.release) / time.Hour }

func describe(m *model, o outcome) string {
	if o.first == never {
		return "never"
	}
	return fmt.Sprintf("hour %d (%s) by %s", hourOf(m, o.first), o.first-m.cal.release, o.path)
}

func clientNote(p phone) string {
	if p.has(oldClient) {
		return ", old client"
	}
	return ""
}

// engineFleet is a fleet as the engine runs it: one world, one phone per
// simulated phone, the platform in process.
type engineFleet struct {
	t        *testing.T
	cfg      *Config
	m        *model
	world    *engine.World
	platform *fakeserver.Client
	phones   []*drivenPhone
	newPkg   []byte
	firstNew map[string]outcome
}

// drivenPhone is one engine phone and the usage draws that drive it.
type drivenPhone struct {
	p        *engine.Phone
	model    phone
	next     time.Duration // the next open, or never
	leave    time.Duration // when the user leaves, while in the app
	stay     time.Duration
	starting bool // opened, waiting for a synchronous update
}

// handlerTransport takes requests straight to the platform's handler:
// the same requests and answers, without sockets.
type handlerTransport struct{ h http.Handler }

func (t handlerTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	rec := httptest.NewRecorder()
	t.h.ServeHTTP(rec, req)
	resp := rec.Result()
	resp.Request = req
	return resp, nil
}

const platformURL = "http://platform.test"

func newEngineFleet(t *testing.T, cfg *Config) *engineFleet {
	client := &http.Client{Transport: handlerTransport{fakeserver.New(fakeserver.Options{})}}
	e := &engineFleet{
		t:        t,
		cfg:      cfg,
		world:    engine.NewWorld(engine.Config{Seed: cfg.Seed, ServerURL: platformURL, Client: client, Settings: cfg.Settings}),
		platform: fakeserver.NewClient(platformURL, "", client),
		firstNew: map[string]outcome{},
	}
	ctx := context.Background()
	if _, err := e.platform.RegisterApp(ctx, "demo", false); err != nil {
		t.Fatal(err)
	}
	// Filler makes the package too large for a synchronous update over 2g
	// within its 10 s, and small enough for 3g.
	if _, err := e.platform.Publish(ctx, "demo", OldVersion, demoPackage(t, 1, 96<<10)); err != nil {
		t.Fatal(err)
	}
	e.newPkg = demoPackage(t, 2, 96<<10)
	cfg.PackageBytes = int64(len(e.newPkg))
	cfg.CheckBytes = e.checkAnswerSize()
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	e.m = newModel(cfg, cfg.Variants[0])
	e.world.RegisterApp("demo")
	var buf [24]byte
	for i := range cfg.Phones {
		name := string(phoneName(buf[:0], i))
		model := e.m.newPhone(i, name)
		pc := engine.PhoneConfig{Name: name}
		if model.has(oldClient) {
			pc.Client = OldClient
		}
		p, err := e.world.AddPhone(pc)
		if err != nil {
			t.Fatal(err)
		}
		e.phones = append(e.phones, &drivenPhone{p: p, model: model, leave: never})
	}
	return e
}

// demoPackage is the bundled demo app with n bytes of incompressible
// filler drawn from seed.
func demoPackage(t *testing.T, seed uint64, n int) []byte {
	demo, err := fs.Sub(assets.Apps(), "demo")
	if err != nil {
		t.Fatal(err)
	}
	files := fstest.MapFS{}
	err = fs.WalkDir(demo, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(demo, path)
		files[path] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	filler := make([]byte, n)
	r := rand.NewChaCha8([32]byte{byte(seed)})
	r.Read(filler)
	files["assets/filler.bin"] = &fstest.MapFile{Data: filler}
	pkg, err := archive.Build(files)
	if err != nil {
		t.Fatal(err)
	}
	return pkg
}

// checkAnswerSize is how long the platform's answer to a version check
// is once the new version is out, measured on a platform of its own.
func (e *engineFleet) checkAnswerSize() int64 {
	client := &http.Client{Transport: handlerTransport{fakeserver.New(fakeserver.Options{})}}
	admin := fakeserver.NewClient(platformURL, "", client)
	ctx := context.Background()
	admin.RegisterApp(ctx, "demo", false)
	admin.Publish(ctx, "demo", OldVersion, demoPackage(e.t, 1, 16))
	e.releaseOn(admin)
	resp, err := client.Get(platformURL + "/check?appid=demo&version=" + OldVersion + "&user=p0&client=8.0.50&base=3.6.0")
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != 200 {
		e.t.Fatalf("check: %d %v", resp.StatusCode, err)
	}
	return int64(len(body))
}

// run installs the old version on every phone, plays every phone's usage
// on the world's clock with the release at its hour, and reads from the
// transcript when each phone first ran the new version, and how.
func (e *engineFleet) run() {
	for _, d := range e.phones {
		e.launch(d.p)
		if err := d.p.Kill("demo"); err != nil {
			e.t.Fatal(err)
		}
	}
	for _, d := range e.phones {
		if err := d.p.SetNetwork(NetworkNames()[d.model.net]); err != nil {
			e.t.Fatal(err)
		}
		d.next = d.model.first(e.m.cal, int(d.model.pattern))
	}
	if e.world.Elapsed() >= e.m.cal.earliest {
		e.t.Fatalf("installing took until %s, past the first visit allowed", e.world.Elapsed())
	}
	released := false
	for {
		at, who := e.nextAction(released)
		if at >= e.m.cal.end {
			break
		}
		e.world.RunUntil(func() bool { return e.booted() }, at)
		if e.settle() || e.world.Elapsed() < at {
			continue
		}
		switch {
		case who == nil:
			e.releaseOn(e.platform)
			released = true
		case who.leave != never:
			who.p.Home()
			who.leave = never
			who.next = who.model.next(e.m.cal, int(who.model.pattern), e.world.Elapsed())
		default:
			who.stay = who.model.stay()
			who.next = never
			if err := who.p.Launch("demo", engine.LaunchOptions{}); err != nil {
				e.t.Fatal(err)
			}
			who.starting = true
			e.settle()
		}
	}
	e.readTranscript()
}

// launch opens the app and waits for it: the first install.
func (e *engineFleet) launch(p *engine.Phone) {
	if err := p.Launch("demo", engine.LaunchOptions{}); err != nil {
		e.t.Fatal(err)
	}
	if !e.world.RunUntil(func() bool { return !p.Starting() }, e.world.Elapsed()+time.Minute) {
		e.t.Fatalf("%s: the install did not finish", p.Name())
	}
}

// nextAction is the earliest thing the users or the platform do next;
// nil stands for the release.
func (e *engineFleet) nextAction(released bool) (time.Duration, *drivenPhone) {
	at, who := never, (*drivenPhone)(nil)
	if !released {
		at = e.m.cal.release
	}
	for _, d := range e.phones {
		if d.starting {
			continue
		}
		if t := min(d.next, d.leave); t < at {
			at, who = t, d
		}
	}
	return at, who
}

// booted reports whether a phone waiting for its start is on screen.
func (e *engineFleet) booted() bool {
	for _, d := range e.phones {
		if d.starting && !d.p.Starting() {
			return true
		}
	}
	return false
}

// settle starts the stay of every phone whose start is done, and reports
// whether there was one.
func (e *engineFleet) settle() bool {
	any := false
	for _, d := range e.phones {
		if d.starting && !d.p.Starting() {
			d.starting = false
			d.leave = e.world.Elapsed() + d.stay
			any = true
		}
	}
	return any
}

// releaseOn publishes the new version on a platform with the variant's
// settings.
func (e *engineFleet) releaseOn(platform *fakeserver.Client) {
	ctx := context.Background()
	if _, err := platform.Publish(ctx, "demo", NewVersion, e.newPkg); err != nil {
		e.t.Fatal(err)
	}
	v := e.cfg.Variants[0]
	if v.Rollout != 100 {
		if _, err := platform.SetRollout(ctx, "demo", v.Rollout, false); err != nil {
			e.t.Fatal(err)
		}
	}
	if v.MinVersion {
		if _, err := platform.SetMinVersion(ctx, "demo", NewVersion); err != nil {
			e.t.Fatal(err)
		}
	}
}

// readTranscript finds, for every phone, its first launch of the new
// version within the run, and the cold start behind it: one that
// installed an earlier download before it decided anything, or one that
// updated synchronously, for the reason its log line gives.
func (e *engineFleet) readTranscript() {
	coldStart := map[string]engine.Event{}
	installedSince := map[string]bool{}
	for _, ev := range e.world.Transcript(0) {
		switch ev.Kind {
		case "cold-start":
			coldStart[ev.Phone] = ev
			installedSince[ev.Phone] = false
		case "install":
			installedSince[ev.Phone] = true
		case "launch":
			if _, done := e.firstNew[ev.Phone]; done || !strings.HasPrefix(ev.Detail, "version="+NewVersion+" ") || ev.At >= e.m.cal.end {
				continue
			}
			cs := coldStart[ev.Phone].Detail
			path := PathPeriodic
			switch {
			case !installedSince[ev.Phone]:
				path = PathAsync
			case strings.Contains(cs, "(last used"):
				path = PathStale
			}
			e.firstNew[ev.Phone] = outcome{first: ev.At, path: path}
		}
	}
}
