package engine

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"miniphone/engine/netsim"
	"miniphone/engine/semver"
)

// Latest versions a phone has unless told otherwise.
const (
	LatestClient = "8.0.50"
	LatestBase   = "3.6.0"
)

// PhoneConfig describes a phone. Empty fields take the defaults: user = the
// name, the latest client and base library, wifi.
type PhoneConfig struct {
	Name    string
	User    string
	Client  string
	Base    string
	Network string
	OS      string // android (the default) or ios
}

// Phone is one emulated phone with its WeChat client.
type Phone struct {
	w       *World
	name    string
	user    string
	client  semver.Version
	base    semver.Version
	network netsim.Profile
	os      string // android or ios

	apps       map[string]*appRecord
	foreground *appRecord // nil: the home screen (or a splash, see launching)
	launching  *appRecord // a cold start waiting for its synchronous update
	retrying   bool       // ... that failed and retries (forced update)
	launchGen  int        // counts cold starts that waited, to tell stale callbacks
	system     *modal     // a modal of WeChat itself
	warnings   []time.Duration
	periodic   *phaseTimer // the 24-hour update check
	fetcher    *phaseTimer // the hourly background-fetch wake
	clipboard  string      // shared by every app, as the phone's is
}

func newPhone(w *World, cfg PhoneConfig) (*Phone, error) {
	p := &Phone{w: w, name: cfg.Name, apps: map[string]*appRecord{}}
	p.periodic = p.newPeriodicCheck()
	p.fetcher = p.newFetchWake()
	if err := p.Configure(cfg); err != nil {
		return nil, err
	}
	return p, nil
}

// oneWord refuses a name with spaces or quotes: names are words of the
// transcript's lines and of scenario steps (phone NAME user U), which a
// space would split.
func oneWord(what, name string) error {
	if strings.ContainsAny(name, " \t\n\"'") {
		return fmt.Errorf("%s %q: one word, without spaces or quotes", what, name)
	}
	return nil
}

// Configure changes the phone's user, versions, network or OS; empty
// fields keep their value (or take the default on a new phone). Nothing
// changes when any field is invalid, and the error names every one.
func (p *Phone) Configure(cfg PhoneConfig) error {
	user, network := p.user, p.network
	if cfg.User != "" {
		user = cfg.User
	} else if user == "" {
		user = cfg.Name
	}
	client, errClient := pickVersion("client", cfg.Client, p.client, LatestClient)
	base, errBase := pickVersion("base library", cfg.Base, p.base, LatestBase)
	osName, errOS := pickOS(cfg.OS, p.os)
	var errNetwork error
	if cfg.Network != "" {
		network, errNetwork = netsim.Lookup(cfg.Network)
	} else if network.Name == "" {
		network, _ = netsim.Lookup("wifi")
	}
	if err := errors.Join(oneWord("user", cfg.User), errClient, errBase, errNetwork, errOS); err != nil {
		return err
	}
	p.user, p.client, p.base, p.os = user, client, base, osName
	if network != p.network {
		changed := p.network.Name != ""
		p.network = network
		if changed {
			p.log("-", "network", network.Name)
			for _, r := range p.running() {
				r.inst.networkChanged()
			}
		}
	}
	return nil
}

func pickVersion(what, given string, current semver.Version, latest string) (semver.Version, error) {
	switch {
	case given != "":
		v, err := semver.Parse(given)
		if err != nil {
			return current, fmt.Errorf("%s: %w", what, err)
		}
		return v, nil
	case current.IsZero():
		return semver.MustParse(latest), nil
	default:
		return current, nil
	}
}

// Name is the phone's name.
func (p *Phone) Name() string { return p.name }

// User is the WeChat user on the phone.
func (p *Phone) User() string { return p.user }

// SetNetwork switches the phone's network profile.
func (p *Phone) SetNetwork(name string) error {
	return p.Configure(PhoneConfig{Network: name})
}

func (p *Phone) log(appid, kind, detail string) {
	p.w.Record(p.name, appid, kind, detail)
}

// record returns the phone's record of an app, creating it on first use.
func (p *Phone) record(appid string) *appRecord {
	r, ok := p.apps[appid]
	if !ok {
		r = &appRecord{p: p, appid: appid, storage: map[string]string{}}
		p.apps[appid] = r
	}
	return r
}

func (p *Phone) app(appid string) (*appRecord, error) {
	r, ok := p.apps[appid]
	if !ok {
		return nil, fmt.Errorf("no mini-program %q on phone %s", appid, p.name)
	}
	return r, nil
}

