package engine

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"miniphone/fakeserver"
)

const dataURL = "https://x.example/data"

// fetchApp sets the token given (a JavaScript expression) at launch.
func fetchApp(token string) string {
	return `App({ onLaunch() { wx.setBackgroundFetchToken({ token: ` + token + ` }) } })`
}

// configure points the app's periodic fetch at dataURL, which answers
// with template.
func (tw *testWorld) configure(template string) {
	tw.t.Helper()
	ctx := context.Background()
	if _, err := tw.platform.SetFetchURL(ctx, "app", dataURL); err != nil {
		tw.t.Fatal(err)
	}
	if err := tw.platform.SetData(ctx, fakeserver.DataConfig{URL: dataURL, Kind: "text", Template: template}); err != nil {
		tw.t.Fatal(err)
	}
}

// pull fetches the periodic data now and runs until it arrived.
func (tw *testWorld) pull() {
	tw.t.Helper()
	if err := tw.phone.PullFetch("app"); err != nil {
		tw.t.Fatal(err)
	}
	if !tw.RunUntil(func() bool { return !tw.phone.Fetching("app") }, tw.Elapsed()+time.Minute) {
		tw.t.Fatal("the pulled fetch did not finish")
	}
}

// The seed says the query values are URL-encoded: a token holding '&',
// '=', '%', '+', spaces and Chinese must reach the developer server as the
// app set it, and come back in the echo.
func TestFetchQueryValuesArriveIntact(t *testing.T) {
	const token = "a&b=c d+e%20 令牌/?#"
	tw := newTestWorld(t, project(fetchApp(fmt.Sprintf("%q", token)), `Page({})`, `<view/>`), DefaultSettings(), PhoneConfig{})
	tw.configure("{{token}}|{{appid}}|{{timestamp}}|{{code}}")
	tw.launch()
	tw.pull()

	sent := Epoch.Add(tw.Elapsed() - 30*time.Millisecond).UnixMilli() // one wifi round trip before it arrived
	want := fmt.Sprintf("%s|app|%d|", token, sent)
	if got, ok := tw.phone.FetchedData("app"); got != want {
		t.Errorf("echo = %q (cached %v), want %q", got, ok, want)
	}
	entries, err := tw.platform.Log(context.Background(), 0)
	if err != nil {
		t.Fatal(err)
	}
	var devQueries []string
	for _, e := range entries {
		if e.Path == "/dev" {
			devQueries = append(devQueries, e.Query)
		}
	}
	if len(devQueries) != 1 {
		t.Fatalf("%d requests to /dev, want 1: %q", len(devQueries), devQueries)
	}
	q, err := url.ParseQuery(devQueries[0])
	if err != nil {
		t.Fatal(err)
	}
	if q.Get("token") != token || q.Get("url") != dataURL || q.Get("appid") != "app" || q.Has("code") {
		t.Errorf("the server received %q, decoded %v", devQueries[0], q)
	}
}

// Without a token the phone sends a login code instead, the same for the
// same user, app and moment.
func TestFetchSendsACodeWithoutAToken(t *testing.T) {
	tw := newTestWorld(t, project(`App({})`, `Page({})`, `<view/>`), DefaultSettings(), PhoneConfig{})
	tw.configure("token=[{{token}}] code=[{{code}}]")
	tw.pull()
	got, _ := tw.phone.FetchedData("app")
	sent := Epoch.Add(tw.Elapsed() - 30*time.Millisecond).UnixMilli()
	if want := "token=[] code=[" + loginCode("phone", "app", sent) + "]"; got != want {
		t.Errorf("echo = %q, want %q", got, want)
	}
	if loginCode("phone", "app", sent) == loginCode("other", "app", sent) {
		t.Error("two users got the same login code")
	}
}

