package engine

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"miniphone/engine/wxapi"
	"miniphone/fakeserver"
)

// wxApp is app.js whose onLaunch runs body, with log(...) for
// console.log and cb(tag) for callbacks that log their result.
func wxApp(body string) string {
	return `function log() { console.log.apply(console, arguments) }
function cb(tag) {
  return {
    success: function (r) { log(tag, 'success', JSON.stringify(r)) },
    fail: function (r) { log(tag, 'fail', r.errMsg) },
  }
}
App({ onLaunch() {
` + body + `
} })`
}

// wxWorld launches an app whose onLaunch runs body.
func wxWorld(t *testing.T, body string, phone PhoneConfig) *testWorld {
	t.Helper()
	tw := newTestWorld(t, project(wxApp(body), `Page({})`, `<view>page</view>`), DefaultSettings(), phone)
	tw.launch()
	return tw
}

// console is what the app printed, in order.
func (tw *testWorld) console() []string {
	var out []string
	for _, e := range tw.Transcript(0) {
		if e.Kind == "console.log" {
			out = append(out, e.Detail)
		}
	}
	return out
}

func (tw *testWorld) mustConsole(want ...string) {
	tw.t.Helper()
	if got := tw.console(); !slices.Equal(got, want) {
		tw.t.Errorf("console:\n got %q\nwant %q\ntranscript:\n%s", got, want, tw.lines())
	}
}

// count is how many transcript lines have kind and detail.
func (tw *testWorld) count(kind, detail string) int {
	n := 0
	for _, e := range tw.Transcript(0) {
		if e.Kind == kind && e.Detail == detail {
			n++
		}
	}
	return n
}

// The phone's handlers and the table agree: the app starts without the
// error Install reports otherwise, and every emulated API is there.
func TestEveryEmulatedAPIIsOnWX(t *testing.T) {
	var names []string
	for _, api := range wxapi.Table {
		if api.Treatment == wxapi.Emulated {
			names = append(names, fmt.Sprintf("%q", api.Name))
		}
	}
	tw := wxWorld(t, `var missing = [`+strings.Join(names, ",")+`].filter(function (n) {
  var o = wx
  n.split('.').forEach(function (k) { o = o && o[k] })
  return o === undefined
})
log('missing', missing.join(' '))`, PhoneConfig{})
	tw.mustConsole("missing ")
	tw.mustNotLog("wx API table")
}

// A not-emulated API says so in the transcript once per run of the app,
// however often it is called.
func TestNotEmulatedIsReportedOncePerLaunch(t *testing.T) {
	tw := wxWorld(t, `wx.getLocation(cb('loc'))
wx.getLocation(cb('loc'))
wx.cloud.init({env: 'e'})
wx.cloud.callFunction({name: 'f', fail: function (e) { log('cf', e.errMsg) }})
log('sync', JSON.stringify(wx.getBatteryInfoSync()), wx.createAnimation().opacity(0).step() !== undefined)`, PhoneConfig{})
	tw.mustConsole(
		"sync {} true",
		"loc fail getLocation:fail not emulated in miniphone",
		"loc fail getLocation:fail not emulated in miniphone",
		"cf cloud.callFunction:fail not emulated in miniphone",
	)
	for _, api := range []string{"wx.getLocation", "wx.cloud.init", "wx.cloud.callFunction", "wx.getBatteryInfoSync", "wx.createAnimation"} {
		if n := tw.count("not-emulated", api); n != 1 {
			t.Errorf("%d lines not-emulated %s, want 1", n, api)
		}
	}
	if err := tw.phone.Kill("app"); err != nil {
		t.Fatal(err)
	}
	tw.launch()
	if n := tw.count("not-emulated", "wx.getLocation"); n != 2 {
		t.Errorf("after a second launch, %d lines not-emulated wx.getLocation, want 2", n)
	}
	tw.mustNotLog("TypeError")
}

func TestCanIUseForms(t *testing.T) {
	tw := wxWorld(t, `log(wx.canIUse('button.open-type.getUserInfo'), wx.canIUse('showModal.object.showCancel'),
  wx.canIUse('getUserProfile'), wx.canIUse('showModal.object.nope'), wx.canIUse('cloud.callFunction'))`, PhoneConfig{})
	tw.mustConsole("true true true false true")
}

