package fakeserver

import (
	"maps"
	"net/http"
	"slices"

	"miniphone/engine/semver"
)

// app is one registered mini-program and its platform settings.
type app struct {
	id       string
	personal bool
	releases []release // oldest first; each is newer than the one before
	live     string    // "" until the first publish
	// previous is the version live before live: phones outside a staged
	// rollout keep getting it.
	previous    string
	rollout     int // percent of phones that get live
	phase       phased
	minVersion  semver.Version
	minBase     semver.Version
	preferLocal bool
	fetch       FetchConfig
}

// release is a published version. Its package bytes never change after
// publishing, so handlers may serve them after dropping the lock.
type release struct {
	version semver.Version
	pkg     []byte
	sha256  string
	path    string // where the CDN serves it
}

func (a *app) release(version string) *release {
	if i := a.index(version); i >= 0 {
		return &a.releases[i]
	}
	return nil
}

// index finds a published version by value, so that "1.2" names 1.2.0;
// -1 when it is not published or not a version at all.
func (a *app) index(version string) int {
	v, err := semver.Parse(version)
	if err != nil {
		return -1
	}
	return slices.IndexFunc(a.releases, func(r release) bool { return r.version.Compare(v) == 0 })
}

// dropOldPackages lets go of the packages no phone can be sent to any
// more: older than the versions a rollback may reach, and neither live nor
// held back on. Publishing in a loop would otherwise keep every package
// in memory for ever.
func (a *app) dropOldPackages() {
	for i := range a.releases[:max(0, len(a.releases)-RollbackDepth)] {
		rel := &a.releases[i]
		if v := rel.version.String(); v != a.live && v != a.previous {
			rel.pkg = nil
		}
	}
}

// goLive makes a published version the one every phone gets.
func (a *app) goLive(version string) {
	a.previous, a.live, a.rollout, a.phase = a.live, version, 100, phased{}
}

// appFor returns the app named in the request path. Callers hold s.mu.
func (s *Server) appFor(r *http.Request) (*app, error) {
	id := r.PathValue("appid")
	a, ok := s.apps[id]
	if !ok {
		return nil, notFound("no app %q is registered", id)
	}
	return a, nil
}

// State is everything the platform knows, as GET /admin/state answers it
// and the console renders it. Lists are sorted, so equal states encode to
// equal bytes.
type State struct {
	Apps   []AppState        `json:"apps"`
	Faults map[string]string `json:"faults"` // step → fault
	Data   []DataConfig      `json:"data"`   // the developer server, by URL
	// Requests are the developer server's answers to wx.request, by URL.
	Requests []RequestConfig `json:"requests"`
}

// AppState is one app's settings.
type AppState struct {
	AppID    string        `json:"appid"`
	Personal bool          `json:"personal"`
	Versions []VersionInfo `json:"versions"` // oldest first
	Live     string        `json:"live"`
	Previous string        `json:"previous"`
	Rollout  int           `json:"rollout"`
	// TestersFirst and Paused describe the phased release under way.
	TestersFirst bool        `json:"testersFirst"`
	Paused       bool        `json:"paused"`
	MinVersion   string      `json:"minVersion"`
	MinBase      string      `json:"minBase"`
	PreferLocal  bool        `json:"preferLocal"`
	Fetch        FetchConfig `json:"fetch"`
}

// VersionInfo describes a published package.
type VersionInfo struct {
	Version string `json:"version"`
	SHA256  string `json:"sha256"`
	Size    int64  `json:"size"`
}

// FetchConfig is an app's background-fetch configuration.
type FetchConfig struct {
	URL         string   `json:"url"`         // periodic data URL
	PrefetchURL string   `json:"prefetchUrl"` // pre-fetch URL
	GrayURL     string   `json:"grayUrl"`
	GrayPercent int      `json:"grayPercent"`
	Testers     []string `json:"testers"` // always get the gray URL
}

// State returns a copy of the platform's state.
func (s *Server) State() State {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := State{Faults: maps.Clone(s.faults), Apps: []AppState{}, Data: []DataConfig{}, Requests: []RequestConfig{}}
	for _, id := range slices.Sorted(maps.Keys(s.apps)) {
		st.Apps = append(st.Apps, s.apps[id].view())
	}
	for _, u := range slices.Sorted(maps.Keys(s.data)) {
		st.Data = append(st.Data, s.data[u])
	}
	for _, u := range slices.Sorted(maps.Keys(s.requests)) {
		st.Requests = append(st.Requests, s.requests[u])
	}
	return st
}

// view copies the app, so that it can be encoded after the lock is released.
func (a *app) view() AppState {
	v := AppState{
		AppID:        a.id,
		Personal:     a.personal,
		Versions:     make([]VersionInfo, len(a.releases)),
		Live:         a.live,
		Previous:     a.previous,
		Rollout:      a.rollout,
		TestersFirst: a.phase.testersFirst,
		Paused:       a.phase.paused,
		MinVersion:   a.minVersion.String(),
		MinBase:      a.minBase.String(),
		PreferLocal:  a.preferLocal,
		Fetch:        a.fetch,
	}
	v.Fetch.Testers = append([]string{}, a.fetch.Testers...)
	for i, r := range a.releases {
		v.Versions[i] = VersionInfo{Version: r.version.String(), SHA256: r.sha256, Size: int64(len(r.pkg))}
	}
	return v
}

func (s *Server) state(*http.Request) (any, error) { return s.State(), nil }
