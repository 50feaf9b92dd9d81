package keep

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// files reads every file under dir, by path.
func files(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		out[path] = b
		return err
	})
	must(t, err)
	return out
}

func firstPackage(t *testing.T, dir string) string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(dir, packagesDir))
	must(t, err)
	if len(entries) == 0 {
		t.Fatal("no packages saved")
	}
	return filepath.Join(dir, packagesDir, entries[0].Name())
}

// A damaged state, or one of a newer format, is refused with the file and
// the reason, and nothing in the folder changes.
func TestRefusesDamagedAndNewerStates(t *testing.T) {
	tests := []struct {
		name   string
		damage func(t *testing.T, dir string) string // the file named in the error
		want   string
	}{
		{"a byte of the state changed", func(t *testing.T, dir string) string {
			path := filepath.Join(dir, manifestName)
			b, _ := os.ReadFile(path)
			must(t, os.WriteFile(path, bytes.Replace(b, []byte(`"seed":7`), []byte(`"seed":8`), 1), 0o644))
			return path
		}, "damaged: the state's SHA-256"},
		{"cut short", func(t *testing.T, dir string) string {
			path := filepath.Join(dir, manifestName)
			b, _ := os.ReadFile(path)
			must(t, os.WriteFile(path, b[:len(b)/2], 0o644))
			return path
		}, "damaged"},
		{"not JSON", func(t *testing.T, dir string) string {
			path := filepath.Join(dir, manifestName)
			must(t, os.WriteFile(path, []byte("\x00\x01garbage"), 0o644))
			return path
		}, "damaged: not a saved state"},
		{"a newer format", func(t *testing.T, dir string) string {
			path := filepath.Join(dir, manifestName)
			b, _ := os.ReadFile(path)
			var m map[string]json.RawMessage
			must(t, json.Unmarshal(b, &m))
			m["format"] = json.RawMessage("99")
			b, _ = json.Marshal(m)
			must(t, os.WriteFile(path, b, 0o644))
			return path
		}, "format 99 is newer than this miniphone reads (1)"},
		{"a package damaged", func(t *testing.T, dir string) string {
			path := firstPackage(t, dir)
			b, _ := os.ReadFile(path)
			b[len(b)/2] ^= 0xff
			must(t, os.WriteFile(path, b, 0o644))
			return path
		}, "damaged: its SHA-256"},
		{"a package missing", func(t *testing.T, dir string) string {
			path := firstPackage(t, dir)
			must(t, os.Remove(path))
			return path
		}, "no such file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			midUpdate(t).save(dir)
			named := tt.damage(t, dir)
			before := files(t, dir)
			_, err := Load(dir)
			if err == nil {
				t.Fatal("loaded")
			}
			if !strings.Contains(err.Error(), named) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q, want it to name %s and say %q", err, named, tt.want)
			}
			if after := files(t, dir); !reflect.DeepEqual(before, after) {
				t.Error("the folder changed")
			}
		})
	}
}

func TestLoadOfAnEmptyFolder(t *testing.T) {
	if _, err := Load(t.TempDir()); !errors.Is(err, ErrNoState) {
		t.Errorf("Load = %v, want ErrNoState", err)
	}
}

// cutFile fails a save after budget bytes, across every file it writes,
// as a full disk or a crash would leave it.
type cutFile struct {
	*os.File
	budget *int
}

var errCut = errors.New("the save was cut short")

func (f cutFile) Write(b []byte) (int, error) {
	if len(b) > *f.budget {
		n, _ := f.File.Write(b[:*f.budget])
		*f.budget = 0
		return n, errCut
	}
	*f.budget -= len(b)
	return f.File.Write(b)
}

// A save cut short at any point leaves the previous state loadable and
// whole; the next save that succeeds replaces it and clears what the cut
// one left.
func TestSaveCutShortKeepsThePreviousState(t *testing.T) {
	dir := t.TempDir()
	r := midUpdate(t)
	r.save(dir)
	first, err := Load(dir)
	must(t, err)
	wantFirst := encoded(t, first)

	r.w.Advance(time.Hour)
	r.publish("1.0.2", 64<<10) // a new package to write
	ws, err := r.w.Save()
	must(t, err)
	ps := r.srv.Server.Export()
	second := &State{World: ws, Platform: &ps}
	cutAfter := func(budget *int) func(string) (file, error) {
		return func(dir string) (file, error) {
			f, err := createTemp(dir)
			if err != nil {
				return nil, err
			}
			return cutFile{File: f.(*os.File), budget: budget}, nil
		}
	}
	// Each cut starts from a copy of the folder as the first save left it.
	saved := files(t, dir)
	fresh := func() string {
		to := t.TempDir()
		for path, b := range saved {
			rel, _ := filepath.Rel(dir, path)
			must(t, os.MkdirAll(filepath.Dir(filepath.Join(to, rel)), 0o755))
			must(t, os.WriteFile(filepath.Join(to, rel), b, 0o644))
		}
		return to
	}
	const plenty = 1 << 40
	left := plenty
	must(t, save(fresh(), second, cutAfter(&left)))
	total := plenty - left
	if total < 64<<10 {
		t.Fatalf("the save wrote %d bytes: the new package is not among them", total)
	}
	for _, cut := range []int{0, 1, 4096, total / 4, total / 2, total - 100, total - 1} {
		budget := cut
		into := fresh()
		if err := save(into, second, cutAfter(&budget)); !errors.Is(err, errCut) {
			t.Fatalf("cut after %d of %d bytes: save = %v", cut, total, err)
		}
		got, err := Load(into)
		if err != nil {
			t.Fatalf("cut after %d of %d bytes: %v", cut, total, err)
		}
		if encoded(t, got) != wantFirst {
			t.Fatalf("cut after %d of %d bytes: the state loaded is not the one saved before", cut, total)
		}
	}
	// A crash leaves its temporary files behind; they do not disturb.
	must(t, os.WriteFile(filepath.Join(dir, tempPrefix+"crashed"), []byte("half"), 0o644))
	must(t, Save(dir, second))
	got, err := Load(dir)
	must(t, err)
	if encoded(t, got) != encoded(t, second) {
		t.Error("the state loaded is not the one saved")
	}
	for path := range files(t, dir) {
		name := filepath.Base(path)
		if strings.HasPrefix(name, tempPrefix) {
			t.Errorf("%s left behind", path)
		}
		if strings.HasSuffix(name, ".zip") && second.World.Packages[strings.TrimSuffix(name, ".zip")] == nil &&
			second.Platform.Packages[strings.TrimSuffix(name, ".zip")] == nil {
			t.Errorf("%s is no longer used but kept", path)
		}
	}
}

// encoded is the state with its packages, as one comparable string.
func encoded(t *testing.T, st *State) string {
	t.Helper()
	b, err := json.Marshal(struct {
		State         *State
		World, Server map[string][]byte
	}{st, st.World.Packages, st.Platform.Packages})
	must(t, err)
	return string(b)
}
