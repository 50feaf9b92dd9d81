package engine

import (
	"context"
	"strings"
	"testing"
	"time"

	"miniphone/fakeserver"
)

// requestWorld is a world whose app runs body at launch, with answers set
// on the developer server before.
func requestWorld(t *testing.T, body string, phone PhoneConfig, answers ...fakeserver.RequestConfig) *testWorld {
	t.Helper()
	tw := newTestWorld(t, project(wxApp(body), `Page({})`, `<view/>`), DefaultSettings(), phone)
	for _, a := range answers {
		if err := tw.platform.SetRequest(context.Background(), a); err != nil {
			t.Fatal(err)
		}
	}
	return tw
}

const show = `function show(tag) {
  return function (r) {
    if (r.errMsg !== 'request:ok') { log(tag, r.errMsg); return }
    log(tag, r.statusCode, typeof r.data, typeof r.data === 'string' ? r.data : JSON.stringify(r.data), r.header['Content-Type'])
  }
}
`

func TestRequestAnswers(t *testing.T) {
	tw := requestWorld(t, show+`wx.request({url: 'https://api.example/goods?page=1', success: show('json'), fail: show('json')})
wx.request({url: 'https://api.example/goods', dataType: 'text', success: show('as text')})
wx.request({url: 'https://api.example/hello', method: 'post', data: {a: 1}, success: show('text')})
wx.request({url: 'https://api.example/down', success: show('status')})
wx.request({url: 'https://api.example/missing', success: show('missing')})
wx.request({url: 'https://api.example/hello', responseType: 'arraybuffer', success: function (r) { log('buffer', r.data.byteLength, r.header.Date) }})
wx.request({url: 'ftp://api.example/x', fail: show('bad url')})
wx.request({url: 'https://api.example/x', method: 'CONNECT', fail: show('connect')})`,
		PhoneConfig{},
		fakeserver.RequestConfig{URL: "https://api.example/goods", Kind: "json", Body: `{"z":1,"list":[{"id":2,"name":"茶"}],"a":null}`},
		fakeserver.RequestConfig{URL: "https://api.example/hello", Kind: "text", Body: "你好"},
		fakeserver.RequestConfig{URL: "https://api.example/down", Kind: "status", Code: 503},
	)
	tw.launch()
	tw.Advance(time.Second)
	tw.mustConsole(
		"bad url request:fail invalid url \"ftp://api.example/x\"",
		"connect request:fail method CONNECT not emulated in miniphone",
		`json 200 object {"z":1,"list":[{"id":2,"name":"茶"}],"a":null} application/json; charset=utf-8`,
		`as text 200 string {"z":1,"list":[{"id":2,"name":"茶"}],"a":null} application/json; charset=utf-8`,
		"text 200 string 你好 text/plain; charset=utf-8",
		"status 503 string Service Unavailable text/plain; charset=utf-8",
		`missing 404 object {"error":"no answer to wx.request is configured at https://api.example/missing"} application/json`,
		"buffer 6 Mon, 02 Nov 2026 01:00:00 GMT",
	)
	tw.mustLog(
		"request GET https://api.example/goods?page=1",
		"request.done 200 GET https://api.example/goods?page=1 (",
		`request.done 404 GET https://api.example/missing (`,
		`nothing answers there; give it an answer with the scenario step request https://api.example/missing json "…"`,
	)
}

