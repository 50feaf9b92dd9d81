package fakeserver

import (
	"fmt"
	"hash/fnv"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"miniphone/engine/policy"
	"miniphone/protocol"
)

// maxURLLen and maxUserLen bound what the admin API stores.
const (
	maxURLLen  = 2048
	maxUserLen = 128
)

// parseDataURL accepts a developer server URL: https or http with a host,
// or cloud://ENV/NAME. It may not carry a query or fragment because the
// phone appends its own query (appid, token, timestamp…) to it.
func parseDataURL(raw string) (*url.URL, error) {
	if raw == "" {
		return nil, badRequest("url is required")
	}
	if len(raw) > maxURLLen {
		return nil, badRequest("url is longer than %d bytes", maxURLLen)
	}
	u, err := url.Parse(raw)
	if err != nil {
		return nil, badRequest("url %q: %v", raw, err)
	}
	if strings.ContainsAny(raw, "?#") || u.User != nil {
		return nil, badRequest("url %q must not have a query, fragment or user: the phone adds its own query", raw)
	}
	switch u.Scheme {
	case "https", "http":
		if u.Host == "" {
			return nil, badRequest("url %q has no host", raw)
		}
	case "cloud":
		if u.Host == "" || strings.Trim(u.Path, "/") == "" {
			return nil, badRequest("cloud url %q must be cloud://ENV/NAME", raw)
		}
	default:
		return nil, badRequest("url %q must be https://HOST/… or cloud://ENV/NAME", raw)
	}
	return u, nil
}

// checkFetchURL applies the platform's rule on data URLs: personal-entity
// apps may only use a cloud environment, others HTTPS or a cloud one.
func (a *app) checkFetchURL(raw string) error {
	u, err := parseDataURL(raw)
	switch {
	case err != nil:
		return err
	case u.Scheme == "cloud":
		return nil
	case a.personal:
		return badRequest("personal-entity app %s may only use a cloud environment (cloud://ENV/NAME), not %s", a.id, raw)
	case u.Scheme != "https":
		return badRequest("data URL %s must use https:// (or cloud://ENV/NAME)", raw)
	}
	return nil
}

type urlRequest struct {
	URL string `json:"url"`
}

// setFetchURL answers POST /admin/apps/{appid}/fetch-url: the periodic
// data URL.
func (s *Server) setFetchURL(r *http.Request) (any, error) {
	return s.setURL(r, func(f *FetchConfig) *string { return &f.URL })
}

// setPrefetchURL answers POST /admin/apps/{appid}/prefetch-url.
func (s *Server) setPrefetchURL(r *http.Request) (any, error) {
	return s.setURL(r, func(f *FetchConfig) *string { return &f.PrefetchURL })
}

func (s *Server) setURL(r *http.Request, field func(*FetchConfig) *string) (any, error) {
	return updateApp(s, r, func(a *app, req urlRequest) error {
		if err := a.checkFetchURL(req.URL); err != nil {
			return err
		}
		*field(&a.fetch) = req.URL
		return nil
	})
}

type grayRequest struct {
	URL     string `json:"url"`
	Percent *int   `json:"percent"`
}

// setGray answers POST /admin/apps/{appid}/gray. The ratio can only go up,
// as on the platform; at 100% the gray URL becomes the data URL and the
// gray release is over, so the next one starts again from any ratio.
func (s *Server) setGray(r *http.Request) (any, error) {
	return updateApp(s, r, func(a *app, req grayRequest) error {
		p, err := percent(req.Percent)
		if err != nil {
			return err
		}
		if err := a.checkFetchURL(req.URL); err != nil {
			return err
		}
		if p < a.fetch.GrayPercent {
			return conflict("gray ratio can only go up: %d%% → %d%% refused", a.fetch.GrayPercent, p)
		}
		if p == 100 {
			a.fetch.URL, a.fetch.GrayURL, a.fetch.GrayPercent = req.URL, "", 0
			return nil
		}
		a.fetch.GrayURL, a.fetch.GrayPercent = req.URL, p
		return nil
	})
}

type testerRequest struct {
	User string `json:"user"`
}

// addTester answers POST /admin/apps/{appid}/tester: testers get the gray
// URL whatever the ratio, which is how a 0% gray release is tried out.
func (s *Server) addTester(r *http.Request) (any, error) {
	return updateApp(s, r, func(a *app, req testerRequest) error {
		switch {
		case req.User == "":
			return badRequest("user is required")
		case len(req.User) > maxUserLen:
			return badRequest("user is longer than %d bytes", maxUserLen)
		case slices.Contains(a.fetch.Testers, req.User):
			return conflict("%s is already a tester of %s", req.User, a.id)
		}
		a.fetch.Testers = append(a.fetch.Testers, req.User)
		return nil
	})
}

// fetchRoute answers GET /fetch-route?appid=A&user=U&kind=periodic|pre:
// the URL this user's phone fetches from. The gray release applies to the
// periodic data URL only, as on the platform.
func (s *Server) fetchRoute(r *http.Request) (any, error) {
	q := r.URL.Query()
	kind, user := q.Get("kind"), q.Get("user")
	if kind != "periodic" && kind != "pre" {
		return nil, badRequest("kind must be periodic or pre, not %q", kind)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	a, ok := s.apps[q.Get("appid")]
	if !ok {
		return nil, notFound("no app %q is registered", q.Get("appid"))
	}
	target := a.fetch.PrefetchURL
	if kind == "periodic" {
		target = a.fetch.route(user)
	}
	if target == "" {
		return nil, notFound("app %s has no %s data URL configured", a.id, kind)
	}
	return protocol.FetchRoute{URL: target, Tag: a.fetch.tag()}, nil
}

// tag names the configuration as it is now, for phones to tell whether
// what they looked up still holds: a digest of every setting, so that no
// state beyond the settings is kept, and "" for an app that has none, whose
// phones then never ask.
func (f *FetchConfig) tag() string {
	if f.URL == "" && f.PrefetchURL == "" && f.GrayURL == "" && len(f.Testers) == 0 {
		return ""
	}
	h := fnv.New64a()
	fmt.Fprintf(h, "%q %q %q %d", f.URL, f.PrefetchURL, f.GrayURL, f.GrayPercent)
	for _, t := range f.Testers {
		fmt.Fprintf(h, " %q", t)
	}
	return strconv.FormatUint(h.Sum64(), 16)
}

// route picks the periodic URL for user: testers and the gray share get
// the gray URL, everyone else the data URL.
func (f *FetchConfig) route(user string) string {
	if f.GrayURL != "" && (slices.Contains(f.Testers, user) || policy.InRollout(user, f.GrayURL, f.GrayPercent)) {
		return f.GrayURL
	}
	return f.URL
}
