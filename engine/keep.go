package engine

import (
	"errors"
	"fmt"
	"maps"
	"net/http"
	"reflect"
	"slices"
	"time"

	"miniphone/engine/archive"
	"miniphone/engine/jsrt"
	"miniphone/engine/miniapp"
	"miniphone/engine/netsim"
	"miniphone/engine/semver"
	"miniphone/engine/vclock"
	"miniphone/fakeserver"
	"miniphone/protocol"
)

// A world is kept as data: WorldState is everything a phone keeps across a
// reboot — installed packages, storage, fetch caches and tokens, accounts
// — with the clock, the transcript, and the work under way that does not
// live in JavaScript (the background schedulers, version checks, fetches
// and package downloads). The JavaScript heaps of running apps cannot be
// kept: a restored world has them destroyed, as a phone that restarted.

// WorldState is a saved world. Packages holds the code packages the
// phones have, and the partial downloads, by the SHA-256 of their bytes;
// the rest is plain data for JSON.
type WorldState struct {
	Seed       int64             `json:"seed"`
	Settings   Settings          `json:"settings"`
	Now        time.Duration     `json:"now"`
	Seq        uint64            `json:"seq"` // the clock's last event sequence
	Apps       []string          `json:"apps"`
	Phones     []PhoneState      `json:"phones"`
	Pending    []PendingState    `json:"pending"`
	Transcript []Event           `json:"transcript"`
	Packages   map[string][]byte `json:"-"`
}

// PhoneState is one saved phone.
type PhoneState struct {
	Name      string          `json:"name"`
	User      string          `json:"user"`
	Client    string          `json:"client"`
	Base      string          `json:"base"`
	Network   string          `json:"network"`
	OS        string          `json:"os"`
	Clipboard string          `json:"clipboard,omitempty"`
	Warnings  []time.Duration `json:"warnings,omitempty"`
	System    *ModalView      `json:"system,omitempty"`    // WeChat's own modal, open
	Launching string          `json:"launching,omitempty"` // the app on the splash screen
	Periodic  *TimerState     `json:"periodic,omitempty"`
	FetchWake *TimerState     `json:"fetchWake,omitempty"`
	Apps      []RecordState   `json:"apps"`
}

// TimerState is a scheduled event's place in the clock's order.
type TimerState struct {
	At  time.Duration `json:"at"`
	Seq uint64        `json:"seq"`
}

// RecordState is what a phone keeps about one mini-program.
type RecordState struct {
	AppID         string            `json:"appid"`
	State         string            `json:"state"`
	Storage       map[string]string `json:"storage,omitempty"`
	Installed     *PackageRef       `json:"installed,omitempty"`
	Pending       *PackageRef       `json:"pending,omitempty"`
	Used          bool              `json:"used"`
	LastUse       time.Duration     `json:"lastUse"`
	MinBase       string            `json:"minBase,omitempty"`
	MinVersion    string            `json:"minVersion,omitempty"`
	PreferLocal   bool              `json:"preferLocal,omitempty"`
	PeriodicNewer string            `json:"periodicNewer,omitempty"`
	Simulate      string            `json:"simulate,omitempty"`
	Fetch         FetchState        `json:"fetch"`
	Account       AccountState      `json:"account"`
	Flight        *FlightState      `json:"flight,omitempty"`
	Exit          *ExitState        `json:"exit,omitempty"`
}

// ExitState is where the user last left the app, for a restart strategy
// that reopens that page.
type ExitState struct {
	Route    string            `json:"route"`
	Query    map[string]string `json:"query,omitempty"`
	Strategy string            `json:"strategy"`
	State    *jsrt.ExitState   `json:"state,omitempty"` // what the page's onSaveExitState returned
	LeftMs   int64             `json:"leftMs"`
}

