package engine

import (
	"miniphone/engine/jsrt"
	"miniphone/engine/wxml"
)

// customTabBarPath is where WeChat looks for the component of a custom
// tabBar (app.json's tabBar.custom): the project's custom-tab-bar/index.
const customTabBarPath = "/custom-tab-bar/index"

// customTabBarTag tags the Block that holds the custom tabBar's elements,
// last among a page's rendered elements: a tag WXML can not write, so no
// element of the page is taken for it.
const customTabBarTag = "#custom-tab-bar"

// customTabBar is the component of the custom tabBar that the page at
// route shows: nil when the page is not a tab page, app.json's tabBar is
// not custom, or the project has no such component.
func (inst *instance) customTabBar(route string) *compType {
	tb := inst.pkg.project.AppJSON.TabBar
	if tb == nil || !tb.Custom || !inst.isTab(route) {
		return nil
	}
	return inst.componentType("app.js", customTabBarPath)
}

// tabBarHost is a page's tree as the view of its custom tabBar sees it:
// the view's one element, owned by no component, is the tabBar's
// component; what that component's WXML uses resolves as in the page.
type tabBarHost struct {
	*pageTree
	typ *compType
}

// Resolve implements wxml.ComponentHost.
func (h tabBarHost) Resolve(owner any, tag string) (wxml.Component, bool) {
	if owner == nil {
		return h.typ, true
	}
	return h.pageTree.Resolve(owner, tag)
}

// addTabBar gives the tree t of page p, whose view is page, the view of
// its custom tabBar, one instance per tab page as on WeChat, when p shows
// one.
func (inst *instance) addTabBar(p *jsrt.Page, t *pageTree, page *wxml.View) {
	typ := inst.customTabBar(p.Route)
	if typ == nil {
		return
	}
	if t.barNode == nil { // kept with the tree: a tab page shown again keeps its instance
		t.barNode = &wxml.Node{Tag: "custom-tab-bar"}
	}
	root := &wxml.Node{Children: []*wxml.Node{t.barNode}}
	t.bar = page.Beside(root, inst.viewOptions(tabBarHost{t, typ}))
}

// TabBar implements jsrt.Tree: the page's custom tabBar, for getTabBar.
func (t *pageTree) TabBar() *jsrt.Component {
	if t.barNode == nil {
		return nil
	}
	if n, ok := t.nodes[mountKey{nil, t.barNode, ""}]; ok {
		return n.c
	}
	return nil
}

// splitTabBar parts the elements of a page, as elements answers them,
// into the page's own and its custom tabBar's, and says whether it shows
// one.
func splitTabBar(elems []wxml.Element) (page, bar []wxml.Element, ok bool) {
	if n := len(elems); n > 0 && elems[n-1].Kind == wxml.Block && elems[n-1].Tag == customTabBarTag {
		return elems[:n-1], elems[n-1].Children, true
	}
	return elems, nil, false
}