func TestFetchTokenAPI(t *testing.T) {
	app := `App({ onLaunch() {
  function say(what) { return function (r) { console.log(what, r.errMsg, r.token === undefined ? '' : r.token) } }
  wx.getBackgroundFetchToken({ success: say('get'), fail: say('get') })
  wx.setBackgroundFetchToken({ token: 'x'.repeat(1025), success: say('set 1025'), fail: say('set 1025') })
  wx.setBackgroundFetchToken({ fail: say('set none') })
  wx.setBackgroundFetchToken({ token: '令'.repeat(1024), success: say('set 1024') })
  wx.getBackgroundFetchToken().then(function (r) { console.log('promise', r.token.length) })
} })`
	tw := newTestWorld(t, project(app, `Page({})`, `<view/>`), DefaultSettings(), PhoneConfig{})
	tw.launch()
	tw.mustLog(
		"console.log get getBackgroundFetchToken:fail no token has been set",
		"console.log set 1025 setBackgroundFetchToken:fail token is 1025 characters, over 1024",
		"console.log set none setBackgroundFetchToken:fail parameter error: token should be a string",
		"console.log set 1024 setBackgroundFetchToken:ok",
		"console.log promise 1024",
	)
}

func TestFetchDataAPI(t *testing.T) {
	app := `App({ onLaunch() {
  wx.getBackgroundFetchData({ fetchType: 'periodic', fail: function (r) { console.log(r.errMsg) } })
  wx.getBackgroundFetchData({ fetchType: 'hourly', fail: function (r) { console.log(r.errMsg) } })
  wx.onBackgroundFetchData(function (r) { console.log('listener', r.fetchType, r.fetchedData, Object.keys(r).join(',')) })
} })`
	page := `Page({ onShow() {
  wx.getBackgroundFetchData({ fetchType: 'periodic', success: function (r) { console.log('read', r.fetchedData, r.timeStamp, Object.keys(r).join(',')) } })
} })`
	tw := newTestWorld(t, project(app, page, `<view/>`), DefaultSettings(), PhoneConfig{})
	tw.configure("晴")
	tw.launch()
	tw.pull()
	tw.RunDue()
	tw.mustLog(
		"console.log getBackgroundFetchData:fail no periodic data has been fetched",
		`console.log getBackgroundFetchData:fail parameter error: fetchType should be 'periodic' or 'pre', not "hourly"`,
		"console.log listener periodic 晴 fetchType,fetchedData,path,query,scene,timeStamp",
	)
	tw.phone.Home()
	tw.launch()
	arrived := Epoch.Add(tw.Elapsed()).UnixMilli()
	tw.mustLog(fmt.Sprintf("console.log read 晴 %d fetchedData,path,query,scene,timeStamp,errMsg", arrived))
}

func TestFetchAPIsAbsentBelow280(t *testing.T) {
	app := `App({ onLaunch() {
  ['getBackgroundFetchData', 'setBackgroundFetchToken', 'getBackgroundFetchToken', 'onBackgroundFetchData'].forEach(function (n) {
    console.log(n, wx.canIUse(n), typeof wx[n])
  })
} })`
	for base, want := range map[string]string{"2.7.0": "false undefined", "2.8.0": "true function"} {
		t.Run(base, func(t *testing.T) {
			tw := newTestWorld(t, project(app, `Page({})`, `<view/>`), DefaultSettings(), PhoneConfig{Base: base})
			tw.launch()
			for _, n := range []string{"getBackgroundFetchData", "setBackgroundFetchToken", "getBackgroundFetchToken", "onBackgroundFetchData"} {
				tw.mustLog("console.log " + n + " " + want)
			}
		})
	}
}

// The scheduler runs only while some app was used within 7 days: once the
// last use is older, the phone has no events at all (the 24-hour update
// check stops too), and an old base library never arms it.
func TestFetchSchedulerSleepsOnAnIdlePhone(t *testing.T) {
	for _, tc := range []struct {
		base string
		wake bool // the scheduler is armed after the launch
	}{{"3.6.0", true}, {"2.7.0", false}} {
		t.Run(tc.base, func(t *testing.T) {
			tw := newTestWorld(t, project(`App({})`, `Page({})`, `<view/>`), DefaultSettings(), PhoneConfig{Base: tc.base})
			tw.configure("x")
			tw.launch()
			tw.phone.Home()
			if ev := tw.phone.fetcher.ev; ev.Pending() != tc.wake {
				t.Fatalf("scheduler armed = %v, want %v", ev.Pending(), tc.wake)
			}
			tw.Advance(8 * 24 * time.Hour)
			if in, ok := tw.NextEventIn(); ok {
				t.Errorf("an idle phone still has an event in %s", in)
			}
			fetches := strings.Count(tw.lines(), "fetch.periodic ok")
			if want := map[bool]int{true: 14, false: 0}[tc.wake]; fetches != want {
				t.Errorf("%d periodic fetches in 7 days, want %d (every 12 h)", fetches, want)
			}
		})
	}
}

