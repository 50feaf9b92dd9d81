package fakeserver

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"miniphone/engine/archive"
	"miniphone/engine/semver"
)

// Saved is everything the platform holds, as data to keep across runs of
// an emulator: the apps with their releases and settings, the faults, the
// developer server's answers and the login codes not yet traded. The
// package bytes are in Packages, by their SHA-256, and not in the JSON.
// The request log is not kept: it is a view of this run's traffic.
type Saved struct {
	Apps     []SavedApp        `json:"apps"`
	Faults   map[string]string `json:"faults"`
	Data     []DataConfig      `json:"data"`
	Requests []RequestConfig   `json:"requests"`
	Codes    []SavedCode       `json:"codes"` // oldest first
	CodeSeq  int               `json:"codeSeq"`
	Clock    int64             `json:"clock"` // the latest phone time heard of, ms
	Packages map[string][]byte `json:"-"`
}

// SavedApp is one app and its settings.
type SavedApp struct {
	AppID    string         `json:"appid"`
	Personal bool           `json:"personal"`
	Releases []SavedRelease `json:"releases"` // oldest first
	Live     string         `json:"live"`
	Previous string         `json:"previous"`
	Rollout  int            `json:"rollout"`
	// TestersFirst and Paused describe the phased release under way.
	TestersFirst bool        `json:"testersFirst,omitempty"`
	Paused       bool        `json:"paused,omitempty"`
	MinVersion   string      `json:"minVersion,omitempty"`
	MinBase      string      `json:"minBase,omitempty"`
	PreferLocal  bool        `json:"preferLocal"`
	Fetch        FetchConfig `json:"fetch"`
}

// SavedRelease is a published version; Dropped when the platform let go
// of its package (too old to roll back to).
type SavedRelease struct {
	Version string `json:"version"`
	SHA256  string `json:"sha256"`
	Path    string `json:"path"`
	Dropped bool   `json:"dropped,omitempty"`
}

// SavedCode is a wx.login code waiting to be traded.
type SavedCode struct {
	Code   string `json:"code"`
	AppID  string `json:"appid"`
	User   string `json:"user"`
	Issued int64  `json:"issued"`
	Used   bool   `json:"used,omitempty"`
}

// Export returns the platform's state as data.
func (s *Server) Export() Saved {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := Saved{
		Faults: maps.Clone(s.faults), CodeSeq: s.codeSeq, Clock: s.clock,
		Data: slices.Collect(maps.Values(s.data)), Requests: slices.Collect(maps.Values(s.requests)),
		Packages: map[string][]byte{},
	}
	slices.SortFunc(st.Data, func(a, b DataConfig) int { return strings.Compare(a.URL, b.URL) })
	slices.SortFunc(st.Requests, func(a, b RequestConfig) int { return strings.Compare(a.URL, b.URL) })
	for _, id := range slices.Sorted(maps.Keys(s.apps)) {
		a := s.apps[id]
		sa := SavedApp{
			AppID: a.id, Personal: a.personal, Live: a.live, Previous: a.previous, Rollout: a.rollout,
			TestersFirst: a.phase.testersFirst, Paused: a.phase.paused,
			MinVersion: a.minVersion.String(), MinBase: a.minBase.String(), PreferLocal: a.preferLocal,
			Fetch: a.fetch,
		}
		sa.Fetch.Testers = slices.Clone(a.fetch.Testers)
		for _, r := range a.releases {
			sa.Releases = append(sa.Releases, SavedRelease{Version: r.version.String(), SHA256: r.sha256, Path: r.path, Dropped: r.pkg == nil})
			if r.pkg != nil {
				st.Packages[r.sha256] = r.pkg
			}
		}
		st.Apps = append(st.Apps, sa)
	}
	for _, code := range s.codeOrder {
		c := s.codes[code]
		st.Codes = append(st.Codes, SavedCode{Code: code, AppID: c.appid, User: c.user, Issued: c.issued, Used: c.used})
	}
	return st
}

