package jsrt

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// pageFiles is a project whose default page has script js.
func pageFiles(js string) map[string]string {
	return map[string]string{
		defaultPage + ".js":   js,
		defaultPage + ".wxml": "<view/>",
	}
}

// newPage loads the app and builds an instance of the default page.
func newPage(t *testing.T, js string, query map[string]string) (*Runtime, *fakeHost, *Page) {
	t.Helper()
	r, h := loadApp(t, pageFiles(js))
	p := r.NewPage(defaultPage, query)
	if p == nil {
		t.Fatalf("NewPage failed:%s", h.dump())
	}
	return r, h, p
}

// dataJSON is the page's data as JSON, keys sorted.
func dataJSON(t *testing.T, p *Page) string {
	t.Helper()
	b, err := json.Marshal(p.Data())
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestAppCalledTwice(t *testing.T) {
	tests := []struct {
		name    string
		appJS   string
		wantErr string
	}{
		{"twice", "App({}); App({})", "app.js: TypeError: App() may be called only once"},
		{"never", "var x = 1", "app.js did not call App()"},
		{"not an object", "App(42)", "app.js: TypeError: App() expects an object"},
		{"no argument", "App()", "app.js: TypeError: App() expects an object"},
		{"throws", "throw new Error('at load')", "app.js: Error: at load"},
		{"syntax-valid but calls undefined", "undefinedFunction()", "app.js: ReferenceError: undefinedFunction is not defined"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, h := newRuntime(t, map[string]string{"app.js": tt.appJS})
			if r.LoadApp() {
				t.Fatalf("LoadApp succeeded:%s", h.dump())
			}
			if !hasPrefix(h.errors(), tt.wantErr) {
				t.Errorf("errors %q, want one starting %q", h.errors(), tt.wantErr)
			}
		})
	}
}

func TestGetApp(t *testing.T) {
	r, h := newRuntime(t, map[string]string{
		"app.js": `
console.log("before", typeof getApp())
App({globalData: {user: "ann"}, hello: function () { return "hi " + this.globalData.user }})
console.log("after", getApp().globalData.user)`,
		defaultPage + ".js": `
var app = getApp()
Page({onLoad: function () { console.log("page", app.hello(), getApp() === app) }})`,
		defaultPage + ".wxml": "<view/>",
	})
	if !r.LoadApp() {
		t.Fatalf("LoadApp failed:%s", h.dump())
	}
	p := r.NewPage(defaultPage, nil)
	if p == nil {
		t.Fatalf("NewPage failed:%s", h.dump())
	}
	p.Call("onLoad")
	equal(t, "console", h.console(), []string{"before undefined", "after ann", "page hi ann true"})
}

func TestCallAppAndAppHas(t *testing.T) {
	r, h := loadApp(t, map[string]string{"app.js": `
App({
  onLaunch: function (opts) { console.log("launch", opts.path, this.tag) },
  tag: "the app",
  notAMethod: 5
})`})
	for _, tt := range []struct {
		method string
		want   bool
	}{{"onLaunch", true}, {"onShow", false}, {"notAMethod", false}, {"tag", false}} {
		if got := r.AppHas(tt.method); got != tt.want {
			t.Errorf("AppHas(%q) = %v, want %v", tt.method, got, tt.want)
		}
	}
	r.CallApp("onLaunch", map[string]any{"path": "pages/index/index"})
	r.CallApp("onShow")
	equal(t, "console", h.console(), []string{"launch pages/index/index the app"})
	// The platform fires the event whether or not the app listens.
	if got := h.details("App.onShow"); len(got) != 1 {
		t.Errorf("App.onShow logged %d times, want once:%s", len(got), h.dump())
	}
	if len(h.errors()) != 0 {
		t.Errorf("errors: %q", h.errors())
	}
}

