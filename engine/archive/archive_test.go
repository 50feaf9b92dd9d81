package archive

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io/fs"
	"maps"
	"strings"
	"testing"
	"testing/fstest"
)

// project is a small mini-program with the clutter a real directory has.
func project() fstest.MapFS {
	return fstest.MapFS{
		"app.json":               {Data: []byte(`{"pages":["pages/index/index"]}`)},
		"app.js":                 {Data: []byte("App({})\n")},
		"pages/index/index.js":   {Data: []byte("Page({})\n")},
		"pages/index/index.wxml": {Data: []byte("<view>hi</view>\n")},
		"a.txt":                  {Data: []byte("sorts before a/")},
		"a/b.txt":                {Data: []byte("inside a")},
		".git/config":            {Data: []byte("hidden dir")},
		"pages/.DS_Store":        {Data: []byte("hidden file")},
		"link":                   {Data: []byte("app.js"), Mode: fs.ModeSymlink},
	}
}

// rawZip writes entries as given, in order, so tests can make archives
// Build never would.
type rawEntry struct {
	name string
	body []byte
	mode fs.FileMode
}

func rawZip(t testing.TB, entries ...rawEntry) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		h := &zip.FileHeader{Name: e.name, Method: zip.Deflate}
		if e.mode != 0 {
			h.SetMode(e.mode)
		}
		w, err := zw.CreateHeader(h)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(e.body); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// files reads every regular file of fsys into a map.
func files(t testing.TB, fsys fs.FS) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, name)
		out[name] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestBuildIsReproducibleAndSorted(t *testing.T) {
	a, err := Build(project())
	if err != nil {
		t.Fatal(err)
	}
	// A second file system with the same files, listed in another order
	// and with other times and modes, must give the same bytes.
	other := fstest.MapFS{}
	for name, f := range project() {
		other[name] = &fstest.MapFile{Data: f.Data, Mode: f.Mode | 0o600}
	}
	b, err := Build(other)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) || Digest(a) != Digest(b) {
		t.Fatalf("two builds of the same files differ: %s vs %s", Digest(a), Digest(b))
	}
	zr, err := zip.NewReader(bytes.NewReader(a), int64(len(a)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
	}
	want := "a.txt a/b.txt app.js app.json pages/index/index.js pages/index/index.wxml"
	if got := strings.Join(names, " "); got != want {
		t.Errorf("entries = %s, want %s (sorted, no hidden files, no symlinks)", got, want)
	}
}

func TestBuildChangesWithContent(t *testing.T) {
	a, err := Build(project())
	if err != nil {
		t.Fatal(err)
	}
	p := project()
	p["app.js"] = &fstest.MapFile{Data: []byte("App({ v: 2 })\n")}
	b, err := Build(p)
	if err != nil {
		t.Fatal(err)
	}
	if Digest(a) == Digest(b) {
		t.Fatal("different content gave the same digest")
	}
}

