// Package keep saves a world, and the in-process platform it talks to, in
// a folder, and loads it again: the TUI's --state.
//
// The folder holds state.json, the manifest (a format number, the state as
// JSON and its SHA-256), and packages/, the code packages as zip files
// named by their SHA-256. A save writes the packages first, each under a
// temporary name renamed into place once synced, then the manifest the
// same way: the rename of the manifest is the moment the new state
// replaces the old, so a save cut short at any point leaves the previous
// state whole. Packages no manifest refers to are removed afterwards.
package keep

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"miniphone/engine"
	"miniphone/engine/archive"
	"miniphone/fakeserver"
)

// Format is the version of the folder's layout this build writes, and the
// newest it reads.
const Format = 1

const (
	manifestName = "state.json"
	packagesDir  = "packages"
	tempPrefix   = ".saving-"
	// maxManifest bounds what Load reads of a manifest, so that a wrong
	// folder (or /dev/zero) cannot take the memory; a transcript of a
	// year of busy phone time fits easily.
	maxManifest = 1 << 30
)

// State is what a folder keeps.
type State struct {
	World    *engine.WorldState `json:"world"`
	Platform *fakeserver.Saved  `json:"platform"`
}

type manifest struct {
	Format int             `json:"format"`
	SHA256 string          `json:"sha256"` // of State, as written
	State  json.RawMessage `json:"state"`
}

// ErrNoState is Load's answer for a folder that holds no saved state yet.
var ErrNoState = errors.New("no saved state")

var blobName = regexp.MustCompile(`^[0-9a-f]{64}$`)

// Load reads the state saved in dir. A state that is damaged, or of a
// newer format, is refused with an error naming the file and what is
// wrong; Load never writes.
func Load(dir string) (*State, error) {
	path := ManifestPath(dir)
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, ErrNoState
	}
	if err != nil {
		return nil, err
	}
	raw, err := io.ReadAll(io.LimitReader(f, maxManifest+1))
	f.Close()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(raw) > maxManifest {
		return nil, fmt.Errorf("%s: larger than %d bytes: not a saved state", path, maxManifest)
	}
	st, err := decode(raw)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if err := readPackages(dir, st); err != nil {
		return nil, err
	}
	return st, nil
}

func decode(raw []byte) (*State, error) {
	var head struct {
		Format *int `json:"format"`
	}
	if err := json.Unmarshal(raw, &head); err != nil || head.Format == nil {
		return nil, fmt.Errorf("damaged: not a saved state (%v)", orMissing(err, "no format"))
	}
	switch {
	case *head.Format > Format:
		return nil, fmt.Errorf("format %d is newer than this miniphone reads (%d): use a newer miniphone, or another --state folder", *head.Format, Format)
	case *head.Format < 1:
		return nil, fmt.Errorf("damaged: format %d", *head.Format)
	}
	var m manifest
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, fmt.Errorf("damaged: %w", err)
	}
	if sum := digest(m.State); sum != m.SHA256 {
		return nil, fmt.Errorf("damaged: the state's SHA-256 is %.12s, the manifest says %.12s", sum, m.SHA256)
	}
	var st State
	dec := json.NewDecoder(bytes.NewReader(m.State))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&st); err != nil {
		return nil, fmt.Errorf("damaged: %w", err)
	}
	if st.World == nil || st.Platform == nil {
		return nil, errors.New("damaged: the world or the platform is missing")
	}
	return &st, nil
}

func orMissing(err error, missing string) string {
	if err != nil {
		return err.Error()
	}
	return missing
}

func digest(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// readPackages reads every package the state refers to, checking each
// against its name. A package the phones and the platform both hold (a
// release a phone installed) is read once.
func readPackages(dir string, st *State) error {
	st.World.Packages = map[string][]byte{}
	st.Platform.Packages = map[string][]byte{}
	read := map[string][]byte{}
	for _, side := range []struct {
		names []string
		into  map[string][]byte
	}{{st.World.Blobs(), st.World.Packages}, {st.Platform.Blobs(), st.Platform.Packages}} {
		for _, name := range side.names {
			if !blobName.MatchString(name) {
				return fmt.Errorf("%s: damaged: package name %q is not a SHA-256", ManifestPath(dir), name)
			}
			if body, ok := read[name]; ok {
				side.into[name] = body
				continue
			}
			path := packagePath(dir, name)
			body, err := os.ReadFile(path)
			if err != nil {
				return fmt.Errorf("%s: %w", path, err)
			}
			if got := archive.Digest(body); got != name {
				return fmt.Errorf("%s: damaged: its SHA-256 is %.12s", path, got)
			}
			side.into[name], read[name] = body, body
		}
	}
	return nil
}

// ManifestPath is where the manifest of the state in dir is.
func ManifestPath(dir string) string { return filepath.Join(dir, manifestName) }

func packagePath(dir, name string) string {
	return filepath.Join(dir, packagesDir, name+".zip")
}

// Save writes st to dir (made if needed), replacing what was saved there
// only once all of it is safely written.
func Save(dir string, st *State) error {
	return save(dir, st, createTemp)
}

// file is what save writes through; tests put a failing one in its place.
type file interface {
	io.Writer
	Sync() error
	Close() error
	Name() string
}

func createTemp(dir string) (file, error) { return os.CreateTemp(dir, tempPrefix+"*") }

func save(dir string, st *State, create func(dir string) (file, error)) error {
	state, err := json.Marshal(st)
	if err != nil {
		return err
	}
	m, err := json.Marshal(manifest{Format: Format, SHA256: digest(state), State: state})
	if err != nil {
		return err
	}
	pkgs := filepath.Join(dir, packagesDir)
	if err := os.MkdirAll(pkgs, 0o755); err != nil {
		return err
	}
	keep := map[string]bool{}
	for _, blobs := range []map[string][]byte{st.World.Packages, st.Platform.Packages} {
		for _, name := range slices.Sorted(maps.Keys(blobs)) {
			body := blobs[name]
			keep[name+".zip"] = true
			path := packagePath(dir, name)
			if _, err := os.Stat(path); err == nil {
				continue // named by its content: what is there is this
			}
			if err := writeFile(pkgs, path, body, create); err != nil {
				return err
			}
		}
	}
	if err := syncDir(pkgs); err != nil {
		return err
	}
	if err := writeFile(dir, ManifestPath(dir), append(m, '\n'), create); err != nil {
		return err
	}
	if err := syncDir(dir); err != nil {
		return err
	}
	removeUnused(pkgs, keep)
	removeTemps(dir)
	return nil
}

// writeFile writes body under a temporary name in dir, syncs it and
// renames it to path, so that path never holds part of body.
func writeFile(dir, path string, body []byte, create func(string) (file, error)) error {
	f, err := create(dir)
	if err != nil {
		return err
	}
	_, err = f.Write(body)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("saving %s: %w", path, err)
	}
	return nil
}

// syncDir makes the renames inside dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) {
		return fmt.Errorf("saving %s: %w", dir, err)
	}
	return nil
}

// removeUnused removes the packages the manifest just written does not
// refer to, and temporary files a save cut short left behind. A failure
// only leaves a file that the next save tries again.
func removeUnused(pkgs string, keep map[string]bool) {
	entries, _ := os.ReadDir(pkgs)
	for _, e := range entries {
		if !keep[e.Name()] {
			os.Remove(filepath.Join(pkgs, e.Name()))
		}
	}
}

func removeTemps(dir string) {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), tempPrefix) {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}
