package archive

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"time"
)

// memFS is the read-only file system Read returns: an opened package lives
// in memory so that nothing a mini-program ships ever reaches the host's disk.
type memFS struct {
	files map[string][]byte
	dirs  map[string][]string // directory → names of its children, sorted by seal
}

func newMemFS() *memFS {
	return &memFS{files: map[string][]byte{}, dirs: map[string][]string{".": nil}}
}

// addDir records dir and its parents, refusing a path that is already a file.
func (m *memFS) addDir(dir string) error {
	if _, ok := m.dirs[dir]; ok {
		return nil
	}
	if _, ok := m.files[dir]; ok {
		return fmt.Errorf("%q is both a file and a directory", dir)
	}
	parent := path.Dir(dir)
	if err := m.addDir(parent); err != nil {
		return err
	}
	m.dirs[dir] = nil
	m.dirs[parent] = append(m.dirs[parent], path.Base(dir))
	return nil
}

// addFile records a file whose name Read has already checked for duplicates.
func (m *memFS) addFile(name string, body []byte) error {
	if _, ok := m.dirs[name]; ok {
		return fmt.Errorf("entry %q: is both a file and a directory", name)
	}
	parent := path.Dir(name)
	if err := m.addDir(parent); err != nil {
		return fmt.Errorf("entry %q: %w", name, err)
	}
	m.files[name] = body
	m.dirs[parent] = append(m.dirs[parent], path.Base(name))
	return nil
}

// seal sorts directory listings, as fs.ReadDir promises.
func (m *memFS) seal() {
	for _, children := range m.dirs {
		slices.Sort(children)
	}
}

func (m *memFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	if body, ok := m.files[name]; ok {
		return &memFile{info: m.info(name), Reader: bytes.NewReader(body)}, nil
	}
	if children, ok := m.dirs[name]; ok {
		entries := make([]fs.DirEntry, len(children))
		for i, c := range children {
			entries[i] = m.info(path.Join(name, c))
		}
		return &memDir{info: m.info(name), entries: entries}, nil
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

func (m *memFS) info(name string) fileInfo {
	body, isFile := m.files[name]
	return fileInfo{name: path.Base(name), size: int64(len(body)), dir: !isFile}
}

// fileInfo serves as both fs.FileInfo and fs.DirEntry.
type fileInfo struct {
	name string
	size int64
	dir  bool
}

func (fi fileInfo) Name() string               { return fi.name }
func (fi fileInfo) Size() int64                { return fi.size }
func (fi fileInfo) ModTime() time.Time         { return modTime }
func (fi fileInfo) IsDir() bool                { return fi.dir }
func (fi fileInfo) Sys() any                   { return nil }
func (fi fileInfo) Type() fs.FileMode          { return fi.Mode().Type() }
func (fi fileInfo) Info() (fs.FileInfo, error) { return fi, nil }

func (fi fileInfo) Mode() fs.FileMode {
	if fi.dir {
		return fs.ModeDir | 0o555
	}
	return 0o444
}

// memFile is an open file; the embedded reader gives Read, Seek and ReadAt.
type memFile struct {
	info fileInfo
	*bytes.Reader
}

func (f *memFile) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *memFile) Close() error               { return nil }

// memDir is an open directory, listed in pages by ReadDir.
type memDir struct {
	info    fileInfo
	entries []fs.DirEntry
	next    int
}

func (d *memDir) Stat() (fs.FileInfo, error) { return d.info, nil }
func (d *memDir) Close() error               { return nil }

func (d *memDir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.info.name, Err: fs.ErrInvalid}
}

func (d *memDir) ReadDir(n int) ([]fs.DirEntry, error) {
	rest := d.entries[d.next:]
	if n <= 0 {
		d.next = len(d.entries)
		return rest, nil
	}
	if len(rest) == 0 {
		return nil, io.EOF
	}
	rest = rest[:min(n, len(rest))]
	d.next += len(rest)
	return rest, nil
}