// PackageRef is an installed package: its version, the digest the
// platform published, and the blob holding it.
type PackageRef struct {
	Version string `json:"version"`
	Digest  string `json:"digest"`
	Blob    string `json:"blob"`
}

// FetchState is an app's background fetch on a phone.
type FetchState struct {
	Token       string        `json:"token,omitempty"`
	HasToken    bool          `json:"hasToken,omitempty"`
	Periodic    *CacheState   `json:"periodic,omitempty"`
	Pre         *CacheState   `json:"pre,omitempty"`
	LastSuccess time.Duration `json:"lastSuccess"`
	Succeeded   bool          `json:"succeeded,omitempty"`
	// Configured is, per kind (periodic, pre), whether the platform had a
	// URL at the last lookup.
	Configured [2]bool `json:"configured"`
	// Routes is the fetch configuration the phone has heard of.
	Routes FetchRoutes `json:"routes"`
}

// CacheState is one cached fetch.
type CacheState struct {
	Data  string `json:"data"`
	At    int64  `json:"at"`
	Path  string `json:"path,omitempty"`
	Query string `json:"query,omitempty"`
	Scene int    `json:"scene,omitempty"`
}

// AccountState is the login session and the permissions granted.
type AccountState struct {
	LoggedIn bool            `json:"loggedIn,omitempty"`
	LoginAt  int64           `json:"loginAt,omitempty"`
	Auth     map[string]bool `json:"auth,omitempty"`
}

// FlightState is an update under way in the background.
type FlightState struct {
	History  []FlightStep   `json:"history"`
	Progress *Progress      `json:"progress,omitempty"`
	Download *DownloadState `json:"download,omitempty"`
}

// FlightStep is a step an update went through.
type FlightStep struct {
	Kind      string `json:"kind"` // checked, ready, failed
	HasUpdate bool   `json:"hasUpdate,omitempty"`
	Version   string `json:"version,omitempty"`
	Err       string `json:"err,omitempty"`
}

var flightKindNames = [...]string{"checked", "ready", "failed"}

// DownloadState is a package download under way; what has arrived is the
// blob Body. The package comes from the platform the restored world talks
// to, at Info's path.
type DownloadState struct {
	Info    protocol.CheckResponse `json:"info"`
	Chunk   int64                  `json:"chunk"`
	Body    string                 `json:"body"`
	Stream  netsim.StreamState     `json:"stream"`
	Quarter int64                  `json:"quarter"`
}

// PendingState is an answer on its way to a phone.
type PendingState struct {
	At     time.Duration `json:"at"`
	Seq    uint64        `json:"seq"`
	Phone  string        `json:"phone"`
	AppID  string        `json:"appid"`
	Kind   string        `json:"kind"`
	Label  string        `json:"label,omitempty"`
	Job    *JobState     `json:"job,omitempty"`
	Result ResultState   `json:"result"`
}

// JobState is a background fetch under way.
type JobState struct {
	Kind    string        `json:"kind"` // periodic, pre
	Pulled  bool          `json:"pulled,omitempty"`
	Started time.Duration `json:"started"`
	Path    string        `json:"path,omitempty"`
	Query   string        `json:"query,omitempty"`
	Scene   int           `json:"scene,omitempty"`
}

// ResultState is a response as the phone's network delivers it.
type ResultState struct {
	Status   int           `json:"status"`
	Header   http.Header   `json:"header,omitempty"`
	Body     []byte        `json:"body,omitempty"`
	Duration time.Duration `json:"duration"`
	Err      string        `json:"err,omitempty"`
	Factor   float64       `json:"factor"`
}

