package fleet

import (
	"strconv"
	"time"

	"miniphone/engine"
	"miniphone/engine/netsim"
	"miniphone/engine/policy"
	"miniphone/engine/semver"
)

// Path is how a phone came to run the new version first.
type Path int

const (
	// PathAsync: a cold start checked and downloaded in the background;
	// a later cold start installed the download.
	PathAsync Path = iota
	// PathPeriodic: the 24-hour check found the version, and the next
	// cold start updated synchronously (a forced update when the new
	// version is also the minimum).
	PathPeriodic
	// PathStale: the app had not been used for more than 7 days, and the
	// cold start updated synchronously.
	PathStale
	// NotYet is a phone still on the old version, next to the paths in
	// the hourly split.
	NotYet
	numPaths = NotYet
)

var pathNames = [...]string{"async", "periodic", "7-day", "not yet"}

func (p Path) String() string { return pathNames[p] }

// The world a fleet lives in, on the engine's clock: it starts with every
// phone installing the old version, and the release comes lead later, so
// that a phone's last use before it can lie more than 7 days back.
const (
	lead  = 8 * 24 * time.Hour
	setup = time.Hour // the phones install the old version within it
)

// phone is the state of one phone of the fleet under simulation: what the
// engine keeps about the app on a real phone, reduced to what decides its
// updates. It is the simulation's whole per-phone state; nothing of it is
// kept once the phone is done.
type phone struct {
	usage
	lastUse time.Duration
	pending time.Duration // when a background download completes, or never
	check   time.Duration // the next 24-hour check, or never
	// hour is the hour after the release of the phone's latest open, and
	// shown what it ran then (a Path, or NotYet): a phone counts once an
	// hour, with what it ran last in that hour.
	hour    int32
	shown   uint8
	path    uint8 // how it got the new version, once it has
	flags   flag
	net     uint8 // index in netsim.Profiles
	pattern uint8 // index in Patterns
}

type flag uint16

const (
	installedNew    flag = 1 << iota // the working version is the new one
	runningNew                       // the running app (if any) is the new version
	periodicNewer                    // the 24-hour check found a newer version
	knowsMin                         // a check said the new version is the minimum
	served                           // the platform answers this phone with the new version
	alive                            // the app ran since the world began (see lastUse for how long ago)
	active                           // opened at least once since the release
	ranNew                           // has run the new version
	heardOfIt                        // a check told it of the new version
	heardInDay                       // ... within 24 hours of the release
	sawRelease                       // recentAtRelease is decided
	recentAtRelease                  // used within 7 days before the release
	oldClient                        // a client below 6.6.3
	lateSeen                         // made a cold start from hour 24 on
)

func (p *phone) has(f flag) bool { return p.flags&f != 0 }
func (p *phone) set(f flag)      { p.flags |= f }
func (p *phone) clear(f flag)    { p.flags &^= f }

// model is one variant of a run: everything every phone shares.
type model struct {
	cfg      *Config
	v        Variant
	cal      *calendar
	settings engine.Settings
	// keep is how long a left app lives: background, then suspended, then
	// destroyed.
	keep time.Duration
	// checkTime and downloadTime are what a version check and the new
	// package take on each network; online is whether it has one.
	checkTime, downloadTime []time.Duration
	online                  []bool
	mix, networks           []float64 // cumulative shares, for drawing
	// clients are the two client versions a phone can have: the latest
	// and one from before the 24-hour check.
	latest, old semver.Version
}

func newModel(cfg *Config, v Variant) *model {
	release := lead
	m := &model{
		cfg:      cfg,
		v:        v,
		settings: cfg.Settings,
		keep:     cfg.Settings.SuspendAfter + cfg.Settings.DestroyAfter,
		cal:      newCalendar(release, release+time.Duration(cfg.Days)*24*time.Hour, setup, timeOfDay(engine.Epoch)),
		mix:      cumulative(cfg.Mix),
		networks: cumulative(cfg.Networks),
		latest:   semver.MustParse(engine.LatestClient),
		old:      semver.MustParse(OldClient),
	}
	for _, p := range netsim.Profiles {
		m.checkTime = append(m.checkTime, netsim.TransferTime(p, cfg.CheckBytes, 1))
		m.downloadTime = append(m.downloadTime, netsim.TransferTime(p, cfg.PackageBytes, 1))
		m.online = append(m.online, p.Bandwidth > 0)
	}
	return m
}

func timeOfDay(t time.Time) time.Duration {
	return time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute + time.Duration(t.Second())*time.Second
}

func cumulative(s Shares) []float64 {
	out := make([]float64, len(s))
	sum := 0
	for i, v := range s {
		sum += v
		out[i] = float64(sum) / 100
	}
	return out
}

// pick draws a category from cumulative shares.
func pick(cum []float64, u float64) uint8 {
	for i, c := range cum {
		if u < c {
			return uint8(i)
		}
	}
	return uint8(len(cum) - 1)
}

