package fakeserver

import (
	"net/http"

	"miniphone/engine/semver"
	"miniphone/protocol"
)

// handleCheck answers GET /check?appid=A&version=V&user=U&client=C&base=B.
// V is empty when nothing is installed. The client version is only logged:
// what a client does with the answer is the phone's business.
func (s *Server) handleCheck(w http.ResponseWriter, r *http.Request) {
	q, err := parseCheckQuery(r.URL.RawQuery)
	if err != nil {
		writeError(w, err)
		return
	}
	resp, err := s.check(q)
	if err != nil {
		writeError(w, err)
		return
	}
	if resp.Version == "" {
		addNote(w, "answer: nothing live")
	} else {
		addNote(w, "answer "+resp.Version)
	}
	w.Header().Set("Content-Type", jsonType)
	w.Write(resp.AppendJSON(make([]byte, 0, 384)))
}

func (s *Server) check(q checkQuery) (protocol.CheckResponse, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, ok := s.apps[q.appid]
	if !ok {
		return protocol.CheckResponse{}, notFound("no app %q is registered", q.appid)
	}
	cur, err := a.phoneVersion(q.version)
	if err != nil {
		return protocol.CheckResponse{}, err
	}
	baseTooLow, err := a.baseTooLow(q.base)
	if err != nil {
		return protocol.CheckResponse{}, err
	}
	resp := protocol.CheckResponse{
		AppID:       a.id,
		MinVersion:  a.minVersion.String(),
		MinBase:     a.minBase.String(),
		PreferLocal: a.preferLocal,
		// A phone with nothing installed is not "below" anything: it has
		// to download whatever the answer is.
		BelowMinVersion: !cur.IsZero() && !a.minVersion.IsZero() && cur.Less(a.minVersion),
		BaseTooLow:      baseTooLow,
		FetchTag:        a.fetch.tag(),
	}
	if rel := a.releaseFor(q.user, cur); rel != nil {
		resp.Version = rel.version.String()
		resp.HasUpdate = cur.IsZero() || rel.version.Compare(cur) != 0
		resp.PackageURL = rel.path
		resp.SHA256 = rel.sha256
		resp.Size = int64(len(rel.pkg))
	}
	return resp, nil
}

// phoneVersion parses the version a phone runs. It is nearly always one
// the platform published, already parsed.
func (a *app) phoneVersion(text string) (semver.Version, error) {
	if rel := a.release(text); rel != nil {
		return rel.version, nil
	}
	return optionalVersion("version", text)
}

// baseTooLow compares a phone's base library with the app's minimum. The
// base is only read when there is a minimum: the answer does not depend on
// it otherwise, and parsing it on every check would cost throughput.
func (a *app) baseTooLow(text string) (bool, error) {
	if a.minBase.IsZero() {
		return false, nil
	}
	base, err := optionalVersion("base", text)
	return !base.IsZero() && base.Less(a.minBase), err
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
