package fakeserver_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"miniphone/engine/policy"
	"miniphone/protocol"
)

func checkQuery(appid, version, user string) string {
	return url.Values{"appid": {appid}, "version": {version}, "user": {user}, "client": {"8.0.50"}, "base": {"3.6.0"}}.Encode()
}

func TestCheckChoosesVersionByRollout(t *testing.T) {
	h := newHarness(t)
	h.register("demo", false)
	h.publish("demo", "1.0.0")
	pkg := h.publish("demo", "1.1.0")
	h.mustPost("/admin/apps/demo/rollout", `{"percent":50}`)

	got := map[string]int{}
	for i := range 1000 {
		user := fmt.Sprintf("user%d", i)
		inRollout := policy.InRollout(user, "1.1.0", 50)
		for range 3 { // the same phone gets the same answer every time
			resp := h.check(checkQuery("demo", "1.0.0", user))
			want := map[bool]string{true: "1.1.0", false: "1.0.0"}[inRollout]
			if resp.Version != want || resp.HasUpdate != inRollout {
				t.Fatalf("%s (in rollout %v) on 1.0.0 got %+v", user, inRollout, resp)
			}
		}
		got[h.check(checkQuery("demo", "", user)).Version]++
	}
	if got["1.1.0"] < 450 || got["1.1.0"] > 550 || got["1.0.0"]+got["1.1.0"] != 1000 {
		t.Errorf("a 50%% rollout over 1000 phones gave %v", got)
	}

	resp := h.check(checkQuery("demo", "1.0.0", firstUser(t, "1.1.0", 50, true)))
	want := protocol.CheckResponse{
		AppID: "demo", Version: "1.1.0", HasUpdate: true,
		PackageURL: "/cdn/demo/1.1.0.zip", SHA256: digest(pkg), Size: int64(len(pkg)),
	}
	if resp != want {
		t.Errorf("check = %+v\nwant    %+v", resp, want)
	}
	served := h.ok(h.get(resp.PackageURL))
	if digest(served.Body.Bytes()) != resp.SHA256 || served.Header().Get("Content-Length") != fmt.Sprint(resp.Size) {
		t.Errorf("the CDN serves other bytes than the version info describes")
	}
}

// firstUser finds a user inside (or outside) a rollout.
func firstUser(t *testing.T, version string, percent int, in bool) string {
	for i := range 1000 {
		if u := fmt.Sprintf("user%d", i); policy.InRollout(u, version, percent) == in {
			return u
		}
	}
	t.Fatal("no such user")
	return ""
}

func TestCheckAnswers(t *testing.T) {
	in, out := firstUser(t, "1.2.0", 50, true), firstUser(t, "1.2.0", 50, false)

	tests := []struct {
		name    string
		setup   string // admin path and body, "" for none
		body    string
		query   string
		version string
		update  bool
	}{
		{"nothing installed", "", "", checkQuery("demo", "", "u"), "1.2.0", true},
		{"up to date", "", "", checkQuery("demo", "1.2.0", "u"), "1.2.0", false},
		{"same version written longer", "", "", checkQuery("demo", "1.2.0.0", "u"), "1.2.0", false},
		{"behind", "", "", checkQuery("demo", "1.0.0", "u"), "1.2.0", true},
		{"half rollout, phone in", "/admin/apps/demo/rollout", `{"percent":50}`, checkQuery("demo", "1.1.0", in), "1.2.0", true},
		{"half rollout, phone out", "/admin/apps/demo/rollout", `{"percent":50}`, checkQuery("demo", "1.1.0", out), "1.1.0", false},
		{"zero rollout gives the previous to all", "/admin/apps/demo/rollout", `{"percent":0}`, checkQuery("demo", "", in), "1.1.0", true},
		{"rollback counts as an update", "/admin/apps/demo/rollback", `{"version":"1.0.0"}`, checkQuery("demo", "1.2.0", "u"), "1.0.0", true},
		{"nothing live", "", "", checkQuery("empty", "1.0.0", "u"), "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t)
			h.register("demo", false)
			h.register("empty", false)
			for _, v := range []string{"1.0.0", "1.1.0", "1.2.0"} {
				h.publish("demo", v)
			}
			if tt.setup != "" {
				h.mustPost(tt.setup, tt.body)
			}
			resp := h.check(tt.query)
			if resp.Version != tt.version || resp.HasUpdate != tt.update {
				t.Fatalf("check %s = version %q hasUpdate %v, want %q %v", tt.query, resp.Version, resp.HasUpdate, tt.version, tt.update)
			}
		})
	}
}

