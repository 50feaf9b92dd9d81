package engine

import (
	"testing"
	"time"
)

// A page with a counter, so a test can prove the phone still works after a
// fault: tapping "+1" must still change the screen.
const counterPage = `Page({
  data: { n: 0 },
  inc() { this.setData({ n: this.data.n + 1 }) },
  spin() { while (true) {} },
  reject() { Promise.reject(new Error('tap rejected')) }
})`

const counterWXML = `<view>count {{n}}</view>
<button bindtap="inc">+1</button>
<button bindtap="spin">spin</button>
<button bindtap="reject">reject</button>`

func TestScriptFaultsLeaveThePhoneUsable(t *testing.T) {
	cases := []struct {
		name  string
		appJS string
		tap   string // a button to tap after launch, if any
		logs  []string
	}{
		{
			name: "throw in onLaunch calls onError",
			appJS: `App({
  onLaunch() { throw new Error('boom') },
  onError(msg) { console.log('onError got', msg) }
})`,
			logs: []string{"error App.onLaunch: Error: boom", "console.log onError got Error: boom"},
		},
		{
			name:  "endless loop in a tap handler is interrupted",
			appJS: `App({})`,
			tap:   "spin",
			logs:  []string{"error Page.spin pages/index/index interrupted after running past 50ms"},
		},
		{
			name: "unhandled rejection calls onUnhandledRejection",
			appJS: `App({
  onUnhandledRejection(res) { console.log('unhandled:', res.reason.message) }
})`,
			tap:  "reject",
			logs: []string{"error unhandled promise rejection: Error: tap rejected", "console.log unhandled: tap rejected"},
		},
		{
			name: "require of a missing module is an error, not a crash",
			appJS: `App({
  onLaunch() { require('./utils/missing') },
  onError(msg) { console.log('onError:', msg) }
})`,
			logs: []string{`require: "./utils/missing" is not defined: the package has no utils/missing(.js|.ts|/index.js|/index.ts) (required from app.js)`, "console.log onError:"},
		},
		{
			name:  "a handled rejection is not reported",
			appJS: `App({ onLaunch() { Promise.reject(new Error('x')).catch(function () { console.log('caught') }) } })`,
			logs:  []string{"console.log caught"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			settings := DefaultSettings()
			// Short, so the endless loop ends soon; the other handlers
			// finish far inside it, however busy the machine.
			settings.CallbackBudget = 50 * time.Millisecond
			if tc.tap != "spin" {
				settings.CallbackBudget = time.Minute
			}
			tw := newTestWorld(t, project(tc.appJS, counterPage, counterWXML), settings, PhoneConfig{})
			tw.launch()
			if tc.tap != "" {
				if err := tw.phone.Tap(tc.tap); err != nil {
					t.Fatal(err)
				}
				tw.RunDue()
			}
			tw.mustLog(tc.logs...)
			if tc.name == "a handled rejection is not reported" {
				tw.mustNotLog("unhandled promise rejection")
			}
			// The phone is still usable: the next action runs.
			if err := tw.phone.Tap("+1"); err != nil {
				t.Fatal(err)
			}
			tw.mustScreen("count 1")
		})
	}
}

func TestAppWithoutAppCallFailsToStartCleanly(t *testing.T) {
	tw := newTestWorld(t, project(`var x = 1`, counterPage, counterWXML), DefaultSettings(), PhoneConfig{})
	tw.launch()
	tw.mustLog("error app.js did not call App()", "destroyed the app failed to start")
	if st, _ := tw.phone.State("app"); st != Destroyed {
		t.Errorf("state = %s, want destroyed", st)
	}
	// The phone can try again.
	tw.launch()
}

// Scripts that attack the emulator from odd angles: each must end as log
// lines with the clock still able to move, never as a panic or a hang.
func TestHostileScriptsCannotStopThePhone(t *testing.T) {
	cases := []struct {
		name    string
		appJS   string
		pageJS  string
		log     string
		endless bool // the script loops for ever: the budget stops it
	}{
		{
			name:  "a getter on App that throws",
			appJS: `App({ get onShow() { throw new Error('getter') } })`,
			log:   "error App.onShow: Error: getter",
		},
		{
			name:   "a page that deletes its data",
			appJS:  `App({})`,
			pageJS: `Page({ onLoad() { delete this.data } })`,
			log:    "ready pages/index/index",
		},
		{
			name:    "a data getter that never returns",
			appJS:   `App({})`,
			pageJS:  `Page({ onLoad() { Object.defineProperty(this, 'data', { get: function () { for (;;) {} } }) } })`,
			log:     "interrupted",
			endless: true,
		},
		{
			name:  "an API whose callback calls it again",
			appJS: `App({ onLaunch() { function loop() { wx.showToast({ title: 't', complete: loop }) } loop() } })`,
			log:   "toast t",
		},
		{
			name:  "an app that restarts itself from onLaunch",
			appJS: `App({ onLaunch() { wx.restartMiniProgram({}) } })`,
			log:   "destroyed restartMiniProgram",
		},
		{
			name:  "runaway recursion",
			appJS: `App({ onLaunch() { function f() { [0].forEach(f) } f() } })`,
			log:   "RangeError",
		},
		{
			name:  "a timer storm",
			appJS: `App({ onLaunch() { for (;;) setTimeout(function () {}, 0) } })`,
			log:   "too many timers",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			settings := DefaultSettings()
			// Only the endless loops may meet the budget: a timer storm
			// must end in its own limit even on a machine slowed to a crawl.
			settings.CallbackBudget = time.Minute
			if tc.endless {
				settings.CallbackBudget = 50 * time.Millisecond
			}
			page := tc.pageJS
			if page == "" {
				page = `Page({})`
			}
			tw := newTestWorld(t, project(tc.appJS, page, `<view>{{msg}}</view>`), settings, PhoneConfig{})
			tw.launch()
			_ = tw.phone.ScreenText() // renders: reads the page's data
			tw.Advance(5 * time.Second)
			if tw.Elapsed() < 5*time.Second {
				t.Fatalf("the clock is stuck at %s", tw.Elapsed())
			}
			tw.mustLog(tc.log)
		})
	}
}
