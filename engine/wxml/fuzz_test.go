package wxml

import (
	"errors"
	"reflect"
	"testing"
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
		first := Render(root, fuzzData)
		if again := Render(root, fuzzData); !reflect.DeepEqual(first, again) {
			t.Fatalf("Render is not deterministic")
		}
		Text(first)
		Text(Render(root, nil))
	})
}
