package engine

import (
	"maps"
	"sync"
	"weak"

	"miniphone/engine/archive"
	"miniphone/engine/miniapp"
)

// unpacked finds the loaded project of a package that some phone of the
// process already holds, so that the thousandth phone to install a release
// shares what the first one unpacked, parsed and compiled instead of
// keeping a copy of its own. A Project is never changed once loaded, and
// the same archive always loads to the same project, so sharing it changes
// nothing a phone does.
//
// It holds the projects weakly: a project stays as long as a phone (of any
// world) holds it, not because it was once unpacked, so a long-lived
// process that sees release after release keeps only those in use.
var unpacked = projectCache{byDigest: map[string]weak.Pointer[miniapp.Project]{}}

type projectCache struct {
	mu       sync.Mutex // worlds run in goroutines of their own
	byDigest map[string]weak.Pointer[miniapp.Project]
}

// load opens the package archive body, whose SHA-256 is digest, and loads
// its project, or returns the project a phone already holds for that
// digest.
func (c *projectCache) load(body []byte, digest string) (*miniapp.Project, error) {
	c.mu.Lock()
	project := c.byDigest[digest].Value()
	c.mu.Unlock()
	if project != nil {
		return project, nil
	}
	files, err := archive.Read(body)
	if err != nil {
		return nil, err
	}
	if project, err = miniapp.Load(files); err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	// A miss is a release new to the process: the moment to drop the
	// entries of projects no phone holds any more, which keeps the map as
	// small as what is in use.
	maps.DeleteFunc(c.byDigest, func(_ string, p weak.Pointer[miniapp.Project]) bool { return p.Value() == nil })
	c.byDigest[digest] = weak.Make(project)
	return project, nil
}
