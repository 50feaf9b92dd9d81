package fakeserver

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// packagePath is where the CDN serves a package. App ids and versions hold
// no characters that need escaping in a path.
func packagePath(appid, version string) string {
	return "/cdn/" + appid + "/" + version + ".zip"
}

// handleCDN answers GET /cdn/{appid}/{version}.zip with the package: step
// (2) of an update. Any version that can still be served is fetched, not
// only the live one, as a phone may be sent back to the previous one. A
// Range header gets that part of the package: phones download in chunks,
// and each chunk meets the faults set at the moment it is asked for.
func (s *Server) handleCDN(w http.ResponseWriter, r *http.Request) {
	appid := r.PathValue("appid")
	version, ok := strings.CutSuffix(r.PathValue("file"), ".zip")
	var rel *release
	if ok {
		s.mu.Lock()
		if a := s.apps[appid]; a != nil {
			rel = a.release(version)
		}
		s.mu.Unlock()
	}
	switch {
	case rel == nil:
		writeError(w, notFound("no package %s", r.URL.Path))
		return
	case rel.pkg == nil:
		writeError(w, refuse(http.StatusGone, "package %s is no longer kept: only the %d latest versions and the live ones are", r.URL.Path, RollbackDepth))
		return
	}
	w.Header()["Content-Type"] = []string{packageType}
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(rel.pkg))
}

// writeBody answers with a complete body of a known length, which the
// phone's network model needs to charge the transfer's time.
func writeBody(w http.ResponseWriter, status int, contentType string, body []byte) {
	h := w.Header()
	h["Content-Type"] = []string{contentType}
	h["Content-Length"] = []string{strconv.Itoa(len(body))}
	w.WriteHeader(status)
	w.Write(body)
}
