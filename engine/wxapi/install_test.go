package wxapi

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/dop251/goja"

	"miniphone/engine/jsrt"
	"miniphone/engine/miniapp"
	"miniphone/engine/semver"
)

// host is the least a runtime needs: tasks the test drains, and the log.
type host struct {
	tasks []func()
	logs  []string
}

func (h *host) Log(kind, detail string)                 { h.logs = append(h.logs, kind+" "+detail) }
func (h *host) StartTimer(time.Duration, func()) func() { return func() {} }
func (h *host) Defer(fn func())                         { h.tasks = append(h.tasks, fn) }
func (h *host) PageChanged(*jsrt.Page)                  {}
func (h *host) Pages() []*jsrt.Page                     { return nil }
func (h *host) Hold() func(bool)                        { return func(bool) {} }
func (h *host) Overrun()                                {}
func (h *host) OutOfMemory()                            {}
func (h *host) drain() {
	for len(h.tasks) > 0 {
		task := h.tasks[0]
		h.tasks = h.tasks[1:]
		task()
	}
}

// testHandlers are handlers whose app is the runtime itself.
type testHandlers = map[string]Handler[*jsrt.Runtime]

// fakeHandlers answers every emulated API of the table trivially, so that
// the tests of the stubs can install the whole table.
func fakeHandlers() testHandlers {
	handlers := testHandlers{}
	for _, api := range Table {
		if api.Treatment != Emulated {
			continue
		}
		switch formOf(api.Kind) {
		case asyncForm:
			handlers[api.Name] = AsyncFunc(func(_ *jsrt.Runtime, _ *goja.Object, reply jsrt.Reply) { reply(nil, nil) })
		case taskForm:
			handlers[api.Name] = TaskFunc(func(_ *jsrt.Runtime, _ *goja.Object, reply jsrt.Reply) goja.Value {
				reply(nil, nil)
				return goja.Undefined()
			})
		case valueForm:
			handlers[api.Name] = ValueFunc(func(*jsrt.Runtime) goja.Value { return goja.Null() })
		default:
			handlers[api.Name] = SyncFunc(func(*jsrt.Runtime) any { return func() {} })
		}
	}
	return handlers
}

// emptyProject is the least a runtime runs on: the table's tests call wx
// from scripts of their own.
func emptyProject(t *testing.T) *miniapp.Project {
	t.Helper()
	proj, err := miniapp.Load(fstest.MapFS{
		"app.json":               {Data: []byte(`{"pages":["pages/index/index"]}`)},
		"app.js":                 {Data: []byte(`App({})`)},
		"pages/index/index.js":   {Data: []byte(`Page({})`)},
		"pages/index/index.wxml": {Data: []byte(`<view/>`)},
	})
	if err != nil {
		t.Fatal(err)
	}
	return proj
}

// newRuntime is a runtime on an empty project, closed with the test.
func newRuntime(t *testing.T, h *host, promises bool) *jsrt.Runtime {
	t.Helper()
	rt, err := jsrt.New(jsrt.Options{Project: emptyProject(t), Host: h, Promises: promises})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(rt.Close)
	return rt
}

// phone is a runtime with the table installed for base library base.
type phone struct {
	rt       *jsrt.Runtime
	host     *host
	reported []string
	records  []string
}

func newPhone(t *testing.T, base string, promises bool) *phone {
	t.Helper()
	p := &phone{host: &host{}}
	rt := newRuntime(t, p.host, promises)
	p.rt = rt
	if err := Install(rt, semver.MustParse(base), NewHandlers(fakeHandlers()), rt, func(name string) {
		p.reported = append(p.reported, name)
	}); err != nil {
		t.Fatal(err)
	}
	_ = rt.VM().Set("record", func(s string) { p.records = append(p.records, s) })
	return p
}

// run evaluates src; a throw fails the test.
func (p *phone) run(t *testing.T, src string) goja.Value {
	t.Helper()
	v, err := p.rt.VM().RunString(src)
	if err != nil {
		t.Fatalf("%s: %v", src, err)
	}
	p.host.drain()
	return v
}