// Before App() nothing is called, and nothing breaks.
func TestCallAppWithoutApp(t *testing.T) {
	r, h := newRuntime(t, nil)
	if r.AppHas("onLaunch") {
		t.Error("AppHas with no App")
	}
	r.CallApp("onLaunch")
	if len(h.logs) != 0 {
		t.Errorf("logs without an App:%s", h.dump())
	}
}

// Each page instance gets a deep copy of the definition's data: instances
// do not share objects with each other or with the definition.
func TestPageDataIsACopy(t *testing.T) {
	r, h, p1 := newPage(t, `
var def = {
  data: {list: [{x: 1}], obj: {a: 1}, n: 1, fn: function () {}, undef: undefined, when: new Date(0)},
  mutate: function () { this.data.list[0].x = 99; this.data.obj.a = 99; this.data.n = 99 },
  check: function () { console.log(def.data.list[0].x, def.data.obj.a, def.data.n) }
}
Page(def)`, nil)
	p2 := r.NewPage(defaultPage, nil)
	if p2 == nil {
		t.Fatalf("second NewPage failed:%s", h.dump())
	}
	p1.Call("mutate")
	want := `{"list":[{"x":1}],"n":1,"obj":{"a":1},"when":"1970-01-01T00:00:00.000Z"}`
	if got := dataJSON(t, p2); got != want {
		t.Errorf("second instance's data %s, want %s", got, want)
	}
	if got, want := dataJSON(t, p1), `{"list":[{"x":99}],"n":99,"obj":{"a":99},"when":"1970-01-01T00:00:00.000Z"}`; got != want {
		t.Errorf("first instance's data %s, want %s", got, want)
	}
	p2.Call("check")
	equal(t, "console", h.console(), []string{"1 1 1"})
}

func TestPageInstance(t *testing.T) {
	r, h, p := newPage(t, `
globalThis.bodyRuns = (globalThis.bodyRuns || 0) + 1
Page({
  onLoad: function (options) { console.log(this.route, JSON.stringify(options), JSON.stringify(this.options), bodyRuns) },
  tapped: function (e) { console.log(e.type, e.target.dataset.id, e.currentTarget.dataset.name, this.route); return 'tapped ' + e.target.dataset.id }
})`, map[string]string{"id": "7", "b": "2", "a": "1"})
	if p.Route != defaultPage {
		t.Errorf("Route = %q", p.Route)
	}
	if got := dataJSON(t, p); got != "{}" {
		t.Errorf("data without a definition = %s, want {}", got)
	}
	p.Call("onLoad", r.Object(map[string]string{"id": "7", "b": "2", "a": "1"}))
	p2 := r.NewPage(defaultPage, map[string]string{"q": "x"})
	p2.Call("onLoad", map[string]any{"q": "x"})
	ds := map[string]any{"dataset": map[string]any{"id": "42", "name": "n"}}
	p.Handle("tap", "tapped", map[string]any{"type": "tap", "target": ds, "currentTarget": ds})
	p.Handle("tap", "missing", nil)
	p.Call("onShow") // not defined: logged, nothing else
	equal(t, "console", h.console(), []string{
		`pages/index/index {"a":"1","b":"2","id":"7"} {"a":"1","b":"2","id":"7"} 1`,
		`pages/index/index {"q":"x"} {"q":"x"} 1`,
		"tap 42 n pages/index/index",
	})
	equal(t, "errors", h.errors(), []string{`tap: pages/index/index has no method "missing"`})
	if got := h.details("Page.onShow"); !slices.Equal(got, []string{defaultPage}) {
		t.Errorf("Page.onShow log details %q", got)
	}
	for _, m := range []struct {
		name string
		want bool
	}{{"onLoad", true}, {"tapped", true}, {"onShow", false}, {"data", false}, {"setData", true}} {
		if got := p.Has(m.name); got != m.want {
			t.Errorf("Has(%q) = %v, want %v", m.name, got, m.want)
		}
	}
}

