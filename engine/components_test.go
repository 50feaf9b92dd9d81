package engine

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"miniphone/engine/wxml"
)

// compProject is a project whose index page uses the components comps
// (name → script and WXML), each in components/NAME/NAME, declared in
// the page's .json. Every script can call log(...) to say what ran.
func compProject(pageJS, pageWXML string, comps map[string][2]string) fstest.MapFS {
	files := project(`global.log = function () { console.log(Array.prototype.join.call(arguments, ' ')) }; App({})`, pageJS, pageWXML)
	var using []string
	for name, c := range comps {
		base := "components/" + name + "/" + name
		files[base+".js"] = &fstest.MapFile{Data: []byte("var log = global.log;\n" + c[0])}
		files[base+".wxml"] = &fstest.MapFile{Data: []byte(c[1])}
		files[base+".json"] = &fstest.MapFile{Data: []byte(`{"component": true, "usingComponents": {"c-child": "../c-child/c-child"}}`)}
		using = append(using, `"`+name+`": "/`+base+`"`)
	}
	files["pages/index/index.json"] = &fstest.MapFile{Data: []byte(`{"usingComponents": {` + strings.Join(using, ",") + `}}`)}
	files["pages/index/index.js"] = &fstest.MapFile{Data: []byte("var log = global.log;\n" + pageJS)}
	return files
}

func compWorld(t *testing.T, pageJS, pageWXML string, comps map[string][2]string) *testWorld {
	t.Helper()
	tw := newTestWorld(t, compProject(pageJS, pageWXML, comps), DefaultSettings(), PhoneConfig{})
	tw.launch()
	return tw
}

// lifetimes logs every lifetime of a component named name (its title
// property, or its is when it has none).
const lifetimes = `
  lifetimes: {
    created() { log(this.data.title || this.is.split('/')[1], 'created') },
    attached() { log(this.data.title, 'attached') },
    ready() { log(this.data.title, 'ready') },
    detached() { log(this.data.title, 'detached') },
  },`

func TestComponentLifetimesOnLaunchAndNavigation(t *testing.T) {
	comps := map[string][2]string{
		"c-outer": {`Component({ properties: { title: String },` + lifetimes + `})`,
			`<view>{{title}}</view><c-child title="{{title}}-child"></c-child><slot></slot>`},
		"c-child": {`Component({ properties: { title: String },` + lifetimes + `})`, `<view>{{title}}</view>`},
	}
	page := `Page({
  onLoad() { log('page onLoad') }, onShow() { log('page onShow') }, onReady() { log('page onReady') },
  onHide() { log('page onHide') }, onUnload() { log('page onUnload') },
  go() { wx.redirectTo({ url: '/pages/index/index' }) },
})`
	tw := compWorld(t, page, `<c-outer title="A"><c-outer title="S"></c-outer></c-outer><button bindtap="go">go</button>`, comps)
	tw.mustScreen("A-child")
	// glass-easel instantiates a component's WXML before its created
	// lifetime, so the components inside it are created first; the slot
	// content S belongs to the page's WXML, made after A. Properties are
	// applied after created, so created sees defaults (the title is
	// empty). attached runs parent first, shadow tree before slot content
	// (Element.checkAndCallAttached). WeChat's docs order a page with its
	// components: created, attached, onLoad, onShow, ready, onReady.
	want := []string{
		"c-child created", "c-outer created", "c-child created", "c-outer created",
		"A attached", "A-child attached", "S attached", "S-child attached",
		"page onLoad", "page onShow",
		"A ready", "A-child ready", "S ready", "S-child ready",
		"page onReady",
	}
	tw.mustConsole(want...)
	if err := tw.phone.Tap("go"); err != nil {
		t.Fatal(err)
	}
	tw.RunDue()
	// A redirect unloads the page, then its components are detached,
	// those inside a component first, slot content before the shadow
	// tree (Element.checkAndCallDetached); then the new page starts over.
	want = append(want, "page onUnload", "S-child detached", "S detached", "A-child detached", "A detached")
	want = append(want, want[:15]...)
	tw.mustConsole(want...)
}

