package fakeserver_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"miniphone/protocol"
)

// BenchmarkVersionCheck compares the real version check with a handler
// that writes a constant answer, both called through ServeHTTP: the ratio
// is the cost of routing, the lock, the rollout hash, encoding and logging.
// The same two again through an http.Client, over a loopback socket (how
// --server phones reach a shared platform) and in memory (how a phone
// reaches the platform of its own process): the difference is what the
// socket costs.
func BenchmarkVersionCheck(b *testing.B) {
	answer := []byte(`{"appid":"demo","version":"1.2.0","hasUpdate":true,"packageUrl":"/cdn/demo/1.2.0.zip","sha256":"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855","size":1234,"preferLocal":false,"belowMinVersion":false,"baseTooLow":false}`)
	bare := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write(answer)
	})

	h := newHarness(b)
	h.register("demo", false)
	for _, v := range []string{"1.0.0", "1.1.0", "1.2.0"} {
		h.publish("demo", v)
	}
	h.mustPost("/admin/apps/demo/rollout", `{"percent":50}`)

	for _, bc := range []struct {
		name    string
		handler http.Handler
	}{{"bare", bare}, {"check", h.s}} {
		b.Run(bc.name, func(b *testing.B) {
			req := httptest.NewRequest(http.MethodGet, "/check?appid=demo&version=1.1.0&user=u42&client=8.0.50&base=3.6.0", nil)
			b.ReportAllocs()
			for b.Loop() {
				rec := httptest.NewRecorder()
				bc.handler.ServeHTTP(rec, req)
				if rec.Code != http.StatusOK {
					b.Fatalf("status %d", rec.Code)
				}
			}
		})
		b.Run(bc.name+"-loopback", func(b *testing.B) {
			srv := httptest.NewServer(bc.handler)
			defer srv.Close()
			benchClient(b, srv.Client(), srv.URL)
		})
		b.Run(bc.name+"-in-memory", func(b *testing.B) {
			benchClient(b, &http.Client{Transport: protocol.InMemory{Handler: bc.handler}}, protocol.InProcessURL)
		})
	}
}

// benchClient sends the version check through c to the platform at base.
func benchClient(b *testing.B, c *http.Client, base string) {
	url := base + "/check?appid=demo&version=1.1.0&user=u42&client=8.0.50&base=3.6.0"
	b.ReportAllocs()
	for b.Loop() {
		resp, err := c.Get(url)
		if err != nil {
			b.Fatal(err)
		}
		_, err = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if err != nil || resp.StatusCode != http.StatusOK {
			b.Fatalf("status %d, %v", resp.StatusCode, err)
		}
	}
}
