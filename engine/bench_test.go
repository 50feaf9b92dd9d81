package engine

import (
	"fmt"
	"io/fs"
	"testing"
	"testing/fstest"
	"time"

	"github.com/dop251/goja"

	"miniphone/assets"
	"miniphone/engine/wxml"
)

// demoProject reads the bundled demo app into memory.
func demoProject(b *testing.B) fstest.MapFS {
	b.Helper()
	demo, err := fs.Sub(assets.Apps(), "demo")
	if err != nil {
		b.Fatal(err)
	}
	return readProject(b, demo)
}

// readProject reads a project's files into memory, as packages hold them.
func readProject(tb testing.TB, fsys fs.FS) fstest.MapFS {
	tb.Helper()
	files := fstest.MapFS{}
	err := fs.WalkDir(fsys, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(fsys, path)
		files[path] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	return files
}

// BenchmarkColdStart measures the demo app from launch to page ready: a
// new runtime, app.js, onLaunch/onShow, the first page loaded, rendered
// and ready. The phone is offline so that the parallel version check
// stays out of the measure. The baseline does the same work in a bare goja
// runtime with the least a host needs: the scripts compiled once, as the
// phone shares compiled packages; a wx with the three APIs the demo calls;
// App and Page that keep their object; the same lifecycle calls; setData
// that merges; and the page's WXML rendered from its data.
func BenchmarkColdStart(b *testing.B) {
	files := demoProject(b)
	b.Run("baseline", func(b *testing.B) {
		demo := compileBareDemo(b, files)
		b.ReportAllocs()
		for b.Loop() {
			demo.launch(b)
		}
	})
	b.Run("miniphone", func(b *testing.B) {
		tw := newTestWorld(b, files, DefaultSettings(), PhoneConfig{})
		tw.launch() // installs 1.0.0
		if err := tw.phone.SetNetwork("offline"); err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			if err := tw.phone.Kill("app"); err != nil {
				b.Fatal(err)
			}
			if err := tw.phone.Launch("app", LaunchOptions{}); err != nil {
				b.Fatal(err)
			}
			tw.RunDue()
			if tw.phone.foreground == nil {
				b.Fatal("the page is not ready")
			}
		}
	})
}

// bareDemo is the demo app compiled once for a bare goja runtime.
type bareDemo struct {
	app, page *goja.Program
	wxml      *wxml.Node
}

func compileBareDemo(b *testing.B, files fstest.MapFS) *bareDemo {
	b.Helper()
	var d bareDemo
	var err error
	if d.app, err = goja.Compile("app.js", string(files["app.js"].Data), false); err != nil {
		b.Fatal(err)
	}
	if d.page, err = goja.Compile("pages/index/index.js", string(files["pages/index/index.js"].Data), false); err != nil {
		b.Fatal(err)
	}
	if d.wxml, err = wxml.Parse(string(files["pages/index/index.wxml"].Data)); err != nil {
		b.Fatal(err)
	}
	return &d
}

// launch is the least a JavaScript engine must do for the demo's cold
// start.
func (d *bareDemo) launch(b *testing.B) {
	vm := goja.New()
	var app, page *goja.Object
	manager := vm.NewObject()
	for _, name := range []string{"onCheckForUpdate", "onUpdateReady", "onUpdateFailed", "applyUpdate"} {
		_ = manager.Set(name, func(goja.FunctionCall) goja.Value { return goja.Undefined() })
	}
	wx := vm.NewObject()
	_ = wx.Set("canIUse", func(string) bool { return true })
	_ = wx.Set("getUpdateManager", func() *goja.Object { return manager })
	_ = wx.Set("getAccountInfoSync", func() map[string]any {
		return map[string]any{"miniProgram": map[string]any{"version": "1.0.0"}}
	})
	_ = vm.Set("wx", wx)
	_ = vm.Set("App", func(o *goja.Object) { app = o })
	_ = vm.Set("Page", func(o *goja.Object) { page = o })
	call := func(o *goja.Object, method string) {
		if fn, ok := goja.AssertFunction(o.Get(method)); ok {
			if _, err := fn(o); err != nil {
				b.Fatal(err)
			}
		}
	}
	if _, err := vm.RunProgram(d.app); err != nil {
		b.Fatal(err)
	}
	call(app, "onLaunch")
	call(app, "onShow")
	if _, err := vm.RunProgram(d.page); err != nil {
		b.Fatal(err)
	}
	data := page.Get("data").ToObject(vm)
	_ = page.Set("setData", func(patch map[string]any) {
		for k, v := range patch {
			_ = data.Set(k, v)
		}
	})
	for _, method := range []string{"onLoad", "onShow", "onReady"} {
		call(page, method)
	}
	fields, _ := data.Export().(map[string]any)
	if len(wxml.Render(d.wxml, fields)) == 0 {
		b.Fatal("the page rendered nothing")
	}
}

// BenchmarkAdvance moves the clock of a phone that uses the demo app
// daily, one day at a time: each day brings a cold start, the app's
// lifecycle, its suspension and destruction, and the background checks.
// After a year of history a day must cost what it cost on the first one
// (the 1d/365d ratio per day is the goal, ≤ 1.5).
func BenchmarkAdvance(b *testing.B) {
	files := demoProject(b)
	for _, history := range []int{1, 365} {
		b.Run(fmt.Sprintf("%dd", history), func(b *testing.B) {
			tw := newTestWorld(b, files, DefaultSettings(), PhoneConfig{})
			day := func() {
				tw.launch()
				tw.phone.Home()
				tw.Advance(24 * time.Hour)
			}
			for range history {
				day()
			}
			b.ReportAllocs()
			for b.Loop() {
				day()
			}
		})
	}
}
