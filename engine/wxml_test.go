package engine

import (
	"os"
	"strings"
	"testing"
)

// TestRealPageMarkup runs a project written as real ones are: a WXS module
// from a file that requires another, imported templates fed with spread
// and shorthand data, an include, a repeated attribute.
func TestRealPageMarkup(t *testing.T) {
	tw := newTestWorld(t, readProject(t, os.DirFS("testdata/wxml-shop")), DefaultSettings(), PhoneConfig{})
	tw.launch()
	for _, text := range []string{"天气真好...", "苹果 ¥2.5", "梨 ¥3", "共 2 件", "首页 [分类] 我的"} {
		tw.mustScreen(text)
	}
	if s := tw.phone.ScreenText(); strings.Contains(s, "inline source") || strings.Contains(s, "module.exports") {
		t.Errorf("WXS source shows as page text:\n%s", s)
	}
	tw.mustLog("app warning pages/index/index.wxml:4: attribute class repeated in <view>; the last value is used")

	// The loop runs until the budget cuts it, whatever the budget.
	if err := tw.phone.Tap("spin"); err != nil {
		t.Fatal(err)
	}
	tw.mustScreen("|spun")
	tw.mustLog("app error pages/index/index.wxml:8: a call ran past")
	if err := tw.phone.Tap("more"); err != nil {
		t.Fatal(err)
	}
	// The page goes on; its WXS stopped with the call that was cut.
	tw.mustScreen("|spun")
	if s := tw.phone.ScreenText(); strings.Contains(s, "又是") || !strings.Contains(s, "苹果 ¥2.5") {
		t.Errorf("after the stop, the screen shows:\n%s", s)
	}
	if n := strings.Count(tw.lines(), "a call ran past"); n != 1 {
		t.Errorf("the stop is logged %d times, want once", n)
	}
}