// phoneName is how phone i is called, in the engine too: its name and its
// WeChat user, which the rollout bucket and the check's phase hash.
func phoneName(buf []byte, i int) []byte {
	return strconv.AppendInt(append(buf[:0], 'p'), int64(i), 10)
}

// newPhone draws phone i and puts it in its state at the world's start:
// the old version installed, the app not running.
func (m *model) newPhone(i int, name string) phone {
	var p phone
	p.seed(m.cfg.Seed, i)
	p.pattern = pick(m.mix, p.session.float())
	p.net = pick(m.networks, p.session.float())
	client := m.latest
	if p.session.float()*100 < float64(m.v.OldClients) {
		client = m.old
		p.set(oldClient)
	}
	p.pending, p.check, p.hour = never, never, -1
	// OldVersion is below NewVersion: with a minimum version (the new
	// one) the old may no longer run, so the platform serves the new
	// version whatever the rollout.
	if policy.ServesLive(name, NewVersion, m.v.Rollout, m.v.MinVersion) {
		p.set(served)
	}
	if m.v.Periodic && policy.ChecksPeriodically(client) && m.online[p.net] {
		period := m.settings.PeriodicCheckEvery
		// The check fires at its phase strictly after the moment it is
		// armed; one right at the release saw nothing new.
		p.check = policy.NextAtPhase(m.cal.release+1, policy.Phase(m.cfg.Seed, name, period), period)
	}
	return p
}

// outcome is what a phone's run comes to.
type outcome struct {
	first time.Duration // when it first ran the new version, or never
	path  Path
}

// simulate runs phone i through the whole run, counting into t.
func (m *model) simulate(i int, name string, t *tally) outcome {
	p := m.newPhone(i, name)
	out := outcome{first: never}
	pattern := int(p.pattern)
	for open := p.first(m.cal, pattern); open < m.cal.end; {
		left := m.session(&p, open, p.stay(), t, &out)
		open = p.next(m.cal, pattern, left)
	}
	m.checksUntil(&p, m.cal.end)
	m.noteRelease(&p)
	t.shown(&p)
	t.phones++
	if p.has(active) {
		t.active++
		if out.first != never {
			t.first[out.path][(out.first-m.cal.release)/time.Hour]++
		}
	}
	if p.has(recentAtRelease) {
		t.recentAtRelease++
		if p.has(heardInDay) {
			t.heardInDay++
		}
	}
	return out
}

// session is one open of the app at open, the user staying stay once it
// is on screen; it returns when the user left.
func (m *model) session(p *phone, open, stay time.Duration, t *tally, out *outcome) time.Duration {
	m.checksUntil(p, open)
	if open >= m.cal.release {
		m.noteRelease(p)
		p.set(active)
	}
	if p.has(alive) && open < p.lastUse+m.keep {
		// A hot start: the app shows again, nothing is checked.
		p.lastUse = open
		m.show(p, open, t)
		left := open + stay
		m.checksUntil(p, left)
		p.lastUse = left
		return left
	}
	boot, why, installed := m.coldStart(p, open)
	m.checksUntil(p, boot)
	p.clear(runningNew)
	if p.has(installedNew) {
		p.set(runningNew)
	}
	if open >= m.cal.release {
		t.count(p, open-m.cal.release, why)
	}
	if p.has(installedNew) && !p.has(ranNew) && boot < m.cal.end {
		p.set(ranNew)
		p.path = uint8(pathOf(why, installed))
		out.first, out.path = boot, Path(p.path)
	}
	m.show(p, open, t)
	p.lastUse = boot
	left := boot + stay
	m.checksUntil(p, left)
	p.lastUse = left
	p.set(alive)
	return left
}

// show notes what the phone runs at an open, for the hourly split.
func (m *model) show(p *phone, open time.Duration, t *tally) {
	if open < m.cal.release {
		return
	}
	if h := int32((open - m.cal.release) / time.Hour); h != p.hour {
		t.shown(p)
		p.hour = h
	}
	p.shown = uint8(NotYet)
	if p.has(runningNew) {
		p.shown = p.path
	}
}

// pathOf names the way a cold start that runs the new version got it:
// installed from an earlier background download, or by the synchronous
// update this start made, for the reason it made one.
func pathOf(why policy.Why, installedAtStart bool) Path {
	switch {
	case installedAtStart:
		return PathAsync
	case why == policy.WhyStale:
		return PathStale
	default:
		return PathPeriodic
	}
}