func TestSystemInfoFromThePhone(t *testing.T) {
	tw := wxWorld(t, `var s = wx.getSystemInfoSync()
log('sync', s.SDKVersion, s.version, s.platform, s.screenWidth, s.screenHeight, s.windowHeight, s.statusBarHeight, s.wifiEnabled)
var w = wx.getWindowInfo()
log('window', Object.keys(w).sort().join(','), w.screenTop)
log('device', wx.getDeviceInfo().platform, wx.getDeviceInfo().brand)
log('app', wx.getAppBaseInfo().SDKVersion, wx.getAppBaseInfo().version, wx.getAppBaseInfo().language)
log('setting', wx.getSystemSetting().wifiEnabled, wx.getAppAuthorizeSetting().cameraAuthorized)
var m = wx.getMenuButtonBoundingClientRect()
log('menu', m.left, m.top, m.right, m.bottom, m.width, m.height)
wx.getSystemInfo({success: function (r) { log('async', r.SDKVersion, r.errMsg) }})
wx.getNetworkType({success: function (r) { log('net', r.networkType) }})`, PhoneConfig{Base: "3.2.0", Client: "8.0.40", Network: "4g"})
	tw.mustConsole(
		"sync 3.2.0 8.0.40 android 393 852 780 24 false",
		"window pixelRatio,safeArea,screenHeight,screenTop,screenWidth,statusBarHeight,windowHeight,windowWidth 72",
		"device android miniphone",
		"app 3.2.0 8.0.40 zh_CN",
		"setting false authorized",
		"menu 296 32 383 64 87 32",
		"async 3.2.0 getSystemInfo:ok",
		"net 4g",
	)
}

func TestNetworkStatusChange(t *testing.T) {
	tw := wxWorld(t, `function a(r) { log('a', r.isConnected, r.networkType) }
function b(r) { log('b', r.networkType) }
wx.onNetworkStatusChange(a)
wx.onNetworkStatusChange(b)
getApp().offB = function () { wx.offNetworkStatusChange(b) }`, PhoneConfig{})
	if err := tw.phone.SetNetwork("offline"); err != nil {
		t.Fatal(err)
	}
	tw.phone.Home()
	tw.Advance(time.Minute) // suspended: the change waits
	if err := tw.phone.SetNetwork("3g"); err != nil {
		t.Fatal(err)
	}
	tw.launch()
	tw.callApp("offB")
	if err := tw.phone.SetNetwork("wifi"); err != nil {
		t.Fatal(err)
	}
	tw.RunDue()
	tw.mustConsole("a false none", "b none", "a true 3g", "b 3g", "a true wifi")
	tw.mustLog("onNetworkStatusChange networkType=3g")
}

// nextTick runs after the code that asked, before any timer.
func TestNextTick(t *testing.T) {
	tw := wxWorld(t, `setTimeout(function () { log('timer') }, 0)
wx.nextTick(function () { log('tick') })
log('now')`, PhoneConfig{})
	tw.Advance(time.Second)
	tw.mustConsole("now", "tick", "timer")
}

func TestUIAPIs(t *testing.T) {
	tw := wxWorld(t, `wx.setClipboardData({data: '复制的', success: function () {
  wx.getClipboardData({success: function (r) { log('clip', r.data) }})
}})
wx.setClipboardData(Object.assign({data: 5}, cb('clip5')))
wx.vibrateShort({type: 'light'})
wx.vibrateLong()
wx.previewImage(Object.assign({urls: ['a.png', 'b.png'], current: 'b.png'}, cb('preview')))
wx.previewImage(Object.assign({urls: []}, cb('preview0')))
wx.setNavigationBarTitle(cb('early title'))`, PhoneConfig{})
	tw.mustConsole(
		"clip5 fail setClipboardData:fail parameter error: parameter.data should be String instead of Number;",
		`preview success {"errMsg":"previewImage:ok"}`,
		"preview0 fail previewImage:fail parameter error: parameter.urls should not be empty",
		"early title fail setNavigationBarTitle:fail parameter error: parameter.title should be String instead of Undefined;",
		"clip 复制的",
	)
	tw.mustLog("clipboard 3 characters", "vibrate short light", "vibrate long", "preview-image b.png (2 of 2)")
	tw.mustScreen("内容已复制")
}