// Import replaces the platform's state with st. Everything is checked
// first: a refused state leaves the platform as it was.
func (s *Server) Import(st Saved) error {
	apps := map[string]*app{}
	for _, sa := range st.Apps {
		a, err := importApp(sa, st.Packages)
		if err != nil {
			return fmt.Errorf("app %q: %w", sa.AppID, err)
		}
		if _, dup := apps[a.id]; dup {
			return fmt.Errorf("app %q: saved twice", a.id)
		}
		apps[a.id] = a
	}
	faults := map[string]string{stepCheck: faultNone, stepCDN: faultNone, stepData: faultNone}
	for step, fault := range st.Faults {
		if !slices.Contains(stepNames, step) || !slices.Contains(faultNames, fault) {
			return fmt.Errorf("fault %q on %q: want one of %q on one of %q", fault, step, faultNames, stepNames)
		}
		faults[step] = fault
	}
	data := map[string]DataConfig{}
	for _, d := range st.Data {
		data[d.URL] = d
	}
	requests := map[string]RequestConfig{}
	for _, r := range st.Requests {
		requests[r.URL] = r
	}
	codes := map[string]*loginCode{}
	var order []string
	for _, c := range st.Codes {
		if _, dup := codes[c.Code]; dup || c.Code == "" {
			return fmt.Errorf("login code %q: empty or saved twice", c.Code)
		}
		codes[c.Code] = &loginCode{appid: c.AppID, user: c.User, issued: c.Issued, used: c.Used}
		order = append(order, c.Code)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.apps, s.faults, s.data, s.requests = apps, faults, data, requests
	s.codes, s.codeOrder, s.codeSeq, s.clock = codes, order, st.CodeSeq, st.Clock
	return nil
}

func importApp(sa SavedApp, packages map[string][]byte) (*app, error) {
	if !ValidAppID(sa.AppID) {
		return nil, fmt.Errorf("not an app id")
	}
	if sa.Rollout < 0 || sa.Rollout > 100 {
		return nil, fmt.Errorf("rollout %d%%: want 0 to 100", sa.Rollout)
	}
	a := &app{
		id: sa.AppID, personal: sa.Personal, live: sa.Live, previous: sa.Previous, rollout: sa.Rollout,
		phase:       phased{testersFirst: sa.TestersFirst, paused: sa.Paused},
		preferLocal: sa.PreferLocal, fetch: sa.Fetch,
	}
	a.fetch.Testers = slices.Clone(sa.Fetch.Testers)
	var err error
	if a.minVersion, err = semver.ParseOptional(sa.MinVersion); err != nil {
		return nil, fmt.Errorf("minVersion: %w", err)
	}
	if a.minBase, err = semver.ParseOptional(sa.MinBase); err != nil {
		return nil, fmt.Errorf("minBase: %w", err)
	}
	for _, sr := range sa.Releases {
		v, err := semver.Parse(sr.Version)
		if err != nil {
			return nil, fmt.Errorf("release: %w", err)
		}
		if n := len(a.releases); n > 0 && v.Compare(a.releases[n-1].version) <= 0 {
			return nil, fmt.Errorf("release %s is not newer than %s", v, a.releases[n-1].version)
		}
		rel := release{version: v, sha256: sr.SHA256, path: sr.Path}
		if !sr.Dropped {
			rel.pkg = packages[sr.SHA256]
			if rel.pkg == nil || archive.Digest(rel.pkg) != sr.SHA256 {
				return nil, fmt.Errorf("release %s: package %.12s is missing or damaged", v, sr.SHA256)
			}
		}
		a.releases = append(a.releases, rel)
	}
	for _, v := range []string{sa.Live, sa.Previous} {
		if v != "" && a.index(v) < 0 {
			return nil, fmt.Errorf("version %q is not a release", v)
		}
	}
	return a, nil
}

// Blobs lists the packages the state refers to.
func (st Saved) Blobs() []string {
	var names []string
	for _, a := range st.Apps {
		for _, r := range a.Releases {
			if !r.Dropped {
				names = append(names, r.SHA256)
			}
		}
	}
	return names
}
