package engine

import (
	"io/fs"
	"testing"
	"testing/fstest"
	"time"

	"github.com/dop251/goja"

	"miniphone/assets"
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
// (a real HTTP request) stays out of the measure; baseline compiles and
// runs the same app.js and its onLaunch in a bare goja runtime.
func BenchmarkColdStart(b *testing.B) {
	files := demoProject(b)
	b.Run("baseline", func(b *testing.B) {
		src := string(files["app.js"].Data)
		b.ReportAllocs()
		for b.Loop() {
			bareGojaLaunch(b, src)
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

// bareGojaLaunch is the least a JavaScript engine must do for the same
// app.js: compile it, run it, and call its onLaunch with a wx that answers.
func bareGojaLaunch(b *testing.B, src string) {
	vm := goja.New()
	prog, err := goja.Compile("app.js", src, false)
	if err != nil {
		b.Fatal(err)
	}
	var app *goja.Object
	manager := vm.NewObject()
	for _, name := range []string{"onCheckForUpdate", "onUpdateReady", "onUpdateFailed", "applyUpdate"} {
		_ = manager.Set(name, func(goja.FunctionCall) goja.Value { return goja.Undefined() })
	}
	wx := vm.NewObject()
	_ = wx.Set("canIUse", func(string) bool { return true })
	_ = wx.Set("getUpdateManager", func() *goja.Object { return manager })
	_ = vm.Set("wx", wx)
	_ = vm.Set("App", func(o *goja.Object) { app = o })
	if _, err := vm.RunProgram(prog); err != nil {
		b.Fatal(err)
	}
	onLaunch, ok := goja.AssertFunction(app.Get("onLaunch"))
	if !ok {
		b.Fatal("no onLaunch")
	}
	if _, err := onLaunch(app); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkAdvance moves an idle phone's clock by a day and by a year: the
// cost follows the events inside, not the length, so the two should be
// close.
func BenchmarkAdvance(b *testing.B) {
	for _, span := range []struct {
		name string
		d    time.Duration
	}{{"1d", 24 * time.Hour}, {"365d", 365 * 24 * time.Hour}} {
		b.Run(span.name, func(b *testing.B) {
			w := NewWorld(Config{Seed: 1})
			if _, err := w.AddPhone(PhoneConfig{Name: "idle"}); err != nil {
				b.Fatal(err)
			}
			w.RegisterApp("app")
			b.ReportAllocs()
			for b.Loop() {
				w.Advance(span.d)
			}
		})
	}
}