// present reports whether the API is on wx, following its namespace.
func (p *phone) present(name string) bool {
	obj := p.rt.Wx()
	parts := strings.Split(name, ".")
	for _, ns := range parts[:len(parts)-1] {
		next, ok := obj.Get(ns).(*goja.Object)
		if !ok {
			return false
		}
		obj = next
	}
	v := obj.Get(parts[len(parts)-1])
	return v != nil && !goja.IsUndefined(v)
}

var namePattern = regexp.MustCompile(`^([a-z]+\.)?[A-Za-z][A-Za-z0-9]*$`)

func TestTableIsWellFormed(t *testing.T) {
	if len(Table) < 400 {
		t.Errorf("the table has %d APIs; the base library has some 500", len(Table))
	}
	if !sort.SliceIsSorted(Table, func(i, j int) bool { return Table[i].Name < Table[j].Name }) {
		t.Error("the table is not in name order")
	}
	emulated := 0
	for i, api := range Table {
		if i > 0 && Table[i-1].Name == api.Name {
			t.Errorf("%s is listed twice", api.Name)
		}
		if !namePattern.MatchString(api.Name) {
			t.Errorf("%q is not an API name", api.Name)
		}
		if _, err := semver.Parse(api.Since); err != nil {
			t.Errorf("%s: %v", api.Name, err)
		}
		if api.Kind < Async || api.Kind > Property {
			t.Errorf("%s: kind %d", api.Name, api.Kind)
		}
		if api.Kind == Property && api.Treatment != Emulated {
			t.Errorf("%s: a property has no stub; it must be emulated", api.Name)
		}
		if api.Treatment == Emulated {
			emulated++
		}
	}
	t.Logf("%d APIs, %d emulated", len(Table), emulated)
}

// below is the newest version older than v, or false for 1.0.0, the first
// base library.
func below(v string) (string, bool) {
	parts := strings.Split(v, ".")
	for i := len(parts) - 1; i >= 0; i-- {
		n, _ := strconv.Atoi(parts[i])
		if n == 0 {
			continue
		}
		parts[i] = strconv.Itoa(n - 1)
		for j := i + 1; j < len(parts); j++ {
			parts[j] = "999"
		}
		if parts[0] == "0" {
			return "", false
		}
		return strings.Join(parts, "."), true
	}
	return "", false
}

// Every API is on wx from its base library on and absent below it, and
// wx.canIUse says the same. Checking at each version of the table and
// just below it covers every API's boundary.
func TestPresenceFollowsTheBaseLibrary(t *testing.T) {
	bases := map[string]bool{}
	for _, api := range Table {
		bases[api.Since] = true
		if b, ok := below(api.Since); ok {
			bases[b] = true
		}
	}
	for _, base := range slices.Sorted(func(yield func(string) bool) {
		for b := range bases {
			if !yield(b) {
				return
			}
		}
	}) {
		p := newPhone(t, base, false)
		v := semver.MustParse(base)
		for _, api := range Table {
			want := v.AtLeast(semver.MustParse(api.Since))
			if got := p.present(api.Name); got != want {
				t.Errorf("base %s: wx.%s present = %t, want %t (since %s)", base, api.Name, got, want, api.Since)
			}
			if got := CanIUse(v, api.Name); got != want {
				t.Errorf("base %s: canIUse(%q) = %t, want %t", base, api.Name, got, want)
			}
		}
	}
}

func TestBelow(t *testing.T) {
	for in, want := range map[string]string{"2.8.0": "2.7.999", "1.9.90": "1.9.89", "2.0.0": "1.999.999", "1.0.0": ""} {
		got, ok := below(in)
		if got != want || ok != (want != "") {
			t.Errorf("below(%s) = %q, %t", in, got, ok)
		}
	}
}

// allBase has every API of the table.
const allBase = "99.0.0"

// neutral is what a synchronous stub of each kind returns, as the script
// sees it.
var neutral = map[Kind]string{
	Void:     "undefined",
	Listener: "undefined",
	Text:     `string ""`,
	Flag:     "boolean false",
	List:     "array 0",
	Buffer:   "buffer 0",
	Record:   "object {}",
	Handle:   "handle",
}