// Save pictures the world as data, sharing nothing the world goes on to
// change. Run it on the world's goroutine.
func (w *World) Save() (*WorldState, error) {
	s := &saver{packages: map[string][]byte{}, blobs: map[*miniapp.Project]string{}}
	st := &WorldState{
		Seed:       w.seed,
		Settings:   w.settings,
		Now:        w.clock.Now(),
		Seq:        w.clock.Seq(),
		Apps:       slices.Clone(w.apps),
		Transcript: slices.Clone(w.log.events),
	}
	// The pending work first: it says which downloads are under way.
	for _, ev := range w.clock.Pending() {
		t, ok := ev.Tag().(*resume)
		if !ok || !s.current(t) {
			continue
		}
		st.Pending = append(st.Pending, s.pending(ev, t))
	}
	for _, p := range w.phones {
		ps, err := s.phone(p)
		if err != nil {
			return nil, err
		}
		st.Phones = append(st.Phones, ps)
	}
	st.Packages = s.packages
	return st, nil
}

type saver struct {
	packages  map[string][]byte
	blobs     map[*miniapp.Project]string // by project: the phones of a release share one (see unpacked)
	downloads map[*flight]*download
}

// current reports whether a pending answer still matters after a
// restart: an answer for a running app, or for an update it no longer
// follows, would reach nobody.
func (s *saver) current(t *resume) bool {
	switch t.kind {
	case resumeCheck:
		return t.r.flight == t.f
	case resumeChunk:
		if t.r.flight != t.d.f {
			return false
		}
		if s.downloads == nil {
			s.downloads = map[*flight]*download{}
		}
		s.downloads[t.d.f] = t.d
	}
	return true
}

func (s *saver) pending(ev *vclock.Event, t *resume) PendingState {
	res := t.res
	ps := PendingState{
		At: ev.At(), Seq: ev.Seq(), Phone: t.r.p.name, AppID: t.r.appid, Kind: string(t.kind), Label: t.label,
		Result: ResultState{Status: res.Status, Header: res.Header.Clone(), Body: res.Body, Duration: res.Duration, Factor: res.Factor},
	}
	if res.Err != nil {
		ps.Result.Err = res.Err.Error()
	}
	if j := t.job; j != nil {
		ps.Job = &JobState{Kind: j.kind.String(), Pulled: j.pulled, Started: j.started, Path: j.path, Query: j.query, Scene: j.scene}
	}
	return ps
}

func (s *saver) phone(p *Phone) (PhoneState, error) {
	ps := PhoneState{
		Name: p.name, User: p.user, Client: p.client.String(), Base: p.base.String(), Network: p.network.Name, OS: p.os,
		Clipboard: p.clipboard, Warnings: slices.Clone(p.warnings), System: p.systemModal(),
		Periodic: timerState(p.periodic), FetchWake: timerState(p.fetcher),
	}
	if p.launching != nil {
		ps.Launching = p.launching.appid
	}
	for _, id := range p.w.apps {
		rs, err := s.record(p.apps[id])
		if err != nil {
			return ps, fmt.Errorf("phone %s, %s: %w", p.name, id, err)
		}
		ps.Apps = append(ps.Apps, rs)
	}
	return ps, nil
}

func timerState(t *phaseTimer) *TimerState {
	if !t.ev.Pending() {
		return nil
	}
	return &TimerState{At: t.ev.At(), Seq: t.ev.Seq()}
}

func (s *saver) record(r *appRecord) (RecordState, error) {
	rs := RecordState{
		AppID: r.appid, State: r.state.String(), Storage: maps.Clone(r.storage),
		Used: r.used, LastUse: r.lastUse,
		MinBase: r.known.minBase.String(), MinVersion: r.known.minVersion.String(), PreferLocal: r.known.preferLocal,
		PeriodicNewer: r.periodicNewer, Simulate: r.simulate,
		Fetch: FetchState{
			Token: r.fetch.token, HasToken: r.fetch.hasToken,
			Periodic: cacheState(r.fetch.cache[periodicFetch]), Pre: cacheState(r.fetch.cache[preFetch]),
			LastSuccess: r.fetch.lastSuccess, Succeeded: r.fetch.succeeded, Configured: r.fetch.configured,
			Routes: r.fetch.routes,
		},
		Account: AccountState{LoggedIn: r.account.loggedIn, LoginAt: r.account.loginAt, Auth: maps.Clone(r.account.auth)},
	}
	var err error
	if rs.Installed, err = s.pkg(r.installed); err != nil {
		return rs, err
	}
	if rs.Pending, err = s.pkg(r.pending); err != nil {
		return rs, err
	}
	if f := r.flight; f != nil && f.simulated == "" {
		rs.Flight = s.flight(f)
	}
	if e := r.exit; e != nil {
		rs.Exit = &ExitState{Route: e.route, Query: maps.Clone(e.query), Strategy: e.strategy, State: e.state, LeftMs: e.leftMs}
	}
	return rs, nil
}