func TestNewPageFailures(t *testing.T) {
	tests := []struct {
		name    string
		files   map[string]string
		route   string
		wantErr string
	}{
		{
			name:    "no Page call",
			files:   pageFiles("var x = 1"),
			route:   defaultPage,
			wantErr: "pages/index/index.js did not call Page()",
		},
		{
			name:    "script throws",
			files:   pageFiles("throw new Error('page boom')"),
			route:   defaultPage,
			wantErr: "pages/index/index.js: Error: page boom",
		},
		{
			name:    "Page with a non-object",
			files:   pageFiles("Page('x')"),
			route:   defaultPage,
			wantErr: "pages/index/index.js: TypeError: Page() expects an object",
		},
		{
			name:    "no such page",
			files:   pageFiles("Page({})"),
			route:   "pages/nope/nope",
			wantErr: `page "pages/nope/nope" has no script`,
		},
		{
			name:    "data nested too deeply",
			files:   pageFiles("var d = {}, o = d; for (var i = 0; i < 100; i++) { o.x = {}; o = o.x } Page({data: d})"),
			route:   defaultPage,
			wantErr: "Page pages/index/index: TypeError: setData: data nested too deeply",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, h := loadApp(t, tt.files)
			if p := r.NewPage(tt.route, nil); p != nil {
				t.Fatalf("NewPage succeeded:%s", h.dump())
			}
			if !hasPrefix(h.errors(), tt.wantErr) {
				t.Errorf("errors %q, want one starting %q", h.errors(), tt.wantErr)
			}
		})
	}
}

// The page script runs once; later instances reuse its Page() definition.
func TestPageScriptRunsOnce(t *testing.T) {
	r, h := loadApp(t, pageFiles(`console.log("script runs"); Page({})`))
	for range 3 {
		if r.NewPage(defaultPage, nil) == nil {
			t.Fatalf("NewPage failed:%s", h.dump())
		}
	}
	equal(t, "console", h.console(), []string{"script runs"})
}

