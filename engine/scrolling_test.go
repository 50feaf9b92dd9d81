package engine

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// Reaching the page's end fires the scrolltolower of its vertical
// scroll-views (not a horizontal one's) and onReachBottom, at each
// arrival; a pull-down needs enablePullDownRefresh, shows until
// stopPullDownRefresh, and wx.startPullDownRefresh is the same pull.
func TestScrollBottomAndPullDown(t *testing.T) {
	files := fstest.MapFS{
		"app.json":               {Data: []byte(`{"pages":["pages/index/index","pages/flat/flat"]}`)},
		"app.js":                 {Data: []byte(`App({})`)},
		"pages/index/index.json": {Data: []byte(`{"enablePullDownRefresh":true}`)},
		"pages/index/index.js": {Data: []byte(`Page({
  data: { n: 0 },
  onReachBottom() { this.setData({ n: this.data.n + 1 }) },
  lower(e) { console.log('lower', e.currentTarget.id) },
  onPullDownRefresh() { console.log('refresh') },
  stop() { wx.stopPullDownRefresh() },
  start() { wx.startPullDownRefresh() },
})`)},
		"pages/index/index.wxml": {Data: []byte(`<view>到底 {{n}} 次</view>
<scroll-view id="y" scroll-y="{{true}}" bindscrolltolower="lower"><view>竖</view></scroll-view>
<scroll-view id="x" scroll-x bindscrolltolower="lower"><view>横</view></scroll-view>
<button bindtap="stop">停</button><button bindtap="start">刷</button><navigator url="/pages/flat/flat">平</navigator>`)},
		"pages/flat/flat.js":   {Data: []byte(`Page({ onPullDownRefresh() { console.log('flat refresh') } })`)},
		"pages/flat/flat.wxml": {Data: []byte(`<view>平页</view>`)},
	}
	tw := newTestWorld(t, files, DefaultSettings(), PhoneConfig{})
	tw.launch()
	must(t, tw.phone.ScrollBottom())
	must(t, tw.phone.ScrollBottom())
	tw.mustScreen("到底 2 次")
	tw.mustScreen("竖") // a scroll-view is a block of the page
	if n := strings.Count(tw.lines(), "lower y"); n != 2 {
		t.Errorf("scrolltolower of the vertical scroll-view fired %d times, want 2", n)
	}
	tw.mustNotLog("lower x")

	must(t, tw.phone.PullDown())
	if !tw.phone.snapshot().Page.Refreshing {
		t.Errorf("no refresh shown after a pull-down")
	}
	must(t, tw.phone.Tap("停"))
	if tw.phone.snapshot().Page.Refreshing {
		t.Errorf("refresh still shown after stopPullDownRefresh")
	}
	must(t, tw.phone.Tap("刷"))
	if !tw.phone.snapshot().Page.Refreshing {
		t.Errorf("no refresh shown after startPullDownRefresh")
	}
	tw.Advance(time.Second)
	if n := strings.Count(tw.lines(), "console.log refresh"); n != 2 {
		t.Errorf("onPullDownRefresh ran %d times, want 2 (pull and startPullDownRefresh)", n)
	}
	must(t, tw.phone.Tap("平"))
	if err := tw.phone.PullDown(); err == nil || !strings.Contains(err.Error(), "enablePullDownRefresh") {
		t.Errorf("pull-down on a page without it: %v", err)
	}
	tw.mustNotLog("flat refresh")
}