const describe = `function describe(v) {
  if (v === undefined) return "undefined"
  if (Array.isArray(v)) return "array " + v.length
  if (v instanceof ArrayBuffer) return "buffer " + v.byteLength
  if (typeof v === "function") return "handle"
  if (typeof v === "object") return "object " + JSON.stringify(v)
  return typeof v + " " + JSON.stringify(v)
}
function callbacks(name) {
  return {
    success: function (r) { record(name + " success " + r.errMsg) },
    fail: function (r) { record(name + " fail " + r.errMsg) },
    complete: function (r) { record(name + " complete " + r.errMsg) },
  }
}`

// Every API the phone does not emulate answers without throwing: an
// async one fails then completes with "<name>:fail not emulated in
// miniphone", a task one does too and returns a handle, a synchronous one
// returns the neutral value of its kind. Each is reported once however
// often it is called.
func TestStubsAnswerWithoutThrowing(t *testing.T) {
	p := newPhone(t, allBase, false)
	p.run(t, describe)
	var want, reported []string
	for _, api := range Table {
		if api.Treatment == Emulated {
			continue
		}
		reported = append(reported, api.Name)
		call := fmt.Sprintf("wx.%s(callbacks(%q))", api.Name, api.Name)
		switch api.Kind {
		case Async, Task:
			p.run(t, fmt.Sprintf("var r = %s; %s; record(%q + ' returns ' + describe(r))", call, call, api.Name))
			msg := api.Name + ":fail not emulated in miniphone"
			returns := "undefined"
			if api.Kind == Task {
				returns = "handle"
			}
			want = append(want, api.Name+" returns "+returns,
				api.Name+" fail "+msg, api.Name+" complete "+msg,
				api.Name+" fail "+msg, api.Name+" complete "+msg)
		default:
			p.run(t, fmt.Sprintf("%s; record(%q + ' returns ' + describe(%s))", call, api.Name, call))
			want = append(want, api.Name+" returns "+neutral[api.Kind])
		}
	}
	equal(t, "records", p.records, want)
	equal(t, "reported", p.reported, reported)
}

// With promises, an async stub called without callbacks rejects.
func TestStubsReject(t *testing.T) {
	p := newPhone(t, allBase, true)
	p.run(t, `wx.getLocation().then(function () { record("resolved") }, function (e) { record("rejected " + e.errMsg) })
wx.cloud.callFunction({name: "f"}).catch(function (e) { record("rejected " + e.errMsg) })`)
	equal(t, "records", p.records, []string{
		"rejected getLocation:fail not emulated in miniphone",
		"rejected cloud.callFunction:fail not emulated in miniphone",
	})
	equal(t, "reported", p.reported, []string{"getLocation", "cloud.callFunction"})
}

// A handle lets the chains scripts write run, and fails where the script
// listens for an answer.
func TestHandles(t *testing.T) {
	p := newPhone(t, allBase, true)
	p.run(t, describe)
	p.run(t, `
var q = wx.createAnimation()
q.select("#a").boundingClientRect().selectViewport().scrollOffset().exec(function () { record("exec called") })
record("chain " + describe(q.in({}).select("#b")))
record("same " + (wx.createAnimation() === q))
record("string " + String(q))
record("json " + JSON.stringify({q: q, n: 1}))
record("index " + describe(q[0]))
var db = wx.cloud.database()
db.collection("todos").where({done: false}).get({fail: function (e) { record("get fail " + e.errMsg) }})
db.collection("todos").get().then(function () { record("resolved") }, function (e) { record("then " + e.errMsg) })
db.collection("todos").count().catch(function (e) { record("catch " + e.errMsg) })
;(async function () {
  try { await db.collection("todos").doc("x").get(); record("resolved") } catch (e) { record("await " + e.errMsg) }
})()
var c = new wx.cloud.Cloud({resourceEnv: "x"})
c.init()
record("new " + describe(c))
var ctx = wx.createCanvasContext("c")
ctx.fillStyle = "red"
ctx.draw()
`)
	equal(t, "records", p.records, []string{
		"chain handle",
		"same true",
		"string [wx.createAnimation: not emulated in miniphone]",
		`json {"n":1}`,
		"index undefined",
		"new handle",
		"get fail cloud.database:fail not emulated in miniphone",
		"then cloud.database:fail not emulated in miniphone",
		"catch cloud.database:fail not emulated in miniphone",
		"await cloud.database:fail not emulated in miniphone",
	})
	equal(t, "reported", p.reported, []string{"createAnimation", "cloud.database", "cloud.Cloud", "createCanvasContext"})
}

