package engine

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// A custom tabBar hides the native one, a badge shows beside its tab's
// text, and a font loads; off a tab page the tabBar calls fail, as on
// WeChat ("not TabBar page").
func TestTabBarAPIs(t *testing.T) {
	files := fstest.MapFS{
		"app.json": {Data: []byte(`{"pages":["pages/index/index","pages/cart/cart","pages/a/a"],
  "tabBar":{"list":[{"pagePath":"pages/index/index","text":"首页"},{"pagePath":"pages/cart/cart","text":"购物车"}]}}`)},
		"app.js": {Data: []byte(`App({})`)},
		"pages/index/index.js": {Data: []byte(`Page({
  badge() { wx.setTabBarBadge({ index: 1, text: '3' }) },
  unbadge() { wx.removeTabBarBadge({ index: 1 }) },
  hide() { wx.hideTabBar({}) },
  show() { wx.showTabBar({}) },
  font() { wx.loadFontFace({ family: 'Brand', source: 'url("https://example.com/b.ttf")', success: (r) => console.log('font', r.status) }) },
  bad() { wx.setTabBarBadge({ index: 9, text: '1', fail: (e) => console.log(e.errMsg) }) },
})`)},
		"pages/index/index.wxml": {Data: []byte(`<button bindtap="badge">角标</button><button bindtap="unbadge">去角标</button>
<button bindtap="hide">隐藏</button><button bindtap="show">显示</button><button bindtap="font">字体</button>
<button bindtap="bad">错</button><navigator url="/pages/a/a">去A</navigator>`)},
		"pages/cart/cart.js":   {Data: []byte(`Page({})`)},
		"pages/cart/cart.wxml": {Data: []byte(`<view>购物车页</view>`)},
		"pages/a/a.js":         {Data: []byte(`Page({ onShow() { wx.hideTabBar({ fail: (e) => console.log(e.errMsg) }) } })`)},
		"pages/a/a.wxml":       {Data: []byte(`<view>页A</view>`)},
	}
	tw := newTestWorld(t, files, DefaultSettings(), PhoneConfig{})
	tw.launch()
	items := func() []string {
		if tb := tw.phone.snapshot().Page.TabBar; tb != nil {
			return tb.Items
		}
		return nil
	}
	must(t, tw.phone.Tap("角标"))
	if got := strings.Join(items(), " "); got != "首页 购物车(3)" {
		t.Errorf("tabBar with a badge: %q", got)
	}
	must(t, tw.phone.Tap("去角标"))
	if got := strings.Join(items(), " "); got != "首页 购物车" {
		t.Errorf("tabBar without its badge: %q", got)
	}
	must(t, tw.phone.Tap("隐藏"))
	if items() != nil {
		t.Errorf("hidden tabBar still drawn: %q", items())
	}
	if err := tw.phone.Tab("购物车"); err == nil || !strings.Contains(err.Error(), "hid its tabBar") {
		t.Errorf("tab on a hidden tabBar: %v", err)
	}
	must(t, tw.phone.Tap("显示"))
	must(t, tw.phone.Tab("购物车"))
	tw.mustScreen("购物车页")
	must(t, tw.phone.Tab("首页"))
	must(t, tw.phone.Tap("字体"))
	must(t, tw.phone.Tap("错"))
	must(t, tw.phone.Tap("去A"))
	tw.Advance(time.Second) // the callbacks
	tw.mustLog(`font "Brand" loaded`, "console.log font loaded", "setTabBarBadge:fail tabbar item not found: index 9 of 2",
		"hideTabBar:fail not TabBar page")
}