func TestComponentObserverOrder(t *testing.T) {
	comp := `Component({
  properties: {
    a: { type: Number, value: 0, observer: 'onA' },
    b: { type: String, value: '', observer(n, o) { log('b observer', JSON.stringify(n), JSON.stringify(o)) } },
  },
  data: { c: { d: 0 } },
  observers: {
    'a, b': function (a, b) { log('observers a,b', a, b) },
    'c.**': function (c) { log('observers c.**', JSON.stringify(c)) },
    'c.d': function (d) { log('observers c.d', d) },
  },
  methods: {
    onA(n, o) { log('a observer', n, o) },
    run() {
      this.setData({ b: 2, a: 1, 'c.d': 5 })
      log('--')
      this.setData({ a: 1 })
      log('--')
      this.setData({ c: { d: 6 } })
    },
  },
})`
	tw := compWorld(t, `Page({ onReady() { this.selectComponent('#x').run() } })`,
		`<c-obs id="x"></c-obs>`, map[string][2]string{"c-obs": {comp, `<view>{{a}} {{b}}</view>`}})
	// glass-easel's DataGroup: data observers run first, each once, in
	// declaration order, for every key set, changed or not; property
	// observers then run for the properties that changed, in the order of
	// the keys, with the new and old value. A String property given 2
	// holds "2". A "c.**" observer sees c and what is inside; "c.d" is
	// triggered by setting c.d or c.
	tw.mustConsole(
		"observers a,b 1 2", "observers c.** {\"d\":5}", "observers c.d 5", `b observer "2" ""`, "a observer 1 0",
		"--",
		"observers a,b 1 2",
		"--",
		"observers c.** {\"d\":6}", "observers c.d 6",
	)
	tw.mustScreen("1 2")
}

func TestComponentPropertiesFlowFromTheParent(t *testing.T) {
	comp := `Component({
  properties: { n: { type: Number, value: 7, observer(n, o) { log('n', o, '->', n) } }, label: String },
  methods: { bump() { this.triggerEvent('bump', { by: 1 }) } },
})`
	page := `Page({ data: { n: 1 }, onBump(e) { log('bump', e.detail.by, e.target.id, e.currentTarget.id); this.setData({ n: this.data.n + e.detail.by }) } })`
	tw := compWorld(t, page, `<c-num id="num" n="{{n}}" label="value" extra="not a property" bind:bump="onBump"></c-num>`,
		map[string][2]string{"c-num": {comp, `<view bindtap="bump">{{label}} {{n}} {{extra}}</view>`}})
	// An attribute that names no property sets nothing.
	tw.mustScreen("value 1")
	if strings.Contains(tw.phone.ScreenText(), "not a property") {
		t.Error("an attribute that is not a property reached the component's data")
	}
	if err := tw.phone.Tap("value"); err != nil {
		t.Fatal(err)
	}
	tw.mustScreen("value 2")
	tw.mustConsole("n 7 -> 1", "bump 1 num num", "n 1 -> 2")
}

func TestSlotDistribution(t *testing.T) {
	comps := map[string][2]string{
		"c-card": {`Component({ options: { multipleSlots: true } })`,
			`<view>head: <slot name="head"></slot></view><view>body: <slot></slot></view><view>foot: <slot name="foot"></slot></view>`},
	}
	tw := compWorld(t, `Page({ data: { who: 'page data' } })`,
		`<c-card><text slot="head">H</text><text>{{who}}</text><text slot="nowhere">lost</text><text slot="head">H2</text></c-card>`, comps)
	// Named content goes to its slot in the order given, the rest to the
	// default slot, content naming no slot of the component nowhere; slot
	// content renders with its owner's data.
	for _, line := range []string{"head: HH2", "body: page data", "foot:"} {
		tw.mustScreen(line)
	}
	if s := tw.phone.ScreenText(); strings.Contains(s, "lost") {
		t.Errorf("content for a slot the component lacks is shown:\n%s", s)
	}
}

