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
	w := inst.r.p.w
	v := wxml.NewView(root, wxml.ViewOptions{
		Now:        w.Now,
		Seed:       scriptSeed(w.seed, inst.r.p.name, inst.r.appid),
		OnError:    func(line string) { inst.Log("error", line) },
		OnWarning:  func(line string) { inst.Log("warning", line) },
		Components: inst.treeOf(p),
	})
	inst.views[p] = v
	return v
}
