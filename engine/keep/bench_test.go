package keep

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkSave measures saving a world of two phones mid-update with
// their packages and fetch caches: the picture of the world and the
// platform, packing the packages, and the atomic write (temporary files,
// fsync, rename). The baseline writes the same state and packages as
// plain files, without syncing: what any save costs at least.
func BenchmarkSave(b *testing.B) {
	r := midUpdate(b)
	picture := func() *State {
		ws, err := r.w.Save()
		must(b, err)
		ps := r.srv.Server.Export()
		return &State{World: ws, Platform: &ps}
	}
	b.Run("baseline", func(b *testing.B) {
		st, dir := picture(), b.TempDir()
		b.ReportAllocs()
		for b.Loop() {
			body, err := json.Marshal(st)
			must(b, err)
			must(b, os.WriteFile(filepath.Join(dir, "state.json"), body, 0o644))
			for _, blobs := range []map[string][]byte{st.World.Packages, st.Platform.Packages} {
				for name, pkg := range blobs {
					must(b, os.WriteFile(filepath.Join(dir, name), pkg, 0o644))
				}
			}
		}
	})
	b.Run("miniphone", func(b *testing.B) {
		dir := b.TempDir()
		b.ReportAllocs()
		for b.Loop() {
			must(b, Save(dir, picture()))
		}
	})
}
