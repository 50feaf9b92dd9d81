package engine

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"

	"miniphone/engine/netsim"
	"miniphone/engine/policy"
	"miniphone/engine/semver"
	"miniphone/engine/vclock"
	"miniphone/protocol"
)

// flightKind is a step of an update: the version check answered, the new
// package is ready, or the update failed.
type flightKind int

const (
	checked flightKind = iota
	ready
	failed
)

type flightEvent struct {
	kind      flightKind
	hasUpdate bool
	version   string
	err       error
}

// flight is one update of one app on one phone: (1) ask the platform for
// the version info, (2) download the package from the CDN, verify, and keep
// it as pending. Observers see every step, including those that happened
// before they came.
type flight struct {
	r         *appRecord
	history   []flightEvent
	watchers  []func(flightEvent)
	progress  *Progress
	simulated string // "update" or "fail": no platform involved
	// due is the flight's next answer from the network (the check's, a
	// chunk's), so that the header can say something is coming.
	due *vclock.Event
}

func (f *flight) watch(fn func(flightEvent)) {
	for _, ev := range f.history {
		fn(ev)
	}
	f.watchers = append(f.watchers, fn)
}

func (f *flight) emit(ev flightEvent) {
	f.history = append(f.history, ev)
	if ev.kind != checked || !ev.hasUpdate {
		f.progress = nil
		if f.r.flight == f {
			f.r.flight = nil
		}
	}
	for _, fn := range f.watchers {
		fn(ev)
	}
}

func (f *flight) fail(err error) {
	f.r.log("update.failed", err.Error())
	f.emit(flightEvent{kind: failed, err: err})
}

// startFlight begins an update in the background of the phone.
func (r *appRecord) startFlight() *flight {
	f := &flight{r: r, simulated: r.simulate}
	r.simulate = ""
	r.flight = f
	if f.simulated != "" {
		r.simulateFlight(f)
		return f
	}
	r.check(f)
	return f
}

// request sends a GET over the phone's network and delivers the result at
// the virtual moment it would have arrived.
func (r *appRecord) request(target string, deliver func(netsim.Result)) *vclock.Event {
	w := r.p.w
	res := w.link.Get(r.p.network, w.server+target)
	return w.clock.After(res.Duration, func() { deliver(res) })
}

// ask is request for the phone's own work, rather than a mini-program's:
// what to do with the answer is data (t), so that a saved world can
// schedule it again.
func (r *appRecord) ask(target string, t *resume) *vclock.Event {
	w := r.p.w
	t.r = r
	t.res = w.link.Get(r.p.network, w.server+target)
	return w.clock.Tagged(w.clock.Now()+max(t.res.Duration, 0), t, t.run)
}

func (r *appRecord) check(f *flight) {
	r.log("update.check", "")
	f.due = r.ask(r.checkPath(), &resume{kind: resumeCheck, f: f})
}

// checked is step (1) answered.
func (r *appRecord) checked(f *flight, res netsim.Result) {
	info, err := decodeCheck(res)
	if err != nil {
		f.fail(fmt.Errorf("version check: %w", err))
		return
	}
	r.learn(info)
	r.log("update.checked", fmt.Sprintf("hasUpdate=%t version=%s", info.HasUpdate, info.Version))
	if info.BaseTooLow {
		r.closeForBase(f)
		return
	}
	f.emit(flightEvent{kind: checked, hasUpdate: info.HasUpdate, version: info.Version})
	if info.HasUpdate {
		r.download(f, info)
	}
}

// checkPath asks the platform which version this phone should run. Every
// check of every phone writes one, so it is written as url.Values.Encode
// would, names in order, without building the map.
func (r *appRecord) checkPath() string {
	path := "/check?appid=" + url.QueryEscape(r.appid) +
		"&base=" + url.QueryEscape(r.p.base.String()) +
		"&client=" + url.QueryEscape(r.p.client.String()) +
		"&user=" + url.QueryEscape(r.p.user)
	if r.installed != nil {
		path += "&version=" + url.QueryEscape(r.installed.version)
	}
	return path
}

// closeForBase stops an app the platform says this phone's base library is
// too old for: a start in progress is abandoned, a running app closed.
func (r *appRecord) closeForBase(f *flight) {
	if r.p.launching == r {
		r.p.endLaunch()
	}
	if r.inst != nil {
		r.destroy("base library below the minimum")
	}
	f.fail(fmt.Errorf("base library %s is below the minimum %s", r.p.base, r.known.minBase))
	r.refuseBase()
}

func decodeCheck(res netsim.Result) (protocol.CheckResponse, error) {
	var info protocol.CheckResponse
	if err := resultError(res); err != nil {
		return info, err
	}
	if err := json.Unmarshal(res.Body, &info); err != nil {
		return info, fmt.Errorf("malformed answer: %w", err)
	}
	if _, err := semver.Parse(info.Version); err != nil {
		return info, fmt.Errorf("malformed answer: %w", err)
	}
	return info, nil
}

