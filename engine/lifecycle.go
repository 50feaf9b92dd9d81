package engine

import (
	"fmt"
	"net/url"
	"sort"
	"strings"
	"sync"
	"time"

	"miniphone/engine/jsrt"
	"miniphone/engine/miniapp"
	"miniphone/engine/policy"
	"miniphone/engine/semver"
	"miniphone/engine/vclock"
)

// State is where a mini-program is in its lifecycle on one phone.
type State int

const (
	NotRunning State = iota
	Foreground
	Background
	Suspended
	Destroyed
)

var stateNames = [...]string{"not-running", "foreground", "background", "suspended", "destroyed"}

func (s State) String() string { return stateNames[s] }

// ParseState reads a state as the scenario files write it.
func ParseState(s string) (State, error) {
	for i, n := range stateNames {
		if n == s {
			return State(i), nil
		}
	}
	return 0, fmt.Errorf("unknown state %q (want %s)", s, strings.Join(stateNames[:], ", "))
}

// LaunchOptions are how an app is opened: page path, query and scene.
type LaunchOptions struct {
	Path  string // page route; empty: the first page of app.json
	Query map[string]string
	Scene int // 1001 (the home screen's list) by default

	exitState *jsrt.ExitState // for the first page: see restartPage
}

// ParseQuery reads "a=1&b=2" into a query map.
func ParseQuery(q string) (map[string]string, error) {
	vals, err := url.ParseQuery(q)
	if err != nil {
		return nil, fmt.Errorf("query %q: %w", q, err)
	}
	out := map[string]string{}
	for k, v := range vals {
		out[k] = v[0]
	}
	return out, nil
}

// EncodeQuery writes a query map with its keys sorted.
func EncodeQuery(q map[string]string) string {
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = url.QueryEscape(k) + "=" + url.QueryEscape(q[k])
	}
	return strings.Join(parts, "&")
}

// pkg is a verified, loaded code package.
type pkg struct {
	version string
	digest  string
	project *miniapp.Project

	tabsOnce sync.Once
	tabs     []string // app.json's tabBar pages; see tabPages
}

// appRecord is everything one phone keeps about one mini-program.
type appRecord struct {
	p       *Phone
	appid   string
	state   State
	inst    *instance
	storage map[string]string // wx storage, JSON-encoded values

	installed *pkg // the working version; replaced only at a cold start
	pending   *pkg // downloaded and verified, used from the next cold start
	flight    *flight

	used    bool
	lastUse time.Duration
	known   platformInfo // what the last version check said
	// periodicNewer is the version the 24-hour check found; the next cold
	// start updates synchronously.
	periodicNewer string
	simulate      string // "update" or "fail": the developer-tools switch

	suspendEv, destroyEv *vclock.Event
	restarts             momentBudget
	fetch                fetchState
	account              account
	exit                 *exitRecord // where the user last left the app
}

// platformInfo is what a version check taught the phone about an app.
type platformInfo struct {
	minBase     semver.Version
	minVersion  semver.Version
	preferLocal bool
}

func (r *appRecord) log(kind, detail string) { r.p.log(r.appid, kind, detail) }

func (r *appRecord) launchVersion() string {
	if r.inst != nil {
		return r.inst.pkg.version
	}
	if r.pending != nil {
		return r.pending.version
	}
	if r.installed != nil {
		return r.installed.version
	}
	return ""
}

// Launch opens an app: a hot start if it is running, else a cold start.
func (p *Phone) Launch(appid string, opts LaunchOptions) error {
	r, err := p.app(appid)
	if err != nil {
		return err
	}
	if p.launching != nil {
		return fmt.Errorf("%s is still starting on %s", p.launching.appid, p.name)
	}
	if p.system != nil {
		return fmt.Errorf("a modal is open on %s: answer it first", p.name)
	}
	if opts.Scene == 0 {
		opts.Scene = 1001
	}
	if p.foreground == r {
		return nil
	}
	if p.foreground != nil {
		p.foreground.toBackground("switched to " + appid)
	}
	if r.inst != nil {
		r.hotStart(opts)
		return nil
	}
	r.coldStart(opts)
	return nil
}

// Starting reports whether a cold start is waiting for its synchronous
// update.
func (p *Phone) Starting() bool { return p.launching != nil }

// Retrying reports whether the cold start under way is retrying a forced
// update that failed: it will go on until the platform or network heals.
func (p *Phone) Retrying() bool { return p.launching != nil && p.retrying }

// belowMinVersion: the installed version is older than the platform's
// minimum usable version, as of the last check.
func (r *appRecord) belowMinVersion() bool {
	if r.installed == nil || r.known.minVersion.IsZero() {
		return false
	}
	v, err := semver.Parse(r.installed.version)
	return err == nil && v.Less(r.known.minVersion)
}

func (r *appRecord) hotStart(opts LaunchOptions) {
	r.cancelTimers()
	wasSuspended := r.state == Suspended
	r.state = Foreground
	r.p.foreground = r
	r.touch()
	path := r.inst.route()
	if opts.Path != "" {
		path = opts.Path
	}
	r.log("hot-start", fmt.Sprintf("path=%s scene=%d", path, opts.Scene))
	if wasSuspended {
		r.inst.resumeTimers()
	}
	// The app is shown first; what happened while it slept then reaches
	// it in order.
	r.inst.show(opts)
	if wasSuspended {
		r.inst.runQueued()
	}
}

