package fakeserver_test

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"

	"miniphone/engine/archive"
	"miniphone/fakeserver"
	"miniphone/protocol"
)

// harness calls a Server through ServeHTTP, as the phones' HTTP client
// would, without a socket.
type harness struct {
	t testing.TB
	s *fakeserver.Server
}

func newHarness(t testing.TB) *harness {
	return &harness{t: t, s: fakeserver.New(fakeserver.Options{})}
}

// do sends a request with an optional body and context.
func (h *harness) do(ctx context.Context, method, target string, body []byte) *httptest.ResponseRecorder {
	h.t.Helper()
	return serve(h.s, clientRequest(ctx, method, target, body))
}

func serve(s http.Handler, req *http.Request) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	return rec
}

func httptestRequest(method, target, body string) *http.Request {
	return clientRequest(context.Background(), method, target, []byte(body))
}

// clientRequest is a request with the Content-Type that Client declares:
// the platform refuses writes without it.
func clientRequest(ctx context.Context, method, target string, body []byte) *http.Request {
	req := httptest.NewRequestWithContext(ctx, method, target, bytes.NewReader(body))
	if method != http.MethodGet {
		req.Header.Set("Content-Type", bodyType(target))
	}
	return req
}

// bodyType is the media type of a write's body: a package for publishing,
// JSON for everything else.
func bodyType(target string) string {
	path, _, _ := strings.Cut(target, "?")
	if strings.HasSuffix(path, "/versions") {
		return "application/zip"
	}
	return "application/json"
}

func (h *harness) get(target string) *httptest.ResponseRecorder {
	h.t.Helper()
	return h.do(context.Background(), http.MethodGet, target, nil)
}

func (h *harness) post(target, body string) *httptest.ResponseRecorder {
	h.t.Helper()
	return h.do(context.Background(), http.MethodPost, target, []byte(body))
}

// ok fails the test unless rec is a 200.
func (h *harness) ok(rec *httptest.ResponseRecorder) *httptest.ResponseRecorder {
	h.t.Helper()
	if rec.Code != http.StatusOK {
		h.t.Fatalf("status %d, body %s", rec.Code, rec.Body)
	}
	return rec
}

func (h *harness) mustPost(target, body string) {
	h.t.Helper()
	h.ok(h.post(target, body))
}

func (h *harness) register(appid string, personal bool) {
	h.t.Helper()
	body, _ := json.Marshal(map[string]any{"appid": appid, "personal": personal})
	h.mustPost("/admin/apps", string(body))
}

func (h *harness) publish(appid, version string) []byte {
	h.t.Helper()
	pkg := makePackage(h.t, appid+" "+version)
	h.ok(h.do(context.Background(), http.MethodPost, "/admin/apps/"+appid+"/versions?version="+version, pkg))
	return pkg
}

// stateJSON is GET /admin/state, the bytes the console renders.
func (h *harness) stateJSON() string {
	h.t.Helper()
	return h.ok(h.get("/admin/state")).Body.String()
}

func (h *harness) check(query string) protocol.CheckResponse {
	h.t.Helper()
	var resp protocol.CheckResponse
	decode(h.t, h.ok(h.get("/check?"+query)), &resp)
	return resp
}

// makePackage builds the smallest runnable project; content makes it
// unique.
func makePackage(t testing.TB, content string) []byte {
	t.Helper()
	pkg, err := archive.Build(fstest.MapFS{
		"app.json":               {Data: []byte(`{"pages":["pages/index/index"]}`)},
		"app.js":                 {Data: []byte("// " + content + "\nApp({})\n")},
		"pages/index/index.js":   {Data: []byte("Page({})\n")},
		"pages/index/index.wxml": {Data: []byte("<view>hi</view>\n")},
	})
	if err != nil {
		t.Fatal(err)
	}
	return pkg
}

// mustRawZip makes an archive with the given entry names, including ones
// archive.Build would never write.
func mustRawZip(names ...string) string {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range names {
		w, err := zw.Create(name)
		if err != nil {
			panic(err)
		}
		w.Write([]byte("x"))
	}
	if err := zw.Close(); err != nil {
		panic(err)
	}
	return buf.String()
}

// digest is computed here rather than with archive.Digest, to check the
// platform's digest against an independent one.
func digest(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

func decode(t testing.TB, rec *httptest.ResponseRecorder, v any) {
	t.Helper()
	if err := json.Unmarshal(rec.Body.Bytes(), v); err != nil {
		t.Fatalf("decoding %q: %v", rec.Body, err)
	}
}

// errorOf returns the message of a JSON error answer, failing the test if
// the answer is not one.
func errorOf(t testing.TB, rec *httptest.ResponseRecorder) string {
	t.Helper()
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Fatalf("error answer has Content-Type %q: %s", ct, rec.Body)
	}
	var e struct {
		Error string `json:"error"`
	}
	decode(t, rec, &e)
	if e.Error == "" {
		t.Fatalf("error answer without a message: %s", rec.Body)
	}
	return e.Error
}

// world is the platform most admin tests start from:
//   - demo: versions 1.0.0 … 1.6.0, rolled back to 1.5.0, minimum 1.3.0,
//     data URL and a 20% gray release, tester u1;
//   - solo: a personal-entity app with nothing published;
//   - one developer URL configured.
func world(t testing.TB) *harness {
	h := newHarness(t)
	h.register("demo", false)
	h.register("solo", true)
	for _, v := range []string{"1.0.0", "1.1.0", "1.2.0", "1.3.0", "1.4.0", "1.5.0", "1.6.0"} {
		h.publish("demo", v)
	}
	h.mustPost("/admin/apps/demo/rollback", `{"version":"1.5.0"}`)
	h.mustPost("/admin/apps/demo/min-version", `{"version":"1.3.0"}`)
	h.mustPost("/admin/apps/demo/fetch-url", `{"url":"https://x.example/api"}`)
	h.mustPost("/admin/apps/demo/gray", `{"url":"https://x.example/gray","percent":20}`)
	h.mustPost("/admin/apps/demo/tester", `{"user":"u1"}`)
	h.mustPost("/admin/data", `{"url":"https://x.example/api","kind":"text","template":"hi {{token}}"}`)
	return h
}