// coldStart opens the app when it is not running: the engine's
// coldStart, boot and syncUpdate on the model's state. It returns when the
// app is on screen, the rule that decided the start, and whether a
// download finished earlier was installed first.
func (m *model) coldStart(p *phone, open time.Duration) (boot time.Duration, why policy.Why, installed bool) {
	if p.pending <= open {
		p.set(installedNew)
		p.pending, installed = never, true
	}
	mode, why := policy.Decide(policy.StartInput{
		Installed:        true,
		Used:             true,
		SinceLastUse:     open - p.lastUse,
		StaleAfter:       m.settings.StaleAfter,
		PeriodicSawNewer: p.has(periodicNewer),
		BelowMinVersion:  p.has(knowsMin) && !p.has(installedNew),
	})
	check := m.checkTime[p.net]
	if mode == policy.Async {
		// The launch does not wait; the check runs beside it unless a
		// download is still under way, which the launch follows instead.
		if m.online[p.net] && p.pending == never && m.answer(p, open) {
			p.pending = open + check + m.downloadTime[p.net]
		}
		return open, why, installed
	}
	p.clear(periodicNewer)
	if !m.online[p.net] {
		// The check fails at once and the local version launches. (A
		// forced start would retry for ever, but only a check can make a
		// start forced, and an offline phone never gets an answer.)
		return open, why, installed
	}
	if !m.answer(p, open) {
		return open + check, why, installed
	}
	d := check + m.downloadTime[p.net]
	if mode == policy.Forced || d < m.settings.SyncUpdateBudget {
		p.set(installedNew)
		return open + d, why, installed
	}
	// Over the budget: the local version launches, and the download goes
	// on for the next cold start.
	p.pending = open + d
	return open + m.settings.SyncUpdateBudget, why, installed
}

// answer is the platform's answer to a version check sent at t: it says
// whether there is an update for this phone, and teaches the phone the
// minimum version.
func (m *model) answer(p *phone, t time.Duration) bool {
	if t < m.cal.release {
		return false
	}
	m.noteRelease(p)
	if m.v.MinVersion {
		p.set(knowsMin)
	}
	if !p.has(served) || p.has(installedNew) {
		p.clear(periodicNewer)
		return false
	}
	if !p.has(heardOfIt) {
		p.set(heardOfIt)
		if t+m.checkTime[p.net] <= m.cal.release+24*time.Hour {
			p.set(heardInDay)
		}
	}
	return true
}

// checksUntil runs the 24-hour checks whose answers arrive before until:
// each asks about the app if it was used within 7 days.
func (m *model) checksUntil(p *phone, until time.Duration) {
	d := m.checkTime[p.net]
	for p.check <= until-d {
		at := p.check
		p.check += m.settings.PeriodicCheckEvery
		if policy.RecentlyUsed(true, p.lastUse, at, m.settings.RecentUse) && m.answer(p, at) {
			p.set(periodicNewer)
		}
	}
}

// noteRelease decides, at the first moment on or after the release the
// simulation reaches, whether the phone had used the app within 7 days.
func (m *model) noteRelease(p *phone) {
	if !p.has(sawRelease) {
		p.set(sawRelease)
		if policy.RecentlyUsed(true, p.lastUse, m.cal.release, m.settings.RecentUse) {
			p.set(recentAtRelease)
		}
	}
}

// tally is what a worker counts for one variant.
type tally struct {
	phones, active int64
	// hourly[class][h]: phones that opened the app during hour h after the
	// release, by what they ran: the new version by each path, or NotYet.
	hourly [numPaths + 1][]int64
	// first[path][h]: active phones that first ran the new version
	// during hour h after the release, by path.
	first [numPaths][]int64
	// Cold starts since the release; those after more than 7 days away,
	// and how many of them ran the new version.
	cold, coldStale, coldStaleNew int64
	// Phones with a cold start from hour 24 on, and how many of them ran
	// the new version at the first of those.
	late, lateNew int64
	// Phones that had used the app within 7 days before the release, and
	// how many of them heard of the new version within 24 hours.
	recentAtRelease, heardInDay int64
}

func newTally(hours int) *tally {
	t := &tally{}
	for i := range t.first {
		t.first[i] = make([]int64, hours)
	}
	for i := range t.hourly {
		t.hourly[i] = make([]int64, hours)
	}
	return t
}

// shown counts the phone in the hour of its latest open, if it has one
// since the release still uncounted.
func (t *tally) shown(p *phone) {
	if p.hour >= 0 {
		t.hourly[p.shown][p.hour]++
		p.hour = -1
	}
}

// count records a cold start since, after the release, that the rule
// why decided.
func (t *tally) count(p *phone, since time.Duration, why policy.Why) {
	n := int64(0)
	if p.has(installedNew) {
		n = 1
	}
	t.cold++
	if since >= 24*time.Hour && !p.has(lateSeen) {
		p.set(lateSeen)
		t.late++
		t.lateNew += n
	}
	if why == policy.WhyStale {
		t.coldStale++
		t.coldStaleNew += n
	}
}

func (t *tally) add(o *tally) {
	t.phones += o.phones
	t.active += o.active
	for p := range t.first {
		for h, n := range o.first[p] {
			t.first[p][h] += n
		}
	}
	for c := range t.hourly {
		for h, n := range o.hourly[c] {
			t.hourly[c][h] += n
		}
	}
	t.cold += o.cold
	t.late += o.late
	t.lateNew += o.lateNew
	t.coldStale += o.coldStale
	t.coldStaleNew += o.coldStaleNew
	t.recentAtRelease += o.recentAtRelease
	t.heardInDay += o.heardInDay
}
