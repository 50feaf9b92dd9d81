package fakeserver

import (
	"net/url"
	"slices"
	"strings"
)

// This file is the hand-written wire code of GET /check. Every phone checks
// at every cold start, which makes it the platform's hot path; reflection
// and a url.Values map would cost it half its throughput.

// checkQuery holds the parameters of GET /check that the answer depends on.
type checkQuery struct {
	appid, version, user, base string
}

// parseCheckQuery reads the parameters the answer depends on. As with
// url.Values.Get, the first value of a parameter wins; names are matched as
// sent, since no phone escapes "appid".
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
