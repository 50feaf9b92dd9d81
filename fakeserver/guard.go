package fakeserver

import (
	"crypto/subtle"
	"mime"
	"net/http"
	"strconv"
	"strings"
)

// admin serves an apiFunc of the console whose writes send JSON.
func (s *Server) admin(fn apiFunc) http.Handler {
	return s.adminTaking(jsonType, fn)
}

// adminTaking serves an apiFunc to the console: not to web pages of other
// origins, only to holders of the admin token if there is one, and only
// with writes that declare their body as bodyType.
func (s *Server) adminTaking(bodyType string, fn apiFunc) http.Handler {
	return public(func(r *http.Request) (any, error) {
		if err := sameOrigin(r); err != nil {
			return nil, err
		}
		if err := s.checkToken(r); err != nil {
			return nil, err
		}
		if err := bodyIs(r, bodyType); err != nil {
			return nil, err
		}
		return fn(r)
	})
}

// sameOrigin refuses what a browser sends on behalf of a page from
// elsewhere: any page the user visits may send GETs and simple POSTs to a
// tokenless loopback platform. Browsers say where a request comes from in
// Sec-Fetch-Site (recent ones) and Origin; other clients send neither.
func sameOrigin(r *http.Request) error {
	switch site := r.Header.Get("Sec-Fetch-Site"); site {
	case "", "same-origin", "none": // "none": typed in the address bar
	default:
		return refuse(http.StatusForbidden, "admin API refuses requests from other web origins (Sec-Fetch-Site: %s)", site)
	}
	if origin := r.Header.Get("Origin"); origin != "" && !isOrigin(origin, r.Host) {
		return refuse(http.StatusForbidden, "admin API refuses requests from other web origins: Origin %q is not this platform's", origin)
	}
	return nil
}

// isOrigin reports whether origin, as a browser serialises it
// (scheme://host[:port], or "null"), is that of a page served from host.
func isOrigin(origin, host string) bool {
	scheme, originHost, ok := strings.Cut(origin, "://")
	return ok && (scheme == "http" || scheme == "https") && strings.EqualFold(originHost, host)
}

// checkToken tells a missing token from a wrong one: the first needs the
// token passed at all, the second a look at which one was copied.
func (s *Server) checkToken(r *http.Request) error {
	switch {
	case s.token == "" || bearerIs(r, s.token):
		return nil
	case r.Header.Get("Authorization") == "":
		return refuse(http.StatusUnauthorized, "admin API needs the header \"Authorization: Bearer <token>\" with the token printed at start")
	default:
		return refuse(http.StatusUnauthorized, "admin token refused: the header \"Authorization: Bearer <token>\" holds a token other than the one printed at start")
	}
}

// bearerIs reads the Authorization header, whose scheme is
// case-insensitive (RFC 9110, section 11.1).
func bearerIs(r *http.Request, token string) bool {
	scheme, got, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	return ok && strings.EqualFold(scheme, "Bearer") && subtle.ConstantTimeCompare([]byte(got), []byte(token)) == 1
}

// bodyIs refuses a write whose body is not declared as mediaType. Besides
// catching a mislabelled body, it guards behind sameOrigin: a browser
// sends a cross-origin POST without asking first only as text, a form or
// multipart; for any other type it asks (a CORS preflight), and this
// platform never says yes.
func bodyIs(r *http.Request, mediaType string) error {
	switch r.Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
		return nil
	}
	ct := r.Header.Get("Content-Type")
	if got, _, err := mime.ParseMediaType(ct); err == nil && got == mediaType {
		return nil
	}
	declared := "none"
	if ct != "" {
		declared = strconv.Quote(ct)
	}
	return refuse(http.StatusUnsupportedMediaType, "%s %s needs \"Content-Type: %s\", not %s", r.Method, r.URL.Path, mediaType, declared)
}