func TestEventsAcrossShadowBoundaries(t *testing.T) {
	comp := `Component({ methods: {
  inner(e) { log('inner', e.target.dataset.k, JSON.stringify(e.mark)) },
  leaf(e) { log('leaf', e.target.dataset.k, e.currentTarget.dataset.k, e.changedTouches.length) },
  cap(e) { log('component capture') },
  fire() {
    this.triggerEvent('plain', {}, {})
    this.triggerEvent('bubbly', {}, { bubbles: true })
    this.triggerEvent('far', {}, { bubbles: true, composed: true })
  },
} })`
	cases := []struct {
		name, compWXML string
		tap            string
		want           []string
	}{
		{
			// Capture runs from the root down, then bubbling from the
			// target up through the component's element into the page;
			// outside the component the target is its element (id c),
			// and each handler sees the marks of its own WXML.
			name:     "bubbling and capture",
			compWXML: `<view bindtap="inner" capture-bind:tap="cap" mark:m="in"><view bindtap="leaf" data-k="v">Tap me</view></view>`,
			tap:      "Tap me",
			want:     []string{"page capture", "component capture", "leaf v v 1", `inner v {"m":"in"}`, `host c {"p":"out"}`, "outer c"},
		},
		{
			name:     "catch stops it",
			compWXML: `<view catchtap="inner"><view bindtap="leaf" data-k="v">Tap me</view></view>`,
			tap:      "Tap me",
			want:     []string{"page capture", "leaf v v 1", "inner v {}"},
		},
		{
			name:     "capture-catch stops it before the target",
			compWXML: `<view capture-catch:tap="cap"><view bindtap="leaf" data-k="v">Tap me</view></view>`,
			tap:      "Tap me",
			want:     []string{"page capture", "component capture"},
		},
		{
			// triggerEvent starts at the component's element: without
			// bubbles only its own binding hears it; bubbles stays in the
			// page's WXML; composed goes on past component boundaries.
			// They run inside the tap's handler, and the tap then goes on.
			name:     "triggerEvent options",
			compWXML: `<view bindtap="fire">Fire</view>`,
			tap:      "Fire",
			want: []string{"page capture", "host plain", "host bubbly", "outer bubbly", "host far", "outer far",
				`host c {"p":"out"}`, "outer c"},
		},
	}
	page := `Page({
  pageCapture() { log('page capture') },
  onHost(e) { log('host', e.target.id, JSON.stringify(e.mark)) },
  onOuter(e) { log('outer', e.target.id) },
  onPlain() { log('host plain') }, onBubbly() { log('host bubbly') }, onFar() { log('host far') },
  outerBubbly() { log('outer bubbly') }, outerFar() { log('outer far') },
})`
	wxml := `<view bindtap="onOuter" capture-bind:tap="pageCapture" bind:bubbly="outerBubbly" bind:far="outerFar" bind:plain="onOuter">
  <c-ev id="c" mark:p="out" bindtap="onHost" bind:plain="onPlain" bind:bubbly="onBubbly" bind:far="onFar"></c-ev>
</view>`
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tw := compWorld(t, page, wxml, map[string][2]string{"c-ev": {comp, tc.compWXML}})
			if err := tw.phone.Tap(tc.tap); err != nil {
				t.Fatal(err)
			}
			tw.mustConsole(tc.want...)
		})
	}
}

func TestMutBindAndNthTap(t *testing.T) {
	page := `Page({ m1() { log('m1') }, m2(e) { log('m2', e.currentTarget.dataset.i) }, b2(e) { log('b2', e.target.dataset.i) } })`
	tw := compWorld(t, page, `<view mut-bind:tap="m1"><view wx:for="{{3}}" mut-bind:tap="m2" bind:tap="b2" data-i="{{index}}">row {{index}}</view></view>`, nil)
	// Of the mut-bind handlers on the path only the first runs; bind
	// handlers are not affected (WeChat's docs on mut-bind).
	if err := tw.phone.TapNth("row", 3); err != nil {
		t.Fatal(err)
	}
	tw.mustConsole("m2 2", "b2 2")
	if err := tw.phone.TapNth("row", 5); err == nil || !strings.Contains(err.Error(), "there are 3") {
		t.Errorf("tap of a fifth row: %v", err)
	}
}

func TestRelationsLinkAndUnlink(t *testing.T) {
	rel := func(name, other, typ string) string {
		return `Component({ properties: { title: String }, relations: { '../` + other + `/` + other + `': { type: '` + typ + `',
  linked(t) { log(this.data.title || '` + name + `', 'linked', t.data.title || '` + other + `', this.count()) },
  unlinked(t) { log(this.data.title || '` + name + `', 'unlinked', t.data.title || '` + other + `', this.count()) } } },
  methods: { count() { return this.getRelationNodes('../` + other + `/` + other + `').length } } })`
	}
	comps := map[string][2]string{
		"c-list": {rel("list", "c-item", "child"), `<slot></slot>`},
		"c-item": {rel("item", "c-list", "parent"), `<view>{{title}}</view>`},
	}
	page := `Page({ data: { items: ['i1', 'i2'] },
  onReady() { log('list has', this.selectComponent('#list').count()) },
  drop() { this.setData({ items: ['i1'] }) } })`
	tw := compWorld(t, page, `<c-list id="list"><c-item wx:for="{{items}}" title="{{item}}"></c-item></c-list><button bindtap="drop">drop</button>`, comps)
	// glass-easel's relation tests: on attach each child links, the
	// parent's linked first, then the child's; on detach the parent's
	// unlinked runs first. Properties are applied before attached, so the
	// titles are there; getRelationNodes in the callbacks already counts
	// the link made, and no longer the link undone.
	if err := tw.phone.Tap("drop"); err != nil {
		t.Fatal(err)
	}
	tw.RunDue()
	tw.mustConsole("list linked i1 1", "i1 linked c-list 1", "list linked i2 2", "i2 linked c-list 1", "list has 2",
		"list unlinked i2 1", "i2 unlinked c-list 0")
}

