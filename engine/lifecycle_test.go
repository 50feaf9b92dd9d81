package engine

import (
	"strings"
	"testing"
	"time"
)

// kinds lists the kinds of the transcript's events of the app, from
// index from on, that keep accepts.
func (tw *testWorld) kinds(from int, keep func(string) bool) []string {
	var out []string
	for _, e := range tw.Transcript(from) {
		if keep(e.Kind) {
			out = append(out, e.Kind)
		}
	}
	return out
}

func isLifecycle(kind string) bool {
	return strings.HasPrefix(kind, "App.") || strings.HasPrefix(kind, "Page.") ||
		kind == "cold-start" || kind == "hot-start" || kind == "background" ||
		kind == "suspended" || kind == "destroyed"
}

func TestColdAndHotStartCallbacksInOrder(t *testing.T) {
	tw := newTestWorld(t, project(`App({})`, `Page({})`, `<view>hi</view>`), DefaultSettings(), PhoneConfig{})
	tw.launch()
	got := strings.Join(tw.kinds(0, isLifecycle), " ")
	want := "cold-start App.onLaunch App.onShow Page.onLoad Page.onShow Page.onReady"
	if got != want {
		t.Errorf("cold start:\n got %s\nwant %s", got, want)
	}
	mark := tw.TranscriptLen()
	tw.phone.Home()
	tw.Advance(2 * time.Second)
	tw.launch()
	got = strings.Join(tw.kinds(mark, isLifecycle), " ")
	want = "background App.onHide Page.onHide hot-start App.onShow Page.onShow"
	if got != want {
		t.Errorf("hot start:\n got %s\nwant %s", got, want)
	}
	// The first launch is an install, whose check finds the package; the
	// hot start must not check again.
	if n := strings.Count(tw.lines(), " update.check\n"); n != 1 {
		t.Errorf("%d version checks, want 1: a hot start does not check", n)
	}
}

// A suspended app's timers stop and resume where they were; its callbacks
// wait for the foreground.
func TestSuspendedTimersPauseAndResume(t *testing.T) {
	page := `Page({
  onLoad() {
    var that = this
    setInterval(function () { that.setData({ ticks: (that.data.ticks || 0) + 1 }) }, 1000)
  }
})`
	tw := newTestWorld(t, project(`App({})`, page, `<view>ticks {{ticks}}</view>`), DefaultSettings(), PhoneConfig{})
	tw.launch()
	tw.Advance(3 * time.Second)
	tw.mustScreen("ticks 3")
	tw.phone.Home()
	tw.Advance(10 * time.Minute) // 5 s running in background, then suspended
	if st, _ := tw.phone.State("app"); st != Suspended {
		t.Fatalf("state = %s, want suspended", st)
	}
	tw.launch()
	tw.mustScreen("ticks 8") // 3 in foreground + 5 in background, none while suspended
	tw.Advance(2 * time.Second)
	tw.mustScreen("ticks 10")
}

func TestMemoryWarningsReachListenersFirst(t *testing.T) {
	app := `App({ onLaunch() { wx.onMemoryWarning(function (r) { console.log('warned', r.level) }) } })`
	tw := newTestWorld(t, project(app, `Page({})`, `<view/>`), DefaultSettings(), PhoneConfig{})
	tw.launch()
	tw.phone.MemoryWarning()
	tw.Advance(4 * time.Second)
	tw.phone.MemoryWarning()
	if st, _ := tw.phone.State("app"); st != Destroyed {
		t.Fatalf("state = %s, want destroyed", st)
	}
	if n := strings.Count(tw.lines(), "console.log warned 10"); n != 2 {
		t.Errorf("listener called %d times, want 2", n)
	}
}

func TestApplyUpdateBeforeReadyIsRefused(t *testing.T) {
	app := `App({ onLaunch() { wx.getUpdateManager().applyUpdate() } })`
	tw := newTestWorld(t, project(app, `Page({})`, `<view/>`), DefaultSettings(), PhoneConfig{})
	tw.launch()
	tw.mustLog("applyUpdate:fail update is not ready")
	tw.mustNotLog("destroyed applyUpdate")
}