// What the app sends reaches the developer server as WeChat sends it: the
// method, the data as query or body, the app's headers and WeChat's
// Referer.
func TestRequestSends(t *testing.T) {
	srv, err := fakeserver.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	body := show + `wx.request({url: 'https://api.example/q?x=1', data: {b: 'two words', a: 1, o: {k: [1]}}, header: {'X-Token': 't1'}})
wx.request({url: 'https://api.example/p', method: 'PUT', data: {b: 2, a: '中'}})
wx.request({url: 'https://api.example/f', method: 'POST', header: {'content-type': 'application/x-www-form-urlencoded'}, data: {code: 'c 1'},
  success: function (r) { log('form', r.data.errcode, r.data.errmsg) }})
wx.request({url: 'https://api.example/s', method: 'DELETE', data: 'raw'})`
	tw := newTestWorldVia(t, srv.URL, srv.URL, project(wxApp(body), `Page({})`, `<view/>`), DefaultSettings(), PhoneConfig{})
	// The session kind reads the code from the form: a code it cannot
	// find would be "missing code" instead.
	if err := tw.platform.SetRequest(context.Background(), fakeserver.RequestConfig{URL: "https://api.example/f", Kind: "session"}); err != nil {
		t.Fatal(err)
	}
	tw.launch()
	tw.Advance(time.Second)
	tw.mustConsole("form 40029 invalid code")
	entries, err := tw.platform.Log(context.Background(), 0)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		if strings.HasPrefix(e.Path, "/dev/request") {
			got = append(got, e.Method+" "+e.Path+"?"+e.Query)
		}
	}
	want := []string{
		"GET /dev/request?url=https%3A%2F%2Fapi.example%2Fq%3Fx%3D1%26b%3Dtwo%2Bwords%26a%3D1%26o%3D%257B%2522k%2522%253A%255B1%255D%257D",
		"PUT /dev/request?url=https%3A%2F%2Fapi.example%2Fp",
		"POST /dev/request?url=https%3A%2F%2Fapi.example%2Ff",
		"DELETE /dev/request?url=https%3A%2F%2Fapi.example%2Fs",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("requests:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// The developer server's faults reach wx.request: fail is a 503 answer,
// timeout a failed call after the request's timeout, slow a tenth of the
// bandwidth; and offline fails at once.
func TestRequestFaultsAndTime(t *testing.T) {
	answer := fakeserver.RequestConfig{URL: "https://api.example/big", Kind: "text", Body: strings.Repeat("x", 80_000)}
	body := `var t0 = Date.now()
function go(tag, opts) {
  wx.request(Object.assign({url: 'https://api.example/big',
    success: function (r) { log(tag, r.statusCode, Date.now() - t0) },
    fail: function (r) { log(tag, r.errMsg, Date.now() - t0) }}, opts))
}
getApp().go = go
go('3g', {})`
	tw := requestWorld(t, body, PhoneConfig{Network: "3g"}, answer)
	tw.launch()
	tw.Advance(time.Minute)
	for _, tc := range []struct{ fault, tag string }{{"fail", "fail"}, {"slow", "slow"}, {"timeout", "timeout"}, {"none", "after"}} {
		if err := tw.platform.SetFault(context.Background(), "data", tc.fault); err != nil {
			t.Fatal(err)
		}
		tw.phone.apps["app"].inst.rt.CallApp("go", tc.tag, map[string]any{"timeout": 5000})
		tw.Advance(time.Minute)
	}
	if err := tw.phone.SetNetwork("offline"); err != nil {
		t.Fatal(err)
	}
	tw.callApp("go")
	tw.Advance(time.Minute)
	// 80,000 bytes at 128 KiB/s after a 200 ms round trip: 810 ms; a tenth
	// of the bandwidth: 6.3 s, past the 5 s timeout.
	tw.mustConsole(
		"3g 200 810",
		"fail 503 60200",
		"slow request:fail timeout 125000",
		"timeout request:fail timeout 185000",
		"after 200 240810",
		"undefined request:fail network is offline 300000",
	)
}

func TestRequestAbort(t *testing.T) {
	tw := requestWorld(t, `var task = wx.request({url: 'https://api.example/a', success: function () { log('answered') }, fail: function (r) { log(r.errMsg) }})
task.onHeadersReceived(function () { log('headers') })
task.abort()
task.abort()
var t2 = wx.request({url: 'https://api.example/a', success: function (r) { log('second', r.data) }})
t2.onHeadersReceived(function (r) { log('headers', r.statusCode) })`,
		PhoneConfig{}, fakeserver.RequestConfig{URL: "https://api.example/a", Kind: "text", Body: "ok"})
	tw.launch()
	tw.Advance(time.Second)
	tw.mustConsole("request:fail abort", "headers 200", "second ok")
	tw.mustLog("request.abort https://api.example/a")
}
