package fakeserver_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"miniphone/fakeserver"
)

// refusals lists every way the admin API says no. Each runs against a
// fresh world, and must leave GET /admin/state byte for byte as it was.
var refusals = []struct {
	name   string
	method string
	path   string
	body   string
	status int
	want   string // part of the error message
}{
	// POST /admin/apps
	{"register empty appid", "POST", "/admin/apps", `{"appid":""}`, 400, `appid "" must be 1 to 64 letters`},
	{"register bad chars", "POST", "/admin/apps", `{"appid":"de mo"}`, 400, `appid "de mo" must be`},
	{"register dotdot", "POST", "/admin/apps", `{"appid":".."}`, 400, `appid ".." must be`},
	{"register too long", "POST", "/admin/apps", `{"appid":"` + strings.Repeat("a", 65) + `"}`, 400, "1 to 64"},
	{"register duplicate", "POST", "/admin/apps", `{"appid":"demo"}`, 409, `app "demo" is already registered`},
	{"register not JSON", "POST", "/admin/apps", `appid=demo`, 400, "not the expected JSON"},
	{"register unknown field", "POST", "/admin/apps", `{"appid":"x","persona":true}`, 400, `unknown field "persona"`},
	{"register two values", "POST", "/admin/apps", `{"appid":"x"} {"appid":"y"}`, 400, "more than one JSON value"},
	{"register empty body", "POST", "/admin/apps", ``, 400, "not the expected JSON"},
	{"register huge body", "POST", "/admin/apps", `{"appid":"` + strings.Repeat("a", 1<<20) + `"}`, 413, "larger than 1048576 bytes"},

	// POST /admin/apps/{appid}/versions
	{"publish unknown app", "POST", "/admin/apps/nope/versions?version=2.0.0", "pkg", 404, `no app "nope" is registered`},
	{"publish no version", "POST", "/admin/apps/demo/versions", "pkg", 400, "version: nothing given"},
	{"publish malformed version", "POST", "/admin/apps/demo/versions?version=2.x", "pkg", 400, `"x" is not a number`},
	{"publish same version", "POST", "/admin/apps/demo/versions?version=1.6.0", "pkg", 409, "version 1.6.0 is not newer than 1.6.0"},
	{"publish older version", "POST", "/admin/apps/demo/versions?version=1.0.0", "pkg", 409, "version 1.0.0 is not newer than 1.6.0"},
	{"publish below live but above others", "POST", "/admin/apps/demo/versions?version=1.5.9", "pkg", 409, "not newer than 1.6.0"},
	{"publish garbage", "POST", "/admin/apps/demo/versions?version=2.0.0", "not a zip", 400, "invalid package: not a zip archive"},
	{"publish escaping archive", "POST", "/admin/apps/demo/versions?version=2.0.0", escapingZip, 400, `invalid package: entry "../evil.js": path escapes`},
	{"publish empty archive", "POST", "/admin/apps/demo/versions?version=2.0.0", emptyZip, 400, "invalid package: it has no files"},
	{"publish a project no phone can run", "POST", "/admin/apps/demo/versions?version=2.0.0", notAProjectZip, 400, "invalid project: app.js: file is missing (a project needs app.js or app.ts); app.json: file is missing"},

	// POST /admin/apps/{appid}/rollback
	{"rollback unknown app", "POST", "/admin/apps/nope/rollback", `{"version":"1.0.0"}`, 404, `no app "nope"`},
	{"rollback no version", "POST", "/admin/apps/demo/rollback", `{}`, 400, "version is required"},
	{"rollback unpublished", "POST", "/admin/apps/demo/rollback", `{"version":"9.9.9"}`, 404, `version "9.9.9" of demo is not published`},
	{"rollback too old", "POST", "/admin/apps/demo/rollback", `{"version":"1.1.0"}`, 409, "can only roll back to one of the 5 latest versions (1.6.0, 1.5.0, 1.4.0, 1.3.0, 1.2.0); 1.1.0 is older"},
	{"rollback to live", "POST", "/admin/apps/demo/rollback", `{"version":"1.5.0"}`, 409, "version 1.5.0 is already live"},
	{"rollback below minimum", "POST", "/admin/apps/demo/rollback", `{"version":"1.2.0"}`, 409, "below the minimum usable version 1.3.0"},
	{"rollback nothing published", "POST", "/admin/apps/solo/rollback", `{"version":"1.0.0"}`, 404, "not published"},

	// POST /admin/apps/{appid}/rollout
	{"rollout unknown app", "POST", "/admin/apps/nope/rollout", `{"percent":50}`, 404, `no app "nope"`},
	{"rollout missing", "POST", "/admin/apps/demo/rollout", `{}`, 400, "percent is required"},
	{"rollout null", "POST", "/admin/apps/demo/rollout", `null`, 400, "percent is required"},
	{"rollout negative", "POST", "/admin/apps/demo/rollout", `{"percent":-1}`, 400, "percent must be 0 to 100, not -1"},
	{"rollout over 100", "POST", "/admin/apps/demo/rollout", `{"percent":101}`, 400, "not 101"},
	{"rollout fraction", "POST", "/admin/apps/demo/rollout", `{"percent":50.5}`, 400, "not the expected JSON"},
	{"rollout string", "POST", "/admin/apps/demo/rollout", `{"percent":"50"}`, 400, "not the expected JSON"},
	{"rollout nothing live", "POST", "/admin/apps/solo/rollout", `{"percent":50}`, 409, "solo has no live version"},

	// POST /admin/apps/{appid}/min-version
	{"min-version missing", "POST", "/admin/apps/demo/min-version", `{}`, 400, "version is required"},
	{"min-version unpublished", "POST", "/admin/apps/demo/min-version", `{"version":"2.0.0"}`, 404, `version "2.0.0" of demo is not published`},
	{"min-version malformed", "POST", "/admin/apps/demo/min-version", `{"version":"x"}`, 400, `minimum version: version "x" is not a number`},
	{"min-version newer than live", "POST", "/admin/apps/demo/min-version", `{"version":"1.6.0"}`, 409, "minimum version 1.6.0 is newer than the live version 1.5.0"},

	// POST /admin/apps/{appid}/min-base
	{"min-base missing", "POST", "/admin/apps/demo/min-base", `{}`, 400, "version is required"},
	{"min-base malformed", "POST", "/admin/apps/demo/min-base", `{"version":"2.x"}`, 400, `minimum base library: version "2.x"`},
	{"min-base unknown app", "POST", "/admin/apps/nope/min-base", `{"version":"2.0.0"}`, 404, `no app "nope"`},

	// POST /admin/apps/{appid}/prefer-local
	{"prefer-local missing", "POST", "/admin/apps/demo/prefer-local", `{}`, 400, "on is required"},
	{"prefer-local string", "POST", "/admin/apps/demo/prefer-local", `{"on":"yes"}`, 400, "not the expected JSON"},

	// POST /admin/faults
	{"fault unknown step", "POST", "/admin/faults", `{"step":"dns","fault":"fail"}`, 400, `step "dns" is not one of [check cdn data]`},
	{"fault unknown fault", "POST", "/admin/faults", `{"step":"cdn","fault":"explode"}`, 400, `fault "explode" is not one of`},
	{"fault empty", "POST", "/admin/faults", `{}`, 400, `step "" is not one of`},

	// POST /admin/apps/{appid}/fetch-url, prefetch-url
	{"fetch-url empty", "POST", "/admin/apps/demo/fetch-url", `{"url":""}`, 400, "url is required"},
	{"fetch-url ftp", "POST", "/admin/apps/demo/fetch-url", `{"url":"ftp://x.example/a"}`, 400, "must be https://HOST/… or cloud://ENV/NAME"},
	{"fetch-url http", "POST", "/admin/apps/demo/fetch-url", `{"url":"http://x.example/a"}`, 400, "must use https://"},
	{"fetch-url query", "POST", "/admin/apps/demo/fetch-url", `{"url":"https://x.example/a?b=c"}`, 400, "must not have a query"},
	{"fetch-url no host", "POST", "/admin/apps/demo/fetch-url", `{"url":"https:///a"}`, 400, "has no host"},
	{"fetch-url cloud without name", "POST", "/admin/apps/demo/fetch-url", `{"url":"cloud://env1"}`, 400, "must be cloud://ENV/NAME"},
	{"fetch-url too long", "POST", "/admin/apps/demo/fetch-url", `{"url":"https://x.example/` + strings.Repeat("a", 2048) + `"}`, 400, "longer than 2048"},
	{"fetch-url personal https", "POST", "/admin/apps/solo/fetch-url", `{"url":"https://x.example/api"}`, 400, "personal-entity app solo may only use a cloud environment (cloud://ENV/NAME), not https://x.example/api"},
	{"fetch-url personal http", "POST", "/admin/apps/solo/fetch-url", `{"url":"http://x.example/api"}`, 400, "personal-entity app solo may only use a cloud environment"},
	{"fetch-url unknown app", "POST", "/admin/apps/nope/fetch-url", `{"url":"https://x.example/api"}`, 404, `no app "nope"`},
	{"prefetch-url personal https", "POST", "/admin/apps/solo/prefetch-url", `{"url":"https://x.example/pre"}`, 400, "personal-entity app solo may only use a cloud environment"},
	{"prefetch-url malformed", "POST", "/admin/apps/demo/prefetch-url", `{"url":"https://x.example/%zz"}`, 400, "invalid URL escape"},

	// POST /admin/apps/{appid}/gray
	{"gray goes down", "POST", "/admin/apps/demo/gray", `{"url":"https://x.example/gray","percent":10}`, 409, "gray ratio can only go up: 20% → 10% refused"},
	{"gray missing percent", "POST", "/admin/apps/demo/gray", `{"url":"https://x.example/gray"}`, 400, "percent is required"},
	{"gray over 100", "POST", "/admin/apps/demo/gray", `{"url":"https://x.example/gray","percent":150}`, 400, "not 150"},
	{"gray bad url", "POST", "/admin/apps/demo/gray", `{"url":"x.example/gray","percent":30}`, 400, "must be https://HOST/…"},
	{"gray personal https", "POST", "/admin/apps/solo/gray", `{"url":"https://x.example/gray","percent":30}`, 400, "personal-entity app solo may only use a cloud environment"},

	// POST /admin/apps/{appid}/tester
	{"tester empty", "POST", "/admin/apps/demo/tester", `{"user":""}`, 400, "user is required"},
	{"tester duplicate", "POST", "/admin/apps/demo/tester", `{"user":"u1"}`, 409, "u1 is already a tester of demo"},
	{"tester too long", "POST", "/admin/apps/demo/tester", `{"user":"` + strings.Repeat("u", 129) + `"}`, 400, "longer than 128"},

	// POST /admin/data
	{"data bad url", "POST", "/admin/data", `{"url":"x","kind":"text","template":""}`, 400, `url "x" must be`},
	{"data unknown kind", "POST", "/admin/data", `{"url":"https://x.example/a","kind":"json"}`, 400, `kind "json" is not one of text, bytes, binary, status`},
	{"data text without template", "POST", "/admin/data", `{"url":"https://x.example/a","kind":"text"}`, 400, "kind text needs template"},
	{"data bytes with template", "POST", "/admin/data", `{"url":"https://x.example/a","kind":"bytes","n":3,"template":"x"}`, 400, "template does not apply to kind bytes"},
	{"data bytes without n", "POST", "/admin/data", `{"url":"https://x.example/a","kind":"bytes"}`, 400, "kind bytes needs n"},
	{"data negative n", "POST", "/admin/data", `{"url":"https://x.example/a","kind":"binary","n":-1}`, 400, "n must be 0 to 8388608 bytes, not -1"},
	{"data huge n", "POST", "/admin/data", `{"url":"https://x.example/a","kind":"bytes","n":9000000}`, 400, "not 9000000"},
	{"data status 99", "POST", "/admin/data", `{"url":"https://x.example/a","kind":"status","code":99}`, 400, "code must be an HTTP status from 200 to 599, not 99"},
	{"data status 600", "POST", "/admin/data", `{"url":"https://x.example/a","kind":"status","code":600}`, 400, "not 600"},
	{"data status with n", "POST", "/admin/data", `{"url":"https://x.example/a","kind":"status","code":500,"n":1}`, 400, "n does not apply to kind status"},

	// Reads and routes
	{"log bad since", "GET", "/admin/log?since=x", ``, 400, `since must be a sequence number (0 or more), not "x"`},
	{"log negative since", "GET", "/admin/log?since=-1", ``, 400, "since must be"},
	{"unknown admin path", "POST", "/admin/apps/demo/explode", `{}`, 404, "no endpoint POST /admin/apps/demo/explode"},
	{"wrong method", "GET", "/admin/apps", ``, 404, "no endpoint GET /admin/apps"},
}