func TestPageLifetimesAndSelectOwner(t *testing.T) {
	comp := `Component({
  pageLifetimes: { show() { log('show', this.selectOwnerComponent().route) }, hide() { log('hide') } },
  behaviors: ['wx://form-field'],
})`
	page := `Page({ onReady() { var c = this.selectComponent('.f'); log('form field', JSON.stringify(c.data.name), c.hasBehavior('wx://form-field')) },
  go() { wx.navigateTo({ url: '/pages/index/index' }) } })`
	tw := compWorld(t, page, `<c-pl class="f other" name="nick"></c-pl><button bindtap="go">go</button>`,
		map[string][2]string{"c-pl": {comp, `<view>{{name}}</view>`}})
	tw.mustScreen("nick")
	if err := tw.phone.Tap("go"); err != nil {
		t.Fatal(err)
	}
	tw.mustConsole("show pages/index/index", `form field "nick" true`, "hide", "show pages/index/index", `form field "nick" true`)
}

func TestSelectorQueryAnswersWithoutLayout(t *testing.T) {
	comp := `Component({ lifetimes: { ready() {
  this.createSelectorQuery().select('#box').boundingClientRect(function (r) { log('rect', r.id, r.width, r.height) }).exec(function (all) { log('exec', all.length) })
} } })`
	tw := compWorld(t, `Page({})`, `<c-q></c-q>`, map[string][2]string{"c-q": {comp, `<view id="box">box</view>`}})
	tw.Advance(time.Second)
	tw.mustConsole("rect box 0 0", "exec 1")
}

// BenchmarkRenderComponents measures a page of 200 component instances
// re-rendered after setData changes one item's property; baseline renders
// the same tree written as plain views, in the same run.
func BenchmarkRenderComponents(b *testing.B) {
	page := `Page({
  data: { items: Array.from({ length: 200 }, function (_, i) { return { name: 'item ' + i } }), k: 0, n: 1 },
  bump() { this.data.k++; this.setData({ ['items[' + (this.data.k % 200) + '].name']: 'changed ' + this.data.k }) },
  onTap() {},
})`
	item := `Component({ properties: { name: String }, data: { n: 1 }, methods: { tapped() {} } })`
	for _, bc := range []struct{ name, wxml string }{
		{"baseline", `<view wx:for="{{items}}" data-i="{{index}}" bindtap="onTap"><view bindtap="tapped">{{item.name}} {{n}}</view></view>`},
		{"components", `<c-item wx:for="{{items}}" name="{{item.name}}" data-i="{{index}}" bindtap="onTap"></c-item>`},
	} {
		b.Run(bc.name, func(b *testing.B) {
			files := compProject(page, bc.wxml, map[string][2]string{"c-item": {item, `<view bindtap="tapped">{{name}} {{n}}</view>`}})
			tw := newTestWorld(b, files, DefaultSettings(), PhoneConfig{})
			tw.launch()
			inst := tw.phone.foreground.inst
			inst.top().Call("bump")
			lines := append(wxml.Text(inst.elements()), "", "")
			if len(lines) != 202 || lines[1] != "changed 1 1" {
				b.Fatalf("the page shows %d lines, the second %q; want 200, \"changed 1 1\"", len(lines)-2, lines[1])
			}
			b.ReportAllocs()
			for b.Loop() {
				inst.top().Call("bump")
				inst.elements()
			}
		})
	}
}

