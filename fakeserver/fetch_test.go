package fakeserver_test

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"miniphone/engine/policy"
	"miniphone/fakeserver"
	"miniphone/protocol"
)

const (
	dataURL = "https://x.example/api"
	grayURL = "https://x.example/gray"
)

func route(h *harness, appid, user, kind string) string {
	h.t.Helper()
	var r protocol.FetchRoute
	q := url.Values{"appid": {appid}, "user": {user}, "kind": {kind}}
	decode(h.t, h.ok(h.get("/fetch-route?"+q.Encode())), &r)
	return r.URL
}

func TestGraySelection(t *testing.T) {
	h := newHarness(t)
	h.register("demo", false)
	h.mustPost("/admin/apps/demo/fetch-url", `{"url":"`+dataURL+`"}`)
	h.mustPost("/admin/apps/demo/prefetch-url", `{"url":"https://x.example/pre"}`)

	// 0%: only testers get the gray URL.
	h.mustPost("/admin/apps/demo/gray", `{"url":"`+grayURL+`","percent":0}`)
	h.mustPost("/admin/apps/demo/tester", `{"user":"dev"}`)
	if got := route(h, "demo", "dev", "periodic"); got != grayURL {
		t.Errorf("tester at 0%% gets %s", got)
	}
	for i := range 200 {
		if got := route(h, "demo", fmt.Sprint("u", i), "periodic"); got != dataURL {
			t.Fatalf("u%d at 0%% gets %s", i, got)
		}
	}

	// 30%: the users InRollout picks, every time.
	h.mustPost("/admin/apps/demo/gray", `{"url":"`+grayURL+`","percent":30}`)
	gray := 0
	for i := range 1000 {
		user := fmt.Sprint("u", i)
		want := dataURL
		if policy.InRollout(user, grayURL, 30) {
			want = grayURL
			gray++
		}
		if got := route(h, "demo", user, "periodic"); got != want {
			t.Fatalf("%s at 30%% gets %s, want %s", user, got, want)
		}
	}
	if gray < 250 || gray > 350 {
		t.Errorf("30%% gray reached %d of 1000 users", gray)
	}
	// The gray release does not apply to pre-fetch.
	if got := route(h, "demo", "dev", "pre"); got != "https://x.example/pre" {
		t.Errorf("pre-fetch for a tester = %s", got)
	}

	// 100%: the gray URL becomes the data URL, and a new gray release may
	// start low again.
	h.mustPost("/admin/apps/demo/gray", `{"url":"`+grayURL+`","percent":100}`)
	for i := range 100 {
		if got := route(h, "demo", fmt.Sprint("u", i), "periodic"); got != grayURL {
			t.Fatalf("u%d at 100%% gets %s", i, got)
		}
	}
	var st fakeserver.State
	decode(t, h.get("/admin/state"), &st)
	if f := st.Apps[0].Fetch; f.URL != grayURL || f.GrayURL != "" || f.GrayPercent != 0 {
		t.Errorf("after 100%% gray: %+v", f)
	}
	h.mustPost("/admin/apps/demo/gray", `{"url":"https://x.example/v3","percent":5}`)
}

func TestFetchRouteRefuses(t *testing.T) {
	h := newHarness(t)
	h.register("demo", false)
	h.register("solo", true)
	h.mustPost("/admin/apps/solo/fetch-url", `{"url":"cloud://prod-1/fetch"}`)
	if got := route(h, "solo", "u", "periodic"); got != "cloud://prod-1/fetch" {
		t.Errorf("personal app with a cloud environment routes to %s", got)
	}
	tests := []struct {
		query  string
		status int
		want   string
	}{
		{"appid=demo&user=u&kind=periodic", 404, "app demo has no periodic data URL configured"},
		{"appid=demo&user=u&kind=pre", 404, "app demo has no pre data URL configured"},
		{"appid=nope&user=u&kind=pre", 404, `no app "nope"`},
		{"appid=demo&user=u&kind=hourly", 400, `kind must be periodic or pre, not "hourly"`},
	}
	for _, tt := range tests {
		rec := h.get("/fetch-route?" + tt.query)
		if msg := errorOf(t, rec); rec.Code != tt.status || !strings.Contains(msg, tt.want) {
			t.Errorf("fetch-route %s = %d %q, want %d %q", tt.query, rec.Code, msg, tt.status, tt.want)
		}
	}
}