// Emulated APIs are answered by their handlers, in their namespace.
func TestInstallUsesHandlers(t *testing.T) {
	h := &host{}
	rt := newRuntime(t, h, false)
	handlers := fakeHandlers()
	handlers["request"] = TaskFunc(func(app *jsrt.Runtime, opts *goja.Object, reply jsrt.Reply) goja.Value {
		reply(map[string]any{"data": opts.Get("url").String()}, nil)
		return app.VM().ToValue("task")
	})
	handlers["env"] = ValueFunc(func(app *jsrt.Runtime) goja.Value {
		return app.Value(map[string]any{"USER_DATA_PATH": "http://usr"})
	})
	handlers["canIUse"] = SyncFunc(func(*jsrt.Runtime) any { return func(name string) bool { return name == "yes" } })
	if err := Install(rt, semver.MustParse(allBase), NewHandlers(handlers), rt, func(string) { t.Error("an emulated API was reported") }); err != nil {
		t.Fatal(err)
	}
	var got []string
	_ = rt.VM().Set("record", func(s string) { got = append(got, s) })
	if _, err := rt.VM().RunString(`
record(wx.request({url: "https://a/b", success: function (r) { record(r.data + " " + r.errMsg) }}))
record(wx.env.USER_DATA_PATH)
record(String(wx.canIUse("yes")) + " " + wx.canIUse("no"))
record(wx.request.name + " " + wx.cloud.init.name)`); err != nil {
		t.Fatal(err)
	}
	h.drain()
	equal(t, "records", got, []string{"task", "http://usr", "true false", "request init", "https://a/b request:ok"})
}

func TestCheck(t *testing.T) {
	tests := []struct {
		name   string
		change func(testHandlers)
		want   string
	}{
		{"agreeing", func(testHandlers) {}, ""},
		{"missing", func(h testHandlers) { delete(h, "login") }, "login is emulated but has no handler"},
		{"wrong form", func(h testHandlers) { h["login"] = SyncFunc[*jsrt.Runtime](nil) }, "login is async but its handler is made with SyncFunc"},
		{"not emulated", func(h testHandlers) { h["getLocation"] = AsyncFunc[*jsrt.Runtime](nil) }, "getLocation has a handler but the table says it is not emulated"},
		{"unknown", func(h testHandlers) { h["getTeleport"] = AsyncFunc[*jsrt.Runtime](nil) }, "getTeleport has a handler but is not in the table"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := fakeHandlers()
			tt.change(h)
			err := check(h)
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("check: %v", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("check = %v, want %q", err, tt.want)
			}
		})
	}
}

// A table and handlers that disagree install nothing.
func TestInstallRefusesDisagreement(t *testing.T) {
	h := &host{}
	rt := newRuntime(t, h, false)
	handlers := fakeHandlers()
	delete(handlers, "login")
	err := Install(rt, semver.MustParse(allBase), NewHandlers(handlers), rt, func(string) {})
	if err == nil {
		t.Fatal("Install accepted a table without the login handler")
	}
	if keys := rt.Wx().Keys(); len(keys) != 0 {
		t.Errorf("wx has %d keys after a refused install", len(keys))
	}
}

func equal(t *testing.T, what string, got, want []string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("%s:\n got %q\nwant %q", what, got, want)
	}
}

