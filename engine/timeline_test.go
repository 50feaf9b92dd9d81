package engine

import (
	"strings"
	"testing"
	"time"
)

// findUpcoming is the first timeline entry whose What starts with what.
func findUpcoming(tl []Upcoming, what string) (Upcoming, bool) {
	for _, u := range tl {
		if strings.HasPrefix(u.What, what) {
			return u, true
		}
	}
	return Upcoming{}, false
}

// The timeline lists a running app's next timer, how many it has, and,
// once the app is suspended, that they wait for it; with the lifecycle's
// own events, earliest first.
func TestTimelineListsTimers(t *testing.T) {
	tw := newTestWorld(t, project(`App({onLaunch() { setTimeout(() => {}, 60000); setInterval(() => {}, 90000) }})`,
		`Page({})`, `<view>hi</view>`), DefaultSettings(), PhoneConfig{})
	tw.launch()
	tl := tw.Timeline()
	timer, ok := findUpcoming(tl, "timer")
	if !ok || timer.What != "timer (1 of 2)" || timer.In != time.Minute || timer.AppID != "app" {
		t.Fatalf("timer entry %+v in %+v", timer, tl)
	}
	for i := 1; i < len(tl); i++ {
		if tl[i].In < tl[i-1].In {
			t.Errorf("not earliest first: %+v", tl)
		}
	}
	tw.phone.Home()
	tw.Advance(10 * time.Second)
	timer, ok = findUpcoming(tw.Timeline(), "timer")
	if !ok || !strings.HasSuffix(timer.What, "paused while suspended") {
		t.Errorf("suspended app's timer: %+v", timer)
	}
	if _, ok := findUpcoming(tw.Timeline(), "destroy"); !ok {
		t.Errorf("no destruction in %+v", tw.Timeline())
	}
}
