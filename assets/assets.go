// Package assets holds what ships inside the binary: the demo
// mini-programs of the default world and the bundled scenarios.
package assets

import (
	"embed"
	"io/fs"
	"sort"
)

//go:embed apps scenarios
var files embed.FS

// Apps is the folder of demo mini-programs, one project per folder; the
// folder name is the app id.
func Apps() fs.FS {
	sub, err := fs.Sub(files, "apps")
	if err != nil {
		panic(err) // the folder is embedded at build time
	}
	return sub
}

// AppIDs lists the demo mini-programs, sorted.
func AppIDs() []string {
	entries, err := fs.ReadDir(files, "apps")
	if err != nil {
		panic(err)
	}
	var ids []string
	for _, e := range entries {
		if e.IsDir() {
			ids = append(ids, e.Name())
		}
	}
	sort.Strings(ids)
	return ids
}

// Scenarios is the folder of bundled .tape files.
func Scenarios() fs.FS {
	sub, err := fs.Sub(files, "scenarios")
	if err != nil {
		panic(err)
	}
	return sub
}