// wx behaves as a plain object although its functions are made on first
// read: it enumerates every API, describes, redefines, deletes and
// freezes, and a library that wraps every function of wx (as the promise
// libraries do) finds them all.
func TestWXIsAPlainObject(t *testing.T) {
	p := newPhone(t, allBase, false)
	p.run(t, `
var keys = Object.keys(wx)
record("keys " + keys.length + " " + (keys.indexOf("getLocation") >= 0) + " " + (keys.indexOf("cloud") >= 0) + " " + ("getLocation" in wx))
var wrapped = {}
keys.forEach(function (k) { if (typeof wx[k] === "function") wrapped[k] = wx[k] })
record("wrapped " + (Object.keys(wrapped).length > 400) + " " + (wrapped.getLocation === wx.getLocation))
var d = Object.getOwnPropertyDescriptor(wx, "scanCode")
record("descriptor " + typeof d.value + " " + d.writable + " " + d.enumerable + " " + d.configurable + " " + (d.value === wx.scanCode))
record("missing " + Object.getOwnPropertyDescriptor(wx, "noSuchApi") + " " + wx.noSuchApi + " " + ("noSuchApi" in wx))
var mine = function () { return "mine" }
wx.request = mine
record("assigned " + (wx.request === mine))
Object.defineProperty(wx, "getFuzzyLocation", {writable: false, configurable: false})
record("defined " + typeof wx.getFuzzyLocation)
delete wx.chooseImage
record("deleted " + ("chooseImage" in wx) + " " + typeof wx.chooseImage)
var order = Object.keys(wx)
wx.chooseImage = 1
wx.mine = 2
var after = Object.keys(wx)
record("order " + (after.length === order.length + 2) + " " + after.slice(-2).join(",") + " " + (after.slice(0, order.length).join() === order.join()) + " " + (order.indexOf("chooseImage") < 0))
var copy = Object.assign({}, wx)
record("spread " + (typeof copy.openLocation) + " " + (typeof {...wx}.makePhoneCall))
Object.freeze(wx)
record("frozen " + Object.isFrozen(wx) + " " + typeof wx.vibrateShort)
`)
	equal(t, "records", p.records, []string{
		fmt.Sprintf("keys %d true true true", topLevelKeys()),
		"wrapped true true",
		"descriptor function true true true true",
		"missing undefined undefined false",
		"assigned true",
		"defined function",
		"deleted false undefined",
		"order true chooseImage,mine true true",
		"spread function function",
		"frozen true function",
	})
}

// wx answers as a plain object still when the app has replaced the
// built-ins of the same operations: the proxy does not go through them.
func TestWXIgnoresReplacedBuiltins(t *testing.T) {
	p := newPhone(t, allBase, false)
	p.run(t, `
var describe = Object.getOwnPropertyDescriptor, define = Object.defineProperty, preventExtensions = Object.preventExtensions
var replaced = function () { throw new Error("replaced") }
Object.getOwnPropertyDescriptor = Object.defineProperty = Object.preventExtensions = replaced
Reflect.getOwnPropertyDescriptor = Reflect.defineProperty = Reflect.preventExtensions = replaced
Reflect.has = Reflect.deleteProperty = replaced
record("in " + ("scanCode" in wx) + " " + ("toString" in wx) + " " + ("noSuchApi" in wx))
record("described " + typeof describe(wx, "chooseImage").value)
define(wx, "getFuzzyLocation", {value: 1, configurable: false})
record("defined " + wx.getFuzzyLocation)
record("deleted " + (delete wx.chooseVideo) + " " + ("chooseVideo" in wx) + " " + (delete wx.getFuzzyLocation))
preventExtensions(wx)
record("extensible " + Object.isExtensible(wx) + " " + typeof wx.vibrateShort)
try { define(wx, "mine", {value: 2}) } catch (e) { record("refused " + e) }
`)
	equal(t, "records", p.records, []string{
		"in true true false",
		"described function",
		"defined 1",
		"deleted true false false",
		"extensible false function",
		"refused TypeError: 'defineProperty' on proxy: trap returned falsish",
	})
}

// topLevelKeys is how many keys wx has with every API: the APIs outside
// namespaces, and the namespaces.
func topLevelKeys() int {
	keys := map[string]bool{}
	for _, api := range Table {
		key, _, _ := strings.Cut(api.Name, ".")
		keys[key] = true
	}
	return len(keys)
}

// wx lists its keys in the table's order, whichever the app read first.
func TestWXKeysKeepTheTableOrder(t *testing.T) {
	p := newPhone(t, allBase, false)
	p.run(t, `
wx.vibrateShort; wx.canIUse
record(Object.keys(wx).slice(0, 3).join(","))
`)
	var want []string
	for _, api := range Table {
		key, _, _ := strings.Cut(api.Name, ".")
		if !slices.Contains(want, key) {
			want = append(want, key)
		}
		if len(want) == 3 {
			break
		}
	}
	equal(t, "first keys", p.records, []string{strings.Join(want, ",")})
}
