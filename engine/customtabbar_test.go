package engine

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"miniphone/engine/wxml"
)

// customTabBarProject has a custom tabBar as WeChat's own example writes
// it: a component that switches tabs on tap, each tab page marking its
// tab through getTabBar in onShow.
func customTabBarProject(custom bool) fstest.MapFS {
	return fstest.MapFS{
		"app.json": {Data: []byte(`{"pages":["pages/index/index","pages/cart/cart","pages/a/a"],
  "tabBar":{"custom":` + map[bool]string{true: "true", false: "false"}[custom] + `,
    "list":[{"pagePath":"pages/index/index","text":"首页"},{"pagePath":"pages/cart/cart","text":"购物车"}]}}`)},
		"app.js":                    {Data: []byte(`App({})`)},
		"custom-tab-bar/index.json": {Data: []byte(`{"component":true}`)},
		"custom-tab-bar/index.js": {Data: []byte(`Component({
  data: { selected: 0, list: [{ pagePath: '/pages/index/index', text: '首页' }, { pagePath: '/pages/cart/cart', text: '购物车' }] },
  lifetimes: { attached() { console.log('bar attached') } },
  methods: { go(e) { wx.switchTab({ url: e.currentTarget.dataset.path }) } },
})`)},
		"custom-tab-bar/index.wxml": {Data: []byte(`<view class="bar"><view wx:for="{{list}}" wx:key="pagePath" data-path="{{item.pagePath}}" bindtap="go">{{selected === index ? '●' : '○'}}{{item.text}}</view></view>`)},
		"pages/index/index.js": {Data: []byte(`Page({
  onShow() { if (typeof this.getTabBar === 'function' && this.getTabBar()) this.getTabBar().setData({ selected: 0 }) },
  onReady() { console.log('select', this.selectComponent('custom-tab-bar')) },
  hide() { wx.hideTabBar({}) },
})`)},
		"pages/index/index.wxml": {Data: []byte(`<view>首页内容</view><button bindtap="hide">隐藏</button><navigator url="/pages/a/a">去A</navigator>`)},
		"pages/cart/cart.js":     {Data: []byte(`Page({ onShow() { this.getTabBar().setData({ selected: 1 }) } })`)},
		"pages/cart/cart.wxml":   {Data: []byte(`<view>购物车页</view>`)},
		"pages/a/a.js":           {Data: []byte(`Page({ onLoad() { console.log('off tabs', typeof this.getTabBar()) } })`)},
		"pages/a/a.wxml":         {Data: []byte(`<view>页A</view>`)},
	}
}

// With tabBar.custom, each tab page shows its own instance of the
// project's custom-tab-bar component below its content; getTabBar
// answers it (undefined off the tab pages), its taps switch tabs, and
// the tab step taps its element by text.
func TestCustomTabBar(t *testing.T) {
	tw := newTestWorld(t, customTabBarProject(true), DefaultSettings(), PhoneConfig{})
	tw.launch()
	page := tw.phone.snapshot().Page
	if tb := page.TabBar; tb == nil || !tb.Custom || len(tb.Items) != 0 {
		t.Fatalf("custom tabBar view: %+v", tb)
	}
	if got := strings.Join(wxml.Text(page.TabBar.Elements), " "); got != "●首页 ○购物车" {
		t.Errorf("custom tabBar renders %q", got)
	}
	if got := strings.Join(wxml.Text(page.Elements), " "); strings.Contains(got, "首页 ") && strings.Contains(got, "○") {
		t.Errorf("the tabBar's elements are among the page's: %q", got)
	}
	tw.mustScreen("首页内容")
	tw.mustScreen("●首页")

	must(t, tw.phone.Tab("购物车"))
	tw.mustScreen("购物车页")
	tw.mustScreen("●购物车") // the cart page's own instance, marked by its onShow
	must(t, tw.phone.Tap("首页"))
	tw.mustScreen("首页内容")
	tw.mustScreen("●首页")
	if err := tw.phone.Tab("我的"); err == nil || !strings.Contains(err.Error(), "custom tabBar has no tab") {
		t.Errorf("tab missing from the custom tabBar: %v", err)
	}

	must(t, tw.phone.Tap("隐藏"))
	if tb := tw.phone.snapshot().Page.TabBar; tb != nil {
		t.Errorf("hidden custom tabBar still drawn: %+v", tb)
	}
	if err := tw.phone.Tap("○购物车"); err == nil {
		t.Errorf("a hidden tabBar's element was tapped")
	}
	must(t, tw.phone.Tap("去A"))
	if tb := tw.phone.snapshot().Page.TabBar; tb != nil {
		t.Errorf("tabBar on a page off the tabs: %+v", tb)
	}
	tw.Advance(time.Second)
	tw.mustLog("bar attached", "console.log off tabs undefined", "console.log select null")
	if n := strings.Count(tw.lines(), "bar attached"); n != 2 {
		t.Errorf("custom tabBar attached %d times, want once per tab page (2)", n)
	}
}

// Without custom, the project's custom-tab-bar folder is not used: the
// tabBar is app.json's list and getTabBar answers undefined.
func TestCustomTabBarOff(t *testing.T) {
	files := customTabBarProject(false)
	files["pages/index/index.js"] = &fstest.MapFile{Data: []byte(`Page({ onLoad() { console.log('bar', typeof this.getTabBar()) } })`)}
	tw := newTestWorld(t, files, DefaultSettings(), PhoneConfig{})
	tw.launch()
	if tb := tw.phone.snapshot().Page.TabBar; tb == nil || tb.Custom || strings.Join(tb.Items, " ") != "首页 购物车" {
		t.Errorf("native tabBar: %+v", tb)
	}
	tw.mustLog("console.log bar undefined")
	tw.mustNotLog("bar attached")
}
