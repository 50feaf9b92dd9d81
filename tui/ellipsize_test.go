package tui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"miniphone/engine"
	"miniphone/engine/wxml"
)

func TestEllipsize(t *testing.T) {
	for _, tc := range []struct {
		in   string
		w    int
		want string
	}{
		{"weather", 10, "weather"},
		{"weather", 7, "weather"},
		{"weather", 5, "weat…"},
		{"版本更新演示", 7, "版本更…"},
		{"abc", 0, ""},
	} {
		if got := ellipsize(tc.in, tc.w); got != tc.want {
			t.Errorf("ellipsize(%q, %d) = %q, want %q", tc.in, tc.w, got, tc.want)
		}
	}
}

// TestHomeDetailKeepsWhatMatters: when an app's line on the home screen is
// too long, its id gives way, marked "…"; its version, state and the
// version coming next stay.
func TestHomeDetailKeepsWhatMatters(t *testing.T) {
	for _, tc := range []struct {
		a    engine.AppSummary
		w    int
		want string
	}{
		{engine.AppSummary{AppID: "weather", Version: "1.0.0", State: engine.Background, Pending: "1.0.1"}, 42,
			"   weat… · 1.0.0 · background · 1.0.1 next"},
		{engine.AppSummary{AppID: "weather", Version: "1.0.0", State: engine.Background, Pending: "1.0.1"}, 38,
			"   1.0.0 · background · 1.0.1 next"},
		{engine.AppSummary{AppID: "a-very-long-mini-program-id", Version: "1.0.0", State: engine.Foreground}, 38,
			"   a-very-long-m… · 1.0.0 · foreground"},
		{engine.AppSummary{AppID: "demo", State: engine.NotRunning}, 38, "   demo · not installed · not-running"},
	} {
		got := homeDetail(tc.a, tc.w)
		if got != tc.want || ansi.StringWidth(got) > tc.w {
			t.Errorf("homeDetail(%s, %d) = %q (%d cells), want %q", tc.a.AppID, tc.w, got, ansi.StringWidth(got), tc.want)
		}
	}
}

// TestLongLabelsAndTitles: a button's label too long for the screen keeps
// its closing "]", and a long title is cut with "…".
func TestLongLabelsAndTitles(t *testing.T) {
	s := DefaultStyles()
	l := s.layoutPage([]wxml.Element{{Kind: wxml.Button, Text: "一个非常非常非常长的按钮标签文字"}}, 20, -1)
	if got := ansi.Strip(l.lines[0]); !strings.Contains(got, "…") || strings.TrimRight(got, " ")[len(strings.TrimRight(got, " "))-1] != ']' {
		t.Errorf("long button label drawn as %q, want it cut with … and closed with ]", got)
	}
	if got := center("a title far too long for it", 10); got != "a title f…" {
		t.Errorf("center cut a long title to %q", got)
	}
}

// A toast too long for the screen ends in … rather than losing its end
// unmarked.
func TestLongToastEndsInEllipsis(t *testing.T) {
	s := DefaultStyles()
	box := s.toastBox(&engine.ToastView{Title: "这是一条非常长的提示这是一条非常长的提示", Icon: "none"}, 30)
	line := ansi.Strip(box[1])
	if !strings.Contains(line, "…") || ansi.StringWidth(line) != 30 {
		t.Errorf("toast line %q (%d cells), want 30 cells ending in …", line, ansi.StringWidth(line))
	}
}

// A field being typed into shows the end of its text, where the typing
// goes on; unfocused, its start.
func TestFocusedFieldShowsItsEnd(t *testing.T) {
	if got := keepEnd("中文输入测试abc", 8); got != "…测试abc" {
		t.Errorf("keepEnd = %q", got)
	}
	s := DefaultStyles()
	input := wxml.Element{Kind: wxml.Control, Tag: "input", Attrs: map[string]any{"value": "中文输入测试中文输入测试中文输入测试最后"}}
	focused := ansi.Strip(s.layoutPage([]wxml.Element{input}, 20, 0).lines[0])
	unfocused := ansi.Strip(s.layoutPage([]wxml.Element{input}, 20, -1).lines[0])
	if !strings.Contains(focused, "…") || !strings.Contains(focused, "最后") || ansi.StringWidth(focused) != 20 {
		t.Errorf("focused field %q, want its end after …, 20 cells", focused)
	}
	if !strings.Contains(unfocused, "中文输入") || strings.Contains(unfocused, "最后") {
		t.Errorf("unfocused field %q, want its start", unfocused)
	}
}