// resultError turns a failed request or an error status into an error.
func resultError(res netsim.Result) error {
	if res.Err != nil {
		return res.Err
	}
	if res.Status != 200 {
		var body struct{ Error string }
		if json.Unmarshal(res.Body, &body) == nil && body.Error != "" {
			return fmt.Errorf("HTTP %d: %s", res.Status, body.Error)
		}
		return fmt.Errorf("HTTP %d", res.Status)
	}
	return nil
}

// learn keeps what the platform said about the app for later cold starts.
func (r *appRecord) learn(info protocol.CheckResponse) {
	r.known.preferLocal = info.PreferLocal
	r.fetch.routes.hear(info.FetchTag)
	r.known.minBase, _ = semver.Parse(info.MinBase)
	r.known.minVersion, _ = semver.Parse(info.MinVersion)
	if !info.HasUpdate {
		r.periodicNewer = ""
	}
}

// simulateFlight is the developer tools' "simulate an update on the next
// launch": the check says there is an update and the "new" package is the
// one installed, or the download fails.
func (r *appRecord) simulateFlight(f *flight) {
	r.log("update.check", "simulated")
	rtt := r.p.network.RTT
	f.due = r.p.w.clock.After(rtt, func() {
		r.log("update.checked", "hasUpdate=true (simulated)")
		f.emit(flightEvent{kind: checked, hasUpdate: true, version: r.installed.version})
		f.due = r.p.w.clock.After(rtt, func() {
			if f.simulated == "fail" {
				f.fail(errors.New("simulated update failure"))
				return
			}
			r.pending = r.installed
			r.log("update.ready", r.installed.version+" (simulated)")
			f.emit(flightEvent{kind: ready, version: r.installed.version})
		})
	})
}

// syncUpdate is a cold start that updates before it launches: on the first
// install, after 7 days unused, after the periodic check found a version,
// or below the minimum version.
func (r *appRecord) syncUpdate(mode policy.Start, opts LaunchOptions) {
	w := r.p.w
	f := r.flight
	if f == nil {
		f = r.startFlight()
	}
	r.periodicNewer = ""
	// current tells this attempt's closures whether they still speak for
	// the start on screen: the user may have left the splash and opened
	// the app again since.
	gen := r.p.launchGen
	current := func() bool { return r.p.launching == r && r.p.launchGen == gen }
	settled := false
	launch := func(via *flight) {
		if settled || !current() {
			return
		}
		settled = true
		r.boot(opts, via)
	}
	if mode == policy.Sync {
		w.clock.After(w.settings.SyncUpdateBudget, func() {
			if !settled && current() {
				r.log("update.sync", "over the "+w.settings.SyncUpdateBudget.String()+" budget: launching the local version")
				launch(f)
			}
		})
	}
	f.watch(func(ev flightEvent) {
		if settled || !current() {
			return
		}
		switch {
		case ev.kind == ready || (ev.kind == checked && !ev.hasUpdate):
			if ev.kind == ready {
				r.installPending()
			}
			launch(upToDate(r))
		case ev.kind == failed && mode == policy.Sync:
			launch(f)
		case ev.kind == failed && mode == policy.Install:
			settled = true
			r.p.endLaunch()
			r.log("launch-failed", "could not download the package: "+ev.err.Error())
			r.p.showSystemModal(ModalView{Title: "提示", Content: "小程序加载失败,请检查网络后重试", ConfirmText: "确定"})
		case ev.kind == failed:
			settled = true
			r.retrySync(mode, opts, current)
		}
	})
}

// retrySync tries a forced update again: the local version is below the
// minimum and may not run.
func (r *appRecord) retrySync(mode policy.Start, opts LaunchOptions, current func() bool) {
	w := r.p.w
	r.p.retrying = true
	r.log("update.sync", "failed: retrying in "+w.settings.SyncRetryEvery.String())
	w.clock.After(w.settings.SyncRetryEvery, func() {
		if current() {
			r.syncUpdate(mode, opts)
		}
	})
}

// upToDate is a finished check that found nothing newer: what the update
// manager of an app that has just updated synchronously reports.
func upToDate(r *appRecord) *flight {
	f := &flight{r: r}
	f.history = []flightEvent{{kind: checked, hasUpdate: false, version: r.installed.version}}
	return f
}

// SimulateUpdate arms the developer tools' switch for the next cold start:
// an update that succeeds, or fails when fail is set.
func (p *Phone) SimulateUpdate(appid string, fail bool) error {
	r, err := p.app(appid)
	if err != nil {
		return err
	}
	if r.installed == nil {
		return fmt.Errorf("%s has never been launched on %s: nothing to update", appid, p.name)
	}
	r.simulate = "update"
	if fail {
		r.simulate = "fail"
	}
	r.log("simulate-update", r.simulate)
	return nil
}