// The navigation bar: the page's title and colours, its loading mark,
// and the share menu, each set on the page on top.
func TestNavigationBar(t *testing.T) {
	page := `Page({ onLoad() {
  wx.setNavigationBarTitle({title: '商品详情'})
  wx.setNavigationBarColor({frontColor: '#ffffff', backgroundColor: '#07C160'})
  wx.setNavigationBarColor({frontColor: '#123456', backgroundColor: '#000000', fail: function (e) { console.log(e.errMsg) }})
  wx.showNavigationBarLoading()
  wx.showShareMenu({withShareTicket: true})
  wx.hideShareMenu()
} })`
	tw := newTestWorld(t, project(`App({ onLaunch() {
  wx.setNavigationBarTitle({title: 'x', fail: function (e) { console.log('launch', e.errMsg) }})
} })`, page, `<view>page</view>`), DefaultSettings(), PhoneConfig{})
	tw.launch()
	tw.mustConsole(
		"launch setNavigationBarTitle:fail no page is open",
		`setNavigationBarColor:fail invalid frontColor "#123456": it should be #ffffff or #000000`,
	)
	tw.mustLog(`title "商品详情"`, "nav-color #ffffff #07c160", "share-menu shown", "share-menu hidden")
	v := tw.phone.snapshot().Page
	if v.Title != "商品详情" || v.NavFront != "#ffffff" || v.NavBackground != "#07c160" || !v.NavLoading {
		t.Errorf("page view %+v", v)
	}
	if first, _, _ := strings.Cut(tw.phone.ScreenText(), "\n"); first != "商品详情" {
		t.Errorf("title bar shows %q", first)
	}
}

func TestActionSheet(t *testing.T) {
	tw := wxWorld(t, `function sheet(tag) {
  wx.showActionSheet(Object.assign({itemList: ['拍照', '从相册选择'], alertText: '头像'}, cb(tag)))
}
sheet('first'); sheet('second'); sheet('third')
wx.showActionSheet(Object.assign({itemList: ['1','2','3','4','5','6','7']}, cb('seven')))
wx.showActionSheet(Object.assign({itemList: 'x'}, cb('string')))`, PhoneConfig{})
	m := tw.phone.OpenModal()
	if m == nil || !slices.Equal(m.Items, []string{"拍照", "从相册选择"}) || m.Title != "头像" {
		t.Fatalf("open modal %+v, want the action sheet", m)
	}
	if err := tw.phone.Answer(true); err == nil {
		t.Error("confirming an action sheet was accepted")
	}
	if err := tw.phone.Tap("从相册选择"); err != nil {
		t.Fatal(err)
	}
	if err := tw.phone.Answer(false); err != nil {
		t.Fatal(err)
	}
	if err := tw.phone.Tap("录像"); err == nil || !strings.Contains(err.Error(), `no item "录像"`) {
		t.Errorf("tapping a missing item: %v", err)
	}
	if err := tw.phone.Choose(0); err != nil {
		t.Fatal(err)
	}
	tw.RunDue()
	tw.mustConsole(
		"seven fail showActionSheet:fail parameter error: parameter.itemList should not be longer than 6",
		"string fail showActionSheet:fail parameter error: parameter.itemList should be Array instead of String;",
		`first success {"tapIndex":1,"errMsg":"showActionSheet:ok"}`,
		"second fail showActionSheet:fail cancel",
		`third success {"tapIndex":0,"errMsg":"showActionSheet:ok"}`,
	)
	tw.mustLog(`action-sheet "拍照" "从相册选择"`, `action-sheet.tap 1 "从相册选择"`, "action-sheet.cancel")
}

