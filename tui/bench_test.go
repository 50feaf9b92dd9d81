package tui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"miniphone/engine"
	"miniphone/engine/wxml"
	"miniphone/fakeserver"
)

// The benchmarks draw the full 120×40 screen with the update modal open
// over the demo page, from a hand-made world: what they measure is the
// TUI, not the engine.

// benchSnapshot is the demo page with the restart modal open.
func benchSnapshot() engine.Snapshot {
	page := &engine.PageView{
		AppID: "demo", Title: "版本更新演示", Version: "1.0.0", Route: "pages/index/index", Depth: 1,
		Elements: []wxml.Element{
			{Kind: wxml.TextLine, Text: "当前版本 1.0.0"},
			{Kind: wxml.Button, Text: "打个招呼", Tag: "button", Target: &wxml.Target{Tag: "button", Bindings: []wxml.Binding{{Event: "tap", Handler: "onGreet"}}}},
			{Kind: wxml.Button, Text: "关于", Tag: "button", Target: &wxml.Target{Tag: "button", Bindings: []wxml.Binding{{Event: "tap", Handler: "onAbout"}}}},
		},
		Modal: &engine.ModalView{Title: "更新提示", Content: "新版本已经更新,是否重启小程序?",
			ShowCancel: true, CancelText: "取消", ConfirmText: "确定"},
	}
	return engine.Snapshot{
		Elapsed: 2 * time.Hour, Now: engine.Epoch.Add(2 * time.Hour), Seed: 1,
		Phones: []engine.PhoneSnapshot{{
			Name: "phone", User: "phone", Client: engine.LatestClient, Base: engine.LatestBase, Network: "wifi",
			Screen: engine.ScreenPage, Page: page,
			Apps: []engine.AppSummary{{AppID: "demo", Title: "版本更新演示", State: engine.Foreground, Version: "1.0.0"}},
		}},
		Next: []engine.Upcoming{{Phone: "phone", AppID: "-", What: "periodic check", In: 3*time.Hour + 12*time.Minute}},
	}
}

func benchEvents(n int) []engine.Event {
	events := make([]engine.Event, n)
	for i := range events {
		events[i] = engine.Event{At: time.Duration(i) * time.Second, Phone: "phone", AppID: "demo",
			Kind: "update.progress", Detail: fmt.Sprintf("%d%%", i)}
	}
	return events
}

func benchPlatform() *fakeserver.State {
	return &fakeserver.State{
		Apps: []fakeserver.AppState{{AppID: "demo", Live: "1.1.0", Rollout: 100,
			Versions: []fakeserver.VersionInfo{{Version: "1.0.0"}, {Version: "1.1.0"}}}},
		Faults: map[string]string{"check": "none", "cdn": "none", "data": "none"},
	}
}

// benchModel is the TUI at 120×40 showing the modal, with a full log.
func benchModel(b testing.TB) (*Model, engine.Snapshot) {
	// In colour, as on a user's terminal: styled lines are longer to
	// measure and cut.
	lipgloss.SetColorProfile(termenv.TrueColor)
	b.Cleanup(func() { lipgloss.SetColorProfile(termenv.Ascii) })
	m := New(newWorld(b), Paused())
	snap := benchSnapshot()
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	m.Update(frameMsg{snap: snap, events: benchEvents(200), platform: benchPlatform()})
	if !strings.Contains(m.View(), "新版本已经更新") {
		b.Fatal("the modal is not on the screen")
	}
	return m, snap
}

// BenchmarkView is what every frame costs when nothing changed: View
// joins the lines the panels drew.
func BenchmarkView(b *testing.B) {
	m, _ := benchModel(b)
	b.ReportAllocs()
	for b.Loop() {
		_ = m.View()
	}
}

// BenchmarkFrame is a frame in which everything changed: a new snapshot,
// a new log line and a new platform state redraw every panel, then View.
func BenchmarkFrame(b *testing.B) { benchFrame(b, 0) }

// BenchmarkFrameSideways is BenchmarkFrame with the log scrolled sideways,
// which cuts its visible lines again on every frame.
func BenchmarkFrameSideways(b *testing.B) { benchFrame(b, 10) }

func benchFrame(b *testing.B, shift int) {
	m, snap := benchModel(b)
	m.log.shift = shift
	event := benchEvents(1)
	b.ReportAllocs()
	for b.Loop() {
		m.Update(frameMsg{snap: snap, from: m.seen, events: event, platform: benchPlatform()})
		_ = m.View()
	}
}

// BenchmarkBaselineJoin is the floor of BenchmarkView and the reference
// of BenchmarkFrame: the same screen's lines, already drawn whole, joined
// into one string. A frame can cost no less.
func BenchmarkBaselineJoin(b *testing.B) {
	m, _ := benchModel(b)
	lines := strings.Split(m.View(), "\n")
	b.ReportAllocs()
	for b.Loop() {
		_ = strings.Join(lines, "\n")
	}
}
