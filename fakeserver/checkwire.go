package fakeserver

import (
	"encoding/json"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// This file is the hand-written wire code of GET /check. Every phone checks
// at every cold start, which makes it the platform's hot path; reflection
// and a url.Values map would cost it half its throughput.

// appendJSON encodes the answer as json.Marshal would; a test holds it to
// that.
func (c *CheckResponse) appendJSON(b []byte) []byte {
	b = append(b, `{"appid":`...)
	b = appendJSONString(b, c.AppID)
	b = append(b, `,"version":`...)
	b = appendJSONString(b, c.Version)
	b = append(b, `,"hasUpdate":`...)
	b = strconv.AppendBool(b, c.HasUpdate)
	b = append(b, `,"packageUrl":`...)
	b = appendJSONString(b, c.PackageURL)
	b = append(b, `,"sha256":`...)
	b = appendJSONString(b, c.SHA256)
	b = append(b, `,"size":`...)
	b = strconv.AppendInt(b, c.Size, 10)
	if c.MinVersion != "" {
		b = append(b, `,"minVersion":`...)
		b = appendJSONString(b, c.MinVersion)
	}
	if c.MinBase != "" {
		b = append(b, `,"minBase":`...)
		b = appendJSONString(b, c.MinBase)
	}
	b = append(b, `,"preferLocal":`...)
	b = strconv.AppendBool(b, c.PreferLocal)
	b = append(b, `,"belowMinVersion":`...)
	b = strconv.AppendBool(b, c.BelowMinVersion)
	b = append(b, `,"baseTooLow":`...)
	b = strconv.AppendBool(b, c.BaseTooLow)
	return append(b, '}')
}

// appendJSONString quotes s. The values in a check answer are validated
// ASCII, which needs no escaping; anything else goes through encoding/json.
func appendJSONString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if !plainJSON[s[i]] {
			q, _ := json.Marshal(s)
			return append(b, q...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// plainJSON marks the bytes encoding/json writes as they are: printable
// ASCII but the quote, the backslash and the HTML characters it escapes.
var plainJSON = func() (t [256]bool) {
	for c := ' '; c <= '~'; c++ {
		t[c] = !strings.ContainsRune(`"\<>&`, c)
	}
	return t
}()

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
