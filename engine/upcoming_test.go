package engine

import (
	"testing"
	"time"
)

// TestUpcomingNamesAFlight: while the version check of a cold start is on
// its way, and then its download, the world says so: a paused clock with
// an answer coming is not "nothing scheduled".
func TestUpcomingNamesAFlight(t *testing.T) {
	tw := newTestWorld(t, project(`App({})`, `Page({})`, `<view>hi</view>`), DefaultSettings(), PhoneConfig{})
	tw.launch() // the first launch installs synchronously
	tw.publish("1.1.0", project(`App({})`, `Page({})`, `<view>new</view>`))
	tw.phone.Home()
	tw.RunUntil(func() bool { return false }, tw.Elapsed()+time.Hour)
	if err := tw.phone.Launch("app", LaunchOptions{}); err != nil {
		t.Fatal(err)
	}
	tw.RunDue()
	seen := map[string]bool{}
	for range 50 {
		for _, u := range tw.Snapshot().Next {
			if u.AppID == "app" && u.In >= 0 {
				seen[u.What] = true
			}
		}
		if seen["version check"] && seen["download"] {
			return
		}
		next, ok := tw.clock.Next()
		if !ok {
			break
		}
		tw.RunUntil(func() bool { return false }, next)
	}
	t.Errorf("upcoming named %v during the check and download; want both\n%s", seen, tw.lines())
}
