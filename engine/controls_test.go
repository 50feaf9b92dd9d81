package engine

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"miniphone/engine/wxml"
)

// controlsWorld runs one page of controls, its handlers logging what
// they receive.
func controlsWorld(t *testing.T, pageJS, wxml string) *testWorld {
	t.Helper()
	tw := newTestWorld(t, project(`App({})`, pageJS, wxml), DefaultSettings(), PhoneConfig{})
	tw.launch()
	return tw
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// What the user typed survives the page's setData of other data, but not
// the page setting the input's value: then the page's value is shown, as
// on a phone.
func TestTypedValueAndThePagesValue(t *testing.T) {
	tw := controlsWorld(t, `Page({
  data: { v: '', n: 0 },
  bump() { this.setData({ n: this.data.n + 1 }) },
  clear() { this.setData({ v: 'x' }) },
})`, `<input value="{{v}}" placeholder="名字"/><text>n={{n}}</text><button bindtap="bump">加</button><button bindtap="clear">清</button>`)
	must(t, tw.phone.Type(Target{Text: "名字"}, "小明"))
	tw.mustScreen("✎ 小明")
	must(t, tw.phone.Tap("加"))
	tw.mustScreen("n=1")
	tw.mustScreen("✎ 小明")
	must(t, tw.phone.Tap("清"))
	tw.mustScreen("✎ x")
	// Typing goes on from the page's value.
	must(t, tw.phone.Type(Target{}, "y"))
	tw.mustScreen("✎ xy")
}

func TestMaxlengthAndErase(t *testing.T) {
	tw := controlsWorld(t, `Page({ typed(e) { console.log('v=' + e.detail.value + ' key=' + e.detail.keyCode) } })`,
		`<input maxlength="3" placeholder="码" bindinput="typed"/>`)
	must(t, tw.phone.Type(Target{Text: "码"}, "一二三四"))
	tw.mustScreen("✎ 一二三")
	tw.mustNotLog("v=一二三四")
	must(t, tw.phone.Erase(Target{}))
	tw.mustScreen("✎ 一二")
	tw.mustLog("v=一二 key=8")
}

func TestAdjust(t *testing.T) {
	tw := controlsWorld(t, `Page({ changed(e) { console.log('change ' + JSON.stringify(e.detail)) } })`, `
<picker mode="date" value="2026-02-28" bindchange="changed">日</picker>
<picker mode="time" value="23:59" bindchange="changed">时</picker>
<picker range="{{['a','b','c']}}" bindchange="changed">选</picker>
<slider min="0" max="10" step="4" value="8" bindchange="changed"/>
<swiper bindchange="changed"><swiper-item>一</swiper-item><swiper-item>二</swiper-item></swiper>`)
	must(t, tw.phone.Adjust(Target{Text: "日"}, 1))
	tw.mustLog(`change {"value":"2026-03-01"}`)
	must(t, tw.phone.Adjust(Target{Text: "时"}, 1))
	tw.mustLog(`change {"value":"00:00"}`)
	must(t, tw.phone.Adjust(Target{Text: "选"}, -1))
	tw.mustLog(`change {"value":2}`)
	tw.mustScreen("选 ‹c› ▾")
	must(t, tw.phone.Adjust(Target{Text: "", Nth: 4}, 1))
	tw.mustLog(`change {"value":10}`) // clamped at max
	must(t, tw.phone.Adjust(Target{Nth: 5}, 1))
	tw.mustLog(`change {"current":1,"source":"touch"}`)
	tw.mustScreen("二")
	// Not circular: the last item stays, and no change fires; nor at the
	// slider's max.
	must(t, tw.phone.Adjust(Target{Nth: 5}, 1))
	must(t, tw.phone.Adjust(Target{Text: "", Nth: 4}, 1))
	tw.mustScreen("‹ 2/2 ›")
	if n := strings.Count(tw.lines(), "Page.changed"); n != 5 {
		t.Errorf("change fired %d times, want 5: none at an end\n%s", n, tw.lines())
	}
}

func TestRadioGroupAndDisabled(t *testing.T) {
	tw := controlsWorld(t, `Page({ changed(e) { console.log('radio ' + e.detail.value) } })`, `
<radio-group bindchange="changed">
  <label><radio value="a" checked/>甲</label>
  <label><radio value="b"/>乙</label>
</radio-group>
<switch disabled>锁</switch>`)
	must(t, tw.phone.Toggle(Target{Text: "乙"}))
	tw.mustLog("radio b")
	tw.mustScreen("○ 甲")
	tw.mustScreen("◉ 乙")
	// Selecting the selected radio changes nothing.
	must(t, tw.phone.Toggle(Target{Text: "乙"}))
	if n := strings.Count(tw.lines(), "radio b"); n != 1 {
		t.Errorf("change fired %d times, want once", n)
	}
	if err := tw.phone.Toggle(Target{Text: "锁"}); err == nil || !strings.Contains(err.Error(), "disabled") {
		t.Errorf("toggling a disabled switch: %v", err)
	}
	if err := tw.phone.Toggle(Target{Text: "丙"}); err == nil || !strings.Contains(err.Error(), `no checkbox, radio or switch "丙" on pages/index/index`) {
		t.Errorf("toggling nothing: %v", err)
	}
}

// Each open-type of navigator, and a failing one as an error line.
func TestNavigatorOpenTypes(t *testing.T) {
	files := fstest.MapFS{
		"app.json": {Data: []byte(`{"pages":["pages/index/index","pages/a/a","pages/t/t"],
  "tabBar":{"list":[{"pagePath":"pages/index/index","text":"首"},{"pagePath":"pages/t/t","text":""}]}}`)},
		"app.js":                 {Data: []byte(`App({})`)},
		"pages/index/index.js":   {Data: []byte(`Page({})`)},
		"pages/index/index.wxml": {Data: []byte(`<navigator url="../a/a">去A</navigator><navigator url="/pages/a/a" open-type="switchTab">错</navigator>`)},
		"pages/a/a.js":           {Data: []byte(`Page({})`)},
		"pages/a/a.wxml": {Data: []byte(`<view>页A</view><navigator url="/pages/a/a" open-type="redirect">重定向</navigator>
<navigator url="/pages/t/t" open-type="switchTab">切换</navigator><navigator open-type="navigateBack">回</navigator>
<navigator url="/pages/a/a" open-type="reLaunch">重启</navigator><navigator open-type="exit">退出</navigator>`)},
		"pages/a/a.json": {Data: []byte(`{"navigationStyle":"custom"}`)},
		"pages/t/t.js":   {Data: []byte(`Page({})`)},
		"pages/t/t.wxml": {Data: []byte(`<view>页T</view>`)},
	}
	tw := newTestWorld(t, files, DefaultSettings(), PhoneConfig{})
	tw.launch()
	must(t, tw.phone.Tap("错"))
	tw.mustLog(`navigator "错": can not switch to no-tabBar page`)
	if err := tw.phone.Back(); err == nil {
		t.Error("back on the first page went somewhere")
	}
	must(t, tw.phone.Tap("去A"))
	tw.mustScreen("页A")
	if s := tw.phone.snapshot().Page; !s.NavHidden || s.TabBar != nil {
		t.Errorf("page A: nav hidden %v, tabBar %v", s.NavHidden, s.TabBar)
	}
	if err := tw.phone.Tab("首"); err == nil || !strings.Contains(err.Error(), "not a tab page") {
		t.Errorf("tab off a tab page: %v", err)
	}
	must(t, tw.phone.Tap("重定向"))
	if d := tw.phone.snapshot().Page.Depth; d != 2 {
		t.Errorf("depth after redirect = %d, want 2", d)
	}
	must(t, tw.phone.Tap("回"))
	tw.mustScreen("去A")
	must(t, tw.phone.Tap("去A"))
	must(t, tw.phone.Tap("切换"))
	tw.mustScreen("页T")
	// A tab without text shows its page's name.
	if tb := tw.phone.snapshot().Page.TabBar; tb == nil || tb.Selected != 1 || tb.Items[1] != "t" {
		t.Errorf("tabBar %+v", tb)
	}
	must(t, tw.phone.Tab("首"))
	must(t, tw.phone.Tap("去A"))
	must(t, tw.phone.Tap("重启"))
	if d := tw.phone.snapshot().Page.Depth; d != 1 {
		t.Errorf("depth after reLaunch = %d, want 1", d)
	}
	must(t, tw.phone.Tap("退出"))
	if tw.phone.foreground != nil {
		t.Error("exit left the app in the foreground")
	}
}

// model:value writes what is typed into the page's data.
func TestModelValue(t *testing.T) {
	tw := controlsWorld(t, `Page({ data: { form: { name: '' } } })`,
		`<input model:value="{{form.name}}" placeholder="名"/><text>名字是{{form.name}}</text>`)
	must(t, tw.phone.Type(Target{Text: "名"}, "小红"))
	tw.mustScreen("名字是小红")
	tw.mustScreen("✎ 小红")
}

// What a step names by text and number is the element a key named.
func TestAddress(t *testing.T) {
	tw := controlsWorld(t, `Page({})`, `
<button>买</button><button>再买</button><input placeholder="名"/><input name="名字"/>
<label><checkbox value="a"/>甲</label><slider/>`)
	var page []wxml.Key
	walk(tw.phone.foreground.inst.elements(), nil, func(f found) bool {
		page = append(page, f.e.Key)
		return true
	})
	for _, tc := range []struct {
		step string
		at   int // the element, in page order
		want Target
	}{
		{"tap", 0, Target{Text: "买", Nth: 1}},
		{"tap", 1, Target{Text: "再买", Nth: 1}},
		{"type", 2, Target{Text: "名", Nth: 1}},
		{"type", 3, Target{Text: "名字", Nth: 1}},
		{"tap", 3, Target{Text: "", Nth: 4}},
		{"toggle", 4, Target{Text: "甲", Nth: 1}},
		{"adjust", 5, Target{Text: "", Nth: 1}},
	} {
		got, err := tw.phone.Address(tc.step, page[tc.at])
		if err != nil || got != tc.want {
			t.Errorf("%s of element %d: %+v, %v; want %+v", tc.step, tc.at, got, err, tc.want)
			continue
		}
		// The address leads back to the element.
		f, err := tw.phone.foreground.inst.locate(got, stepKinds[tc.step])
		if err != nil || f.e.Key != page[tc.at] {
			t.Errorf("%s %+v finds %v, %v; want %v", tc.step, got, f.e.Key, err, page[tc.at])
		}
	}
	if _, err := tw.phone.Address("toggle", page[0]); err == nil {
		t.Error("a button has a toggle address")
	}
}

// An input the page focuses takes a type step that names none.
func TestAutoFocus(t *testing.T) {
	tw := controlsWorld(t, `Page({})`, `<input placeholder="一"/><input placeholder="二" focus="{{true}}"/>`)
	must(t, tw.phone.Type(Target{}, "字"))
	tw.mustScreen("✎ (一)")
	tw.mustScreen("✎ 字")
	tw2 := controlsWorld(t, `Page({})`, `<input placeholder="一"/>`)
	if err := tw2.phone.Type(Target{}, "字"); err == nil || !strings.Contains(err.Error(), "no input is focused") {
		t.Errorf("typing with no focus: %v", err)
	}
}

// Enter in a textarea is a new line (its input event, keyCode 13), as
// its keyboard's return key, unless its confirm-type makes enter confirm;
// the line is drawn on the control's one line.
func TestTextareaEnter(t *testing.T) {
	tw := controlsWorld(t, `Page({
  typed(e) { console.log('input ' + JSON.stringify(e.detail)) },
  done(e) { console.log('confirm ' + e.detail.value) },
})`, `<textarea placeholder="留言" bindinput="typed" bindconfirm="done"/><textarea placeholder="发送" confirm-type="send" bindconfirm="done"/>`)
	must(t, tw.phone.Type(Target{Text: "留言"}, "你好"))
	must(t, tw.phone.ConfirmInput(Target{}))
	must(t, tw.phone.Type(Target{}, "再见"))
	tw.mustScreen("¶ 你好⏎再见")
	tw.mustLog(`input {"cursor":3,"keyCode":13,"value":"你好\n"}`)
	tw.mustNotLog("confirm 你好")
	must(t, tw.phone.Type(Target{Text: "发送"}, "嗨"))
	must(t, tw.phone.ConfirmInput(Target{}))
	tw.mustLog("confirm 嗨")
}

// A label for="ID" reaches its control from elsewhere on the page:
// tapping its text toggles the switch or focuses the input that id
// names; a label for no control does nothing.
func TestLabelFor(t *testing.T) {
	tw := controlsWorld(t, `Page({ changed(e) { console.log('switch ' + e.detail.value) } })`,
		`<switch id="push" bindchange="changed"/><input id="nick" placeholder="昵称"/>
<label for="push"><text>接收推送</text></label><label for="nick">填写昵称</label><label for="none">无主</label>`)
	must(t, tw.phone.Tap("接收推送"))
	tw.mustLog("switch true")
	tw.mustScreen("■ on")
	must(t, tw.phone.Tap("填写昵称"))
	must(t, tw.phone.Type(Target{}, "小王"))
	tw.mustScreen("✎ 小王")
	must(t, tw.phone.Tap("无主"))
	tw.mustLog(`label for="none": no control of the page has that id`)
}

// A multiSelector picker shows each column's option and turns as an
// odometer: → moves the last column, carrying into the one before, each
// column that moved firing columnchange, then change with the indexes.
func TestMultiSelector(t *testing.T) {
	tw := controlsWorld(t, `Page({
  data: { range: [['早', '晚'], [{ n: '一' }, { n: '二' }, { n: '三' }]], value: [0, 2] },
  col(e) { console.log('column ' + e.detail.column + '=' + e.detail.value) },
  changed(e) { console.log('change ' + JSON.stringify(e.detail.value)) },
  empty() { console.log('empty column changed') },
})`, `<picker mode="multiSelector" range="{{range}}" range-key="n" value="{{value}}" bindcolumnchange="col" bindchange="changed">班次</picker>
<picker mode="multiSelector" range="{{[['甲'], []]}}" bindchange="empty">空列</picker>`)
	tw.mustScreen("班次 ‹早 三› ▾")
	must(t, tw.phone.Adjust(Target{Text: "班次"}, 1))
	tw.mustScreen("班次 ‹晚 一› ▾")
	tw.mustLog("column 0=1", "column 1=0", "change [1,0]")
	must(t, tw.phone.Adjust(Target{Text: "班次"}, -1))
	tw.mustScreen("班次 ‹早 三› ▾")
	tw.mustLog("change [0,2]")
	// A column without options: nothing to turn, no change.
	must(t, tw.phone.Adjust(Target{Text: "空列"}, 1))
	tw.mustNotLog("empty column changed")
}

// Enter on an input confirms it and, as the input loses the focus, fires
// change with its value.
func TestConfirmFiresChange(t *testing.T) {
	tw := controlsWorld(t, `Page({ ok(e) { console.log(e.type, e.detail.value) } })`,
		`<input placeholder="昵称" bindconfirm="ok" bind:change="ok"/>`)
	must(t, tw.phone.Type(Target{Text: "昵称"}, "小明"))
	must(t, tw.phone.ConfirmInput(Target{Text: "昵称"}))
	tw.mustLog("console.log confirm 小明", "console.log change 小明")
}

// An element inside a tappable one is tappable too, as on a phone a touch
// reaches the innermost; one that shows nothing (an icon) is no target, as
// the terminal has nothing to point at.
func TestTappablesLeaveOutWhatShowsNothing(t *testing.T) {
	tw := controlsWorld(t, `Page({ a() {}, b() {}, c() {}, icon() {} })`,
		`<view bindtap="a">row <view bindtap="icon"></view><text bindtap="b">inner</text></view><view bindtap="c"> </view>`)
	var labels []string
	walk(tw.phone.foreground.inst.elements(), nil, func(f found) bool {
		if tappables.ok(f.e) {
			labels = append(labels, wxml.Label(f.e))
		}
		return true
	})
	if want := []string{"row inner", "inner"}; !slices.Equal(labels, want) {
		t.Errorf("tappables %q, want %q", labels, want)
	}
}
