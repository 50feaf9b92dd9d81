package fakeserver

import (
	"net/http"

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
	q := r.URL.Query()
	resp, err := s.check(q.Get("appid"), q.Get("version"), q.Get("user"), q.Get("base"))
	if err != nil {
		writeError(w, err)
		return
	}
	addNote(w, "answer "+resp.Version)
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
		resp.PackageURL = packagePath(appid, resp.Version)
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
