package engine

import (
	"sort"
	"strings"

	"miniphone/engine/wxml"
)

// Snapshot pictures the world for a front end.
func (w *World) Snapshot() Snapshot {
	s := Snapshot{
		Elapsed: w.clock.Now(),
		Now:     w.Now(),
		Seed:    w.seed,
		Events:  w.log.len(),
	}
	for _, p := range w.phones {
		s.Phones = append(s.Phones, p.snapshot())
		s.Next = append(s.Next, p.upcoming()...)
	}
	sort.SliceStable(s.Next, func(i, j int) bool { return s.Next[i].In < s.Next[j].In })
	return s
}

func (p *Phone) snapshot() PhoneSnapshot {
	s := PhoneSnapshot{
		Name:        p.name,
		User:        p.user,
		Client:      p.client.String(),
		Base:        p.base.String(),
		Network:     p.network.Name,
		OS:          p.os,
		SystemModal: p.systemModal(),
	}
	for _, id := range p.w.apps {
		s.Apps = append(s.Apps, p.apps[id].summary())
	}
	switch {
	case p.launching != nil:
		s.Screen = ScreenSplash
		s.Splash = p.launching.splash()
	case p.foreground != nil:
		s.Screen = ScreenPage
		s.Page = p.foreground.inst.view()
	}
	return s
}

func (p *Phone) systemModal() *ModalView {
	if p.system == nil {
		return nil
	}
	v := p.system.view
	return &v
}

func (r *appRecord) title() string {
	if r.inst != nil {
		return r.inst.pkg.project.Title()
	}
	if r.installed != nil {
		return r.installed.project.Title()
	}
	return r.appid
}

func (r *appRecord) summary() AppSummary {
	s := AppSummary{AppID: r.appid, Title: r.title(), State: r.state}
	if r.installed != nil {
		s.Version = r.installed.version
	}
	if r.pending != nil {
		s.Pending = r.pending.version
	}
	return s
}

func (r *appRecord) progress() *Progress {
	if r.flight == nil || r.flight.progress == nil {
		return nil
	}
	pr := *r.flight.progress
	return &pr
}

func (r *appRecord) splash() *SplashView {
	// Only a synchronous update keeps a cold start on its splash screen.
	msg := "正在更新"
	if r.p.retrying {
		msg = "正在更新(失败,重试中)"
	}
	return &SplashView{AppID: r.appid, Title: r.title(), Message: msg, Download: r.progress()}
}

func (inst *instance) view() *PageView {
	v := &PageView{
		AppID:    inst.r.appid,
		Title:    inst.pkg.project.PageTitle(inst.route()),
		Version:  inst.pkg.version,
		Route:    inst.route(),
		Depth:    len(inst.pages),
		Elements: inst.elements(),
		Download: inst.r.progress(),
	}
	inst.frame(v)
	if b := inst.bars[inst.top()]; b != nil {
		if b.titled {
			v.Title = b.title
		}
		v.NavFront, v.NavBackground, v.NavLoading = b.front, b.back, b.loading
	}
	if m := inst.topModal(); m != nil {
		mv := m.view
		v.Modal = &mv
	}
	if inst.toast != nil {
		t := *inst.toast
		v.Toast = &t
	}
	return v
}

// upcoming lists the phone's next events worth showing.
func (p *Phone) upcoming() []Upcoming {
	now := p.w.clock.Now()
	var out []Upcoming
	for _, job := range []struct {
		t    *phaseTimer
		what string
	}{{p.periodic, "periodic check"}, {p.fetcher, "background fetch"}} {
		if in, ok := job.t.in(); ok {
			out = append(out, Upcoming{Phone: p.name, AppID: "-", What: job.what, In: in})
		}
	}
	for _, id := range p.w.apps {
		r := p.apps[id]
		if f := r.flight; f != nil && f.due.Pending() {
			what := "version check"
			if f.progress != nil {
				what = "download"
			}
			out = append(out, Upcoming{Phone: p.name, AppID: id, What: what, In: f.due.At() - now})
		}
		switch {
		case r.suspendEv.Pending():
			out = append(out, Upcoming{Phone: p.name, AppID: id, What: "suspend", In: r.suspendEv.At() - now})
		case r.destroyEv.Pending():
			out = append(out, Upcoming{Phone: p.name, AppID: id, What: "destroy", In: r.destroyEv.At() - now})
		}
	}
	return out
}

// ScreenText is what the phone's screen says, as plain text: the title
// bar, the page and any toast; on the home screen, the apps.
func (p *Phone) ScreenText() string {
	s := p.snapshot()
	var lines []string
	switch s.Screen {
	case ScreenPage:
		if !s.Page.NavHidden {
			lines = append(lines, s.Page.Title)
		}
		lines = append(lines, wxml.Text(s.Page.Elements)...)
		if tb := s.Page.TabBar; tb != nil {
			lines = append(lines, strings.Join(tb.Items, " | "))
		}
		if s.Page.Toast != nil {
			lines = append(lines, s.Page.Toast.Title)
		}
	case ScreenSplash:
		lines = append(lines, s.Splash.Title, s.Splash.Message)
	default:
		for _, a := range s.Apps {
			lines = append(lines, a.Title)
		}
	}
	return strings.Join(lines, "\n")
}
