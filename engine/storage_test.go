package engine

import (
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

// storageApp is app.js for the storage tests: onLaunch runs body, which
// can use these helpers to report what the APIs did.
func storageApp(body string) string {
	return `var MB = 1 << 20
function big(n) { return 'x'.repeat(n) }
function tryIt(label, f) {
  try { f(); console.log(label, 'ok') } catch (e) { console.log(label, e.name, e.message) }
}
function show(tag) { return function (res) { console.log(tag, res.errMsg) } }
App({ onLaunch() {
` + body + `
} })`
}

// storageWorld is a world whose app runs body at launch.
func storageWorld(t *testing.T, body string) *testWorld {
	t.Helper()
	settings := DefaultSettings()
	// Filling 10 MB takes goja's JSON.stringify a good part of a second,
	// more on a busy machine; the budget is not what these tests are about.
	settings.CallbackBudget = time.Minute
	return newTestWorld(t, project(storageApp(body), `Page({})`, `<view/>`), settings, PhoneConfig{})
}

// consoleAndErrors is what the app printed and the errors it raised, in
// order; errors start with "error: ".
func (tw *testWorld) consoleAndErrors() []string {
	var out []string
	for _, e := range tw.Transcript(0) {
		switch e.Kind {
		case "console.log":
			out = append(out, e.Detail)
		case "error":
			out = append(out, "error: "+e.Detail)
		}
	}
	return out
}

// An entry's size is its key's length plus its data's JSON length, in
// UTF-16 code units: 'k' and a string of MB-3 characters ("x…x" in quotes)
// make exactly 1 MB.
const fillTenMB = `for (var i = 0; i < 10; i++) wx.setStorageSync('k' + i, big(MB - 4))`

func TestStorageLimits(t *testing.T) {
	tests := []struct {
		name string
		body string
		want []string
	}{
		{
			name: "an entry of 1 MB fits, one character more does not",
			body: `tryIt('fits', () => wx.setStorageSync('k', big(MB - 3)))
tryIt('over', () => wx.setStorageSync('k', big(MB - 2)))
console.log('kept', wx.getStorageSync('k').length)`,
			want: []string{"fits ok", "over Error setStorageSync:fail entry size limit reached", "kept 1048573"},
		},
		{
			name: "the key counts",
			body: `tryIt('long key', () => wx.setStorageSync('k'.repeat(10), big(MB - 11)))
tryIt('huge key', () => wx.setStorageSync(big(2 * MB), 1))`,
			want: []string{
				"long key Error setStorageSync:fail entry size limit reached",
				"huge key Error setStorageSync:fail entry size limit reached",
			},
		},
		{
			name: "characters count as UTF-16 code units, not bytes",
			body: `tryIt('chinese', () => wx.setStorageSync('k', '中'.repeat(MB - 3)))
tryIt('emoji', () => wx.setStorageSync('k', '😀'.repeat(MB / 2 - 1)))`,
			want: []string{"chinese ok", "emoji Error setStorageSync:fail entry size limit reached"},
		},
		{
			name: "data inside objects and arrays counts",
			body: `tryIt('object', () => wx.setStorageSync('k', {a: big(MB)}))
tryIt('array', () => wx.setStorageSync('k', [big(MB / 2), big(MB / 2)]))
tryIt('many keys', () => { var o = {}; for (var i = 0; i < 1100; i++) o[big(1000) + i] = 1; wx.setStorageSync('k', o) })
console.log('stored', JSON.stringify(wx.getStorageSync('k')))`,
			want: []string{
				"object Error setStorageSync:fail entry size limit reached",
				"array Error setStorageSync:fail entry size limit reached",
				"many keys Error setStorageSync:fail entry size limit reached",
				`stored ""`,
			},
		},
		{
			name: "10 MB per app",
			body: fillTenMB + `
tryIt('one more', () => wx.setStorageSync('extra', 1))
console.log('stored', JSON.stringify(wx.getStorageSync('extra')), wx.getStorageSync('k9').length)`,
			want: []string{"one more Error setStorageSync:fail quota reached", `stored "" 1048572`},
		},
		{
			name: "a replaced key frees its old size",
			body: fillTenMB + `
tryIt('same size', () => wx.setStorageSync('k3', big(MB - 4)))
tryIt('smaller', () => wx.setStorageSync('k3', 'small'))
tryIt('in the space freed', () => wx.setStorageSync('extra', big(MB - 100)))
tryIt('bigger', () => wx.setStorageSync('k3', big(1000)))`,
			want: []string{"same size ok", "smaller ok", "in the space freed ok", "bigger Error setStorageSync:fail quota reached"},
		},
		{
			name: "removing and clearing free space",
			body: fillTenMB + `
wx.removeStorageSync('k0')
tryIt('after remove', () => wx.setStorageSync('extra', big(MB - 7)))
tryIt('full again', () => wx.setStorageSync('more', 1))
wx.clearStorageSync()
tryIt('after clear', () => { ` + fillTenMB + ` })`,
			want: []string{"after remove ok", "full again Error setStorageSync:fail quota reached", "after clear ok"},
		},
		{
			name: "getStorageInfo reports the size in KB",
			body: `wx.setStorageSync('b', big(3000)); wx.setStorageSync('a', 1)
var info = wx.getStorageInfoSync()
console.log(info.keys.join(), info.currentSize, info.limitSize)
wx.getStorageInfo({success: function (res) { console.log(res.errMsg, res.keys.join(), res.currentSize) }})`,
			want: []string{"a,b 3 10240", "getStorageInfo:ok a,b 3"},
		},
		{
			name: "the async form fails through its callbacks",
			body: `wx.setStorage({key: 'k', data: big(MB), success: show('success'), fail: show('fail'), complete: show('complete')})
wx.setStorage({key: 'k', data: 'v', success: show('success'), complete: show('complete')})`,
			want: []string{
				"fail setStorage:fail entry size limit reached", "complete setStorage:fail entry size limit reached",
				"success setStorage:ok", "complete setStorage:ok",
			},
		},
		{
			name: "the async form rejects its promise",
			body: fillTenMB + `
wx.setStorage({key: 'extra', data: 1}).then(show('resolved'), show('rejected'))`,
			want: []string{"rejected setStorage:fail quota reached"},
		},
		{
			name: "the other async forms",
			body: `wx.setStorage({key: 'k', data: {n: 1}}).then(function () {
  return wx.getStorage({key: 'k'})
}).then(function (res) {
  console.log(res.errMsg, JSON.stringify(res.data))
  return wx.removeStorage({key: 'k'})
}).then(function (res) {
  console.log(res.errMsg)
  return wx.getStorage({key: 'k'})
}).catch(show('no k')).then(function () {
  return wx.clearStorage()
}).then(show('cleared'))`,
			want: []string{`getStorage:ok {"n":1}`, "removeStorage:ok", "no k getStorage:fail data not found", "cleared clearStorage:ok"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tw := storageWorld(t, tt.body)
			tw.launch()
			if got := tw.consoleAndErrors(); !slices.Equal(got, tt.want) {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

// The quota counts what earlier launches stored.
func TestStorageQuotaSurvivesRestarts(t *testing.T) {
	tw := storageWorld(t, `if (!wx.getStorageSync('k0')) { `+fillTenMB+` }
tryIt('launch', () => wx.setStorageSync('extra', 1))`)
	tw.launch()
	if err := tw.phone.Kill("app"); err != nil {
		t.Fatal(err)
	}
	tw.launch()
	want := []string{"launch Error setStorageSync:fail quota reached", "launch Error setStorageSync:fail quota reached"}
	if got := tw.consoleAndErrors(); !slices.Equal(got, want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

// Storage keeps what JSON.stringify makes of the data, as WeChat's base
// library does, and says what was wrong with data it cannot keep in the
// mini-program's terms.
func TestStorageData(t *testing.T) {
	tests := []struct {
		name string
		body string
		want []string
	}{
		{
			name: "values JSON cannot hold",
			body: `wx.setStorageSync('v', {f: function () {}, u: undefined, n: NaN, i: -Infinity, d: new Date(0), a: [undefined, function () {}]})
console.log(JSON.stringify(wx.getStorageSync('v')))`,
			// Keys come back in the order they were stored, as JSON.parse
			// gives them (the line is Node's).
			want: []string{`{"n":null,"i":null,"d":"1970-01-01T00:00:00.000Z","a":[null,null]}`},
		},
		{
			name: "toJSON",
			body: `wx.setStorageSync('v', {toJSON: function () { return 'mine' }})
console.log(wx.getStorageSync('v'))`,
			want: []string{"mine"},
		},
		{
			name: "a cycle",
			body: `var o = {a: {}}; o.a.back = o
tryIt('sync', () => wx.setStorageSync('v', o))
wx.setStorage({key: 'v', data: o, fail: show('async')})`,
			want: []string{"sync Error setStorageSync:fail data contains a cycle", "async setStorage:fail data contains a cycle"},
		},
		{
			name: "the script's own exception passes through",
			body: `tryIt('toJSON throws', () => wx.setStorageSync('v', {toJSON: function () { throw new RangeError('mine') }}))`,
			want: []string{"toJSON throws RangeError mine"},
		},
		{
			name: "keys are strings",
			body: `tryIt('number', () => wx.setStorageSync(1, 'x'))
tryIt('missing', () => wx.getStorageSync())
tryIt('object', () => wx.removeStorageSync({}))
tryIt('empty', () => wx.setStorageSync('', 'x'))
wx.setStorage({data: 1, fail: show('async')})`,
			want: []string{
				"number Error setStorageSync:fail parameter error: parameter.key should be String instead of Number;",
				"missing Error getStorageSync:fail parameter error: parameter.key should be String instead of Undefined;",
				"object Error removeStorageSync:fail parameter error: parameter.key should be String instead of Object;",
				"empty Error setStorageSync:fail parameter error: key should not be empty",
				"async setStorage:fail parameter error: parameter.key should be String instead of Undefined;",
			},
		},
		{
			name: "an uncaught refusal names the API",
			body: `wx.setStorageSync('k', big(MB))`,
			want: []string{"error: App.onLaunch: Error: setStorageSync:fail entry size limit reached at setStorageSync (native)"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tw := storageWorld(t, tt.body)
			tw.launch()
			got := tw.consoleAndErrors()
			if !slices.Equal(got, tt.want) {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
			for _, line := range got {
				if strings.Contains(line, "json:") || strings.Contains(line, "GoError") || strings.Contains(line, "miniphone/") {
					t.Errorf("a Go internal reached the mini-program: %q", line)
				}
			}
		})
	}
}

// A huge string is refused on its length: it is not copied, let alone
// copied several times, on the way to being refused. The script's own
// 'x'.repeat is the one allocation of its size.
func TestStorageRefusesHugeDataWithoutCopyingIt(t *testing.T) {
	const size = 16 << 20
	for _, data := range []string{"big(16 * MB)", "{nested: [big(16 * MB)]}"} {
		t.Run(data, func(t *testing.T) {
			tw := storageWorld(t, `tryIt('huge', () => wx.setStorageSync('k', `+data+`))`)
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			tw.launch()
			runtime.ReadMemStats(&after)
			if got := after.TotalAlloc - before.TotalAlloc; got > size*3/2 {
				t.Errorf("refusing a %d MB string allocated %d MB", size>>20, got>>20)
			}
			tw.mustLog("huge Error setStorageSync:fail entry size limit reached")
		})
	}
}