func TestSetData(t *testing.T) {
	const initial = `{a: {b: 1, c: 2}, list: [{x: 1}, {x: 2}], s: "s"}`
	tests := []struct {
		name   string
		update string // the argument to setData
		want   string // the data afterwards, as JSON
	}{
		{"top level", `{s: "t"}`, `{"a":{"b":1,"c":2},"list":[{"x":1},{"x":2}],"s":"t"}`},
		{"new top level", `{n: 5}`, `{"a":{"b":1,"c":2},"list":[{"x":1},{"x":2}],"n":5,"s":"s"}`},
		{"dotted path keeps siblings", `{"a.b": 5}`, `{"a":{"b":5,"c":2},"list":[{"x":1},{"x":2}],"s":"s"}`},
		{"index then field", `{"list[1].x": 7}`, `{"a":{"b":1,"c":2},"list":[{"x":1},{"x":7}],"s":"s"}`},
		{"index", `{"list[0]": "zero"}`, `{"a":{"b":1,"c":2},"list":["zero",{"x":2}],"s":"s"}`},
		{"creates objects", `{"p.q.r": 1}`, `{"a":{"b":1,"c":2},"list":[{"x":1},{"x":2}],"p":{"q":{"r":1}},"s":"s"}`},
		{"creates arrays", `{"arr[1]": true}`, `{"a":{"b":1,"c":2},"arr":[null,true],"list":[{"x":1},{"x":2}],"s":"s"}`},
		{"replaces a primitive on the way", `{"s.t": 1}`, `{"a":{"b":1,"c":2},"list":[{"x":1},{"x":2}],"s":{"t":1}}`},
		{"several keys", `{"a.c": 3, "list[0].y": "y"}`, `{"a":{"b":1,"c":3},"list":[{"x":1,"y":"y"},{"x":2}],"s":"s"}`},
		{"nested functions dropped", `{o: {g: function () {}, k: 1, u: undefined}}`, `{"a":{"b":1,"c":2},"list":[{"x":1},{"x":2}],"o":{"k":1},"s":"s"}`},
		{"whole object replaced", `{a: {z: 1}}`, `{"a":{"z":1},"list":[{"x":1},{"x":2}],"s":"s"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, h, p := newPage(t, `Page({data: `+initial+`, update: function () { this.setData(`+tt.update+`) }})`, nil)
			p.Call("update")
			if len(h.errors()) > 0 {
				t.Fatalf("errors: %q", h.errors())
			}
			if got := dataJSON(t, p); got != tt.want {
				t.Errorf("data\n got %s\nwant %s", got, tt.want)
			}
			if len(h.changed) != 1 || h.changed[0] != p {
				t.Errorf("PageChanged called with %v, want once with the page", h.changed)
			}
		})
	}
}

// A value that JSON cannot carry (a function, undefined) is dropped at the
// top level of setData too, as the JSON round trip that clone imitates
// would: the key is not set to undefined.
func TestSetDataDropsUnserializableValues(t *testing.T) {
	for _, v := range []string{"function () {}", "undefined"} {
		t.Run(v, func(t *testing.T) {
			_, _, p := newPage(t, `Page({data: {a: 1}, update: function () { this.setData({f: `+v+`, "g.h": `+v+`}) }})`, nil)
			p.Call("update")
			d := p.Data()
			if _, ok := d["f"]; ok {
				t.Errorf("data has key f: %v", d)
			}
			if g, ok := d["g"].(map[string]any); ok {
				if _, ok := g["h"]; ok {
					t.Errorf("data has key g.h: %v", d)
				}
			}
		})
	}
}

// setData copies its values: changing the object passed afterwards does
// not change the page's data.
func TestSetDataCopies(t *testing.T) {
	_, _, p := newPage(t, `Page({update: function () {
  var o = {k: [1, 2]}
  this.setData({o: o})
  o.k.push(3)
  o.extra = true
}})`, nil)
	p.Call("update")
	if got, want := dataJSON(t, p), `{"o":{"k":[1,2]}}`; got != want {
		t.Errorf("data %s, want %s", got, want)
	}
}

func TestSetDataCallback(t *testing.T) {
	_, h, p := newPage(t, `Page({
  data: {a: {b: 1}},
  update: function () {
    var page = this
    this.setData({"a.b": 2}, function () { console.log("callback", this === page, this.data.a.b) })
    console.log("after setData")
    this.setData({"a.b": 3}, "not a function")
  }
})`, nil)
	p.Call("update")
	equal(t, "console", h.console(), []string{"callback true 2", "after setData"})
	if len(h.changed) != 2 {
		t.Errorf("PageChanged called %d times, want 2", len(h.changed))
	}
	if len(h.errors()) > 0 {
		t.Errorf("errors: %q", h.errors())
	}
}

func TestSetDataRejectsNonObjects(t *testing.T) {
	for _, arg := range []string{"null", "1", `"a.b"`, ""} {
		t.Run(arg, func(t *testing.T) {
			_, h, p := newPage(t, `Page({update: function () { this.setData(`+arg+`) }})`, nil)
			p.Call("update")
			want := "Page.update pages/index/index: TypeError: setData expects an object"
			if !hasPrefix(h.errors(), want) {
				t.Errorf("errors %q, want %q", h.errors(), want)
			}
			if len(h.changed) != 0 {
				t.Errorf("PageChanged called %d times", len(h.changed))
			}
		})
	}
}

// Data is nil when the script broke its data, never a panic.
func TestPageDataBroken(t *testing.T) {
	tests := []struct {
		name   string
		break_ string
	}{
		{"deleted", "delete this.data"},
		{"not an object", "this.data = 5"},
		{"array", "this.data = [1]"},
		{"throwing getter", "Object.defineProperty(this, 'data', {get: function () { throw new Error('no data') }})"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, h, p := newPage(t, `Page({data: {a: 1}, breakIt: function () { `+tt.break_+` }})`, nil)
			p.Call("breakIt")
			if d := p.Data(); d != nil {
				t.Errorf("Data() = %v, want nil", d)
			}
			if strings.Contains(tt.name, "throwing") && !hasPrefix(h.errors(), "Page.data pages/index/index: Error: no data") {
				t.Errorf("errors %q, want the getter's error", h.errors())
			}
		})
	}
}

// A page script that another module required first (and so already ran,
// calling Page()) can still be opened as a page.
func TestPageScriptRequiredFirst(t *testing.T) {
	r, h := loadApp(t, map[string]string{
		"app.js":         `require("./pages/b/b"); App({})`,
		"pages/a/a.js":   `Page({})`,
		"pages/a/a.wxml": `<view/>`,
		"pages/b/b.js":   `Page({data: {name: "b"}})`,
		"pages/b/b.wxml": `<view/>`,
	})
	p := r.NewPage("pages/b/b", nil)
	if p == nil {
		t.Fatalf("NewPage failed:%s", h.dump())
	}
	if got := dataJSON(t, p); got != `{"name":"b"}` {
		t.Errorf("data %s", got)
	}
}

// A page written with Component() behaves as the Page() it stands for:
// methods are its handlers, data merges behaviors', properties start at
// their defaults, and lifetimes run around the page lifecycle.
func TestComponentPage(t *testing.T) {
	_, h, p := newPage(t, `
var logging = Behavior({
  data: { from: 'behavior', shared: 'behavior' },
  lifetimes: { attached: function () { console.log('behavior attached') } },
  methods: { hello: function () { return 'hi' } }
})
Component({
  behaviors: [logging],
  properties: { title: String, count: { type: Number, value: 3 }, on: Boolean, list: Array },
  data: { shared: 'component' },
  lifetimes: {
    created: function () { console.log('created') },
    attached: function () { console.log('attached') },
    ready: function () { console.log('ready') },
    detached: function () { console.log('detached') }
  },
  pageLifetimes: { show: function () { console.log('page show') } },
  methods: {
    onLoad: function (q) { console.log('onLoad', q.id, this.hello()) },
    onShow: function () { console.log('onShow') },
    onReady: function () { console.log('onReady') },
    onUnload: function () { console.log('onUnload') }
  }
})`, map[string]string{"id": "7"})
	p.Call("onLoad", map[string]any{"id": "7"})
	for _, m := range []string{"onShow", "onReady", "onUnload"} {
		p.Call(m)
	}
	// Each lifetime runs its behaviors' functions before the component's
	// own (glass-easel's behavior order); created before attached.
	equal(t, "console", h.console(), []string{
		"created", "behavior attached", "attached", "onLoad 7 hi",
		"onShow", "page show", "ready", "onReady", "onUnload", "detached",
	})
	if got, want := dataJSON(t, p), `{"count":3,"from":"behavior","list":[],"on":false,"shared":"component","title":""}`; got != want {
		t.Errorf("data = %s, want %s", got, want)
	}
}

// A Component() page is a component: its properties take the page's
// query, and setData runs its observers.
func TestComponentPageQueryAndObservers(t *testing.T) {
	_, h, p := newPage(t, `
Component({
  properties: { id: Number },
  data: { n: 0 },
  observers: { 'n, id': function (n, id) { console.log('observed', n, id) } },
  methods: { onLoad: function (q) { console.log('onLoad', this.data.id, typeof this.data.id, q.id); this.setData({ n: 1 }) } }
})`, map[string]string{"id": "7"})
	p.Call("onLoad", map[string]any{"id": "7"})
	equal(t, "console", h.console(), []string{"observed 0 7", "onLoad 7 number 7", "observed 1 7"})
}

// getCurrentPages answers the page stack, bottom first, as page objects.
func TestGetCurrentPages(t *testing.T) {
	_, h, p := newPage(t, `Page({ data: { n: 1 }, where: function () {
  var pages = getCurrentPages()
  console.log(pages.length, pages[pages.length - 1].route, pages[0] === this, pages[0].data.n)
} })`, nil)
	h.stack = []*Page{p}
	p.Call("where")
	equal(t, "console", h.console(), []string{"1 " + defaultPage + " true 1"})
}
