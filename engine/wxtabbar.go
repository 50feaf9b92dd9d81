package engine

import (
	"fmt"

	"github.com/dop251/goja"

	"miniphone/engine/jsrt"
	"miniphone/engine/wxapi"
)

// addTabBarAPIs: showing and hiding the tabBar, its badges, and fonts,
// which a terminal draws in its own: projects call these at launch (a
// custom tabBar hides the native one; a brand font loads), and a failure
// there is not what they are tested for.
func addTabBarAPIs(h handlers) {
	h["hideTabBar"] = wxapi.AsyncFunc(tabBarShown(false))
	h["showTabBar"] = wxapi.AsyncFunc(tabBarShown(true))
	h["setTabBarBadge"] = wxapi.AsyncFunc((*wxAPIs).setTabBarBadge)
	h["removeTabBarBadge"] = wxapi.AsyncFunc((*wxAPIs).removeTabBarBadge)
	h["loadFontFace"] = wxapi.AsyncFunc(func(a *wxAPIs, opts *goja.Object, reply jsrt.Reply) {
		family, err := stringParam(opts, "family")
		if err != nil {
			reply(nil, err)
			return
		}
		a.inst.Log("font", fmt.Sprintf("%q loaded (the terminal draws its own)", family))
		reply(map[string]any{"status": "loaded"}, nil)
	})
}

func tabBarShown(shown bool) asyncAPI {
	return func(a *wxAPIs, _ *goja.Object, reply jsrt.Reply) {
		if err := a.inst.onTabPage(); err != nil {
			reply(nil, err)
			return
		}
		a.inst.tabBarHidden = !shown
		a.inst.dirty = true
		a.inst.Log("tabBar", map[bool]string{true: "shown", false: "hidden"}[shown])
		reply(nil, nil)
	}
}

func (a *wxAPIs) setTabBarBadge(opts *goja.Object, reply jsrt.Reply) {
	i, text, err := a.badgeParams(opts, true)
	if err != nil {
		reply(nil, err)
		return
	}
	a.inst.badges[i] = text
	a.inst.dirty = true
	a.inst.Log("tabBar", fmt.Sprintf("badge %d %q", i, text))
	reply(nil, nil)
}

func (a *wxAPIs) removeTabBarBadge(opts *goja.Object, reply jsrt.Reply) {
	i, _, err := a.badgeParams(opts, false)
	if err != nil {
		reply(nil, err)
		return
	}
	delete(a.inst.badges, i)
	a.inst.dirty = true
	a.inst.Log("tabBar", fmt.Sprintf("badge %d removed", i))
	reply(nil, nil)
}

// badgeParams reads a badge call's index (of a tab app.json lists) and,
// when withText, its text.
func (a *wxAPIs) badgeParams(opts *goja.Object, withText bool) (int, string, error) {
	if err := a.inst.onTabPage(); err != nil {
		return 0, "", err
	}
	v := opts.Get("index")
	if v == nil || goja.IsUndefined(v) {
		return 0, "", fmt.Errorf("parameter.index should be Number")
	}
	i := int(v.ToInteger())
	if n := len(a.inst.pkg.project.AppJSON.TabBar.List); i < 0 || i >= n {
		return 0, "", fmt.Errorf("tabbar item not found: index %d of %d", i, n)
	}
	if !withText {
		return i, "", nil
	}
	text, err := stringParam(opts, "text")
	return i, text, err
}

// onTabPage is nil when the page shown is one of the tabBar's, as the
// tabBar APIs require; their failure otherwise.
func (inst *instance) onTabPage() error {
	p := inst.top()
	if p == nil || inst.pkg.project.AppJSON.TabBar == nil || !inst.isTab(p.Route) {
		return fmt.Errorf("not TabBar page")
	}
	return nil
}
