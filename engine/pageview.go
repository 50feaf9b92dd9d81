package engine

import (
	"slices"

	"miniphone/engine/jsrt"
	"miniphone/engine/wxml"
)

// pageView is the view that renders page p, made at its first render: its
// WXS lives as long as the page instance does. Views of pages no longer on
// the stack are dropped.
func (inst *instance) pageView(p *jsrt.Page, root *wxml.Node) *wxml.View {
	if v, ok := inst.views[p]; ok {
		return v
	}
	if inst.views == nil {
		inst.views = map[*jsrt.Page]*wxml.View{}
	}
	for q := range inst.views {
		if !slices.Contains(inst.pages, q) {
			delete(inst.views, q)
		}
	}
	t := inst.treeOf(p)
	v := wxml.NewView(root, inst.viewOptions(t))
	inst.addTabBar(p, t, v)
	inst.views[p] = v
	return v
}

// viewOptions are the options of the app's views, their components from
// host.
func (inst *instance) viewOptions(host wxml.ComponentHost) wxml.ViewOptions {
	w := inst.r.p.w
	return wxml.ViewOptions{
		Now:        w.Now,
		Seed:       scriptSeed(w.seed, inst.r.p.name, inst.r.appid),
		OnError:    func(line string) { inst.Log("error", line) },
		OnWarning:  func(line string) { inst.Log("warning", line) },
		Components: host,
	}
}
