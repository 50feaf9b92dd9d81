// Package resolve finds the script a mini-program's require (or import)
// names, the way WeChat's base library does: relative to the requiring
// file, from the package root, through app.json's resolveAlias, and in the
// miniprogram_npm folders that DevTools' "build npm" writes, with the
// .js/.ts/index fallbacks; and it keeps subpackages apart as WeChat does.
package resolve

import (
	"encoding/json"
	"errors"
	"fmt"
	"path"
	"strings"
	"sync"
)

// Package is what resolution knows of a mini-program package.
type Package struct {
	// Has reports whether a script exists at a clean package path.
	Has func(p string) bool
	// ReadFile returns a file of the package, for npm packages'
	// package.json; false when there is none.
	ReadFile func(p string) ([]byte, bool)
	// Alias is app.json's resolveAlias, checked by CheckAlias.
	Alias map[string]string
	// Subpackages are the roots of the subpackages, without slashes.
	Subpackages []Subpackage

	// answers remembers what Resolve found: a package never changes once
	// loaded, and every phone that installs it requires the same modules,
	// each time looking at candidates and reading package.json files.
	mu      sync.Mutex
	answers map[query]answer
}

type query struct {
	from, name string
	async      bool
}

type answer struct {
	target string
	err    error
}

// maxAnswers bounds what Resolve remembers: a script can make up names
// without end, and the package is shared by every phone of the process.
const maxAnswers = 10_000

// Subpackage is a subpackage's root folder. An independent one runs
// without the main package and may require nothing outside itself.
type Subpackage struct {
	Root        string
	Independent bool
}

// Resolve returns the path of the script that the module at from means by
// name. async is require.async's resolution, which may cross into another
// subpackage (WeChat downloads it first).
func (pkg *Package) Resolve(from, name string, async bool) (string, error) {
	q := query{from, name, async}
	pkg.mu.Lock()
	a, ok := pkg.answers[q]
	pkg.mu.Unlock()
	if ok {
		return a.target, a.err
	}
	a.target, a.err = pkg.resolve(from, name, async)
	pkg.mu.Lock()
	defer pkg.mu.Unlock()
	if pkg.answers == nil {
		pkg.answers = map[query]answer{}
	}
	if len(pkg.answers) < maxAnswers {
		pkg.answers[q] = a
	}
	return a.target, a.err
}

func (pkg *Package) resolve(from, name string, async bool) (string, error) {
	if name == "" {
		return "", errors.New("empty module name")
	}
	dir := path.Dir(from)
	var target string
	var tried []string
	switch {
	case strings.HasPrefix(name, "/"):
		// WeChat's require ignores the leading slash ("absolute paths
		// are not supported by default") and resolves from the folder,
		// which projects rely on; from the package root is what the
		// developer meant when that finds nothing.
		rel, _ := pkg.find(path.Join(dir, name))
		target, tried = pkg.find(strings.TrimPrefix(path.Clean(name), "/"))
		if rel != "" {
			target = rel
		}
	case isRelative(name):
		p := path.Join(dir, name)
		if p == ".." || strings.HasPrefix(p, "../") {
			return "", fmt.Errorf("%q is outside the mini-program package", name)
		}
		target, tried = pkg.find(p)
	default:
		if aliased, ok := pkg.alias(name); ok {
			target, tried = pkg.find(aliased)
			break
		}
		// A bare name is relative first (WeChat's old rule, which
		// projects still rely on), then an npm package, then a path from
		// the package root.
		p := path.Join(dir, name)
		if p == ".." || strings.HasPrefix(p, "../") {
			return "", fmt.Errorf("%q is outside the mini-program package", name)
		}
		target, tried = pkg.find(p)
		if target == "" {
			var more []string
			target, more = pkg.npm(dir, name)
			tried = append(tried, more...)
		}
		if target == "" && dir != "." {
			var more []string
			target, more = pkg.find(path.Clean(name))
			tried = append(tried, more...)
		}
	}
	if target == "" {
		return "", fmt.Errorf("%q is not defined: the package has no %s", name, strings.Join(tried, ", "))
	}
	if err := pkg.reachable(from, target, async); err != nil {
		return "", fmt.Errorf("%q %w", name, err)
	}
	return target, nil
}

func isRelative(name string) bool {
	return name == "." || name == ".." || strings.HasPrefix(name, "./") || strings.HasPrefix(name, "../")
}

