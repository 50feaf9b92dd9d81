package fakeserver

import (
	"fmt"
	"testing"

	"miniphone/engine/policy"
)

// userWhere finds a user that InRollout puts in (or out of) a gray release,
// so that the table below does not hard-code hash values.
func userWhere(t *testing.T, grayURL string, percent int, in bool) string {
	t.Helper()
	for i := range 1000 {
		u := fmt.Sprint("user", i)
		if policy.InRollout(u, grayURL, percent) == in {
			return u
		}
	}
	t.Fatalf("no user is %v the %d%% rollout of %s", in, percent, grayURL)
	return ""
}

func TestFetchRouteTable(t *testing.T) {
	const data, gray = "https://x.example/api", "https://x.example/gray"
	in10, out10 := userWhere(t, gray, 10, true), userWhere(t, gray, 10, false)
	tests := []struct {
		name string
		cfg  FetchConfig
		user string
		want string
	}{
		{"no gray release", FetchConfig{URL: data}, in10, data},
		{"0%: a user", FetchConfig{URL: data, GrayURL: gray}, in10, data},
		{"0%: a tester", FetchConfig{URL: data, GrayURL: gray, Testers: []string{"t1"}}, "t1", gray},
		{"10%: a user the hash picks", FetchConfig{URL: data, GrayURL: gray, GrayPercent: 10}, in10, gray},
		{"10%: a user it does not", FetchConfig{URL: data, GrayURL: gray, GrayPercent: 10}, out10, data},
		{"10%: a tester it does not pick", FetchConfig{URL: data, GrayURL: gray, GrayPercent: 10, Testers: []string{out10}}, out10, gray},
		{"99%: a user the hash leaves out", FetchConfig{URL: data, GrayURL: gray, GrayPercent: 99}, userWhere(t, gray, 99, false), data},
		{"gray before any data URL: the rest have none", FetchConfig{GrayURL: gray, GrayPercent: 10}, out10, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.cfg.route(tt.user); got != tt.want {
				t.Errorf("route(%s) = %q, want %q", tt.user, got, tt.want)
			}
		})
	}
}