func TestAuthorizeAndSettings(t *testing.T) {
	tw := wxWorld(t, `wx.authorize(Object.assign({scope: 'scope.userLocation'}, cb('loc')))
wx.authorize(Object.assign({scope: 'scope.camera'}, cb('camera')))
wx.authorize(Object.assign({scope: 'scope.nope'}, cb('nope')))
getApp().again = function () {
  wx.authorize(Object.assign({scope: 'scope.camera'}, cb('camera again')))
  wx.getSetting(cb('setting'))
  wx.openSetting(cb('open'))
}`, PhoneConfig{})
	m := tw.phone.OpenModal()
	if m == nil || m.Content != "获取你的地理位置" || m.ConfirmText != "允许" || m.CancelText != "拒绝" {
		t.Fatalf("open modal %+v, want the location dialog", m)
	}
	if err := tw.phone.Answer(true); err != nil {
		t.Fatal(err)
	}
	if err := tw.phone.Answer(false); err != nil {
		t.Fatal(err)
	}
	tw.RunDue()
	tw.callApp("again")
	tw.mustConsole(
		`nope fail authorize:fail invalid scope "scope.nope"`,
		`loc success {"errMsg":"authorize:ok"}`,
		"camera fail authorize:fail auth deny",
		"camera again fail authorize:fail auth deny",
		`setting success {"authSetting":{"scope.camera":false,"scope.userLocation":true},"errMsg":"getSetting:ok"}`,
		`open success {"authSetting":{"scope.camera":false,"scope.userLocation":true},"errMsg":"openSetting:ok"}`,
	)
	tw.mustLog("authorize scope.userLocation granted", "authorize scope.camera denied", "open-setting")
}

// callApp calls a method the app put on its App object, as a task of the
// app, and runs what it started.
func (tw *testWorld) callApp(method string) {
	tw.t.Helper()
	inst := tw.phone.apps["app"].inst
	inst.rt.CallApp(method)
	tw.RunDue()
}

func TestUserProfile(t *testing.T) {
	tw := wxWorld(t, `wx.getUserProfile({desc: '展示头像', success: function (r) {
  log('profile', r.userInfo.nickName, r.userInfo.avatarUrl, r.rawData === JSON.stringify(r.userInfo) || r.rawData.length > 0)
}})
wx.getUserProfile(cb('no desc'))
wx.getUserInfo({success: function (r) { log('info', r.userInfo.nickName, typeof r.signature) }})`, PhoneConfig{User: "小明"})
	tw.mustConsole(
		"profile 小明 https://miniphone.invalid/avatar/%E5%B0%8F%E6%98%8E.png true",
		"no desc fail getUserProfile:fail parameter error: parameter.desc should be String instead of Undefined;",
		"info 小明 string",
	)
}

// switchTab closes the other pages but keeps the tab pages, which are
// hidden and shown again without loading twice; the other navigations
// refuse tab pages, and switchTab refuses the others.
func TestSwitchTab(t *testing.T) {
	page := func(name string) string {
		return `Page({ onLoad() { console.log('load ` + name + `') }, onShow() { console.log('show ` + name + `') },
  onHide() { console.log('hide ` + name + `') }, onUnload() { console.log('unload ` + name + `') } })`
	}
	files := fstest.MapFS{
		"app.json": {Data: []byte(`{"pages":["pages/a/a","pages/b/b","pages/c/c"],
  "tabBar":{"list":[{"pagePath":"pages/a/a","text":"A"},{"pagePath":"/pages/b/b","text":"B"}]}}`)},
		"app.js": {Data: []byte(`App({ go(f, url) { wx[f]({url: url, fail: function (e) { console.log(e.errMsg) }}) } })`)},
	}
	for _, p := range []string{"a", "b", "c"} {
		files["pages/"+p+"/"+p+".js"] = &fstest.MapFile{Data: []byte(page(p))}
		files["pages/"+p+"/"+p+".wxml"] = &fstest.MapFile{Data: []byte(`<view>` + p + `</view>`)}
	}
	tw := newTestWorld(t, files, DefaultSettings(), PhoneConfig{})
	tw.launch()
	inst := tw.phone.apps["app"].inst
	go_ := func(f, url string) {
		inst.rt.CallApp("go", f, url)
		tw.RunDue()
	}
	go_("navigateTo", "/pages/c/c")
	go_("switchTab", "/pages/b/b?x=1")
	go_("switchTab", "/pages/a/a")
	go_("navigateTo", "/pages/b/b")
	go_("switchTab", "/pages/c/c")
	go_("switchTab", "/pages/b/b")
	go_("reLaunch", "/pages/c/c")
	tw.mustConsole(
		"load a", "show a",
		"hide a", "load c", "show c",
		"unload c", "hide a", "load b", "show b",
		"hide b", "show a",
		"navigateTo:fail can not navigateTo a tabbar page",
		"switchTab:fail can not switch to no-tabBar page",
		"hide a", "show b",
		"unload b", "unload a", "load c", "show c",
	)
}

