package fakeserver_test

import (
	"encoding/json"
	"net/url"
	"testing"

	"miniphone/fakeserver"
)

// fetchEndpoints are the admin endpoints that configure background fetch
// and the developer data server.
var fetchEndpoints = []string{
	"/admin/data",
	"/admin/apps/demo/fetch-url",
	"/admin/apps/demo/prefetch-url",
	"/admin/apps/demo/gray",
	"/admin/apps/demo/tester",
	"/admin/apps/solo/fetch-url",
	"/admin/apps/solo/gray",
}

// fetchWorld is a platform with a company app (demo: data URL, 20% gray
// release, tester u1) and a personal one (solo), without the packages
// world() publishes, which would slow the fuzzer down.
func fetchWorld(t testing.TB) *harness {
	h := newHarness(t)
	h.register("demo", false)
	h.register("solo", true)
	h.mustPost("/admin/apps/demo/fetch-url", `{"url":"https://x.example/api"}`)
	h.mustPost("/admin/apps/demo/gray", `{"url":"https://x.example/gray","percent":20}`)
	h.mustPost("/admin/apps/demo/tester", `{"user":"u1"}`)
	return h
}

// FuzzFetchConfig posts arbitrary bodies to the fetch and data endpoints
// and checks that whatever the platform accepts keeps its rules: a gray
// ratio never goes down (unless 100% ended the release), a personal app
// never gets an HTTPS URL, and the developer server answers each URL as
// configured. (FuzzAdminBodies checks that refusals change nothing.)
func FuzzFetchConfig(f *testing.F) {
	for _, tt := range refusals {
		for i, e := range fetchEndpoints {
			if tt.path == e {
				f.Add(uint8(i), tt.body)
			}
		}
	}
	for i, body := range []string{
		`{"url":"https://x.example/a","kind":"text","template":"{{token}} {{appid}}"}`,
		`{"url":"https://x.example/api"}`,
		`{"url":"cloud://env-1/getData"}`,
		`{"url":"https://x.example/gray","percent":100}`,
		`{"user":"u2"}`,
		`{"url":"cloud://env-1/getData"}`,
		`{"url":"cloud://env-1/gray","percent":0}`,
	} {
		f.Add(uint8(i), body)
	}
	f.Fuzz(func(t *testing.T, endpoint uint8, body string) {
		h := fetchWorld(t)
		path := fetchEndpoints[int(endpoint)%len(fetchEndpoints)]
		before := h.s.State()
		if rec := h.post(path, body); rec.Code != 200 {
			return
		}
		after := h.s.State()
		checkFetchRules(t, before, after)
		for _, d := range after.Data {
			checkDataConfig(t, h, d)
		}
	})
}

func checkFetchRules(t *testing.T, before, after fakeserver.State) {
	t.Helper()
	for i, a := range after.Apps {
		was := before.Apps[i].Fetch
		// At 100% the gray URL becomes the data URL and the release ends.
		ended := a.Fetch.GrayURL == "" && was.GrayURL != ""
		if a.Fetch.GrayPercent < was.GrayPercent && !ended {
			t.Errorf("%s: gray ratio went down: %d%% → %d%%", a.AppID, was.GrayPercent, a.Fetch.GrayPercent)
		}
		for _, u := range []string{a.Fetch.URL, a.Fetch.PrefetchURL, a.Fetch.GrayURL} {
			if u == "" {
				continue
			}
			p, err := url.Parse(u)
			switch {
			case err != nil:
				t.Errorf("%s: stored URL %q does not parse: %v", a.AppID, u, err)
			case a.Personal && p.Scheme != "cloud":
				t.Errorf("personal app %s got %q", a.AppID, u)
			case p.Scheme != "cloud" && p.Scheme != "https":
				t.Errorf("%s: stored URL %q is neither https nor cloud", a.AppID, u)
			}
		}
	}
}

// checkDataConfig asks the developer server for a configured URL, as a
// phone would, and checks it answers as configured.
func checkDataConfig(t *testing.T, h *harness, d fakeserver.DataConfig) {
	t.Helper()
	rec := h.get(devURL(d.URL, url.Values{"appid": {"demo"}}))
	want := 200
	if d.Kind == "status" {
		want = d.Code
	}
	if rec.Code != want {
		t.Errorf("GET %s (%s) = %d, want %d: %s", d.URL, mustJSON(d), rec.Code, want, rec.Body)
	}
	if (d.Kind == "bytes" || d.Kind == "binary") && rec.Body.Len() != d.N {
		t.Errorf("GET %s (%s) = %d bytes, want %d", d.URL, mustJSON(d), rec.Body.Len(), d.N)
	}
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