// A phone held back by a staged rollout is still never sent to a version
// below the minimum usable one: it could only retry for ever.
func TestCheckNeverRoutesBelowTheMinimum(t *testing.T) {
	h := newHarness(t)
	h.register("demo", false)
	h.publish("demo", "1.0.0")
	h.publish("demo", "1.1.0")
	h.mustPost("/admin/apps/demo/rollout", `{"percent":0}`)
	if resp := h.check(checkQuery("demo", "1.0.0", "u")); resp.Version != "1.0.0" {
		t.Fatalf("outside a 0%% rollout a phone got %q, want the previous 1.0.0", resp.Version)
	}
	h.mustPost("/admin/apps/demo/min-version", `{"version":"1.1.0"}`)
	resp := h.check(checkQuery("demo", "1.0.0", "u"))
	if resp.Version != "1.1.0" || !resp.HasUpdate || !resp.BelowMinVersion {
		t.Fatalf("below the minimum a held-back phone got %+v, want 1.1.0 with hasUpdate", resp)
	}
}

func TestCheckSettings(t *testing.T) {
	h := newHarness(t)
	h.register("demo", false)
	h.publish("demo", "1.0.0")
	h.publish("demo", "1.1.0")
	h.mustPost("/admin/apps/demo/min-version", `{"version":"1.1.0"}`)
	h.mustPost("/admin/apps/demo/min-base", `{"version":"2.10.2"}`)
	h.mustPost("/admin/apps/demo/prefer-local", `{"on":true}`)

	tests := []struct {
		query             string
		belowMin, baseLow bool
	}{
		{"appid=demo&version=1.0.0&base=2.9.9", true, true},
		{"appid=demo&version=1.1.0&base=2.10.2", false, false},
		{"appid=demo&version=1.0.9&base=3.0", true, false},
		{"appid=demo&base=2.8", false, true}, // nothing installed is not "below"
		{"appid=demo&version=1.0.0", true, false},
	}
	for _, tt := range tests {
		resp := h.check(tt.query)
		if resp.BelowMinVersion != tt.belowMin || resp.BaseTooLow != tt.baseLow ||
			resp.MinVersion != "1.1.0" || resp.MinBase != "2.10.2" || !resp.PreferLocal {
			t.Errorf("check %s = %+v, want belowMin %v baseTooLow %v", tt.query, resp, tt.belowMin, tt.baseLow)
		}
	}
}

func TestCheckRefuses(t *testing.T) {
	h := newHarness(t)
	h.register("demo", false)
	h.mustPost("/admin/apps/demo/min-base", `{"version":"2.0.0"}`) // so that base is read
	tests := []struct {
		query  string
		status int
		want   string
	}{
		{"appid=nope", 404, `no app "nope" is registered`},
		{"", 404, `no app "" is registered`},
		{"appid=demo&version=1.x", 400, "query parameter version"},
		{"appid=demo&base=latest", 400, `query parameter base: version "latest"`},
		{"appid=demo&user=%zz", 400, "query parameter user: invalid URL escape"},
	}
	for _, tt := range tests {
		rec := h.get("/check?" + tt.query)
		if msg := errorOf(t, rec); rec.Code != tt.status || !strings.Contains(msg, tt.want) {
			t.Errorf("check %s = %d %q, want %d %q", tt.query, rec.Code, msg, tt.status, tt.want)
		}
	}
}