func cacheState(c *fetchCache) *CacheState {
	if c == nil {
		return nil
	}
	return &CacheState{Data: c.data, At: c.at, Path: c.path, Query: c.query, Scene: c.scene}
}

// pkg keeps a package as a blob. The phone holds the files it unpacked,
// not the archive; packing them again gives the same archive (Build is
// reproducible), and the blob is named by what it holds whatever the
// platform's digest.
func (s *saver) pkg(p *pkg) (*PackageRef, error) {
	if p == nil {
		return nil, nil
	}
	blob, ok := s.blobs[p.project]
	if !ok {
		body, err := archive.Build(p.project.Files)
		if err != nil {
			return nil, fmt.Errorf("packing %s: %w", p.version, err)
		}
		blob = s.blob(body)
		s.blobs[p.project] = blob
	}
	return &PackageRef{Version: p.version, Digest: p.digest, Blob: blob}, nil
}

func (s *saver) blob(body []byte) string {
	name := archive.Digest(body)
	s.packages[name] = body
	return name
}

func (s *saver) flight(f *flight) *FlightState {
	fs := &FlightState{}
	for _, ev := range f.history {
		step := FlightStep{Kind: flightKindNames[ev.kind], HasUpdate: ev.hasUpdate, Version: ev.version}
		if ev.err != nil {
			step.Err = ev.err.Error()
		}
		fs.History = append(fs.History, step)
	}
	if f.progress != nil {
		pr := *f.progress
		fs.Progress = &pr
	}
	if d := s.downloads[f]; d != nil {
		fs.Download = &DownloadState{
			Info: d.info, Chunk: d.chunk, Body: s.blob(d.body),
			Stream: d.stream.State(), Quarter: d.quarter,
		}
	}
	return fs
}

// Restore builds the world st pictured, on cfg's platform and link (cfg's
// seed and settings give way to the saved ones). Every running app of the
// saved world is destroyed, and a cold start on its splash screen
// abandoned: the transcript says so at the restored moment.
func Restore(cfg Config, st *WorldState) (*World, error) {
	if err := checkSettings(st.Settings); err != nil {
		return nil, err
	}
	cfg.Seed, cfg.Settings = st.Seed, st.Settings
	w := NewWorld(cfg)
	if err := w.clock.Resume(st.Now, st.Seq); err != nil {
		return nil, fmt.Errorf("clock: %w", err)
	}
	w.log.events = slices.Clone(st.Transcript)
	for _, id := range st.Apps {
		if !fakeserver.ValidAppID(id) || slices.Contains(w.apps, id) {
			return nil, fmt.Errorf("apps: %q is not an app id, or twice", id)
		}
		w.apps = append(w.apps, id)
	}
	l := &loader{w: w, st: st, pkgs: map[PackageRef]*pkg{}, downloads: map[*flight]*download{}}
	for _, ps := range st.Phones {
		if err := l.phone(ps); err != nil {
			return nil, fmt.Errorf("phone %q: %w", ps.Name, err)
		}
	}
	for i, pe := range st.Pending {
		if err := l.pending(pe); err != nil {
			return nil, fmt.Errorf("pending event %d (%s of %s on %s): %w", i+1, pe.Kind, pe.AppID, pe.Phone, err)
		}
	}
	return w, nil
}

