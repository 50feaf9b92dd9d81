package jsrt

import (
	"testing"

	"github.com/dop251/goja"
)

// BenchmarkNewRuntime splits what starting a runtime costs, against a bare
// goja runtime in the same run: guarded is goja with the built-ins that
// ask for memory before they allocate (limitBuiltins), new is all of New.
// The guards replace some forty built-ins, which goja builds on first
// touch, so they are most of the difference.
func BenchmarkNewRuntime(b *testing.B) {
	project := loadProject(b, map[string]string{"app.js": "App({})"})
	b.Run("goja", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			goja.New()
		}
	})
	b.Run("guarded", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			r := &Runtime{vm: goja.New()}
			r.limitBuiltins()
		}
	})
	b.Run("new", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			r, err := New(Options{Project: project, Host: &fakeHost{}})
			if err != nil {
				b.Fatal(err)
			}
			r.Close()
		}
	})
}
