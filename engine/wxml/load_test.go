package wxml

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// wxmlFiles lists the .wxml files of a project, as a loader of the whole
// project passes them.
func wxmlFiles(t testing.TB, fsys fs.FS) []string {
	t.Helper()
	var paths []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".wxml") {
			paths = append(paths, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return paths
}

// viewOf loads the project in dir and makes a view of its page, with a log.
func viewOf(t *testing.T, dir, page string, opts ViewOptions) (*View, *[]string) {
	t.Helper()
	fsys := os.DirFS(filepath.Join("testdata", dir))
	set, err := LoadFiles(fsys, wxmlFiles(t, fsys))
	if err != nil {
		t.Fatalf("LoadFiles: %v", err)
	}
	root, ok := set.Root(page)
	if !ok {
		t.Fatalf("no %s", page)
	}
	var log []string
	opts.OnError = func(line string) { log = append(log, line) }
	opts.OnWarning = func(line string) { log = append(log, "warning: "+line) }
	return NewView(root, opts), &log
}

func TestTemplatesImportsIncludes(t *testing.T) {
	view, log := viewOf(t, "lang", "pages/index/index.wxml", ViewOptions{})
	data := map[string]any{
		"title":  "商店",
		"vip":    true,
		"hideMe": true,
		"tags":   []any{"a", "b"},
		"goods":  []any{map[string]any{"id": int64(1), "name": "苹果", "price": 2.5}, map[string]any{"id": int64(2), "name": "梨", "price": int64(3)}},
		"tree": map[string]any{"name": "root", "children": []any{
			map[string]any{"name": "child", "children": []any{map[string]any{"name": "grandchild"}}},
		}},
	}
	want := []string{
		"Header of 商店",
		"VIP from the includer",
		"sub of 商店",
		"商店",
		"苹果 ¥2.5 [new]",
		"苹果 ¥2.5 [new]",
		"梨 ¥3 [new]",
		"VIP 商店",
		"tab 2 of []",
		"shown",
		"a;b;",
		"old 苹果",
		"old 梨",
		"inside a component",
		"root",
		"child",
		"grandchild",
	}
	if got := Text(view.Render(data)); !reflect.DeepEqual(got, want) {
		t.Errorf("lines\n got %q\nwant %q", got, want)
	}
	wantLog := []string{
		"warning: templates/cards.wxml:5: attribute class repeated in <view>; the last value is used",
		`pages/index/index.wxml:7: template "badge" not found`,
	}
	if !reflect.DeepEqual(*log, wantLog) {
		t.Errorf("log\n got %q\nwant %q", *log, wantLog)
	}
	view.Render(data)
	if len(*log) != len(wantLog) {
		t.Errorf("a second render logged again: %q", *log)
	}
}

func TestTemplateRecursionEnds(t *testing.T) {
	root, err := Parse(`<template name="t"><text>x</text><template is="t"/></template><template is="t"/>`)
	if err != nil {
		t.Fatal(err)
	}
	var log []string
	lines := Text(NewView(root, ViewOptions{OnError: func(l string) { log = append(log, l) }}).Render(nil))
	if len(lines) != 1 || strings.Count(lines[0], "x") != maxNesting {
		t.Errorf("lines %q, want %d x", lines, maxNesting)
	}
	if len(log) != 1 || !strings.Contains(log[0], "nested deeper than") {
		t.Errorf("log %q", log)
	}
}

func TestWXS(t *testing.T) {
	now := time.Date(2031, 1, 2, 3, 4, 5, 0, time.UTC)
	// The loop runs until the budget cuts it, whatever the budget.
	view, log := viewOf(t, "wxs", "pages/index/index.wxml", ViewOptions{
		Now:    func() time.Time { return now },
		Budget: 50 * time.Millisecond,
	})
	data := map[string]any{"title": "天气真好我们出去玩吧", "now": now.UnixMilli(), "goods": []any{}}
	want := []string{
		"天气真好...",
		"¥9.50 2",
		"03/2024 1970",
		"true true false",
		"|after a throw",
		"|after a loop",
		"|after the stop",
	}
	if got := Text(view.Render(data)); !reflect.DeepEqual(got, want) {
		t.Errorf("lines\n got %q\nwant %q", got, want)
	}
	wantLog := []string{
		"pages/index/index.wxml:16: utils/util.wxs:12: TypeError: Cannot read property 'length' of undefined",
		"pages/index/index.wxml:17: a call ran past 50ms: WXS stopped on this page",
	}
	if !reflect.DeepEqual(*log, wantLog) {
		t.Errorf("log\n got %q\nwant %q", *log, wantLog)
	}
}

func TestWXSStatePerView(t *testing.T) {
	root, err := Parse(`<wxs module="c">var n = 0; module.exports.next = function () { n++; return n }</wxs>{{c.next()}}`)
	if err != nil {
		t.Fatal(err)
	}
	view := NewView(root, ViewOptions{})
	for _, want := range []string{"1", "2"} {
		if got := Text(view.Render(nil)); !reflect.DeepEqual(got, []string{want}) {
			t.Errorf("got %q, want %s: a module lives as long as its view", got, want)
		}
	}
	if got := Text(NewView(root, ViewOptions{}).Render(nil)); !reflect.DeepEqual(got, []string{"1"}) {
		t.Errorf("another view got %q: views share no state", got)
	}
}

func TestLoadErrors(t *testing.T) {
	fsys := os.DirFS("testdata/broken")
	_, err := LoadFiles(fsys, wxmlFiles(t, fsys))
	var errs Errors
	if !errors.As(err, &errs) {
		t.Fatalf("error %v (%T), want Errors", err, err)
	}
	var got []string
	for _, e := range errs {
		got = append(got, e.Error())
	}
	want := []string{
		`pages/a.wxml:1: <import src="../templates/missing.wxml">: templates/missing.wxml does not exist`,
		`pages/a.wxml:2: <include src="../../outside.wxml">: ../../outside.wxml is outside the project`,
		`pages/b.wxml:2: <include> makes a cycle: pages/c.wxml → pages/b.wxml → pages/c.wxml`,
		`pages/c.wxml:1: <include> makes a cycle: pages/b.wxml → pages/c.wxml → pages/b.wxml`,
		`pages/d.wxml:2: wx:else without a preceding wx:if`,
		`templates/t.wxml:2: bad expression "{{a +}}": unexpected end of expression`,
		`utils/bad.wxs:2: wxs: Unexpected token ;`,
		`utils/requires.wxs:1: utils/gone.wxs does not exist`,
		`utils/requires.wxs:2: require("../../../escape.wxs"): ../../../escape.wxs is outside the project`,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("errors\n got %q\nwant %q", got, want)
	}
}

func TestLoadMissingFile(t *testing.T) {
	_, err := LoadFiles(os.DirFS("testdata/lang"), []string{"pages/gone.wxml"})
	if err == nil || err.Error() != "pages/gone.wxml: file does not exist" {
		t.Errorf("error %v", err)
	}
}

func TestResolve(t *testing.T) {
	tests := []struct{ from, src, ext, want string }{
		{"pages/a/a.wxml", "../../t/x.wxml", ".wxml", "t/x.wxml"},
		{"pages/a/a.wxml", "/template/tabbar/index.wxml", ".wxml", "template/tabbar/index.wxml"},
		{"pages/a/a.wxml", "./b", ".wxml", "pages/a/b.wxml"},
		{"a.wxml", "b.wxs", ".wxs", "b.wxs"},
		{"a.wxml", "../b.wxml", ".wxml", "error"},
		{"a.wxml", "", ".wxml", "error"},
		{"a.wxml", "b.js", ".wxml", "error"},
	}
	for _, tt := range tests {
		got, err := resolve(tt.from, tt.src, tt.ext)
		if err != nil {
			got = "error"
		}
		if got != tt.want {
			t.Errorf("resolve(%q, %q) = %q (%v), want %q", tt.from, tt.src, got, err, tt.want)
		}
	}
}

// TestRealApps loads the WXML of the real projects in ../shared/realapps,
// when that folder is there, as a project's loader does: every file must
// load, as it does in WeChat DevTools.
func TestRealApps(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "realapps")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Skipf("no real projects: %v", err)
	}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		t.Run(e.Name(), func(t *testing.T) {
			fsys := os.DirFS(filepath.Join(dir, e.Name()))
			paths := wxmlFiles(t, fsys)
			set, err := LoadFiles(fsys, paths)
			if err != nil {
				t.Fatalf("%d files:\n%v", len(paths), err)
			}
			for _, p := range paths {
				root, _ := set.Root(p)
				// With no data, some WXS loops (Vant's calendar); any
				// budget ends it, and none of it is what this tests.
				NewView(root, ViewOptions{Budget: 20 * time.Millisecond}).Render(nil)
			}
			if testing.Verbose() {
				for _, w := range set.Warnings {
					t.Log("warning:", w)
				}
			}
		})
	}
}
