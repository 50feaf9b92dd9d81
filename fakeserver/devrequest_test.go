package fakeserver_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"miniphone/fakeserver"
	"miniphone/protocol"
)

func requestURL(target string) string { return "/dev/request?url=" + url.QueryEscape(target) }

func TestRequestConfigRefusals(t *testing.T) {
	h := newHarness(t)
	for body, want := range map[string]string{
		`{"url":"https://a.example/x","kind":"json","body":"{nope"}`:      "body of kind json is not JSON",
		`{"url":"https://a.example/x","kind":"json"}`:                     "kind json needs body",
		`{"url":"https://a.example/x","kind":"text","body":"x","code":1}`: "code does not apply to kind text",
		`{"url":"https://a.example/x","kind":"status"}`:                   "kind status needs code",
		`{"url":"https://a.example/x","kind":"status","code":99}`:         "code must be an HTTP status from 200 to 599",
		`{"url":"https://a.example/x","kind":"session","body":"x"}`:       "body does not apply to kind session",
		`{"url":"https://a.example/x","kind":"bytes"}`:                    `kind "bytes" is not one of json, text, status, session`,
		`{"url":"https://a.example/x?q=1","kind":"session"}`:              "must not have a query",
		`{"url":"cloud://env/f","kind":"session"}`:                        "wx.request reaches https:// or http:// URLs only",
	} {
		rec := h.post("/admin/request", body)
		if rec.Code != http.StatusBadRequest || !strings.Contains(errorOf(t, rec), want) {
			t.Errorf("%s: %d %s, want 400 %q", body, rec.Code, rec.Body, want)
		}
	}
	if got := h.stateJSON(); !strings.Contains(got, `"requests":[]`) {
		t.Errorf("refusals changed the state: %s", got)
	}
}

// An answer holds at its URL for any method and query; the state lists it.
func TestRequestAnswersAtURL(t *testing.T) {
	h := newHarness(t)
	h.mustPost("/admin/request", `{"url":"https://a.example/goods","kind":"json","body":"{\"n\":1}"}`)
	h.mustPost("/admin/request", `{"url":"https://a.example/down","kind":"status","code":502}`)
	for _, method := range []string{http.MethodGet, http.MethodPost, http.MethodDelete} {
		rec := h.do(context.Background(), method, requestURL("https://a.example/goods?page=2#top"), nil)
		if rec.Code != 200 || rec.Body.String() != `{"n":1}` || !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") {
			t.Errorf("%s: %d %q %q", method, rec.Code, rec.Body, rec.Header().Get("Content-Type"))
		}
	}
	if rec := h.get(requestURL("https://a.example/down")); rec.Code != 502 || rec.Body.String() != "Bad Gateway" {
		t.Errorf("status: %d %q", rec.Code, rec.Body)
	}
	rec := h.get(requestURL("https://a.example/other"))
	if rec.Code != 404 || rec.Header().Get(protocol.UnconfiguredHeader) == "" {
		t.Errorf("unconfigured: %d, header %q", rec.Code, rec.Header().Get(protocol.UnconfiguredHeader))
	}
	if rec := h.get(requestURL("ftp://a.example/x")); rec.Code != 400 {
		t.Errorf("an ftp URL: %d", rec.Code)
	}
	if got := h.stateJSON(); !strings.Contains(got, `"requests":[{"url":"https://a.example/down","kind":"status","code":502},{"url":"https://a.example/goods","kind":"json","body":"{\"n\":1}"}]`) {
		t.Errorf("state: %s", got)
	}
}

// wx.request shares the data server's faults.
func TestRequestFaults(t *testing.T) {
	h := newHarness(t)
	h.mustPost("/admin/request", `{"url":"https://a.example/x","kind":"text","body":"ok"}`)
	h.mustPost("/admin/faults", `{"step":"data","fault":"fail"}`)
	if rec := h.get(requestURL("https://a.example/x")); rec.Code != http.StatusServiceUnavailable {
		t.Errorf("fail: %d", rec.Code)
	}
	h.mustPost("/admin/faults", `{"step":"data","fault":"slow"}`)
	if rec := h.get(requestURL("https://a.example/x")); rec.Code != 200 || rec.Header().Get(protocol.BandwidthHeader) != "0.1" {
		t.Errorf("slow: %d %q", rec.Code, rec.Header().Get(protocol.BandwidthHeader))
	}
}

func TestClientSetRequest(t *testing.T) {
	srv, err := fakeserver.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	c := fakeserver.NewClient(srv.URL, "", nil)
	ctx := context.Background()
	for _, r := range []fakeserver.RequestConfig{
		{URL: "https://a.example/j", Kind: "json", Body: "[1]"},
		{URL: "https://a.example/s", Kind: "status", Code: 404},
		{URL: "https://a.example/l", Kind: "session"},
	} {
		if err := c.SetRequest(ctx, r); err != nil {
			t.Errorf("%+v: %v", r, err)
		}
	}
	if err := c.SetRequest(ctx, fakeserver.RequestConfig{URL: "https://a.example/j", Kind: "json", Body: "nope"}); err == nil {
		t.Error("a json body that is not JSON was accepted")
	}
	st, err := c.State(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Requests) != 3 || st.Requests[0].Body != "[1]" {
		t.Errorf("requests %+v", st.Requests)
	}
}
