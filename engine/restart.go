package engine

import (
	"fmt"
	"maps"
	"slices"
	"time"

	"miniphone/engine/jsrt"
	"miniphone/engine/policy"
	"miniphone/engine/semver"
)

// The restart strategies of app.json's window and a page's json.
const (
	restartHome       = "homePage"
	restartLatestPage = "homePageAndLatestPage"
)

// restartBase is the first base library that knows restartStrategy and
// onSaveExitState.
var restartBase = semver.MustParse("2.8.0")

// exitRecord is where the user left an app: what a cold start without a
// path may reopen.
type exitRecord struct {
	route    string
	query    map[string]string
	strategy string
	state    *jsrt.ExitState // nil: the page saved nothing
	leftMs   int64           // the phone's clock when the user left, in ms
}

// saveExit asks the top page for its exit state as the app goes to the
// background, where it may be destroyed.
func (inst *instance) saveExit() *exitRecord {
	top := inst.top()
	if top == nil || !inst.r.p.base.AtLeast(restartBase) {
		return nil
	}
	e := &exitRecord{route: top.Route, query: maps.Clone(top.Query), strategy: inst.restartStrategy(top.Route),
		leftMs: inst.r.p.w.Now().UnixMilli()}
	if top.Has("onSaveExitState") {
		if st, ok := top.SaveExitState(); ok {
			e.state = &st
		}
	}
	return e
}

// restartStrategy is the page's restartStrategy, else app.json window's,
// else homePage.
func (inst *instance) restartStrategy(route string) string {
	project := inst.pkg.project
	if s := project.PageJSON(route).RestartStrategy; s != "" {
		return s
	}
	if s := project.AppJSON.Window.RestartStrategy; s != "" {
		return s
	}
	return restartHome
}

// restartPage decides the page of a cold start: the path given, else the
// home page, or the page the user left when its restart strategy asks for
// it and the user left less than a day ago, with the exit state it saved
// if that has not expired. It consumes the record.
func (r *appRecord) restartPage(opts LaunchOptions) LaunchOptions {
	e := r.exit
	r.exit, opts.exitState = nil, nil
	if opts.Path != "" || e == nil {
		return opts
	}
	nowMs := r.p.w.Now().UnixMilli()
	away := nowMs - e.leftMs
	keep := r.p.w.settings.LatestPageFor.Milliseconds()
	switch {
	case e.strategy != restartLatestPage:
		return opts
	case away > keep:
		r.log("restart", fmt.Sprintf("home page: away %s, over %s", policy.Round(time.Duration(away)*time.Millisecond), policy.Round(r.p.w.settings.LatestPageFor)))
		return opts
	case r.installed == nil || !slices.Contains(r.installed.project.Pages, e.route):
		r.log("restart", fmt.Sprintf("home page: %s is not in this version", e.route))
		return opts
	}
	opts.Path, opts.Query = e.route, e.query
	expire := e.leftMs + keep
	if e.state != nil && e.state.Expire != 0 {
		expire = e.state.Expire
	}
	detail := fmt.Sprintf("%s: latest page %s", restartLatestPage, e.route)
	if e.state == nil || nowMs >= expire {
		if e.state != nil {
			detail += " (its exit state has expired)"
		}
		r.log("restart", detail)
		return opts
	}
	r.log("restart", detail+" with its exit state")
	opts.exitState = e.state
	return opts
}

// handExitState gives the first page of a cold start the exit state it
// saved, as this.exitState in its onLoad.
func (inst *instance) handExitState(p *jsrt.Page) {
	if st := inst.opts.exitState; st != nil {
		p.SetExitState(st.Data)
		inst.opts.exitState = nil
	}
}