// checkSettings refuses saved numbers the world cannot run on: every one
// of them is a period, a budget or a limit, and a zero or negative one
// would stall the clock (a job every 0 s) or divide by zero.
func checkSettings(s Settings) error {
	v := reflect.ValueOf(s)
	for i := range v.NumField() {
		if f := v.Field(i); f.CanInt() && f.Int() <= 0 {
			return fmt.Errorf("settings: %s is %d: it must be more than 0", v.Type().Field(i).Name, f.Int())
		}
	}
	// A phone's phase within a period is counted in milliseconds.
	if min(s.PeriodicCheckEvery, s.FetchWakeEvery) < time.Millisecond {
		return errors.New("settings: the periodic check and the fetch wake must be at least 1ms apart")
	}
	return nil
}

type loader struct {
	w    *World
	st   *WorldState
	pkgs map[PackageRef]*pkg
	// downloads is where a restored flight's download waits for the
	// pending chunk that goes on with it.
	downloads map[*flight]*download
}

func (l *loader) phone(ps PhoneState) error {
	w := l.w
	if ps.Name == "" {
		return errors.New("a phone needs a name")
	}
	if _, dup := w.Phone(ps.Name); dup {
		return errors.New("saved twice")
	}
	p := &Phone{w: w, name: ps.Name, apps: map[string]*appRecord{}, clipboard: ps.Clipboard, warnings: ps.Warnings}
	p.periodic = p.newPeriodicCheck()
	p.fetcher = p.newFetchWake()
	if err := p.Configure(PhoneConfig{Name: ps.Name, User: ps.User, Client: ps.Client, Base: ps.Base, Network: ps.Network, OS: ps.OS}); err != nil {
		return err
	}
	if ps.System != nil {
		p.system = &modal{view: *ps.System}
	}
	for _, t := range []struct {
		saved *TimerState
		timer *phaseTimer
	}{{ps.Periodic, p.periodic}, {ps.FetchWake, p.fetcher}} {
		if t.saved == nil {
			continue
		}
		ev, err := w.clock.Restore(t.saved.At, t.saved.Seq, nil, t.timer.fire)
		if err != nil {
			return err
		}
		t.timer.ev = ev
	}
	for _, rs := range ps.Apps {
		if !slices.Contains(w.apps, rs.AppID) {
			return fmt.Errorf("app %q is not registered", rs.AppID)
		}
		if _, dup := p.apps[rs.AppID]; dup {
			return fmt.Errorf("app %q saved twice", rs.AppID)
		}
		r, err := l.record(p, rs)
		if err != nil {
			return fmt.Errorf("app %q: %w", rs.AppID, err)
		}
		p.apps[rs.AppID] = r
	}
	for _, id := range w.apps {
		p.record(id) // an app registered after the phone saved its own
	}
	w.phones = append(w.phones, p)
	// What lived in JavaScript is gone, as after the phone restarted.
	if ps.Launching != "" {
		if !slices.Contains(w.apps, ps.Launching) {
			return fmt.Errorf("launching %q: not a registered app", ps.Launching)
		}
		p.log(ps.Launching, "launch-abandoned", restartReason)
	}
	for _, id := range w.apps {
		if r := p.apps[id]; r.state != NotRunning && r.state != Destroyed {
			r.state = Destroyed
			r.log("destroyed", restartReason)
		}
	}
	return nil
}

// restartReason is why a restored world's running apps are destroyed.
const restartReason = "the phone restarted: a JavaScript heap is not kept"

