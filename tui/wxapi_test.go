package tui

import (
	"strings"
	"testing"
	"testing/fstest"
)

// shopApp asks for a photo source in an action sheet, and loads its goods
// with wx.request.
var shopApp = App{ID: "shop", Files: fstest.MapFS{
	"app.json": {Data: []byte(`{"pages":["pages/index/index"],"window":{"navigationBarTitleText":"小店"}}`)},
	"app.js":   {Data: []byte(`App({})`)},
	"pages/index/index.js": {Data: []byte(`Page({
  data: { picked: '未选择', goods: '未加载' },
  onPhoto() {
    wx.showActionSheet({ itemList: ['拍照', '从相册选择'], alertText: '上传头像',
      success: (r) => this.setData({ picked: '选了 ' + r.tapIndex }),
      fail: (e) => this.setData({ picked: e.errMsg }) })
  },
  onLoadGoods() {
    wx.showNavigationBarLoading()
    wx.request({ url: 'https://shop.example/goods',
      success: (r) => this.setData({ goods: r.statusCode + ' ' + JSON.stringify(r.data) }) })
  },
})`)},
	"pages/index/index.wxml": {Data: []byte(`<view>{{picked}}</view>
<view>{{goods}}</view>
<button bindtap="onPhoto">换头像</button>
<button bindtap="onLoadGoods">加载</button>`)},
}}

// openShop opens the shop, the third app of the home screen.
func (h *harness) openShop() {
	h.t.Helper()
	h.press("1", "down", "down", "enter", "h")
	h.waitFor("未选择", "+0d01:00:00.000")
}

// TestActionSheet: an action sheet takes the phone's keys like a modal:
// the focus moves over its items and cancel, stopping at the ends; enter
// answers.
func TestActionSheet(t *testing.T) {
	h := startWith(t, 120, 40, append(DemoApps(), shopApp))
	h.openShop()
	h.press("enter")
	screen := h.waitFor("上传头像", "▸ 拍照", "从相册选择", "取消")
	if strings.Contains(screen, "▸ 从相册选择") {
		t.Errorf("the sheet opened with its second item focused:\n%s", screen)
	}
	h.press("down", "enter")
	h.waitFor("选了 1")
	h.press("enter")
	h.waitFor("▸ 拍照")
	h.press("up", "down", "down", "enter") // ↑ stays on the first item; cancel is last
	h.waitFor("showActionSheet:fail cancel")
	h.press("enter")
	h.waitFor("▸ 拍照")
	h.press("enter")
	h.waitFor("选了 0")
	h.press("enter")
	h.waitFor("▸ 拍照")
	h.press("esc")
	h.waitFor("showActionSheet:fail cancel")
	if tr := h.transcript(); !strings.Contains(tr, `action-sheet.tap 1 "从相册选择"`) || strings.Count(tr, "action-sheet.cancel") != 2 {
		t.Errorf("transcript:\n%s", tr)
	}
}

// TestRequestForm: the console's form sets what wx.request gets at a URL,
// and the transcript reads as the scenario step.
func TestRequestForm(t *testing.T) {
	h := startWith(t, 120, 40, append(DemoApps(), shopApp))
	h.openShop()
	h.press("tab", "enter", "h")
	h.waitFor("◌ 小店", "404")
	h.press("2", "R")
	h.waitFor("What the developer server answers to wx.request", "https://demo.example/api")
	h.press("ctrl+u")
	h.typeText("https://shop.example/goods")
	h.press("tab", "tab", "ctrl+u")
	h.typeText(`{"n":2}`)
	h.press("enter")
	h.waitFor(`✓ request https://shop.example/goods: json "{\"n\":2}"`)
	h.press("1", "enter", "h")
	h.waitFor(`200 {"n":2}`)
	if tr := h.transcript(); !strings.Contains(tr, `platform - request https://shop.example/goods json "{\"n\":2}"`) {
		t.Errorf("transcript:\n%s", tr)
	}

	// A refusal keeps the form open with the platform's reason.
	h.press("2", "R", "tab", "tab", "ctrl+u")
	h.typeText(`{nope`)
	h.press("enter")
	h.waitFor("body of kind json is not JSON")
}
