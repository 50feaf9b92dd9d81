package policy

import (
	"bytes"
	"fmt"
	"mime"
	"time"
	"unicode/utf8"
)

// Fetch is what the background scheduler does with one app at a wake.
type Fetch int

const (
	// FetchWait: the app is not eligible or not due. Nothing happens and
	// nothing is said: this is every wake of every app most of the time.
	FetchWait Fetch = iota
	// FetchSkip: due, but the network forbids it; the next wake tries again.
	FetchSkip
	// FetchNow: fetch the periodic data now.
	FetchNow
)

func (f Fetch) String() string {
	return [...]string{"wait", "skip", "fetch"}[f]
}

// FetchInput is what a phone knows about one app when its background
// scheduler wakes.
type FetchInput struct {
	Supported   bool          // the phone's base library has background fetch (2.8.0+)
	Used        bool          // opened at least once
	LastUse     time.Duration // when it was last used, when Used
	RecentUse   time.Duration // eligibility window: used within 7 days
	Fetched     bool          // a periodic fetch has succeeded before
	LastSuccess time.Duration // when the last successful fetch started, when Fetched
	Every       time.Duration // 12 h between successful fetches
	Network     string        // the phone's network profile
	Now         time.Duration
}

// PeriodicFetch decides a wake for one app, and says why when it skips.
// The network is judged last, so that a skip is only reported for an app
// that would otherwise have been fetched.
func PeriodicFetch(in FetchInput) (Fetch, string) {
	switch {
	case !in.Supported || !RecentlyUsed(in.Used, in.LastUse, in.Now, in.RecentUse):
		return FetchWait, ""
	case !FetchDue(in.Fetched, in.LastSuccess, in.Now, in.Every):
		return FetchWait, ""
	case !NetworkAllowsFetch(in.Network):
		return FetchSkip, "network " + in.Network
	default:
		return FetchNow, ""
	}
}

// Cacheable reports why a fetched body may not be cached, or nil when it
// may: the client keeps only text (not declared binary, valid UTF-8, no
// NUL byte) of at most max bytes. A refused body leaves the old cache.
func Cacheable(contentType string, body []byte, max int) error {
	if mt, _, err := mime.ParseMediaType(contentType); err == nil && mt == "application/octet-stream" {
		return fmt.Errorf("body is not text (Content-Type %s)", mt)
	}
	if len(body) > max {
		return fmt.Errorf("body is %d bytes, over %d", len(body), max)
	}
	if !utf8.Valid(body) {
		return fmt.Errorf("body is not text (not valid UTF-8)")
	}
	if i := bytes.IndexByte(body, 0); i >= 0 {
		return fmt.Errorf("body is not text (NUL byte at %d)", i)
	}
	return nil
}
