// Package archive builds and opens mini-program code packages: zip archives
// of a project directory. The platform stores them, the fake CDN serves them
// and phones verify them by SHA-256, so a build must be reproducible and an
// archive from the network must be opened as hostile input.
package archive

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strings"
	"time"
)

// Limits on a package. WeChat caps a main package at 2 MB and a whole
// mini-program at a few MB; the entry count bounds the work of opening one.
const (
	MaxEntrySize = 2 << 20 // uncompressed bytes in one file
	MaxTotalSize = 4 << 20 // uncompressed bytes in all files
	MaxEntries   = 2000
)

// modTime is stamped on every entry: the real times would make two builds
// of the same files differ, and with them the digest.
var modTime = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)

// Build returns a zip archive of every regular file under the root of fsys,
// leaving out hidden files and directories (a name starting with "."),
// which are editor, VCS or OS droppings rather than part of the program.
// The same files always give the same bytes. Build refuses a project that
// Read would refuse, so that whatever it builds can be published.
func Build(fsys fs.FS) ([]byte, error) {
	names, err := regularFiles(fsys)
	if err != nil {
		return nil, err
	}
	if len(names) > MaxEntries {
		return nil, fmt.Errorf("project has %d files, more than %d", len(names), MaxEntries)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	var total int64
	for _, name := range names {
		n, err := addFile(zw, fsys, name, MaxTotalSize-total)
		if err != nil {
			return nil, err
		}
		total += n
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// regularFiles lists the files Build packs, sorted by path so that the
// archive does not depend on the order a file system lists directories in.
func regularFiles(fsys fs.FS) ([]string, error) {
	var names []string
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if name != "." && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		if err := checkName(name); err != nil {
			return err
		}
		names = append(names, name)
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.Sort(names)
	return names, nil
}

// addFile copies one file into the archive and returns its size. It reads
// through a limit rather than trusting Stat, which a file system may get
// wrong or which may change under it.
func addFile(zw *zip.Writer, fsys fs.FS, name string, budget int64) (int64, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: modTime})
	if err != nil {
		return 0, err
	}
	limit := min(int64(MaxEntrySize), budget)
	n, err := io.Copy(w, io.LimitReader(f, limit+1))
	if err != nil {
		return 0, fmt.Errorf("%s: %w", name, err)
	}
	if n > limit {
		return 0, sizeError(name, n, limit)
	}
	return n, nil
}

// Read opens an archive and returns its files as a read-only file system.
// It refuses anything a package built by Build could not be: names that
// escape the root or are not portable, hidden or duplicate entries, a file
// and a directory of the same name, and archives too large once
// decompressed. The error names the offending entry.
func Read(data []byte) (fs.FS, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	// ErrInsecurePath comes with a usable reader; checkName below refuses
	// the same names and says which entry it was.
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return nil, fmt.Errorf("not a zip archive: %w", err)
	}
	if len(zr.File) > MaxEntries {
		return nil, fmt.Errorf("archive has %d entries, more than %d", len(zr.File), MaxEntries)
	}
	m := newMemFS()
	seen := make(map[string]bool, len(zr.File))
	var total int64
	for _, f := range zr.File {
		if seen[f.Name] {
			return nil, fmt.Errorf("entry %q: duplicate entry", f.Name)
		}
		seen[f.Name] = true
		if dir, ok := strings.CutSuffix(f.Name, "/"); ok {
			if err := checkName(dir); err != nil {
				return nil, err
			}
			if err := m.addDir(dir); err != nil {
				return nil, fmt.Errorf("entry %q: %w", f.Name, err)
			}
			continue
		}
		if err := checkName(f.Name); err != nil {
			return nil, err
		}
		body, err := readEntry(f, MaxTotalSize-total)
		if err != nil {
			return nil, err
		}
		total += int64(len(body))
		if err := m.addFile(f.Name, body); err != nil {
			return nil, err
		}
	}
	m.seal()
	return m, nil
}

// readEntry decompresses one entry, stopping one byte past what it may
// hold: the sizes in a zip header are written by whoever made the archive.
func readEntry(f *zip.File, budget int64) ([]byte, error) {
	if !f.Mode().IsRegular() {
		return nil, fmt.Errorf("entry %q: not a regular file (%v)", f.Name, f.Mode().Type())
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("entry %q: %w", f.Name, err)
	}
	defer rc.Close()
	limit := min(int64(MaxEntrySize), budget)
	body, err := io.ReadAll(io.LimitReader(rc, limit+1))
	if err != nil {
		return nil, fmt.Errorf("entry %q: %w", f.Name, err)
	}
	if int64(len(body)) > limit {
		return nil, sizeError(f.Name, int64(len(body)), limit)
	}
	return body, nil
}

// sizeError tells which limit an entry broke: its own or the archive's.
func sizeError(name string, n, limit int64) error {
	if limit < MaxEntrySize {
		return fmt.Errorf("entry %q: archive is larger than %d bytes uncompressed", name, MaxTotalSize)
	}
	return fmt.Errorf("entry %q: larger than %d bytes uncompressed", name, MaxEntrySize)
}

// checkName accepts a slash-separated path that stays inside the root on
// every operating system the package may be unpacked on.
func checkName(name string) error {
	switch {
	case strings.ContainsAny(name, `\:`) || strings.ContainsRune(name, 0):
		return fmt.Errorf("entry %q: backslash, colon or NUL in path", name)
	case strings.HasPrefix(name, "/"):
		return fmt.Errorf("entry %q: absolute path", name)
	case !fs.ValidPath(name) || name == ".":
		return fmt.Errorf("entry %q: path escapes the package root or has empty, \".\" or \"..\" elements", name)
	}
	for elem := range strings.SplitSeq(name, "/") {
		if strings.HasPrefix(elem, ".") {
			return fmt.Errorf("entry %q: hidden files are not part of a package", name)
		}
	}
	return nil
}

// Digest returns the hex SHA-256 of a package, as the version info carries it.
func Digest(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}
