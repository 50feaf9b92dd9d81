package protocol

import (
	"encoding/json"
	"strconv"
	"strings"
)

// Every phone checks at every cold start, which makes GET /check the
// platform's hot path; reflection would cost it a good part of its
// throughput, so its answer is written by hand.

// AppendJSON encodes the answer as json.Marshal would; a test holds it to
// that.
func (c *CheckResponse) AppendJSON(b []byte) []byte {
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
	if c.FetchTag != "" {
		b = append(b, `,"fetchTag":`...)
		b = appendJSONString(b, c.FetchTag)
	}
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