// A listener registered after its event still hears it, with the same
// result.
func TestLateUpdateListenerIsCalledAtOnce(t *testing.T) {
	app := `App({ onLaunch() {
  var m = wx.getUpdateManager()
  setTimeout(function () {
    m.onCheckForUpdate(function (r) { console.log('late check', r.hasUpdate) })
    m.onUpdateReady(function () { console.log('late ready') })
  }, 60000)
} })`
	tw := newTestWorld(t, project(app, `Page({})`, `<view/>`), DefaultSettings(), PhoneConfig{})
	tw.launch()
	tw.publish("1.1.0", project(app, `Page({})`, `<view/>`))
	if err := tw.phone.Kill("app"); err != nil {
		t.Fatal(err)
	}
	tw.launch()
	tw.Advance(2 * time.Minute)
	tw.mustLog("console.log late check true", "console.log late ready")
}

func TestShowModalPromiseStyleFollowsBaseLibrary(t *testing.T) {
	app := `App({ onLaunch() {
  var r = wx.showModal({ title: 't', content: 'c' })
  console.log('returns', typeof r)
  if (r) r.then(function (res) { console.log('confirm', res.confirm, res.errMsg) })
} })`
	for _, tc := range []struct{ base, want string }{
		{"2.10.2", "console.log confirm true showModal:ok"},
		{"2.10.1", "console.log returns undefined"},
	} {
		t.Run(tc.base, func(t *testing.T) {
			tw := newTestWorld(t, project(app, `Page({})`, `<view/>`), DefaultSettings(), PhoneConfig{Base: tc.base})
			tw.launch()
			m := tw.phone.OpenModal()
			if m == nil || m.CancelText != "取消" || m.ConfirmText != "确定" || !m.ShowCancel {
				t.Fatalf("modal = %+v, want WeChat's defaults", m)
			}
			if err := tw.phone.Answer(true); err != nil {
				t.Fatal(err)
			}
			tw.RunDue()
			tw.mustLog(tc.want)
		})
	}
}

func TestAPIsAbsentBelowTheirBaseLibrary(t *testing.T) {
	app := `App({ onLaunch() {
  console.log('canIUse', wx.canIUse('getUpdateManager'), typeof wx.getUpdateManager, typeof wx.restartMiniProgram)
} })`
	cases := map[string]string{
		"1.9.0":  "canIUse false undefined undefined",
		"1.9.90": "canIUse true function undefined",
		"3.0.1":  "canIUse true function function",
	}
	for base, want := range cases {
		t.Run(base, func(t *testing.T) {
			tw := newTestWorld(t, project(app, `Page({})`, `<view/>`), DefaultSettings(), PhoneConfig{Base: base})
			tw.launch()
			tw.mustLog("console.log " + want)
		})
	}
}

func TestStorageSurvivesRestarts(t *testing.T) {
	app := `App({ onLaunch() {
  var n = wx.getStorageSync('n') || 0
  wx.setStorageSync('n', n + 1)
  wx.setStorageSync('obj', { a: [1, 2] })
  console.log('launches', n + 1, JSON.stringify(wx.getStorageSync('obj')))
} })`
	tw := newTestWorld(t, project(app, `Page({})`, `<view/>`), DefaultSettings(), PhoneConfig{})
	tw.launch()
	if err := tw.phone.Kill("app"); err != nil {
		t.Fatal(err)
	}
	tw.launch()
	tw.mustLog(`console.log launches 2 {"a":[1,2]}`)
}

// Local time in a script is the phones' (CST), whatever the host's zone:
// run under TZ=America/New_York this still says 8.
func TestScriptLocalTimeIsChinaTime(t *testing.T) {
	app := `App({ onLaunch() { console.log('hours', new Date(0).getHours(), new Date().getHours()) } })`
	tw := newTestWorld(t, project(app, `Page({})`, `<view/>`), DefaultSettings(), PhoneConfig{})
	tw.launch()
	tw.mustLog("console.log hours 8 9")
}
