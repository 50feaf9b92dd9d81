package miniapp

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"testing/fstest"
)

// Bounds on a project, near WeChat's own package limit (2 MiB a package),
// so that loading a wrong directory (a home directory, a node_modules tree)
// stops quickly with a clear message instead of reading it all.
const (
	maxFiles = 2000
	maxBytes = 4 << 20
)

var errTooBig = errors.New("project too big")

// readFiles reads the project into memory, so that what Load checks is
// exactly what phones later run and package, even if the directory changes.
// Hidden files (.git, .DS_Store) and anything that is not a regular file
// (symlinks could point outside the project) are left out. fstest.MapFS is
// used for the copy because it is a complete read-only fs.FS over a map.
//
// It returns nil files when the project exceeds the bounds.
func readFiles(fsys fs.FS) (fstest.MapFS, []Problem) {
	files := fstest.MapFS{}
	var problems []Problem
	budget := maxBytes
	err := fs.WalkDir(fsys, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			problems = append(problems, Problem{Path: path, Msg: err.Error()})
			return nil
		}
		if path != "." && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		if len(files) == maxFiles {
			problems = []Problem{{Path: ".", Msg: fmt.Sprintf("project has more than %d files", maxFiles)}}
			return errTooBig
		}
		data, err := readAtMost(fsys, path, budget)
		if err != nil {
			problems = append(problems, Problem{Path: path, Msg: err.Error()})
			return nil
		}
		if len(data) > budget {
			problems = []Problem{{Path: ".", Msg: fmt.Sprintf("project is larger than %d bytes", maxBytes)}}
			return errTooBig
		}
		budget -= len(data)
		files[path] = &fstest.MapFile{Data: data, Mode: 0o444}
		return nil
	})
	if err != nil {
		return nil, problems
	}
	return files, problems
}

// readAtMost reads up to limit+1 bytes of a file: enough to tell that it is
// over the limit without reading a huge file whole.
func readAtMost(fsys fs.FS, path string, limit int) ([]byte, error) {
	f, err := fsys.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, int64(limit)+1))
}