// find tries the script p, then with the extensions and as a folder. It
// returns what it tried, for the error, as one pattern.
func (pkg *Package) find(p string) (string, []string) {
	if p == ".." || strings.HasPrefix(p, "../") {
		return "", nil
	}
	var candidates []string
	if ext := path.Ext(p); ext == ".js" || ext == ".ts" {
		candidates = append(candidates, p)
		if ext == ".js" {
			// TypeScript written for Node imports its own files as .js.
			candidates = append(candidates, strings.TrimSuffix(p, ".js")+".ts")
		}
	}
	base := p
	if p == "." {
		base = ""
	}
	candidates = append(candidates, base+".js", base+".ts", path.Join(p, "index.js"), path.Join(p, "index.ts"))
	for _, c := range candidates {
		if pkg.Has(c) {
			return c, nil
		}
	}
	return "", []string{p + "(.js|.ts|/index.js|/index.ts)"}
}

// npm looks for name in the miniprogram_npm folder of dir and of each
// folder above it. A package named alone is its package.json's main, or
// its index.
func (pkg *Package) npm(dir, name string) (string, []string) {
	segments := strings.SplitN(name, "/", 3)
	n := 1
	if strings.HasPrefix(name, "@") && len(segments) > 1 {
		n = 2
	}
	if len(segments) < n {
		return "", nil
	}
	pkgName := strings.Join(segments[:n], "/")
	sub := strings.Join(segments[n:], "/")
	for d := dir; ; d = path.Dir(d) {
		root := path.Join(d, "miniprogram_npm", pkgName)
		if sub != "" {
			if target, _ := pkg.find(path.Join(root, sub)); target != "" {
				return target, nil
			}
		} else {
			if main := pkg.main(root); main != "" {
				if target, _ := pkg.find(path.Join(root, main)); target != "" {
					return target, nil
				}
			}
			if target, _ := pkg.find(root); target != "" {
				return target, nil
			}
		}
		if d == "." {
			break
		}
	}
	return "", []string{path.Join("miniprogram_npm", name) + " in " + dir + " or a folder above it"}
}

// main is the main field of an npm package's package.json, "" when there is
// none or it leaves the package.
func (pkg *Package) main(root string) string {
	data, ok := pkg.ReadFile(path.Join(root, "package.json"))
	if !ok {
		return ""
	}
	var meta struct {
		Main string `json:"main"`
	}
	if json.Unmarshal(data, &meta) != nil {
		return ""
	}
	return path.Clean("/" + meta.Main)[1:]
}

// alias applies the longest resolveAlias key that matches name.
func (pkg *Package) alias(name string) (string, bool) {
	best := ""
	for key := range pkg.Alias {
		prefix, wild := strings.CutSuffix(key, "*")
		if (wild && strings.HasPrefix(name, prefix) || name == key) && len(key) > len(best) {
			best = key
		}
	}
	if best == "" {
		return "", false
	}
	value := pkg.Alias[best]
	if prefix, wild := strings.CutSuffix(best, "*"); wild {
		value = strings.TrimSuffix(value, "*") + strings.TrimPrefix(name, prefix)
	}
	return strings.TrimPrefix(path.Clean("/"+value), "/"), true
}

// CheckAlias says what is wrong with one resolveAlias entry, "" if
// nothing: as in DevTools, a wildcard key maps to a wildcard path.
func CheckAlias(key, value string) string {
	switch {
	case key == "" || value == "":
		return "must map a non-empty name to a non-empty path"
	case strings.HasSuffix(key, "/*") != strings.HasSuffix(value, "/*"):
		return "key and path must both end with /* or neither"
	case strings.Count(key, "*") > 1 || strings.Count(value, "*") > 1 ||
		strings.Contains(strings.TrimSuffix(key, "/*"), "*") || strings.Contains(strings.TrimSuffix(value, "/*"), "*"):
		return "* may only end the key and the path, after a /"
	case isRelative(value):
		return "the path is from the package root and must not start with . or .."
	}
	return ""
}

// subpackageOf is the subpackage a path is in, or nil for the main package.
func (pkg *Package) subpackageOf(p string) *Subpackage {
	for i, s := range pkg.Subpackages {
		if strings.HasPrefix(p, s.Root+"/") {
			return &pkg.Subpackages[i]
		}
	}
	return nil
}

// reachable applies WeChat's rules between packages: a subpackage may
// require the main package and itself; the main package only itself; an
// independent subpackage only itself. require.async crosses them, except
// out of an independent subpackage into the main package it runs without.
func (pkg *Package) reachable(from, target string, async bool) error {
	src, dst := pkg.subpackageOf(from), pkg.subpackageOf(target)
	switch {
	case src == dst:
		return nil
	case src != nil && src.Independent && dst == nil:
		return fmt.Errorf("is in the main package, which the independent subpackage %s runs without", src.Root)
	case async:
		return nil
	case dst == nil && !src.Independent:
		return nil
	}
	return fmt.Errorf("is in subpackage %s, which %s cannot require synchronously: use require.async", dst.Root, packageName(src))
}

func packageName(s *Subpackage) string {
	if s == nil {
		return "the main package"
	}
	return "subpackage " + s.Root
}
