package wxml

import (
	"fmt"
	"reflect"
	"testing"
)

func TestRenderControls(t *testing.T) {
	teas := []any{"绿茶", "红茶"}
	tests := []struct {
		name string
		doc  string
		data map[string]any
		want []string
	}{
		{"navigator", `<navigator url="/a">去 <text>A</text></navigator>`, nil, []string{"去 A ›"}},
		{"input placeholder", `<input placeholder="城市"/>`, nil, []string{"✎ (城市)"}},
		{"input value", `<input value="{{v}}" placeholder="城市"/>`, map[string]any{"v": "上海"}, []string{"✎ 上海"}},
		{"password", `<input password value="abc"/>`, nil, []string{"✎ •••"}},
		{"textarea", `<textarea value="多行"/>`, nil, []string{"¶ 多行"}},
		{"checkbox in a label", `<label><checkbox checked/>苹果</label>`, nil, []string{"☑ 苹果"}},
		{"label of two controls", `<label><radio/>a<radio checked/>b</label>`, nil, []string{"○ ", "a", "◉ ", "b"}},
		{"switch", `<switch checked="{{on}}">推送</switch>`, map[string]any{"on": false}, []string{"□ off 推送"}},
		{"picker shows its option", `<picker range="{{teas}}" value="1">茶</picker>`, map[string]any{"teas": teas}, []string{"茶 ‹红茶› ▾"}},
		{"picker that shows it already", `<picker range="{{teas}}" value="1">茶:{{teas[1]}}</picker>`, map[string]any{"teas": teas}, []string{"茶:红茶 ▾"}},
		{"picker range-key", `<picker range="{{r}}" range-key="n">选</picker>`, map[string]any{"r": []any{map[string]any{"n": "甲"}}}, []string{"选 ‹甲› ▾"}},
		{"date picker", `<picker mode="date" value="2026-01-02">日期</picker>`, nil, []string{"日期 ‹2026-01-02› ▾"}},
		{"slider", `<slider min="0" max="10" value="5"/>`, nil, []string{"├─────●─────┤ 5"}},
		{"swiper shows its current item", `<swiper current="1"><swiper-item>一</swiper-item>x<swiper-item>二</swiper-item></swiper>`, nil, []string{"‹ 2/2 ›", "二"}},
		{"swiper items from wx:for", `<swiper><swiper-item wx:for="{{3}}">{{item}}</swiper-item></swiper>`, nil, []string{"‹ 1/3 ›", "0"}},
		{"empty swiper", `<swiper></swiper>`, nil, []string{"‹ 0/0 ›"}},
		{"image", `<image src="/a/b/cat.png"/>`, nil, []string{"▣ cat.png"}},
		{"image without src", `<image/>`, nil, []string{"▣ image"}},
		{"icon is inline", `<view><icon type="success"/>完成</view>`, nil, []string{"✓ 完成"}},
		{"progress", `<progress percent="{{p}}"/>`, map[string]any{"p": int64(50)}, []string{"▓▓▓▓▓▓▓▓▓▓░░░░░░░░░░ 50%"}},
		{"progress out of range", `<progress percent="150"/>`, nil, []string{"▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓ 100%"}},
		{"rich-text html", `<rich-text nodes="<p>一</p><p>二</p>"/>`, nil, []string{"一 二"}},
		{"rich-text nodes", `<rich-text nodes="{{n}}"/>`, map[string]any{"n": []any{
			map[string]any{"name": "div", "children": []any{map[string]any{"type": "text", "text": "节点"}}},
		}}, []string{"节点"}},
		{"form draws its children", `<form><input value="a"/><button form-type="submit">提交</button></form>`, nil, []string{"✎ a", "[ 提交 ]"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := renderLines(t, tt.doc, tt.data); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("lines\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

// A control keeps its key across renders of one view, each item of a
// wx:for its own, which is what lets the engine keep what the user did.
func TestControlKeysAreStable(t *testing.T) {
	root, err := Parse(`<input wx:for="{{n}}" bindinput="typed" catch:confirm="done" data-i="{{index}}" id="f{{index}}"/>`)
	if err != nil {
		t.Fatal(err)
	}
	v := NewView(root, ViewOptions{})
	first := v.Render(map[string]any{"n": int64(2)})
	again := v.Render(map[string]any{"n": int64(2)})
	if len(first) != 2 || first[0].Key == first[1].Key || first[0].Key != again[0].Key || first[1].Key != again[1].Key {
		t.Fatalf("keys %v then %v", []Key{first[0].Key, first[1].Key}, []Key{again[0].Key, again[1].Key})
	}
	e := first[1]
	wantBindings := []Binding{{Event: "input", Handler: "typed"}, {Event: "confirm", Handler: "done", Catch: true}}
	if e.ID != "f1" || e.Target == nil || fmt.Sprint(e.Target.Dataset["i"]) != "1" || !reflect.DeepEqual(e.Target.Bindings, wantBindings) {
		t.Errorf("element %+v, target %+v", e, e.Target)
	}
}

func TestModelBinding(t *testing.T) {
	for doc, want := range map[string]string{
		`<input model:value="{{form.name}}"/>`: "form.name",
		`<input model:value="{{ v }}"/>`:       "v",
		`<input model:value="{{a + b}}"/>`:     "",
		`<input model:value="x{{v}}"/>`:        "",
	} {
		root, err := Parse(doc)
		if err != nil {
			t.Fatal(err)
		}
		e := Render(root, map[string]any{"v": "甲", "form": map[string]any{"name": "乙"}})[0]
		if got := e.Model["value"]; got != want {
			t.Errorf("%s: model path %q, want %q", doc, got, want)
		}
	}
}
