package engine

import (
	"fmt"
	"path"
	"strings"

	"miniphone/engine/wxml"
)

// TabBarView is app.json's tabBar as the page shown draws it.
type TabBarView struct {
	Items    []string // the tabs' texts; a tab without one shows its page's name
	Selected int      // the tab of the page shown
	// Custom is whether a custom tabBar's component draws it: then
	// Elements are what it renders, focused and tapped as the page's
	// are, after them; Items are empty.
	Custom   bool
	Elements []wxml.Element
}

// frame adds to v the navigation bar's and the tabBar's state for the page
// shown: the bar is hidden by navigationStyle custom (the page's json, or
// app.json's window); the tabBar shows on the pages of its list. A custom
// tabBar (custom: true) is its component's elements, which render last
// among v's.
func (inst *instance) frame(v *PageView) {
	proj := inst.pkg.project
	style := proj.PageJSON(v.Route).NavigationStyle
	if style == "" {
		style = proj.AppJSON.Window.NavigationStyle
	}
	v.NavHidden = style == "custom"
	var custom []wxml.Element
	var ok bool
	if v.Elements, custom, ok = splitTabBar(v.Elements); ok {
		v.TabBar = &TabBarView{Custom: true, Elements: custom}
		return
	}
	tb := proj.AppJSON.TabBar
	if tb == nil || !inst.isTab(v.Route) || inst.tabBarHidden {
		return
	}
	bar := &TabBarView{}
	for i, item := range tb.List {
		route := tabRoute(item.PagePath)
		if route == v.Route {
			bar.Selected = i
		}
		text := tabText(item.Text, route)
		if badge, ok := inst.badges[i]; ok {
			text += "(" + badge + ")"
		}
		bar.Items = append(bar.Items, text)
	}
	v.TabBar = bar
}

// tabText is what a tab shows: its text, or, when it has only an icon,
// the name of its page.
func tabText(text, route string) string {
	if t := strings.TrimSpace(text); t != "" {
		return t
	}
	return path.Base(path.Dir(route))
}

// foregroundApp is the app the user acts on, with the error a step
// reports when there is none.
func (p *Phone) foregroundApp() (*instance, error) {
	if p.foreground == nil {
		return nil, fmt.Errorf("no page is open on %s", p.name)
	}
	inst := p.foreground.inst
	if inst.topModal() != nil || p.system != nil {
		return nil, fmt.Errorf("a modal is open on %s: answer it first", p.name)
	}
	return inst, nil
}

// onPage runs do on the app in the foreground, as the user acting on its
// page.
func (p *Phone) onPage(do func(*instance) error) error {
	inst, err := p.foregroundApp()
	if err != nil {
		return err
	}
	return do(inst)
}

// Tab switches to the tab of the tabBar whose text (or page) contains
// text; on a custom tabBar, it taps the element whose text contains it.
func (p *Phone) Tab(text string) error {
	inst, err := p.foregroundApp()
	if err != nil {
		return err
	}
	tb := inst.pkg.project.AppJSON.TabBar
	if tb == nil {
		return fmt.Errorf("%s has no tabBar", inst.r.appid)
	}
	if !inst.isTab(inst.route()) {
		return fmt.Errorf("%s is not a tab page: its tabBar is not shown", inst.route())
	}
	if inst.tabBarHidden {
		return fmt.Errorf("the app hid its tabBar (wx.hideTabBar)")
	}
	if _, custom, ok := splitTabBar(inst.elements()); ok {
		return inst.tapTabBar(custom, text)
	}
	var names []string
	for _, item := range tb.List {
		route := tabRoute(item.PagePath)
		name := tabText(item.Text, route)
		if strings.Contains(name, text) || route == strings.TrimPrefix(text, "/") {
			inst.Log("tab", fmt.Sprintf("%q", name))
			return inst.switchTab("/" + route)
		}
		names = append(names, name)
	}
	return fmt.Errorf("the tabBar has no tab %q (it has %q)", text, names)
}

// tapTabBar taps the element of a custom tabBar, rendered as custom,
// whose text contains text, as the user taps a tab of it.
func (inst *instance) tapTabBar(custom []wxml.Element, text string) error {
	f, err := inst.locateIn(custom, Target{Text: text}, tappables)
	if err != nil {
		var names []string
		walk(custom, nil, func(f found) bool {
			if tappables.ok(f.e) {
				names = append(names, wxml.Label(f.e))
			}
			return true
		})
		return fmt.Errorf("the custom tabBar has no tab %q (it has %q)", text, names)
	}
	inst.Log("tab", fmt.Sprintf("%q", wxml.Label(f.e)))
	return inst.tap(Target{Key: f.e.Key})
}

// Back is the navigation bar's back: navigateBack by one page.
func (p *Phone) Back() error {
	inst, err := p.foregroundApp()
	if err != nil {
		return err
	}
	if len(inst.pages) <= 1 {
		return fmt.Errorf("%s is the first page: there is no back", inst.route())
	}
	inst.Log("back", inst.route())
	return inst.navigateBack(1)
}

// TapTarget taps the element t names; see Tap.
func (p *Phone) TapTarget(t Target) error {
	return p.onPage(func(inst *instance) error { return inst.tap(t) })
}

// Type types text into the input t names (a zero Target: the focused
// one), firing an input event per character.
func (p *Phone) Type(t Target, text string) error {
	return p.onPage(func(inst *instance) error { return inst.typeText(t, text) })
}

// Erase deletes the last character of the input t names, as backspace.
func (p *Phone) Erase(t Target) error {
	return p.onPage(func(inst *instance) error { return inst.erase(t) })
}

// ConfirmInput is enter on the keyboard of the input t names (a zero
// Target: the focused one): its confirm event.
func (p *Phone) ConfirmInput(t Target) error {
	return p.onPage(func(inst *instance) error { return inst.confirmInput(t) })
}

// Toggle flips the checkbox or switch t names, or selects the radio.
func (p *Phone) Toggle(t Target) error {
	return p.onPage(func(inst *instance) error { return inst.toggle(t) })
}

// Adjust moves the picker, slider or swiper t names by delta steps.
func (p *Phone) Adjust(t Target, delta int) error {
	return p.onPage(func(inst *instance) error { return inst.adjust(t, delta) })
}

// stepKinds are the kinds of targets of the steps that name elements.
var stepKinds = map[string]targetKind{"tap": tappables, "type": fields, "toggle": toggles, "adjust": adjusters}

// Address is how the step (tap, type, toggle, adjust) names the element
// key of the page shown: a text and which match of it, so that a session
// recorded from the keys replays on the same element.
func (p *Phone) Address(step string, key wxml.Key) (Target, error) {
	k, ok := stepKinds[step]
	if !ok {
		return Target{}, fmt.Errorf("no step %q names an element", step)
	}
	var t Target
	err := p.onPage(func(inst *instance) (err error) {
		t, err = inst.address(key, k)
		return err
	})
	return t, err
}