func (r *appRecord) coldStart(opts LaunchOptions) {
	p := r.p
	if r.pending != nil {
		r.installPending()
	}
	if r.refuseBase() {
		// The refusal comes from what the phone last heard; the platform
		// may have lowered its minimum since, so ask again for next time.
		r.backgroundCheck("base-check")
		return
	}
	mode, why := policy.StartMode(policy.StartInput{
		Installed:        r.installed != nil,
		Used:             r.used,
		SinceLastUse:     p.w.clock.Now() - r.lastUse,
		StaleAfter:       p.w.settings.StaleAfter,
		PeriodicSawNewer: r.periodicNewer != "",
		BelowMinVersion:  r.belowMinVersion(),
		PreferLocal:      r.known.preferLocal,
		SimulateUpdate:   r.simulate != "",
	})
	r.log("cold-start", fmt.Sprintf("update=%s (%s)", mode, why))
	opts = r.restartPage(opts)
	r.prefetch(opts)
	if mode == policy.Async {
		r.boot(opts, nil)
		return
	}
	p.launching, p.retrying = r, false
	p.launchGen++
	r.syncUpdate(mode, opts)
}

func (r *appRecord) installPending() {
	from := "none"
	if r.installed != nil {
		from = r.installed.version
	}
	r.installed, r.pending = r.pending, nil
	r.log("install", fmt.Sprintf("%s -> %s", from, r.installed.version))
}

// refuseBase shows WeChat's refusal when the phone's base library is below
// the app's minimum, and reports whether it did.
func (r *appRecord) refuseBase() bool {
	if policy.CanOpen(r.p.base, r.known.minBase) {
		return false
	}
	r.log("open-refused", fmt.Sprintf("base library %s is below the minimum %s", r.p.base, r.known.minBase))
	r.p.showSystemModal(ModalView{
		Title:       "提示",
		Content:     "当前微信版本过低,无法打开该小程序,请升级到最新微信版本后重试。",
		ConfirmText: "确定",
	})
	return true
}

// boot loads the installed package and runs it up to the first page. sync
// is the synchronous update this cold start already went through, if any.
func (r *appRecord) boot(opts LaunchOptions, sync *flight) {
	p := r.p
	p.endLaunch()
	if r.installed == nil {
		r.log("launch-failed", "no package on the phone")
		p.showSystemModal(ModalView{Title: "提示", Content: "网络连接失败,请稍后重试", ConfirmText: "确定"})
		return
	}
	r.touch()
	inst := newInstance(r, r.installed, opts)
	r.inst, r.state, p.foreground = inst, Foreground, r
	r.log("launch", fmt.Sprintf("version=%s path=%s scene=%d", r.installed.version, inst.startRoute(), opts.Scene))
	switch {
	case sync != nil:
		inst.manager.follow(sync)
	case r.flight != nil && r.simulate == "":
		inst.manager.follow(r.flight)
	default:
		inst.manager.follow(r.startFlight())
	}
	if !inst.start() {
		if inst.alive {
			r.destroy("the app failed to start")
		}
		return
	}
	p.periodic.arm()
	p.fetcher.arm()
}

// touch records a use of the app now.
func (r *appRecord) touch() {
	r.used, r.lastUse = true, r.p.w.clock.Now()
}

func (r *appRecord) toBackground(why string) {
	r.state = Background
	r.touch()
	if r.p.foreground == r {
		r.p.foreground = nil
	}
	r.log("background", why)
	r.inst.hide()
	r.exit = r.inst.saveExit()
	w := r.p.w
	r.suspendEv = w.clock.After(w.settings.SuspendAfter, func() {
		r.state = Suspended
		r.inst.pause()
		r.log("suspended", "after "+w.settings.SuspendAfter.String()+" in background")
		r.destroyEv = w.clock.After(w.settings.DestroyAfter, func() {
			r.destroy("suspended for " + policy.Round(w.settings.DestroyAfter))
		})
	})
}

func (r *appRecord) cancelTimers() {
	r.p.w.clock.Cancel(r.suspendEv)
	r.p.w.clock.Cancel(r.destroyEv)
	r.suspendEv, r.destroyEv = nil, nil
}

func (r *appRecord) destroy(reason string) {
	r.cancelTimers()
	if r.inst != nil {
		r.inst.stop()
	}
	r.inst = nil
	r.state = Destroyed
	if r.p.foreground == r {
		r.p.foreground = nil
	}
	r.log("destroyed", reason)
}

// restart is applyUpdate and wx.restartMiniProgram: the app is destroyed
// and cold-started on the newest package the phone has, as a task of its
// own (the current callback finishes in the runtime being thrown away). An
// app no longer in the foreground (the user left, or another app is
// starting) only closes: its next cold start runs the new version.
func (r *appRecord) restart(inst *instance, reason string, opts LaunchOptions) {
	w := r.p.w
	// An app that restarts itself from onLaunch would otherwise stop the
	// clock: past a few restarts at one moment, each waits.
	delay := r.restarts.delay(w.clock.Now(), maxRestartsPerInstant, w.settings.RestartDelay)
	w.clock.After(delay, func() {
		if r.inst != inst {
			return
		}
		foreground := r.p.foreground == r && r.p.launching == nil
		r.destroy(reason)
		if !foreground {
			r.log("restart-deferred", "not in the foreground: the next cold start runs the newest version")
			return
		}
		r.coldStart(opts)
	})
}

// maxRestartsPerInstant is how many restarts an app may make at one moment
// of the virtual clock before each further one waits Settings.RestartDelay.
const maxRestartsPerInstant = 3
