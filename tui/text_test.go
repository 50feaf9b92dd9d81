package tui

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"miniphone/fakeserver"
)

func TestWrap(t *testing.T) {
	tests := []struct {
		in   string
		w    int
		want []string
	}{
		{"hello world", 5, []string{"hello", "world"}},
		{"hello world", 20, []string{"hello world"}},
		// Chinese breaks between any two characters…
		{"新版本已经更新", 6, []string{"新版本", "已经更", "新"}},
		// …but closing punctuation stays with what it closes.
		{"是否重启小程序?", 14, []string{"是否重启小程", "序?"}},
		{"更新,是否", 4, []string{"更", "新,", "是否"}},
		{"版本 1.0.0 已经上线", 10, []string{"版本 1.0.0", "已经上线"}},
		{"abcdefghij", 4, []string{"abcd", "efgh", "ij"}},
		{"", 4, []string{""}},
	}
	for _, tc := range tests {
		if got := wrap(tc.in, tc.w); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("wrap(%q, %d) = %q, want %q", tc.in, tc.w, got, tc.want)
		}
		for _, l := range wrap(tc.in, tc.w) {
			if ansi.StringWidth(l) > tc.w {
				t.Errorf("wrap(%q, %d): line %q is too wide", tc.in, tc.w, l)
			}
		}
	}
}

func TestFit(t *testing.T) {
	for _, tc := range []struct {
		in   string
		w    int
		want string
	}{
		{"abc", 5, "abc  "},
		{"abcdef", 3, "abc"},
		{"版本", 3, "版 "}, // a wide character cut in half becomes a space
		{"版本", 4, "版本"},
	} {
		if got := fit(tc.in, tc.w); got != tc.want {
			t.Errorf("fit(%q, %d) = %q, want %q", tc.in, tc.w, got, tc.want)
		}
	}
}

// TestOverlay keeps every line's width, also where an edge of the
// overlay cuts a Chinese character of the background.
func TestOverlay(t *testing.T) {
	bg := []string{"版本更新演示版本", "abcdefghijklmnop", "版本更新演示版本"}
	got := overlay(bg, []string{"XX", "YY"}, 3, 1)
	want := []string{"版本更新演示版本", "abcXXfghijklmnop", "版 YY 新演示版本"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("overlay = %q, want %q", got, want)
	}
	for _, l := range got {
		if ansi.StringWidth(l) != 16 {
			t.Errorf("%q is %d cells wide, want 16", l, ansi.StringWidth(l))
		}
	}
}

func TestNextVersion(t *testing.T) {
	app := func(vs ...string) fakeserver.AppState {
		var a fakeserver.AppState
		for _, v := range vs {
			a.Versions = append(a.Versions, fakeserver.VersionInfo{Version: v})
		}
		return a
	}
	for _, tc := range []struct {
		app   fakeserver.AppState
		minor bool
		want  string
	}{
		{app(), false, "1.0.0"},
		{app("1.0.0"), false, "1.0.1"},
		{app("1.0.0"), true, "1.1.0"},
		{app("1.0.0", "1.2.9"), true, "1.3.0"},
		{app("2"), false, "2.0.1"},
	} {
		if got := nextVersion(tc.app, tc.minor); got != tc.want {
			t.Errorf("nextVersion(%v, %t) = %s, want %s", tc.app.Versions, tc.minor, got, tc.want)
		}
	}
}

func TestShort(t *testing.T) {
	var got []string
	for _, s := range []string{"4.23s", "4m5s", "3h12m30s", "50h"} {
		d, err := time.ParseDuration(s)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, short(d))
	}
	if want := "4.2s 4m05s 3h12m 2d2h"; strings.Join(got, " ") != want {
		t.Errorf("short = %q, want %q", strings.Join(got, " "), want)
	}
}

// TestSpread: the two parts keep a space between them; when they do not
// fit, the right one is cut first.
func TestSpread(t *testing.T) {
	for _, tc := range []struct {
		left, right string
		w           int
		want        string
	}{
		{"ab", "cd", 7, "ab   cd"},
		{"ab", "cd", 5, "ab cd"},
		{"ab", "cdef", 6, "ab cd…"},
		{"abcdef", "gh", 5, "abcd…"},
		{"版本", "更新", 6, "版本 …"}, // a wide character does not fit in the one cell left
	} {
		if got := spread(tc.left, tc.right, tc.w); got != tc.want {
			t.Errorf("spread(%q, %q, %d) = %q, want %q", tc.left, tc.right, tc.w, got, tc.want)
		}
	}
}
