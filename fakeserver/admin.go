package fakeserver

import (
	"io"
	"io/fs"
	"net/http"
	"regexp"
	"strings"

	"miniphone/engine/archive"
	"miniphone/engine/miniapp"
	"miniphone/engine/semver"
)

// RollbackDepth is how many of the latest versions a rollback may reach.
const RollbackDepth = 5

// maxPackageBody bounds a publish body. A zip is slightly larger than what
// it holds when its files do not compress; twice the uncompressed limit
// leaves plenty of room for that.
const maxPackageBody = 2 * archive.MaxTotalSize

var appIDPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)

// ValidAppID reports whether the platform accepts id as an app id, so that
// a client can refuse a bad one before asking.
func ValidAppID(id string) bool { return appIDPattern.MatchString(id) }

// required reads an optional JSON field that the endpoint needs: a missing
// "percent" must not quietly mean 0%.
func required[T any](p *T, name string) (T, error) {
	if p == nil {
		var zero T
		return zero, badRequest("%s is required", name)
	}
	return *p, nil
}

// updateApp decodes the body into a Req, then runs change on the app named
// in the path, under the lock. change validates everything before it
// mutates anything, so a refusal leaves the app as it was. The answer is
// the app's new settings.
func updateApp[Req any](s *Server, r *http.Request, change func(a *app, req Req) error) (any, error) {
	var req Req
	if err := decodeBody(r, &req); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	a, err := s.appFor(r)
	if err != nil {
		return nil, err
	}
	if err := change(a, req); err != nil {
		return nil, err
	}
	return a.view(), nil
}

type registerRequest struct {
	AppID    string `json:"appid"`
	Personal bool   `json:"personal"`
}

