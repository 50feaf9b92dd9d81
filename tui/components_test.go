package tui

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestTapAnyElement: a custom component's rows bind tap on a view, not a
// button; tab reaches each and enter taps the focused one, whose event
// travels out of the component to the page.
func TestTapAnyElement(t *testing.T) {
	files := fstest.MapFS{
		"app.json":                {Data: []byte(`{"pages":["pages/index/index"],"window":{"navigationBarTitleText":"组件"}}`)},
		"app.js":                  {Data: []byte(`App({})`)},
		"pages/index/index.js":    {Data: []byte(`Page({ data: { p: 'none' }, onPicked(e) { this.setData({ p: e.detail.n }) } })`)},
		"pages/index/index.json":  {Data: []byte(`{"usingComponents": {"c-row": "/components/row/row"}}`)},
		"pages/index/index.wxml":  {Data: []byte(`<c-row wx:for="{{3}}" n="{{index}}" bind:picked="onPicked"></c-row><view>picked {{p}}</view>`)},
		"components/row/row.js":   {Data: []byte(`Component({ properties: { n: Number }, methods: { pick() { this.triggerEvent('picked', { n: this.data.n }) } } })`)},
		"components/row/row.wxml": {Data: []byte(`<view bindtap="pick">row {{n}}</view>`)},
	}
	// The harness waits for a "demo"; the launch's download needs the
	// clock to move.
	h := startWith(t, 120, 40, []App{{ID: "demo", Files: files}})
	h.press("enter", "h")
	h.waitFor("▸row 0", "row 2", "picked none")
	h.press("tab")
	h.waitFor("▸row 1")
	h.press("enter")
	if screen := h.waitFor("picked 1"); strings.Contains(screen, "▸row 0") {
		t.Errorf("the focus went back to the first row:\n%s", screen)
	}
}
