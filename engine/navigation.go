package engine

import (
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"

	"miniphone/engine/jsrt"
)

// maxPages is WeChat's page stack limit: navigateTo fails beyond it.
const maxPages = 10

// resolvePage turns a navigation url ("/pages/a/index?x=1", or relative to
// the current page) into a route of the app and its query.
func (inst *instance) resolvePage(url string) (string, map[string]string, error) {
	route, rawQuery, _ := strings.Cut(url, "?")
	if !strings.HasPrefix(route, "/") {
		route = path.Join(path.Dir(inst.route()), route)
	}
	route = strings.TrimPrefix(path.Clean(route), "/")
	if !inst.hasPage(route) {
		return "", nil, fmt.Errorf("page %q is not found", route)
	}
	query, err := ParseQuery(rawQuery)
	if err != nil {
		return "", nil, err
	}
	return route, query, nil
}

func (inst *instance) hasPage(route string) bool {
	for _, p := range inst.pkg.project.Pages {
		if p == route {
			return true
		}
	}
	return false
}

// pushPage opens route on top of the stack; the page below is hidden.
func (inst *instance) pushPage(route string, query map[string]string) bool {
	if !inst.hasPage(route) {
		inst.Log("error", fmt.Sprintf("page %q is not in app.json", route))
		return false
	}
	page := inst.rt.NewPage(route, query)
	if page == nil {
		return false
	}
	if below := inst.top(); below != nil {
		inst.pageEvent(below, "onHide", "hide")
	}
	inst.pages = append(inst.pages, page)
	if inst.isTab(route) {
		inst.tabs[route] = page
	}
	inst.dirty = true
	inst.Log("page", route)
	inst.handExitState(page)
	// As on WeChat, the page's components are created and attached, with
	// its initial data, before onLoad; they are ready after onShow, before
	// onReady.
	if inst.usesComponents(route) {
		inst.elements()
	}
	page.Call("onLoad", inst.rt.Object(query))
	inst.dirty = true // onLoad may have changed this.data without setData
	inst.pageEvent(page, "onShow", "show")
	inst.treeOf(page).makeReady()
	page.Call("onReady")
	inst.tasks.later(func() { inst.loadImages(page) })
	return true
}

// popPages unloads the top n pages.
func (inst *instance) popPages(n int) {
	for ; n > 0 && len(inst.pages) > 0; n-- {
		top := inst.top()
		inst.pages = inst.pages[:len(inst.pages)-1]
		inst.unload(top)
	}
	inst.dirty = true
}

func (inst *instance) unload(p *jsrt.Page) {
	delete(inst.bars, p)
	if inst.tabs[p.Route] == p {
		delete(inst.tabs, p.Route)
	}
	p.Call("onUnload")
	if t, ok := inst.trees[p]; ok {
		t.unloaded()
		delete(inst.trees, p)
	}
}

// resolveNonTab is resolvePage for the navigations that must not open a
// tab page, which only switchTab may.
func (inst *instance) resolveNonTab(url, api string) (string, map[string]string, error) {
	route, query, err := inst.resolvePage(url)
	if err == nil && inst.isTab(route) {
		err = fmt.Errorf("can not %s a tabbar page", api)
	}
	return route, query, err
}

func (inst *instance) navigateTo(url string) error {
	route, query, err := inst.resolveNonTab(url, "navigateTo")
	if err != nil {
		return err
	}
	if len(inst.pages) >= maxPages {
		return fmt.Errorf("webview count limit exceed")
	}
	inst.pushPage(route, query)
	return nil
}

func (inst *instance) redirectTo(url string) error {
	route, query, err := inst.resolveNonTab(url, "redirectTo")
	if err != nil {
		return err
	}
	inst.popPages(1)
	inst.pushPage(route, query)
	return nil
}

func (inst *instance) reLaunch(url string) error {
	route, query, err := inst.resolvePage(url)
	if err != nil {
		return err
	}
	inst.relaunch(route, query)
	return nil
}

// relaunch closes every page, kept tab pages too, and opens route.
func (inst *instance) relaunch(route string, query map[string]string) {
	inst.popPages(len(inst.pages))
	for _, p := range inst.sortedTabs() {
		inst.unload(p)
	}
	inst.pushPage(route, query)
}

// sortedTabs are the tab pages kept while hidden, in route order so that
// their onUnload calls come in the same order on every run.
func (inst *instance) sortedTabs() []*jsrt.Page {
	var out []*jsrt.Page
	for _, route := range slices.Sorted(maps.Keys(inst.tabs)) {
		out = append(out, inst.tabs[route])
	}
	return out
}

// switchTab shows a tab page: the other pages on the stack close, but a
// tab page among them is only hidden and kept, and the tab page shown is
// the one kept if it was opened before.
func (inst *instance) switchTab(url string) error {
	route, _, _ := strings.Cut(url, "?") // the query of a tab page is ignored
	route, _, err := inst.resolvePage(route)
	if err != nil {
		return err
	}
	if !inst.isTab(route) {
		return fmt.Errorf("can not switch to no-tabBar page")
	}
	if len(inst.pages) == 1 && inst.top().Route == route {
		return nil
	}
	kept := inst.tabs[route]
	for len(inst.pages) > 0 && !(len(inst.pages) == 1 && inst.top() == kept) {
		top := inst.top()
		if inst.tabs[top.Route] == top {
			inst.pages = inst.pages[:len(inst.pages)-1]
			inst.pageEvent(top, "onHide", "hide")
		} else {
			inst.popPages(1)
		}
	}
	inst.dirty = true
	if kept == nil {
		inst.pushPage(route, nil)
		return nil
	}
	inst.pages = []*jsrt.Page{kept}
	inst.Log("page", route)
	inst.pageEvent(kept, "onShow", "show")
	return nil
}

// isTab reports whether route is a page of app.json's tabBar.
func (inst *instance) isTab(route string) bool {
	return slices.Contains(inst.pkg.tabPages(), route)
}

func (inst *instance) navigateBack(delta int) error {
	if len(inst.pages) <= 1 {
		return fmt.Errorf("cannot navigate back at first page")
	}
	delta = min(max(delta, 1), len(inst.pages)-1)
	inst.popPages(delta)
	inst.Log("page", inst.route())
	inst.pageEvent(inst.top(), "onShow", "show")
	return nil
}

// tabPages are the routes of app.json's tabBar list, in its order, made
// once per package.
func (p *pkg) tabPages() []string {
	p.tabsOnce.Do(func() {
		if tb := p.project.AppJSON.TabBar; tb != nil {
			for _, item := range tb.List {
				p.tabs = append(p.tabs, tabRoute(item.PagePath))
			}
		}
	})
	return p.tabs
}

// tabRoute is the route a tabBar item's pagePath names.
func tabRoute(pagePath string) string { return strings.TrimPrefix(path.Clean(pagePath), "/") }