// login's code, traded by the app's backend (a request answered by the
// developer server's session kind), names the user; a code is good once,
// and for five minutes. checkSession holds from login on for
// Settings.SessionLifetime.
func TestLoginAndJSCode2Session(t *testing.T) {
	body := `var backend = 'https://api.shop.example/login'
function trade(tag, code) {
  wx.request({url: backend, method: 'POST', data: {code: code}, success: function (r) {
    log(tag, r.statusCode, r.data.openid || r.data.errcode, r.data.errmsg || '')
  }})
}
wx.checkSession(cb('before'))
wx.login({success: function (r) {
  log('code', r.code.length)
  wx.checkSession(cb('after'))
  trade('first', r.code)
  trade('again', r.code)
  wx.login({success: function (r2) {
    setTimeout(function () { trade('late', r2.code) }, 6 * 60 * 1000)
  }})
}})
getApp().check = function () { wx.checkSession(cb('month')) }`
	files := project(wxApp(body), `Page({})`, `<view/>`)
	srv, err := fakeserver.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	tw := newTestWorldVia(t, srv.URL, srv.URL, files, DefaultSettings(), PhoneConfig{User: "u1"})
	if err := tw.platform.SetRequest(context.Background(), fakeserver.RequestConfig{URL: "https://api.shop.example/login", Kind: "session"}); err != nil {
		t.Fatal(err)
	}
	tw.launch()
	tw.Advance(7 * time.Minute)
	tw.Advance(30 * 24 * time.Hour)
	tw.callApp("check")
	openid := fakeserver.OpenID("app", "u1")
	tw.mustConsole(
		"before fail checkSession:fail session time out, need relogin",
		"code 32",
		`after success {"errMsg":"checkSession:ok"}`,
		"first 200 "+openid+" ",
		"again 200 40163 code been used",
		"late 200 40029 invalid code",
		"month fail checkSession:fail session time out, need relogin",
	)
}

// getEnterOptionsSync tells how the app was last shown, cold or hot;
// getLaunchOptionsSync stays the cold start's. offMemoryWarning removes a
// listener; wx.env is the user data folder.
func TestEnterOptionsMemoryListenersAndEnv(t *testing.T) {
	tw := wxWorld(t, `function warn(r) { log('warned', r.level) }
wx.onMemoryWarning(warn)
wx.onMemoryWarning(function () { log('kept') })
getApp().off = function () { wx.offMemoryWarning(warn) }
getApp().onShow = function () {
  var e = wx.getEnterOptionsSync(), l = wx.getLaunchOptionsSync()
  log('enter', e.path, e.scene, JSON.stringify(e.query), 'launch', l.scene)
}
log('env', wx.env.USER_DATA_PATH)`, PhoneConfig{})
	tw.phone.MemoryWarning()
	tw.callApp("off")
	tw.Advance(time.Minute) // past the window: the next warning is the first again
	tw.phone.MemoryWarning()
	tw.phone.Home()
	if err := tw.phone.Launch("app", LaunchOptions{Scene: 1007, Query: map[string]string{"from": "chat"}}); err != nil {
		t.Fatal(err)
	}
	tw.RunDue()
	tw.mustConsole("env http://usr", "enter pages/index/index 1001 {} launch 1001", "warned 10", "kept", "kept",
		`enter pages/index/index 1007 {"from":"chat"} launch 1001`)
}