// Archives for the publish refusals, made once.
var (
	escapingZip = mustRawZip("../evil.js")
	emptyZip    = mustRawZip()
	// A valid archive of a folder that is not a mini-program.
	notAProjectZip = mustRawZip("readme.txt")
)

func TestAdminRefusalsChangeNothing(t *testing.T) {
	for _, tt := range refusals {
		t.Run(tt.name, func(t *testing.T) {
			refusedAndUnchanged(t, httptestRequest(tt.method, tt.path, tt.body), tt.status, tt.want)
		})
	}
}

// refusedAndUnchanged sends req to a fresh world, checks that it is refused
// with status and an error containing want, and that GET /admin/state is
// byte for byte as it was.
func refusedAndUnchanged(t *testing.T, req *http.Request, status int, want string) {
	t.Helper()
	h := world(t)
	before := h.stateJSON()
	rec := serve(h.s, req)
	if rec.Code != status {
		t.Errorf("status %d, want %d (body %s)", rec.Code, status, rec.Body)
	}
	if msg := errorOf(t, rec); !strings.Contains(msg, want) {
		t.Errorf("error %q, want it to contain %q", msg, want)
	}
	if after := h.stateJSON(); after != before {
		t.Errorf("a refused call changed the state:\nbefore %s\nafter  %s", before, after)
	}
}