func (l *loader) record(p *Phone, rs RecordState) (*appRecord, error) {
	state, err := ParseState(rs.State)
	if err != nil {
		return nil, err
	}
	storage := rs.Storage
	if storage == nil {
		storage = map[string]string{}
	}
	r := &appRecord{
		p: p, appid: rs.AppID, state: state, storage: storage,
		used: rs.Used, lastUse: rs.LastUse, periodicNewer: rs.PeriodicNewer,
		known:   platformInfo{preferLocal: rs.PreferLocal},
		account: account{loggedIn: rs.Account.LoggedIn, loginAt: rs.Account.LoginAt, auth: rs.Account.Auth},
	}
	switch rs.Simulate {
	case "", "update", "fail":
		r.simulate = rs.Simulate
	default:
		return nil, fmt.Errorf("simulate %q: want update or fail", rs.Simulate)
	}
	if r.known.minBase, err = semver.ParseOptional(rs.MinBase); err != nil {
		return nil, fmt.Errorf("minBase: %w", err)
	}
	if r.known.minVersion, err = semver.ParseOptional(rs.MinVersion); err != nil {
		return nil, fmt.Errorf("minVersion: %w", err)
	}
	if r.installed, err = l.pkg(rs.Installed); err != nil {
		return nil, fmt.Errorf("installed: %w", err)
	}
	if r.pending, err = l.pkg(rs.Pending); err != nil {
		return nil, fmt.Errorf("pending: %w", err)
	}
	f := rs.Fetch
	r.fetch = fetchState{
		token: f.Token, hasToken: f.HasToken, lastSuccess: f.LastSuccess, succeeded: f.Succeeded, configured: f.Configured,
		routes: f.Routes,
	}
	r.fetch.cache[periodicFetch] = loadCache(f.Periodic)
	r.fetch.cache[preFetch] = loadCache(f.Pre)
	if e := rs.Exit; e != nil {
		r.exit = &exitRecord{route: e.Route, query: e.Query, strategy: e.Strategy, state: e.State, leftMs: e.LeftMs}
	}
	if rs.Flight != nil {
		if r.flight, err = l.flight(r, rs.Flight); err != nil {
			return nil, fmt.Errorf("update: %w", err)
		}
	}
	return r, nil
}

func loadCache(c *CacheState) *fetchCache {
	if c == nil {
		return nil
	}
	return &fetchCache{data: c.Data, at: c.At, path: c.Path, query: c.Query, scene: c.Scene}
}

// pkg unpacks a saved package once, however many phones have it.
func (l *loader) pkg(ref *PackageRef) (*pkg, error) {
	if ref == nil {
		return nil, nil
	}
	if p, ok := l.pkgs[*ref]; ok {
		return p, nil
	}
	body, ok := l.st.Packages[ref.Blob]
	if !ok {
		return nil, fmt.Errorf("package %s: blob %.12s is missing", ref.Version, ref.Blob)
	}
	if _, err := semver.Parse(ref.Version); err != nil {
		return nil, fmt.Errorf("package %q: %w", ref.Version, err)
	}
	project, err := unpacked.load(body, archive.Digest(body))
	if err != nil {
		return nil, fmt.Errorf("package %s: %w", ref.Version, err)
	}
	p := &pkg{version: ref.Version, digest: ref.Digest, project: project}
	l.pkgs[*ref] = p
	return p, nil
}