func TestCDN(t *testing.T) {
	h := newHarness(t)
	h.register("demo", false)
	old := h.publish("demo", "1.0.0")
	h.publish("demo", "1.1.0")
	rec := h.ok(h.get("/cdn/demo/1.0.0.zip"))
	if rec.Body.String() != string(old) || rec.Header().Get("Content-Type") != "application/zip" {
		t.Errorf("an older published version is not served as it was published")
	}
	for _, path := range []string{"/cdn/demo/2.0.0.zip", "/cdn/nope/1.0.0.zip", "/cdn/demo/1.0.0", "/cdn/demo/1.0.0.tar"} {
		if rec := h.get(path); rec.Code != 404 || !strings.Contains(errorOf(t, rec), "no package") {
			t.Errorf("GET %s = %d %s, want 404 no package", path, rec.Code, rec.Body)
		}
	}
}

// A phone downloads a package in chunks, one byte range at a time, so that
// a fault set while it downloads reaches the rest of the download.
func TestCDNServesRanges(t *testing.T) {
	h := newHarness(t)
	h.register("demo", false)
	pkg := h.publish("demo", "1.0.0")
	get := func(r string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodGet, "/cdn/demo/1.0.0.zip", nil)
		req.Header.Set("Range", r)
		return serve(h.s, req)
	}
	rec := get("bytes=10-19")
	if rec.Code != http.StatusPartialContent || rec.Body.String() != string(pkg[10:20]) {
		t.Fatalf("bytes 10-19: %d %q, want 206 %q", rec.Code, rec.Body, pkg[10:20])
	}
	if cr, want := rec.Header().Get("Content-Range"), fmt.Sprintf("bytes 10-19/%d", len(pkg)); cr != want {
		t.Errorf("Content-Range = %q, want %q", cr, want)
	}
	if rec := get(fmt.Sprintf("bytes=%d-", len(pkg))); rec.Code != http.StatusRequestedRangeNotSatisfiable {
		t.Errorf("a range past the end: %d, want 416", rec.Code)
	}

	h.mustPost("/admin/faults", `{"step":"cdn","fault":"corrupt"}`)
	rec = get("bytes=10-19")
	for i, b := range rec.Body.Bytes() {
		if b != pkg[10+i]^0xFF {
			t.Fatalf("under the corrupt fault, byte %d of the range is %#x, want %#x", 10+i, b, pkg[10+i]^0xFF)
		}
	}
}

// A rollout below 100% with a single version would be a setting that does
// nothing: there is nothing to hold phones back on.
func TestRolloutNeedsAnEarlierVersion(t *testing.T) {
	h := newHarness(t)
	h.register("demo", false)
	h.publish("demo", "1.0.0")
	resp := h.post("/admin/apps/demo/rollout", `{"percent":10}`)
	if resp.Code != 409 || !strings.Contains(resp.Body.String(), "a staged rollout needs an earlier version") {
		t.Fatalf("rollout with one version: %d %s", resp.Code, resp.Body)
	}
	h.mustPost("/admin/apps/demo/rollout", `{"percent":100}`)
}

// Packages that no phone can be sent to any more are let go: publishing in
// a loop must not keep every package in memory.
func TestOldPackagesAreDropped(t *testing.T) {
	h := newHarness(t)
	h.register("demo", false)
	for i := range 8 {
		h.publish("demo", fmt.Sprintf("1.%d.0", i))
	}
	for v, want := range map[string]int{"1.0.0": 410, "1.1.0": 410, "1.2.0": 410, "1.3.0": 200, "1.6.0": 200, "1.7.0": 200} {
		if rec := h.get("/cdn/demo/" + v + ".zip"); rec.Code != want {
			t.Errorf("GET %s: %d, want %d", v, rec.Code, want)
		}
	}
}
