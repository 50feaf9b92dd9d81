package fakeserver

import (
	"net/http"
	"net/url"
	"slices"
	"strings"

	"miniphone/engine/semver"
)

// CheckResponse is the version info of GET /check: step (1) of an update.
type CheckResponse struct {
	AppID string `json:"appid"`
	// Version is the version this phone should run, "" if nothing is live.
	Version string `json:"version"`
	// HasUpdate: Version differs from the phone's; a rollback counts.
	HasUpdate       bool   `json:"hasUpdate"`
	PackageURL      string `json:"packageUrl"` // a path on this server
	SHA256          string `json:"sha256"`
	Size            int64  `json:"size"`
	MinVersion      string `json:"minVersion,omitempty"`
	MinBase         string `json:"minBase,omitempty"`
	PreferLocal     bool   `json:"preferLocal"`
	BelowMinVersion bool   `json:"belowMinVersion"` // the phone's version < MinVersion
	BaseTooLow      bool   `json:"baseTooLow"`      // the phone's base library < MinBase
}

// handleCheck answers GET /check?appid=A&version=V&user=U&client=C&base=B.
// V is empty when nothing is installed. The client version is only logged:
// what a client does with the answer is the phone's business.
func (s *Server) handleCheck(w http.ResponseWriter, r *http.Request) {
	q, err := parseCheckQuery(r.URL.RawQuery)
	if err != nil {
		writeError(w, err)
		return
	}
	resp, err := s.check(q.appid, q.version, q.user, q.base)
	if err != nil {
		writeError(w, err)
		return
	}
	if resp.Version == "" {
		addNote(w, "answer: nothing live")
	} else {
		addNote(w, "answer "+resp.Version)
	}
	writeJSON(w, http.StatusOK, resp)
}

func (s *Server) check(appid, current, user, base string) (CheckResponse, error) {
	cur, err := optionalVersion("version", current)
	if err != nil {
		return CheckResponse{}, err
	}
	baseLib, err := optionalVersion("base", base)
	if err != nil {
		return CheckResponse{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	a, ok := s.apps[appid]
	if !ok {
		return CheckResponse{}, notFound("no app %q is registered", appid)
	}
	resp := CheckResponse{
		AppID:       appid,
		MinVersion:  a.minVersion.String(),
		MinBase:     a.minBase.String(),
		PreferLocal: a.preferLocal,
		// A phone with nothing installed is not "below" anything: it has
		// to download whatever the answer is.
		BelowMinVersion: !cur.IsZero() && !a.minVersion.IsZero() && cur.Less(a.minVersion),
		BaseTooLow:      !baseLib.IsZero() && !a.minBase.IsZero() && baseLib.Less(a.minBase),
	}
	if rel := a.releaseFor(user); rel != nil {
		resp.Version = rel.version.String()
		resp.HasUpdate = cur.IsZero() || rel.version.Compare(cur) != 0
		resp.PackageURL = rel.path
		resp.SHA256 = rel.sha256
		resp.Size = int64(len(rel.pkg))
	}
	return resp, nil
}

// optionalVersion parses a query parameter that may be absent.
func optionalVersion(param, text string) (semver.Version, error) {
	if text == "" {
		return semver.Version{}, nil
	}
	v, err := semver.Parse(text)
	if err != nil {
		return v, badRequest("query parameter %s: %v", param, err)
	}
	return v, nil
}

// checkQuery holds the parameters of GET /check that the answer depends on.
type checkQuery struct {
	appid, version, user, base string
}

// parseCheckQuery reads the check's parameters without building a
// url.Values map: every phone checks at every cold start, so this is the
// platform's hot path. As with url.Values.Get, the first value wins.
func parseCheckQuery(raw string) (checkQuery, error) {
	var q checkQuery
	keys := [...]string{"appid", "version", "user", "base"}
	dsts := [len(keys)]*string{&q.appid, &q.version, &q.user, &q.base}
	var seen [len(keys)]bool
	for raw != "" {
		var pair string
		pair, raw, _ = strings.Cut(raw, "&")
		key, value, _ := strings.Cut(pair, "=")
		i := slices.Index(keys[:], key)
		if i < 0 || seen[i] {
			continue
		}
		seen[i] = true
		v, err := url.QueryUnescape(value)
		if err != nil {
			return q, badRequest("query parameter %s: %v", key, err)
		}
		*dsts[i] = v
	}
	return q, nil
}