func TestGenericsExportAndKeys(t *testing.T) {
	comps := map[string][2]string{
		// componentGenerics: the element chooses what "cell" is with
		// generic:cell; without it, the declared default.
		"c-table": {`Component({ behaviors: ['wx://component-export'], export() { return { kind: 'table export' } } })`,
			`<view>[<cell></cell>]</view>`},
		"c-a": {`Component({ lifetimes: { attached() { log('a attached', this.id) }, detached() { log('a detached', this.id) } } })`, `<view>A</view>`},
		"c-b": {`Component({})`, `<view>B</view>`},
	}
	files := compProject(`Page({ data: { list: [{ id: 'x' }, { id: 'y' }] },
  onReady() { log(this.selectComponent('#t').kind) },
  swap() { this.setData({ list: [{ id: 'y' }, { id: 'x' }] }) } })`,
		`<c-table id="t" generic:cell="c-b"></c-table><c-table></c-table>
<c-a wx:for="{{list}}" wx:key="id" id="{{item.id}}"></c-a><button bindtap="swap">swap</button>`, comps)
	files["components/c-table/c-table.json"] = &fstest.MapFile{Data: []byte(`{"component": true, "componentGenerics": {"cell": {"default": "../c-a/c-a"}}}`)}
	tw := newTestWorld(t, files, DefaultSettings(), PhoneConfig{})
	tw.launch()
	tw.mustScreen("[\nB\n]\n[\nA\n]")
	if err := tw.phone.Tap("swap"); err != nil {
		t.Fatal(err)
	}
	tw.RunDue()
	// The default cell is a c-a too: it is attached first. wx:key keeps
	// each instance with its item when the list is reordered, so nothing
	// is detached.
	tw.mustConsole("a attached ", "a attached x", "a attached y", "table export")
}

func TestComposedEventsLeaveNestedComponents(t *testing.T) {
	comps := map[string][2]string{
		"c-outer": {`Component({ methods: { onInner(e) { log('outer sees', e.target.id) } } })`,
			`<view bind:ping="onInner"><c-child id="in"></c-child></view>`},
		"c-child": {`Component({ methods: { ping() { this.triggerEvent('ping', { n: 1 }, { bubbles: true, composed: true }) } } })`,
			`<view bindtap="ping">ping</view>`},
	}
	tw := compWorld(t, `Page({ onPing(e) { log('page sees', e.target.id, e.detail.n) } })`,
		`<view bind:ping="onPing"><c-outer id="out"></c-outer></view>`, comps)
	if err := tw.phone.Tap("ping"); err != nil {
		t.Fatal(err)
	}
	// A composed event leaves each component through its element, and
	// each WXML sees as the target the element it wrote: the child in
	// c-outer's, c-outer in the page's.
	tw.mustConsole("outer sees in", "page sees out 1")
}

func TestBrokenComponentsDoNotStopThePage(t *testing.T) {
	comps := map[string][2]string{
		"c-throws": {`Component({ lifetimes: { created() { throw new Error('boom') }, error(e) { log('error lifetime', e.message) } },
  properties: { n: { type: Number, observer() { null.x } } } })`, `<view>still drawn {{n}}</view>`},
		"c-nodef": {`log('no Component() here')`, `<view>never</view>`},
		"c-self":  {`Component({})`, `<view>level</view><c-self></c-self>`},
	}
	files := compProject(`Page({})`, `<c-throws n="{{3}}"></c-throws><c-nodef>children</c-nodef><c-self></c-self><c-missing>missing's children</c-missing>`, comps)
	files["components/c-self/c-self.json"] = &fstest.MapFile{Data: []byte(`{"component": true, "usingComponents": {"c-self": "./c-self"}}`)}
	files["pages/index/index.json"] = &fstest.MapFile{Data: []byte(`{"usingComponents": {"c-throws": "/components/c-throws/c-throws",
  "c-nodef": "/components/c-nodef/c-nodef", "c-self": "/components/c-self/c-self", "c-missing": "/components/nowhere/x"}}`)}
	tw := newTestWorld(t, files, DefaultSettings(), PhoneConfig{})
	tw.launch()
	tw.mustScreen("still drawn 3")
	tw.mustScreen("children")
	tw.mustScreen("missing's children")
	tw.mustLog("Error: boom", "TypeError", "did not call Component()", `component "/components/nowhere/x"`,
		"nested deeper than 64")
	// The component's error lifetime hears what its own functions throw
	// (glass-easel's "error" lifetime), before the app does.
	tw.mustLog("console.log error lifetime boom", "console.log error lifetime Cannot read property 'x'")
}

