package policy

import (
	"strings"
	"testing"
	"time"
)

const (
	hour = time.Hour
	day  = 24 * time.Hour
)

func TestPeriodicFetch(t *testing.T) {
	// base is an app used 1 h ago and fetched 12 h ago on wifi: due now.
	base := FetchInput{
		Supported: true, Used: true, LastUse: 99 * hour, RecentUse: 7 * day,
		Fetched: true, LastSuccess: 88 * hour, Every: 12 * hour,
		Network: "wifi", Now: 100 * hour,
	}
	tests := []struct {
		name   string
		change func(*FetchInput)
		want   Fetch
		why    string
	}{
		{"due at exactly 12 h", func(*FetchInput) {}, FetchNow, ""},
		{"not due a millisecond before 12 h", func(in *FetchInput) { in.LastSuccess = in.Now - 12*hour + time.Millisecond }, FetchWait, ""},
		{"never fetched is due", func(in *FetchInput) { in.Fetched, in.LastSuccess = false, in.Now }, FetchNow, ""},
		{"base library below 2.8.0", func(in *FetchInput) { in.Supported = false }, FetchWait, ""},
		{"never used", func(in *FetchInput) { in.Used = false }, FetchWait, ""},
		{"used exactly 7 days ago", func(in *FetchInput) { in.LastUse = in.Now - 7*day }, FetchNow, ""},
		{"used 8 days ago", func(in *FetchInput) { in.LastUse = in.Now - 8*day }, FetchWait, ""},
		{"offline", func(in *FetchInput) { in.Network = "offline" }, FetchSkip, "network offline"},
		{"2g", func(in *FetchInput) { in.Network = "2g" }, FetchSkip, "network 2g"},
		{"3g is enough", func(in *FetchInput) { in.Network = "3g" }, FetchNow, ""},
		{"4g", func(in *FetchInput) { in.Network = "4g" }, FetchNow, ""},
		// A skip is reported only for a fetch that would have happened.
		{"offline and not due", func(in *FetchInput) { in.Network, in.LastSuccess = "offline", in.Now-hour }, FetchWait, ""},
		{"offline and unused", func(in *FetchInput) { in.Network, in.LastUse = "offline", in.Now-8*day }, FetchWait, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := base
			tt.change(&in)
			got, why := PeriodicFetch(in)
			if got != tt.want || why != tt.why {
				t.Errorf("PeriodicFetch = %s %q, want %s %q", got, why, tt.want, tt.why)
			}
		})
	}
}

func TestCacheable(t *testing.T) {
	const max = 16
	tests := []struct {
		name        string
		contentType string
		body        string
		want        string // part of the reason; "" when cacheable
	}{
		{"text", "text/plain; charset=utf-8", "北京 晴", ""},
		{"JSON", "application/json", `["北京"]`, ""},
		{"no Content-Type", "", "ok", ""},
		{"exactly the limit", "text/plain", strings.Repeat("a", max), ""},
		{"empty", "text/plain", "", ""},
		{"one byte over", "text/plain", strings.Repeat("a", max+1), "body is 17 bytes, over 16"},
		{"declared binary", "application/octet-stream", "looks like text", "not text (Content-Type application/octet-stream)"},
		{"declared binary with parameters", "Application/Octet-Stream; x=1", "a", "Content-Type application/octet-stream"},
		{"invalid UTF-8", "text/plain", "\xff\xfe", "not valid UTF-8"},
		{"NUL byte", "text/plain", "a\x00b", "NUL byte at 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Cacheable(tt.contentType, []byte(tt.body), max)
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("refused: %v", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("err = %v, want %q", err, tt.want)
			}
		})
	}
}
