package engine

import (
	"fmt"
	"path"
	"strings"
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
		below.Call("onHide")
	}
	inst.pages = append(inst.pages, page)
	inst.dirty = true
	inst.Log("page", route)
	page.Call("onLoad", inst.rt.Object(query))
	page.Call("onShow")
	page.Call("onReady")
	return true
}

// popPages unloads the top n pages.
func (inst *instance) popPages(n int) {
	for ; n > 0 && len(inst.pages) > 0; n-- {
		top := inst.top()
		inst.pages = inst.pages[:len(inst.pages)-1]
		top.Call("onUnload")
	}
	inst.dirty = true
}

func (inst *instance) navigateTo(url string) error {
	route, query, err := inst.resolvePage(url)
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
	route, query, err := inst.resolvePage(url)
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
	inst.popPages(len(inst.pages))
	inst.pushPage(route, query)
	return nil
}

func (inst *instance) navigateBack(delta int) error {
	if len(inst.pages) <= 1 {
		return fmt.Errorf("cannot navigate back at first page")
	}
	delta = min(max(delta, 1), len(inst.pages)-1)
	inst.popPages(delta)
	inst.Log("page", inst.route())
	inst.top().Call("onShow")
	return nil
}
