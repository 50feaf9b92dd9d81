package fakeserver_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"testing"

	"miniphone/protocol"
)

// TestConcurrentUse lets phones check and download while the console
// publishes and reads state; under -race it shows the one lock guards all.
func TestConcurrentUse(t *testing.T) {
	h := newHarness(t)
	h.register("demo", false)
	h.publish("demo", "1.0.0")
	pkgs := make([][]byte, 20)
	for i := range pkgs {
		pkgs[i] = makePackage(t, fmt.Sprint(i))
	}

	var wg sync.WaitGroup
	for p := range 4 {
		wg.Go(func() {
			for i := range 50 {
				rec := serve(h.s, httptestRequest(http.MethodGet, fmt.Sprintf("/check?appid=demo&user=p%d-%d", p, i), ""))
				if rec.Code != http.StatusOK {
					t.Errorf("check: %d %s", rec.Code, rec.Body)
					return
				}
				var answer protocol.CheckResponse
				if err := json.Unmarshal(rec.Body.Bytes(), &answer); err != nil {
					t.Errorf("check: %v", err)
					return
				}
				// Gone is a fair answer too: publishing goes on meanwhile,
				// and packages past the rollback window are dropped.
				rec = serve(h.s, httptestRequest(http.MethodGet, answer.PackageURL, ""))
				if rec.Code != http.StatusOK && rec.Code != http.StatusGone {
					t.Errorf("cdn %s: %d", answer.PackageURL, rec.Code)
					return
				}
			}
		})
	}
	wg.Go(func() {
		for i, pkg := range pkgs {
			req := httptestRequest(http.MethodPost, fmt.Sprintf("/admin/apps/demo/versions?version=2.%d.0", i), string(pkg))
			if rec := serve(h.s, req); rec.Code != http.StatusOK {
				t.Errorf("publish: %d %s", rec.Code, rec.Body)
				return
			}
			serve(h.s, httptestRequest(http.MethodPost, "/admin/apps/demo/rollout", `{"percent":50}`))
			serve(h.s, httptestRequest(http.MethodGet, "/admin/state", ""))
			serve(h.s, httptestRequest(http.MethodGet, "/admin/log?since=0", ""))
		}
	})
	wg.Wait()

	if got := len(readLog(h, 0)); got != 2+4*50*2+2*len(pkgs) {
		t.Errorf("log has %d entries, want every check, download, publish and rollout", got)
	}
}