// A wake that finds the network unusable says so only for an app that
// uses background fetch.
func TestFetchSkipsAreReportedOnlyForConfiguredApps(t *testing.T) {
	tw := newTestWorld(t, project(`App({})`, `Page({})`, `<view/>`), DefaultSettings(), PhoneConfig{})
	tw.launch()
	tw.phone.Home()
	tw.Advance(2 * time.Hour) // a wake finds no data URL
	if err := tw.phone.SetNetwork("2g"); err != nil {
		t.Fatal(err)
	}
	tw.Advance(2 * time.Hour)
	tw.mustNotLog("fetch.periodic")
	tw.configure("x")
	if err := tw.phone.SetNetwork("wifi"); err != nil {
		t.Fatal(err)
	}
	// The phone learns of the new data URL from its next check: the
	// periodic one, within a day.
	tw.Advance(25 * time.Hour)
	if err := tw.phone.SetNetwork("2g"); err != nil {
		t.Fatal(err)
	}
	tw.phone.ClearFetch("app")
	tw.Advance(12 * time.Hour)
	tw.mustLog("fetch.periodic ok 1 bytes", "fetch.periodic skipped: network 2g")
	if _, ok := tw.phone.FetchedData("app"); ok {
		t.Error("clear-fetch left the periodic data")
	}
}

// routeLookups counts the GET /fetch-route requests the platform answered.
func (tw *testWorld) routeLookups() int {
	tw.t.Helper()
	entries, err := tw.platform.Log(context.Background(), 0)
	if err != nil {
		tw.t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		if e.Path == "/fetch-route" {
			n++
		}
	}
	return n
}

// A phone asks which URL to fetch from only when the configuration's tag,
// which every check answer carries, differs from the one it looked up
// under; an app without a data URL costs no request at a wake.
func TestFetchRouteIsAskedOnlyWhenTheConfigurationChanged(t *testing.T) {
	tw := newTestWorld(t, project(`App({})`, `Page({})`, `<view/>`), DefaultSettings(), PhoneConfig{})
	tw.launch() // the pre-fetch asks once: the phone has heard no tag yet
	tw.phone.Home()
	tw.Advance(2 * 24 * time.Hour)
	if n := tw.routeLookups(); n != 1 {
		t.Errorf("%d route lookups in 2 days of an app with no data URL, want the 1 of the first launch", n)
	}
	tw.configure("x")
	tw.Advance(2 * 24 * time.Hour) // a periodic check brings the new tag
	if n := tw.routeLookups(); n != 2 {
		t.Errorf("%d route lookups after the data URL was set, want 2 (one more, once)", n)
	}
	if fetches := strings.Count(tw.lines(), "fetch.periodic ok"); fetches < 2 {
		t.Errorf("%d periodic fetches in the 2 days after the data URL was set, want one every 12 h", fetches)
	}
	if _, err := tw.platform.SetFetchURL(context.Background(), "app", dataURL+"/v2"); err != nil {
		t.Fatal(err)
	}
	if err := tw.platform.SetData(context.Background(), fakeserver.DataConfig{URL: dataURL + "/v2", Kind: "text", Template: "v2"}); err != nil {
		t.Fatal(err)
	}
	tw.Advance(2 * 24 * time.Hour)
	if got, _ := tw.phone.FetchedData("app"); got != "v2" {
		t.Errorf("fetched %q after the data URL moved, want the new URL's v2", got)
	}
	if n := tw.routeLookups(); n != 3 {
		t.Errorf("%d route lookups after the data URL moved, want 3", n)
	}
}