// A web page may send the loopback platform requests that a browser does
// not check first: any GET, and a POST whose body is text, a form or
// multipart. The platform must refuse them itself. Each request here
// would otherwise succeed.
func TestAdminRefusesCrossSiteRequests(t *testing.T) {
	const fault = `{"step":"cdn","fault":"corrupt"}`
	pkg := string(makePackage(t, "2.0.0"))
	const publish = "/admin/apps/demo/versions?version=2.0.0"
	tests := []struct {
		name, method, path, body string
		header                   map[string]string
		status                   int
		want                     string
	}{
		{"another site, as text", "POST", "/admin/faults", fault, map[string]string{"Origin": "https://evil.example", "Content-Type": "text/plain"},
			403, `Origin "https://evil.example" is not this platform's`},
		{"another site, as JSON", "POST", "/admin/faults", fault, map[string]string{"Origin": "https://evil.example", "Content-Type": "application/json"},
			403, `Origin "https://evil.example"`},
		{"this host on another port", "POST", "/admin/faults", fault, map[string]string{"Origin": "http://example.com:8080", "Content-Type": "application/json"},
			403, `Origin "http://example.com:8080"`},
		{"a sandboxed page", "POST", "/admin/faults", fault, map[string]string{"Origin": "null", "Content-Type": "application/json"},
			403, `Origin "null"`},
		{"another site reading", "GET", "/admin/state", "", map[string]string{"Origin": "https://evil.example"},
			403, `Origin "https://evil.example"`},
		{"cross-site fetch", "POST", "/admin/faults", fault, map[string]string{"Sec-Fetch-Site": "cross-site", "Content-Type": "application/json"},
			403, "Sec-Fetch-Site: cross-site"},
		{"same-site fetch", "POST", "/admin/faults", fault, map[string]string{"Sec-Fetch-Site": "same-site", "Content-Type": "application/json"},
			403, "Sec-Fetch-Site: same-site"},
		{"text body", "POST", "/admin/faults", fault, map[string]string{"Content-Type": "text/plain"},
			415, `needs "Content-Type: application/json", not "text/plain"`},
		{"form body", "POST", "/admin/faults", fault, map[string]string{"Content-Type": "application/x-www-form-urlencoded"},
			415, `not "application/x-www-form-urlencoded"`},
		{"multipart body", "POST", "/admin/faults", fault, map[string]string{"Content-Type": "multipart/form-data; boundary=x"},
			415, `not "multipart/form-data; boundary=x"`},
		{"no Content-Type", "POST", "/admin/faults", fault, nil,
			415, `needs "Content-Type: application/json", not none`},
		{"malformed Content-Type", "POST", "/admin/faults", fault, map[string]string{"Content-Type": "application/json; charset"},
			415, `not "application/json; charset"`},
		{"package as text", "POST", publish, pkg, map[string]string{"Content-Type": "text/plain"},
			415, `needs "Content-Type: application/zip", not "text/plain"`},
		{"package as JSON", "POST", publish, pkg, map[string]string{"Content-Type": "application/json"},
			415, `needs "Content-Type: application/zip"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			refusedAndUnchanged(t, requestWith(tt.method, tt.path, tt.body, tt.header), tt.status, tt.want)
		})
	}
}

// What the platform's own tools send, and what a page it served itself
// would, is accepted.
func TestAdminAcceptsItsOwnSite(t *testing.T) {
	for _, header := range []map[string]string{
		{"Content-Type": "application/json"},
		{"Content-Type": "application/json; charset=utf-8"},
		{"Content-Type": "Application/JSON"},
		{"Content-Type": "application/json", "Origin": "http://example.com"}, // httptest's Host
		{"Content-Type": "application/json", "Sec-Fetch-Site": "same-origin"},
		{"Content-Type": "application/json", "Sec-Fetch-Site": "none"},
	} {
		h := newHarness(t)
		req := requestWith(http.MethodPost, "/admin/faults", `{"step":"cdn","fault":"corrupt"}`, header)
		if rec := serve(h.s, req); rec.Code != http.StatusOK {
			t.Errorf("%v: status %d, body %s", header, rec.Code, rec.Body)
		}
	}
}

// requestWith is a request with exactly the given headers, unlike
// httptestRequest, which adds the Content-Type that Client would.
func requestWith(method, target, body string, header map[string]string) *http.Request {
	req := httptest.NewRequest(method, target, strings.NewReader(body))
	for k, v := range header {
		req.Header.Set(k, v)
	}
	return req
}

func TestAdminChanges(t *testing.T) {
	h := world(t)
	var st fakeserver.State
	decode(t, h.get("/admin/state"), &st)
	demo := st.Apps[0]
	if demo.AppID != "demo" || demo.Live != "1.5.0" || demo.Previous != "1.6.0" || demo.Rollout != 100 ||
		len(demo.Versions) != 7 || demo.MinVersion != "1.3.0" || demo.Fetch.GrayPercent != 20 || demo.Fetch.Testers[0] != "u1" {
		t.Fatalf("world state is not what the admin calls set: %+v", demo)
	}
	if st.Apps[1].AppID != "solo" || !st.Apps[1].Personal || st.Apps[1].Live != "" {
		t.Fatalf("solo = %+v", st.Apps[1])
	}

	steps := []struct{ path, body string }{
		{"/admin/apps/demo/rollout", `{"percent":30}`},
		// A rollback waits for the phased release to end.
		{"/admin/apps/demo/rollout", `{"percent":100}`},
		{"/admin/apps/demo/min-version", `{"version":""}`},
		{"/admin/apps/demo/rollback", `{"version":"1.2.0"}`},
		{"/admin/apps/demo/min-base", `{"version":"2.8.0"}`},
		{"/admin/apps/demo/prefer-local", `{"on":true}`},
		{"/admin/apps/demo/prefetch-url", `{"url":"https://x.example/pre"}`},
		{"/admin/apps/solo/fetch-url", `{"url":"cloud://env-1/getData"}`},
		{"/admin/faults", `{"step":"cdn","fault":"slow"}`},
	}
	for _, s := range steps {
		h.mustPost(s.path, s.body)
	}
	decode(t, h.get("/admin/state"), &st)
	demo, solo := st.Apps[0], st.Apps[1]
	if demo.Live != "1.2.0" || demo.Previous != "1.5.0" || demo.Rollout != 100 || demo.MinVersion != "" ||
		demo.MinBase != "2.8.0" || !demo.PreferLocal || demo.Fetch.PrefetchURL != "https://x.example/pre" {
		t.Errorf("demo after the changes = %+v", demo)
	}
	if solo.Fetch.URL != "cloud://env-1/getData" {
		t.Errorf("solo fetch = %+v", solo.Fetch)
	}
	if st.Faults["cdn"] != "slow" || st.Faults["check"] != "none" {
		t.Errorf("faults = %v", st.Faults)
	}
	h.mustPost("/admin/apps/demo/min-base", `{"version":""}`)
	decode(t, h.get("/admin/state"), &st)
	if st.Apps[0].MinBase != "" {
		t.Errorf("min-base \"\" did not clear it: %q", st.Apps[0].MinBase)
	}
}

func TestPublishAnswersWithDigest(t *testing.T) {
	h := newHarness(t)
	h.register("demo", false)
	pkg := makePackage(t, "one")
	rec := h.ok(h.do(context.Background(), http.MethodPost, "/admin/apps/demo/versions?version=1.0.0", pkg))
	var app fakeserver.AppState
	decode(t, rec, &app)
	want := fakeserver.VersionInfo{Version: "1.0.0", SHA256: digest(pkg), Size: int64(len(pkg))}
	if app.Live != "1.0.0" || app.Previous != "" || len(app.Versions) != 1 || app.Versions[0] != want {
		t.Fatalf("after publishing: %+v, want live 1.0.0 with %+v", app, want)
	}
}

func TestAdminToken(t *testing.T) {
	s := fakeserver.New(fakeserver.Options{AdminToken: "t"})
	tests := []struct {
		name, path, auth string
		status           int
	}{
		{"no header", "/admin/state", "", 401},
		{"wrong token", "/admin/state", "Bearer x", 401},
		{"token without scheme", "/admin/state", "t", 401},
		{"token as prefix", "/admin/state", "Bearer tt", 401},
		{"right token", "/admin/state", "Bearer t", 200},
		{"scheme in lower case", "/admin/state", "bearer t", 200},
		{"scheme in upper case", "/admin/state", "BEARER t", 200},
		{"another scheme", "/admin/state", "Basic t", 401},
		{"log needs it too", "/admin/log", "", 401},
		// The phones' endpoints stay open: only the console is protected.
		{"check is public", "/check?appid=demo", "", 404},
		{"fetch-route is public", "/fetch-route?appid=demo&kind=pre", "", 404},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptestRequest(http.MethodGet, tt.path, "")
			if tt.auth != "" {
				req.Header.Set("Authorization", tt.auth)
			}
			rec := serve(s, req)
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d: %s", rec.Code, tt.status, rec.Body)
			}
			if tt.status != 401 {
				return
			}
			msg := errorOf(t, rec)
			if !strings.Contains(msg, "Authorization: Bearer") {
				t.Errorf("401 does not say what is needed: %s", rec.Body)
			}
			// A wrong token must not read like a forgotten one.
			if wrong := strings.Contains(msg, "other than"); wrong != (tt.auth != "") {
				t.Errorf("Authorization %q: %s; want it to say whether the token was missing or wrong", tt.auth, msg)
			}
		})
	}
	req := httptestRequest(http.MethodPost, "/admin/apps", `{"appid":"demo"}`)
	if rec := serve(s, req); rec.Code != 401 {
		t.Fatalf("unauthenticated register: %d", rec.Code)
	}
	if st := s.State(); len(st.Apps) != 0 {
		t.Fatalf("an unauthenticated call registered an app: %+v", st.Apps)
	}
}