// registerApp answers POST /admin/apps.
func (s *Server) registerApp(r *http.Request) (any, error) {
	var req registerRequest
	if err := decodeBody(r, &req); err != nil {
		return nil, err
	}
	if !appIDPattern.MatchString(req.AppID) {
		return nil, badRequest("appid %q must be 1 to 64 letters, digits, '_' or '-'", req.AppID)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.apps[req.AppID]; ok {
		return nil, conflict("app %q is already registered", req.AppID)
	}
	a := &app{id: req.AppID, personal: req.Personal}
	s.apps[req.AppID] = a
	return a.view(), nil
}

// publish answers POST /admin/apps/{appid}/versions?version=V with the
// package as the body. The new version goes live for everyone.
func (s *Server) publish(r *http.Request) (any, error) {
	pkg, err := io.ReadAll(io.LimitReader(r.Body, maxPackageBody+1))
	if err != nil {
		return nil, badRequest("reading the package: %v", err)
	}
	// Opening the archive is the slow part and needs no state: do it
	// before taking the lock, report it after the checks that do.
	pkgErr := checkPackage(pkg)
	text := r.URL.Query().Get("version")

	s.mu.Lock()
	defer s.mu.Unlock()
	a, err := s.appFor(r)
	if err != nil {
		return nil, err
	}
	v, err := semver.Parse(text)
	if err != nil {
		if text == "" { // the error then names nothing
			return nil, badRequest("version: %v", err)
		}
		return nil, badRequest("%v", err) // it names the version given
	}
	if n := len(a.releases); n > 0 && v.Compare(a.releases[n-1].version) <= 0 {
		return nil, conflict("version %s is not newer than %s", v, a.releases[n-1].version)
	}
	if pkgErr != nil {
		return nil, pkgErr
	}
	a.releases = append(a.releases, release{version: v, pkg: pkg, sha256: archive.Digest(pkg), path: packagePath(a.id, v.String())})
	a.goLive(v.String())
	a.dropOldPackages()
	return a.view(), nil
}

func checkPackage(pkg []byte) error {
	if len(pkg) > maxPackageBody {
		return refuse(http.StatusRequestEntityTooLarge, "package is larger than %d bytes", maxPackageBody)
	}
	fsys, err := archive.Read(pkg)
	if err != nil {
		return badRequest("invalid package: %v", err)
	}
	if entries, _ := fs.ReadDir(fsys, "."); len(entries) == 0 {
		return badRequest("invalid package: it has no files")
	}
	// A package no phone could run is refused here, whoever publishes it,
	// rather than failing later on every phone that downloads it.
	if _, err := miniapp.Load(fsys); err != nil {
		return badRequest("invalid project: %s", strings.ReplaceAll(err.Error(), "\n", "; "))
	}
	return nil
}

type versionRequest struct {
	Version *string `json:"version"`
}

// rollback answers POST /admin/apps/{appid}/rollback: one of the latest
// releases goes live again for everyone.
func (s *Server) rollback(r *http.Request) (any, error) {
	return updateApp(s, r, func(a *app, req versionRequest) error {
		target, err := required(req.Version, "version")
		if err != nil {
			return err
		}
		if _, err := semver.Parse(target); err != nil {
			return badRequest("version: %v", err)
		}
		i := a.index(target)
		if i >= 0 {
			target = a.releases[i].version.String() // as published
		}
		switch {
		case i < 0:
			return notFound("version %q of %s is not published", target, a.id)
		case i < len(a.releases)-RollbackDepth:
			return conflict("can only roll back to one of the %d latest versions (%s); %s is older", RollbackDepth, a.latest(RollbackDepth), target)
		case target == a.live:
			return conflict("version %s is already live", target)
		case a.running():
			return conflict("a phased release of %s %s is under way (87011): finish it at 100%% or revert it before rolling back", a.id, a.live)
		case !a.minVersion.IsZero() && a.releases[i].version.Less(a.minVersion):
			return conflict("cannot roll back to %s: it is below the minimum usable version %s; lower that first", target, a.minVersion)
		}
		a.goLive(target)
		return nil
	})
}

// latest lists the n newest versions, newest first, for error messages.
func (a *app) latest(n int) string {
	var names []string
	for i := len(a.releases) - 1; i >= 0 && len(names) < n; i-- {
		names = append(names, a.releases[i].version.String())
	}
	return strings.Join(names, ", ")
}

func percent(p *int) (int, error) {
	n, err := required(p, "percent")
	if err != nil {
		return 0, err
	}
	if n < 0 || n > 100 {
		return 0, badRequest("percent must be 0 to 100, not %d", n)
	}
	return n, nil
}

// setMinVersion answers POST /admin/apps/{appid}/min-version; "" clears it.
func (s *Server) setMinVersion(r *http.Request) (any, error) {
	return s.setMinimum(r, func(a *app) *semver.Version { return &a.minVersion }, (*app).usableMinimum)
}

// usableMinimum accepts a published version no newer than the live one:
// a higher minimum would keep every phone retrying for a version it
// cannot get.
func (a *app) usableMinimum(text string) (semver.Version, error) {
	if _, err := semver.Parse(text); err != nil {
		return semver.Version{}, badRequest("minimum version: %v", err)
	}
	rel := a.release(text)
	switch {
	case rel == nil:
		return semver.Version{}, notFound("version %q of %s is not published", text, a.id)
	case rel.version.Compare(a.release(a.live).version) > 0:
		return semver.Version{}, conflict("minimum version %s is newer than the live version %s", text, a.live)
	}
	return rel.version, nil
}

// setMinBase answers POST /admin/apps/{appid}/min-base; "" clears it.
func (s *Server) setMinBase(r *http.Request) (any, error) {
	return s.setMinimum(r, func(a *app) *semver.Version { return &a.minBase }, func(_ *app, text string) (semver.Version, error) {
		v, err := semver.Parse(text)
		if err != nil {
			return v, badRequest("minimum base library: %v", err)
		}
		return v, nil
	})
}

// setMinimum sets the minimum that field picks from {"version": …}: ""
// clears it, any other text becomes the version resolve makes of it.
func (s *Server) setMinimum(r *http.Request, field func(*app) *semver.Version, resolve func(*app, string) (semver.Version, error)) (any, error) {
	return updateApp(s, r, func(a *app, req versionRequest) error {
		text, err := required(req.Version, "version")
		if err != nil {
			return err
		}
		var v semver.Version
		if text != "" {
			if v, err = resolve(a, text); err != nil {
				return err
			}
		}
		*field(a) = v
		return nil
	})
}

type onRequest struct {
	On *bool `json:"on"`
}

// setPreferLocal answers POST /admin/apps/{appid}/prefer-local.
func (s *Server) setPreferLocal(r *http.Request) (any, error) {
	return updateApp(s, r, func(a *app, req onRequest) error {
		on, err := required(req.On, "on")
		if err != nil {
			return err
		}
		a.preferLocal = on
		return nil
	})
}