// MemoryWarning delivers a low-memory warning to every running app; the
// second one within the window destroys them.
func (p *Phone) MemoryWarning() {
	now := p.w.clock.Now()
	p.log("-", "memory-warning", "")
	kept := p.warnings[:0]
	for _, t := range p.warnings {
		if now-t < p.w.settings.MemoryWarningWindow {
			kept = append(kept, t)
		}
	}
	p.warnings = append(kept, now)
	for _, r := range p.running() {
		r.inst.memoryWarning()
	}
	if len(p.warnings) >= 2 {
		p.warnings = p.warnings[:0]
		killed := p.running()
		for _, r := range killed {
			r.destroy(p.memoryKillReason())
		}
		if p.os == IOS && len(killed) > 0 && p.system == nil {
			p.showSystemModal(ModalView{Title: "提示", Content: OutOfMemoryText, ConfirmText: "确定"})
		}
	}
}

// running lists the apps with a live instance, in registration order.
func (p *Phone) running() []*appRecord {
	var out []*appRecord
	for _, id := range p.w.apps {
		if r := p.apps[id]; r != nil && r.inst != nil {
			out = append(out, r)
		}
	}
	return out
}

// Home leaves the foreground app for the home screen; a cold start still
// waiting for its update is abandoned.
func (p *Phone) Home() {
	if p.launching != nil {
		p.launching.log("launch-abandoned", "the user left the splash screen")
		p.endLaunch()
	}
	if p.foreground != nil {
		p.foreground.toBackground("home")
	}
}

func (p *Phone) endLaunch() {
	p.launching, p.retrying = nil, false
}

// Kill destroys an app, as the user swiping it away.
func (p *Phone) Kill(appid string) error {
	r, err := p.app(appid)
	if err != nil {
		return err
	}
	if r.inst == nil {
		return fmt.Errorf("%s is not running on %s", appid, p.name)
	}
	r.destroy("killed by the user")
	return nil
}

// Answer answers the open modal: the system's, else the foreground app's.
func (p *Phone) Answer(confirm bool) error {
	if p.system != nil {
		m := p.system
		p.system = nil
		m.answer(p, "-", confirm)
		return nil
	}
	if p.foreground != nil && p.foreground.inst.topModal() != nil {
		return p.foreground.inst.answerModal(confirm)
	}
	// With no modal, confirm is the keyboard's enter on the input typed
	// into last.
	if confirm && p.foreground != nil && p.foreground.inst.focusedInput() {
		return p.ConfirmInput(Target{})
	}
	return fmt.Errorf("no modal is open on %s", p.name)
}

// Choose answers the open action sheet with its item'th item (from 0).
func (p *Phone) Choose(item int) error {
	if p.system != nil || p.foreground == nil {
		return fmt.Errorf("no action sheet is open on %s", p.name)
	}
	return p.foreground.inst.chooseItem(item)
}

// Tap taps the first tappable element whose text contains label on the
// foreground page, or, while an action sheet is open, its item labelled
// label.
func (p *Phone) Tap(label string) error { return p.TapNth(label, 1) }

// TapNth is Tap of the nth (from 1) element whose text contains label.
func (p *Phone) TapNth(label string, nth int) error {
	return p.tapWith(func(inst *instance) error {
		return inst.tap(Target{Text: strings.TrimSpace(label), Nth: nth})
	}, label)
}

// tapWith taps on the foreground page through tap, or, while an action
// sheet is open, chooses its item labelled label.
func (p *Phone) tapWith(tap func(*instance) error, label string) error {
	if p.foreground == nil {
		return fmt.Errorf("no page is open on %s", p.name)
	}
	inst := p.foreground.inst
	if m := inst.topModal(); m != nil {
		if !m.sheet() {
			return fmt.Errorf("a modal is open on %s: answer it first", p.name)
		}
		i := slices.Index(m.view.Items, strings.TrimSpace(label))
		if i < 0 {
			return fmt.Errorf("the action sheet has no item %q (it has %q)", label, m.view.Items)
		}
		return inst.chooseItem(i)
	}
	return tap(inst)
}

// OpenModal reports the modal a user would see, if any.
func (p *Phone) OpenModal() *ModalView {
	if m := p.systemModal(); m != nil {
		return m
	}
	if p.foreground != nil {
		if m := p.foreground.inst.topModal(); m != nil {
			v := m.view
			return &v
		}
	}
	return nil
}

// State is where an app is in its lifecycle on this phone.
func (p *Phone) State(appid string) (State, error) {
	r, err := p.app(appid)
	if err != nil {
		return 0, err
	}
	return r.state, nil
}

// Version is the version the app runs, or would launch if not running.
func (p *Phone) Version(appid string) (string, error) {
	r, err := p.app(appid)
	if err != nil {
		return "", err
	}
	return r.launchVersion(), nil
}