func TestHiddenComponentsStayAttached(t *testing.T) {
	comp := `Component({ properties: { name: String }, lifetimes: {
  attached() { log(this.data.name, 'attached') }, detached() { log(this.data.name, 'detached') } } })`
	page := `Page({ data: { on: true }, flip() { this.setData({ on: !this.data.on }) } })`
	tw := compWorld(t, page, `<view hidden="{{!on}}"><c-life name="hidden"></c-life></view>
<view style="display: {{on ? 'block' : 'none'}}"><c-life name="styled"></c-life></view>
<c-life wx:if="{{on}}" name="if"></c-life><button bindtap="flip">flip</button>`,
		map[string][2]string{"c-life": {comp, `<view>{{name}} shown</view>`}})
	for range 2 {
		if err := tw.phone.Tap("flip"); err != nil {
			t.Fatal(err)
		}
		tw.RunDue()
	}
	tw.mustScreen("hidden shown")
	// hidden and display: none only hide an element: its components stay
	// attached. wx:if removes it, and its components are detached.
	tw.mustConsole("hidden attached", "styled attached", "if attached", "if detached", "if attached")
}

func TestTapAComponentElement(t *testing.T) {
	page := `Page({ open(e) { log('open', e.currentTarget.dataset.id, e.target.id) } })`
	tw := compWorld(t, page, `<c-card wx:for="{{['a', 'b']}}" id="card-{{item}}" data-id="{{item}}" title="{{item}}" bindtap="open"></c-card>`,
		map[string][2]string{"c-card": {`Component({ properties: { title: String } })`, `<view>card {{title}}</view>`}})
	// A component element that binds tap is tappable as a whole, though
	// nothing in its own WXML binds tap.
	if err := tw.phone.Tap("card b"); err != nil {
		t.Fatal(err)
	}
	tw.mustConsole("open b card-b")
}

func TestPureDataIsNotRendered(t *testing.T) {
	comp := `Component({ options: { pureDataPattern: /^_/ }, data: { _secret: 'pure', shown: 'drawn' },
  lifetimes: { attached() { log('still in data', this.data._secret) } } })`
	tw := compWorld(t, `Page({})`, `<c-pure></c-pure>`, map[string][2]string{"c-pure": {comp, `<view>{{shown}} {{_secret}}</view>`}})
	// Fields that pureDataPattern names are data, not drawn.
	tw.mustScreen("drawn")
	if strings.Contains(tw.phone.ScreenText(), "pure") {
		t.Errorf("a pure data field was drawn:\n%s", tw.phone.ScreenText())
	}
	tw.mustConsole("still in data pure")
}

func TestDispatchAnswersWhatTheHandlerReturned(t *testing.T) {
	comp := `Component({ methods: { inner() { return 'from the component' } } })`
	tw := compWorld(t, `Page({ outer() { log('outer ran') } })`, `<view bindinput="outer"><c-in></c-in></view>`,
		map[string][2]string{"c-in": {comp, `<view bindinput="inner" bindtap="inner">field</view>`}})
	inst := tw.phone.foreground.inst
	field, err := inst.locate(Target{Text: "field"}, tappables)
	if err != nil {
		t.Fatal(err)
	}
	// An input handler's return value is what the field shows next: the
	// dispatcher answers the value a handler returned.
	if got := inst.dispatchEvent(field.e, "input", map[string]any{"value": "typed"}); got != "from the component" {
		t.Errorf("dispatchEvent answered %v, want the component handler's value", got)
	}
	tw.mustConsole("outer ran")
}

// A component element that binds tap is a focus stop of its own: a front
// end that taps it by its key taps that very instance, not the first.
func TestTapComponentByKey(t *testing.T) {
	card := `Component({ properties: { name: String } })`
	tw := compWorld(t, `Page({ tapped(e) { console.log('tapped', e.currentTarget.dataset.n) } })`,
		`<c-card wx:for="{{['a','b']}}" name="{{item}}" data-n="{{item}}" bindtap="tapped"/>`,
		map[string][2]string{"c-card": {card, `<view>card {{name}}</view>`}})
	var keys []wxml.Key
	var walk func([]wxml.Element)
	walk = func(elems []wxml.Element) {
		for _, e := range elems {
			if e.Tappable() {
				keys = append(keys, e.Key)
			}
			walk(e.Children)
		}
	}
	walk(tw.phone.snapshot().Page.Elements)
	if len(keys) != 2 || keys[0] == keys[1] {
		t.Fatalf("keys of the two cards: %v", keys)
	}
	must(t, tw.phone.TapTarget(Target{Key: keys[1]}))
	tw.mustConsole("tapped b")
}