func (l *loader) flight(r *appRecord, fs *FlightState) (*flight, error) {
	f := &flight{r: r}
	for _, step := range fs.History {
		kind := slices.Index(flightKindNames[:], step.Kind)
		if kind < 0 {
			return nil, fmt.Errorf("step %q: want one of %q", step.Kind, flightKindNames)
		}
		ev := flightEvent{kind: flightKind(kind), hasUpdate: step.HasUpdate, version: step.Version}
		if step.Err != "" {
			ev.err = errors.New(step.Err)
		}
		f.history = append(f.history, ev)
	}
	if fs.Progress != nil {
		pr := *fs.Progress
		f.progress = &pr
	}
	if ds := fs.Download; ds != nil {
		body, ok := l.st.Packages[ds.Body]
		if !ok {
			return nil, fmt.Errorf("download: blob %.12s is missing", ds.Body)
		}
		if ds.Chunk <= 0 || ds.Info.Size <= 0 || int64(len(body)) > ds.Info.Size || ds.Info.Size > l.w.link.MaxBody {
			return nil, fmt.Errorf("download: %d of %d bytes in chunks of %d do not add up", len(body), ds.Info.Size, ds.Chunk)
		}
		if f.progress == nil {
			return nil, errors.New("download: no progress")
		}
		f.progress.Done = int64(len(body))
		d := &download{
			r: r, f: f, info: ds.Info, url: l.w.server + ds.Info.PackageURL, chunk: ds.Chunk,
			body: append(make([]byte, 0, ds.Info.Size), body...), stream: netsim.ResumeStream(ds.Stream), quarter: ds.Quarter,
		}
		l.downloads[f] = d
	}
	return f, nil
}

func (l *loader) pending(pe PendingState) error {
	p, ok := l.w.Phone(pe.Phone)
	if !ok {
		return errors.New("no such phone")
	}
	r, ok := p.apps[pe.AppID]
	if !ok {
		return errors.New("no such app on the phone")
	}
	t := &resume{r: r, kind: resumeKind(pe.Kind), label: pe.Label, res: pe.Result.result()}
	switch t.kind {
	case resumeCheck:
		if r.flight == nil {
			return errors.New("the app has no update under way")
		}
		t.f = r.flight
	case resumeChunk:
		if r.flight == nil || l.downloads[r.flight] == nil {
			return errors.New("the app has no download under way")
		}
		t.d = l.downloads[r.flight]
	case resumeBackgroundCheck:
		if pe.Label == "" {
			return errors.New("a background check needs its label")
		}
	case resumeFetchRoute, resumeFetchData:
		job, err := pe.Job.job()
		if err != nil {
			return err
		}
		t.job = job
		r.fetch.inFlight++
	default:
		return errors.New("unknown kind")
	}
	ev, err := l.w.clock.Restore(pe.At, pe.Seq, t, t.run)
	switch {
	case err != nil:
		return err
	case t.f != nil:
		t.f.due = ev
	case t.d != nil:
		t.d.f.due = ev
	}
	return nil
}

func (j *JobState) job() (*fetchJob, error) {
	if j == nil {
		return nil, errors.New("a fetch needs its job")
	}
	kind, ok := parseFetchType(j.Kind)
	if !ok {
		return nil, fmt.Errorf("fetch kind %q: want periodic or pre", j.Kind)
	}
	return &fetchJob{kind: kind, pulled: j.Pulled, started: j.Started, path: j.Path, query: j.Query, scene: j.Scene}, nil
}

// result is the saved response; the network's own errors come back as
// themselves, so that what tells them apart still does.
func (rs ResultState) result() netsim.Result {
	res := netsim.Result{Status: rs.Status, Header: rs.Header, Body: rs.Body, Duration: rs.Duration, Factor: rs.Factor}
	switch rs.Err {
	case "":
	case netsim.ErrOffline.Error():
		res.Err = netsim.ErrOffline
	case netsim.ErrTimeout.Error():
		res.Err = netsim.ErrTimeout
	default:
		res.Err = errors.New(rs.Err)
	}
	return res
}

// Blobs lists the packages the state refers to, each once.
func (st *WorldState) Blobs() []string {
	var names []string
	add := func(name string) {
		if !slices.Contains(names, name) {
			names = append(names, name)
		}
	}
	for _, p := range st.Phones {
		for _, r := range p.Apps {
			for _, ref := range []*PackageRef{r.Installed, r.Pending} {
				if ref != nil {
					add(ref.Blob)
				}
			}
			if r.Flight != nil && r.Flight.Download != nil {
				add(r.Flight.Download.Body)
			}
		}
	}
	return names
}
