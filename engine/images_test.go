package engine

import (
	"testing"
	"time"
)

// An image's load event fires once its page is ready, and an image that
// binds tap is tapped by its line.
func TestImageLoadAndTap(t *testing.T) {
	files := project(`App({})`,
		`Page({ loaded(e) { console.log('loaded', e.type, e.detail.width, e.target.dataset.n) }, zoom() { console.log('zoom') } })`,
		`<image src="/img/start.jpg" data-n="1" bindload="loaded"/><image src="b.png" bindtap="zoom"/><image src="c.png"/>`)
	tw := newTestWorld(t, files, DefaultSettings(), PhoneConfig{})
	tw.launch()
	tw.Advance(time.Millisecond)
	tw.mustLog("console.log loaded load 0 1")
	tw.mustScreen("▣ c.png")
	must(t, tw.phone.Tap("b.png"))
	tw.mustLog("console.log zoom")
	if err := tw.phone.Tap("c.png"); err == nil {
		t.Error("an image that binds nothing was tapped")
	}
}
