package wxml

import (
	"fmt"
	"testing"
)

// BenchmarkRender renders a 50-item list page, as a shop or feed page is:
// once through Render, as a page's first render, and again and again
// through one View, as a page that calls setData.
func BenchmarkRender(b *testing.B) {
	root, err := Parse(`<view class="page">
  <view class="title">{{title}} ({{items.length}})</view>
  <view wx:for="{{items}}" wx:key="id" class="row">
    <text>{{index + 1}}. {{item.name}}</text>
    <text wx:if="{{item.price > 10}}"> ¥{{item.price}}</text>
    <text wx:else> 特价 ¥{{item.price}}</text>
    <button bindtap="buy" data-id="{{item.id}}">{{item.inCart ? '已加入' : '加入购物车'}}</button>
  </view>
</view>`)
	if err != nil {
		b.Fatal(err)
	}
	items := make([]any, 50)
	for i := range items {
		items[i] = map[string]any{"id": int64(i), "name": fmt.Sprintf("商品 %d", i), "price": float64(i) * 0.5, "inCart": i%3 == 0}
	}
	data := map[string]any{"title": "商店", "items": items}
	b.Run("first", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			Render(root, data)
		}
	})
	b.Run("again", func(b *testing.B) {
		view := NewView(root, ViewOptions{})
		b.ReportAllocs()
		for b.Loop() {
			view.Render(data)
		}
	})
}

// BenchmarkRenderControls renders a form of 200 rows of controls (an
// input, a checkbox, a picker) through one View, as a page that calls
// setData; the baseline is the same rows as plain views of the same text.
func BenchmarkRenderControls(b *testing.B) {
	rows := make([]any, 200)
	for i := range rows {
		rows[i] = map[string]any{"id": int64(i), "name": fmt.Sprintf("项目 %d", i), "done": i%2 == 0}
	}
	data := map[string]any{"rows": rows, "opts": []any{"甲", "乙", "丙"}}
	for _, tc := range []struct{ name, row string }{
		{"baseline-views", `<view>{{item.name}}</view><view>{{item.done}}</view><view>{{opts[0]}}</view>`},
		{"controls", `<input value="{{item.name}}" bindinput="typed" data-id="{{item.id}}"/>` +
			`<checkbox checked="{{item.done}}" value="{{item.id}}"/><picker range="{{opts}}" value="0" bindchange="picked">选</picker>`},
	} {
		root, err := Parse(`<form><view wx:for="{{rows}}" wx:key="id">` + tc.row + `</view></form>`)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(tc.name, func(b *testing.B) {
			view := NewView(root, ViewOptions{})
			b.ReportAllocs()
			for b.Loop() {
				view.Render(data)
			}
		})
	}
}
