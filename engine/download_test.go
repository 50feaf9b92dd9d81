package engine

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"miniphone/fakeserver"
)

// truncatingProxy forwards to the platform; while cut is set it sends only
// half of every CDN package, then drops the connection, as a download
// killed halfway.
type truncatingProxy struct {
	target string
	cut    atomic.Bool
}

func (p *truncatingProxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	req, err := http.NewRequestWithContext(r.Context(), r.Method, p.target+r.URL.RequestURI(), r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	req.Header = r.Header.Clone()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	for k, v := range resp.Header {
		w.Header()[k] = v
	}
	if !p.cut.Load() || !strings.HasPrefix(r.URL.Path, "/cdn/") {
		w.WriteHeader(resp.StatusCode)
		_, _ = w.Write(body)
		return
	}
	w.WriteHeader(resp.StatusCode)
	_, _ = w.Write(body[:len(body)/2])
	panic(http.ErrAbortHandler) // the connection drops mid-body
}

func TestDownloadKilledHalfwayLeavesTheWorkingVersion(t *testing.T) {
	srv, err := fakeserver.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	proxy := &truncatingProxy{target: srv.URL}
	front := httptest.NewServer(proxy)
	defer front.Close()

	page := `Page({ onLoad() { this.setData({ v: wx.getAccountInfoSync().miniProgram.version }) } })`
	files := project(`App({})`, page, `<view>running {{v}}</view>`)
	tw := newTestWorldVia(t, srv.URL, front.URL, files, DefaultSettings(), PhoneConfig{})
	tw.launch()
	tw.publish("1.1.0", files)

	proxy.cut.Store(true)
	if err := tw.phone.Kill("app"); err != nil {
		t.Fatal(err)
	}
	tw.launch()
	tw.Advance(time.Minute)
	tw.mustLog("update.failed download 1.1.0")
	tw.mustScreen("running 1.0.0")
	if err := tw.phone.Kill("app"); err != nil {
		t.Fatal(err)
	}
	if v, _ := tw.phone.Version("app"); v != "1.0.0" {
		t.Fatalf("after a broken download the phone would launch %q, want 1.0.0", v)
	}
	tw.launch()
	tw.mustScreen("running 1.0.0")

	// The network heals while this cold start's check is still on its way:
	// its download completes, and the next cold start runs 1.1.0.
	proxy.cut.Store(false)
	tw.Advance(time.Minute)
	if err := tw.phone.Kill("app"); err != nil {
		t.Fatal(err)
	}
	tw.launch()
	tw.mustScreen("running 1.1.0")
}
