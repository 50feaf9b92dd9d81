package engine

import (
	"fmt"
	"time"

	"miniphone/engine/netsim"
	"miniphone/engine/policy"
	"miniphone/engine/vclock"
)

// periodicTimer is the client's 24-hour check of recently used apps (client
// 6.6.3 and later), at a phase of the day fixed per phone by the world's
// seed. It is armed only while some app was used within 7 days, so an idle
// phone has no events at all.
type periodicTimer struct {
	p  *Phone
	ev *vclock.Event
}

func (t *periodicTimer) arm() {
	p := t.p
	if t.ev.Pending() || !policy.ChecksPeriodically(p.client) || len(p.recentlyUsed()) == 0 {
		return
	}
	w := p.w
	every := w.settings.PeriodicCheckEvery
	phase := policy.Phase(w.seed, p.name, every)
	t.ev = w.clock.At(policy.NextAtPhase(w.clock.Now()+1, phase, every), t.fire)
}

func (t *periodicTimer) fire() {
	t.ev = nil
	for _, r := range t.p.recentlyUsed() {
		if r.installed != nil {
			r.periodicCheck()
		}
	}
	t.arm()
}

// next is when the periodic check runs next, if it is armed.
func (t *periodicTimer) next() (time.Duration, bool) {
	if !t.ev.Pending() {
		return 0, false
	}
	return t.ev.At(), true
}

func (p *Phone) recentlyUsed() []*appRecord {
	var out []*appRecord
	now := p.w.clock.Now()
	for _, id := range p.w.apps {
		r := p.apps[id]
		if r != nil && policy.RecentlyUsed(r.used, r.lastUse, now, p.w.settings.RecentUse) {
			out = append(out, r)
		}
	}
	return out
}

func (r *appRecord) periodicCheck() {
	r.request(r.checkPath(), func(res netsim.Result) {
		info, err := decodeCheck(res)
		if err != nil {
			r.log("periodic-check", "failed: "+err.Error())
			return
		}
		r.learn(info)
		if info.HasUpdate {
			r.periodicNewer = info.Version
			r.log("periodic-check", fmt.Sprintf("found %s: the next cold start updates first", info.Version))
			return
		}
		r.log("periodic-check", "up to date")
	})
}
