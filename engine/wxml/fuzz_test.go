package wxml

import (
	"errors"
	"reflect"
	"testing"
	"time"
)

// fuzzData exercises every kind of value a page's data can hold.
var fuzzData = map[string]any{
	"s":    "文本",
	"n":    int64(3),
	"f":    -2.5,
	"b":    true,
	"nul":  nil,
	"list": []any{int64(1), "two", map[string]any{"x": []any{nil}}, []any{}},
	"obj":  map[string]any{"k": "v", "n": int64(100000)},
}

func FuzzParse(f *testing.F) {
	seeds := []string{
		``,
		`<view>Hello, {{s}}!</view>`,
		`<view wx:for="{{list}}" wx:for-item="it" wx:key="*this">{{index}}:{{it}}</view>`,
		`<view wx:for="{{obj}}"><text wx:for="{{n}}">{{item}}</text></view>`,
		`<view wx:if="{{n > 1 && !b}}">a</view><view wx:elif="{{f < 0}}">b</view><view wx:else>c</view>`,
		`<button bindtap="tap" data-a-b="{{list[2].x.length}}">{{b ? 'yes' : "no"}}</button>`,
		`<!-- c --><block><foo bar='1'/>&lt;&amp;&nbsp;</block>`,
		`{{ (n + 1) * 2 % 5 === 3 || s + obj.k }}`,
		`<view>`,
		`</view>`,
		`<view></text>`,
		`<view a=b>`,
		`<view a="{{">`,
		`{{ a + }}`,
		`<view wx:else/>`,
		`<!--`,
		`< view>`,
		`{{"\`,
		`<view wx:for="{{1e9}}">{{item}}</view>`,
		`<template name="t"><view>{{a}} {{b.c}}</view></template><template is="t" data="{{...obj, a: 1, b: {c: [1, ...list]}}}"/>`,
		`<template is="{{b ? 't' : 'u'}}" data="{{ s, n }}"/><template name="u">{{s}}{{n}}</template>`,
		`<template name="r"><template is="r"/></template><template is="r" data="{{ tabbarActive: 2 }}"/>`,
		`<wxs module="m">module.exports = { f: function (s, n) { return s.substring(0, n) } }</wxs>{{m.f(s, 1)}}`,
		`<wxs module="m">module.exports.f = function () { while (true) {} }</wxs>{{m.f()}}{{m.f()}}`,
		`<wxs module="m">var a = 1 < 2; module.exports = a</wxs><view hidden="{{m}}">x</view><view hidden>y</view>`,
		`<import src="a.wxml"/><include src="/b"/><wxs module="x" src="c.wxs"/>{{x.y(1)}}`,
		`<view class="a" class="b" wx:if="{{n}}" wx:if="{{!n}}">z</view>`,
		`{{ [1, , 2] }}{{ {a} }}{{ s.indexOf('本') | 0 ^ ~n << 2 >>> 1 }}{{ typeof obj ?? void 0 }}`,
		`<block wx:for-items="{{list}}" wx:key="*this">{{item?.x?.[0]}}</block>`,
		`{{ {a: {b: {c: 1}}} }}`,
	}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		root, err := Parse(src)
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Line < 1 {
				t.Fatalf("error %v (%T) is not a *ParseError with a line", err, err)
			}
			return
		}
		// A loop in WXS is cut at the budget: any budget will do here.
		render := func(data map[string]any) []Element {
			return NewView(root, ViewOptions{Budget: 10 * time.Millisecond}).Render(data)
		}
		first := render(fuzzData)
		if again := render(fuzzData); !reflect.DeepEqual(first, again) && !loops(root) {
			t.Fatalf("Render is not deterministic")
		}
		Text(first)
		Text(render(nil))
	})
}

// loops reports whether a document has WXS, which can run into its budget
// on one render and not on the next.
func loops(root *Node) bool { return len(root.file.modules) > 0 }

// FuzzExpr evaluates any expression, and any template data, against data
// of every kind: no expression may panic.
func FuzzExpr(f *testing.F) {
	for _, s := range []string{
		"a", "s.length > 2 ? s.substring(0, 2) + '...' : s", "...obj, n: 1", "goods, prompt", "tabbarActive: 0",
		"[...list, {x: [n]}][4].x[0]", "list.slice(-2).join('|')", "f.toFixed(20) + n.toString()",
		"'x' in obj && typeof missing", "(1 << 31) >>> 0", "0x", "1e", "a?.b?.[c]?.(d)",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		for _, parse := range []func(string) (expr, *exprError){parseExpr, parseObjectBody} {
			x, err := parse(src)
			if err != nil {
				if err.pos < 0 || err.pos > len(src) {
					t.Fatalf("error at %d of %d bytes: %s", err.pos, len(src), err.msg)
				}
				continue
			}
			display(x.eval(&scope{data: fuzzData}))
		}
	})
}
