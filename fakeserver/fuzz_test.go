package fakeserver_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
)

// adminPosts are the admin endpoints FuzzAdminBodies feeds, each with a
// body the platform accepts in world().
var adminPosts = []struct{ path, valid string }{
	{"/admin/apps", `{"appid":"new","personal":true}`},
	{"/admin/apps/demo/versions?version=2.0.0", ""}, // body: a package, added below
	{"/admin/apps/demo/rollback", `{"version":"1.4.0"}`},
	{"/admin/apps/demo/rollout", `{"percent":50}`},
	{"/admin/apps/demo/min-version", `{"version":"1.4.0"}`},
	{"/admin/apps/demo/min-base", `{"version":"2.8.0"}`},
	{"/admin/apps/demo/prefer-local", `{"on":true}`},
	{"/admin/apps/demo/fetch-url", `{"url":"https://x.example/v2"}`},
	{"/admin/apps/demo/prefetch-url", `{"url":"cloud://env/pre"}`},
	{"/admin/apps/demo/gray", `{"url":"https://x.example/gray","percent":60}`},
	{"/admin/apps/demo/tester", `{"user":"u2"}`},
	{"/admin/apps/solo/fetch-url", `{"url":"cloud://env/data"}`},
	{"/admin/faults", `{"step":"data","fault":"timeout"}`},
	{"/admin/data", `{"url":"https://x.example/b","kind":"binary","n":10}`},
}

func FuzzAdminBodies(f *testing.F) {
	for i, e := range adminPosts {
		body := e.valid
		if body == "" {
			body = string(makePackage(f, "fuzz"))
		}
		f.Add(uint8(i), []byte(body))
	}
	for _, r := range refusals {
		for i, e := range adminPosts {
			if r.method == http.MethodPost && r.path == e.path {
				f.Add(uint8(i), []byte(r.body))
			}
		}
	}
	f.Add(uint8(1), []byte(escapingZip))
	f.Fuzz(func(t *testing.T, endpoint uint8, body []byte) {
		h := world(t)
		path := adminPosts[int(endpoint)%len(adminPosts)].path
		before := h.stateJSON()
		rec := h.do(context.Background(), http.MethodPost, path, body)
		switch {
		case rec.Code >= 500:
			t.Fatalf("POST %s %q: %d %s", path, body, rec.Code, rec.Body)
		case rec.Code >= 400:
			errorOf(t, rec)
			if after := h.stateJSON(); after != before {
				t.Fatalf("refused POST %s %q changed the state:\nbefore %s\nafter  %s", path, body, before, after)
			}
		case rec.Code != http.StatusOK:
			t.Fatalf("POST %s: unexpected status %d", path, rec.Code)
		case !strings.HasPrefix(rec.Body.String(), "{"):
			t.Fatalf("POST %s: answer is not a JSON object: %s", path, rec.Body)
		}
	})
}