func TestBuildRefusesWhatReadWould(t *testing.T) {
	tests := []struct {
		name string
		fsys fstest.MapFS
		want string
	}{
		{"big file", fstest.MapFS{"big.bin": {Data: make([]byte, MaxEntrySize+1)}}, `entry "big.bin": larger than`},
		{"big project", fstest.MapFS{
			"1": {Data: make([]byte, MaxEntrySize)},
			"2": {Data: make([]byte, MaxEntrySize)},
			"3": {Data: []byte("x")},
		}, `entry "3": archive is larger than`},
		{"backslash", fstest.MapFS{`a\b`: {Data: []byte("x")}}, `entry "a\\b": backslash`},
		{"too many files", manyFiles(MaxEntries + 1), "more than 2000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Build(tt.fsys)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Build error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func manyFiles(n int) fstest.MapFS {
	m := fstest.MapFS{}
	for i := range n {
		m[fmt.Sprintf("f%04d", i)] = &fstest.MapFile{}
	}
	return m
}

func TestReadRoundTrip(t *testing.T) {
	data, err := Build(project())
	if err != nil {
		t.Fatal(err)
	}
	fsys, err := Read(data)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	for _, name := range []string{"a.txt", "a/b.txt", "app.js", "app.json", "pages/index/index.js", "pages/index/index.wxml"} {
		want[name] = string(project()[name].Data)
	}
	if got := files(t, fsys); !maps.Equal(got, want) {
		t.Fatalf("files = %v, want %v", got, want)
	}
	if err := fstest.TestFS(fsys, "app.js", "a/b.txt", "pages/index/index.wxml"); err != nil {
		t.Fatal(err)
	}
}

func TestReadAcceptsDirectoryEntries(t *testing.T) {
	data := rawZip(t, rawEntry{name: "pages/"}, rawEntry{name: "pages/x.js", body: []byte("x")})
	fsys, err := Read(data)
	if err != nil {
		t.Fatal(err)
	}
	if got := files(t, fsys); !maps.Equal(got, map[string]string{"pages/x.js": "x"}) {
		t.Fatalf("files = %v", got)
	}
}

func TestReadRefuses(t *testing.T) {
	big := make([]byte, MaxEntrySize+1)
	half := make([]byte, MaxEntrySize)
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"garbage", []byte("this is not a zip"), "not a zip archive"},
		{"empty input", nil, "not a zip archive"},
		{"parent", rawZip(t, rawEntry{name: "../x", body: []byte("x")}), `entry "../x": path escapes`},
		{"inner parent", rawZip(t, rawEntry{name: "a/../../x"}), `entry "a/../../x": path escapes`},
		{"dot element", rawZip(t, rawEntry{name: "a/./x"}), `entry "a/./x": path escapes`},
		{"empty element", rawZip(t, rawEntry{name: "a//x"}), `entry "a//x": path escapes`},
		{"absolute", rawZip(t, rawEntry{name: "/etc/passwd"}), `entry "/etc/passwd": absolute path`},
		{"backslash", rawZip(t, rawEntry{name: `..\x`}), `entry "..\\x": backslash`},
		{"drive letter", rawZip(t, rawEntry{name: "C:/x"}), `entry "C:/x": backslash, colon`},
		{"hidden", rawZip(t, rawEntry{name: "a/.env"}), `entry "a/.env": hidden`},
		{"duplicate", rawZip(t, rawEntry{name: "a.js"}, rawEntry{name: "a.js"}), `entry "a.js": duplicate`},
		{"file then dir", rawZip(t, rawEntry{name: "a"}, rawEntry{name: "a/b"}), `entry "a/b": "a" is both a file and a directory`},
		{"dir then file", rawZip(t, rawEntry{name: "a/b"}, rawEntry{name: "a"}), `entry "a": is both`},
		{"symlink", rawZip(t, rawEntry{name: "l", body: []byte("/etc"), mode: fs.ModeSymlink | 0o777}), `entry "l": not a regular file`},
		{"big entry", rawZip(t, rawEntry{name: "big", body: big}), `entry "big": larger than 2097152`},
		{"big total", rawZip(t, rawEntry{name: "1", body: half}, rawEntry{name: "2", body: half}, rawEntry{name: "3", body: []byte("x")}), `entry "3": archive is larger than 4194304`},
		{"too many entries", mustBuild(t, manyFiles(MaxEntries-1), "x", "y"), "more than 2000"},
		{"lying header", lyingHeader(t), `entry "small"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys, err := Read(tt.data)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Read error = %v (fs %v), want it to contain %q", err, fsys, tt.want)
			}
		})
	}
}

// mustBuild builds fsys plus the extra names by writing raw entries, to go
// past the count Build itself refuses.
func mustBuild(t *testing.T, fsys fstest.MapFS, extra ...string) []byte {
	var entries []rawEntry
	for name := range fsys {
		entries = append(entries, rawEntry{name: name})
	}
	for _, name := range extra {
		entries = append(entries, rawEntry{name: name})
	}
	return rawZip(t, entries...)
}

// lyingHeader returns an archive whose central directory claims a tiny
// entry that in fact inflates to more than the limit.
func lyingHeader(t *testing.T) []byte {
	data := rawZip(t, rawEntry{name: "small", body: make([]byte, MaxEntrySize+10)})
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	// Patch the uncompressed size in the central directory record (offset
	// 24 from its signature) to 10 bytes.
	cd := bytes.LastIndex(data, []byte("PK\x01\x02"))
	if cd < 0 || zr.File[0].UncompressedSize64 != MaxEntrySize+10 {
		t.Fatal("unexpected test archive layout")
	}
	copy(data[cd+24:], []byte{10, 0, 0, 0})
	return data
}

func TestDigest(t *testing.T) {
	// The SHA-256 of the empty string, from FIPS 180-2 test vectors.
	if got := Digest(nil); got != "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" {
		t.Fatalf("Digest(nil) = %s", got)
	}
}

func FuzzRead(f *testing.F) {
	valid, err := Build(project())
	if err != nil {
		f.Fatal(err)
	}
	f.Add(valid)
	f.Add(rawZip(f, rawEntry{name: "../escape", body: []byte("x")}))
	f.Add(rawZip(f, rawEntry{name: "big", body: make([]byte, MaxEntrySize+1)}))
	f.Add([]byte("garbage"))
	f.Add(rawZip(f, rawEntry{name: "d/"}, rawEntry{name: "d/x", body: []byte("y")}))
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys, err := Read(data)
		if err != nil {
			return
		}
		want := files(t, fsys)
		rebuilt, err := Build(fsys)
		if err != nil {
			t.Fatalf("Read accepted an archive that Build refuses to rebuild: %v", err)
		}
		again, err := Read(rebuilt)
		if err != nil {
			t.Fatalf("Read refuses what Build made: %v", err)
		}
		if got := files(t, again); !maps.Equal(got, want) {
			t.Fatalf("round trip changed the files: %v, want %v", got, want)
		}
	})
}
