package engine

import (
	"fmt"

	"github.com/dop251/goja"

	"miniphone/engine/jsrt"
	"miniphone/engine/wxapi"
	"miniphone/engine/wxml"
)

// ScrollBottom is the user scrolling the page shown to its end. Each
// call is one arrival there, as onReachBottom fires once each time the
// page's end comes within onReachBottomDistance: the TUI calls it when
// its view reaches the end, a scenario's scroll-bottom step is one. The
// vertical scroll-views that bind scrolltolower fire it first, in page
// order: drawn whole, they end where the page does.
func (p *Phone) ScrollBottom() error {
	return p.onPage(func(inst *instance) error {
		page := inst.top()
		inst.Log("scroll-bottom", page.Route)
		var views []wxml.Element
		walk(inst.elements(), nil, func(f found) bool {
			if f.e.Tag == "scroll-view" && f.e.Attrs["scroll-y"] == true {
				views = append(views, f.e)
			}
			return true
		})
		for _, v := range views {
			inst.dispatchEvent(v, "scrolltolower", map[string]any{"direction": "bottom"})
		}
		page.Call("onReachBottom")
		return nil
	})
}

// PullDown is the user pulling the page shown down: its onPullDownRefresh
// when its json (or app.json's window) sets enablePullDownRefresh, the
// refresh shown until the page calls wx.stopPullDownRefresh.
func (p *Phone) PullDown() error {
	return p.onPage(func(inst *instance) error {
		route := inst.route()
		if !inst.pullDownEnabled(route) {
			return fmt.Errorf("%s does not enable pull-down refresh (enablePullDownRefresh in its json)", route)
		}
		return inst.refresh(true)
	})
}

// pullDownEnabled is whether the page's json or app.json's window sets
// enablePullDownRefresh.
func (inst *instance) pullDownEnabled(route string) bool {
	proj := inst.pkg.project
	return proj.PageJSON(route).EnablePullDownRefresh || proj.AppJSON.Window.EnablePullDownRefresh
}

// refresh starts (firing the page's onPullDownRefresh) or stops the
// refresh of the page on top.
func (inst *instance) refresh(on bool) error {
	b, err := inst.bar()
	if err != nil {
		return err
	}
	b.refreshing = on
	inst.dirty = true
	page := inst.top()
	if !on {
		inst.Log("pull-down", "stopped "+page.Route)
		return nil
	}
	inst.Log("pull-down", page.Route)
	page.Call("onPullDownRefresh")
	return nil
}

// addRefreshAPIs: wx.startPullDownRefresh, which WeChat documents as the
// user's own pull (onPullDownRefresh fires), and stopPullDownRefresh.
func addRefreshAPIs(h handlers) {
	for name, on := range map[string]bool{"startPullDownRefresh": true, "stopPullDownRefresh": false} {
		h[name] = wxapi.AsyncFunc(func(a *wxAPIs, _ *goja.Object, reply jsrt.Reply) {
			reply(nil, a.inst.refresh(on))
		})
	}
}
