package engine

import (
	"fmt"
	"slices"
	"time"

	"miniphone/engine/netsim"
	"miniphone/engine/policy"
	"miniphone/engine/vclock"
)

// phaseTimer is a recurring background job of the client: the 24-hour
// check of recently used apps (client 6.6.3 and later), the hourly
// background-fetch wake. It runs at a phase fixed per phone by the world's
// seed, so a fleet's jobs spread the same way every run, and it is armed
// only while some app was used within 7 days, so an idle phone has no
// events at all.
type phaseTimer struct {
	p       *Phone
	ev      *vclock.Event
	every   time.Duration
	phase   time.Duration    // within every
	enabled func() bool      // does this client run the job at all
	job     func(*appRecord) // for each recently used app
}

func (p *Phone) newPhaseTimer(every time.Duration, enabled func() bool, job func(*appRecord)) *phaseTimer {
	// Every job of a phone shares the phase hash, so a phone does its
	// background work together, as a client batching its wake-ups. The
	// seed, the name and the period never change: the phase is hashed once,
	// not at every arming.
	phase := policy.Phase(p.w.seed, p.name, every)
	return &phaseTimer{p: p, every: every, phase: phase, enabled: enabled, job: job}
}

func (t *phaseTimer) arm() {
	p := t.p
	if t.ev.Pending() || !t.enabled() || !slices.ContainsFunc(p.w.apps, p.usedRecently) {
		return
	}
	t.ev = p.w.clock.At(policy.NextAtPhase(p.w.clock.Now()+1, t.phase, t.every), t.fire)
}

func (t *phaseTimer) fire() {
	t.ev = nil
	for _, r := range t.p.recentlyUsed() {
		t.job(r)
	}
	t.arm()
}

// in is how long until the job runs next, if it is armed.
func (t *phaseTimer) in() (time.Duration, bool) {
	if !t.ev.Pending() {
		return 0, false
	}
	return t.ev.At() - t.p.w.clock.Now(), true
}

func (p *Phone) newPeriodicCheck() *phaseTimer {
	return p.newPhaseTimer(p.w.settings.PeriodicCheckEvery,
		func() bool { return policy.ChecksPeriodically(p.client) },
		func(r *appRecord) {
			if r.installed != nil {
				r.backgroundCheck("periodic-check")
			}
		})
}

func (p *Phone) recentlyUsed() []*appRecord {
	var out []*appRecord
	for _, id := range p.w.apps {
		if p.usedRecently(id) {
			out = append(out, p.apps[id])
		}
	}
	return out
}

// usedRecently reports whether the app was used within the recent-use
// window: whether the phone's background jobs look at it.
func (p *Phone) usedRecently(appid string) bool {
	r := p.apps[appid]
	return r != nil && policy.RecentlyUsed(r.used, r.lastUse, p.w.clock.Now(), p.w.settings.RecentUse)
}

// backgroundCheck asks the platform about the app without downloading:
// what it learns (minimums, a newer version) shapes the next cold start.
// kind names the occasion in the transcript.
func (r *appRecord) backgroundCheck(kind string) {
	r.ask(r.checkPath(), &resume{kind: resumeBackgroundCheck, label: kind})
}

func (r *appRecord) backgroundChecked(kind string, res netsim.Result) {
	info, err := decodeCheck(res)
	if err != nil {
		r.log(kind, "failed: "+err.Error())
		return
	}
	r.learn(info)
	if info.HasUpdate {
		r.periodicNewer = info.Version
		r.log(kind, fmt.Sprintf("found %s: the next cold start updates first", info.Version))
		return
	}
	r.log(kind, "up to date")
}
