package fakeserver_test

import (
	"bytes"
	"net/http"
	"net/url"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"
)

// devURL is how a phone reaches a developer URL through the platform: the
// original URL without its query, then the phone's own parameters.
func devURL(target string, params url.Values) string {
	return "/dev?url=" + url.QueryEscape(target) + "&" + params.Encode()
}

func TestDevTemplateGetsValuesIntact(t *testing.T) {
	h := newHarness(t)
	template := "appid={{appid}} token={{token}} code={{code}} ts={{timestamp}} path={{path}} query={{query}} scene={{scene}} {{unknown}}"
	h.mustPost("/admin/data", `{"url":"https://x.example/api","kind":"text","template":"`+template+`"}`)

	token := "a&b=c d 令牌?%+/"
	params := url.Values{
		"appid": {"demo"}, "token": {token}, "timestamp": {"1700000000123"},
		"path": {"pages/index/index"}, "query": {"x=1&y=二"}, "scene": {"1001"},
	}
	rec := h.ok(h.get(devURL("https://x.example/api", params)))
	want := "appid=demo token=" + token + " code= ts=1700000000123 path=pages/index/index query=x=1&y=二 scene=1001 {{unknown}}"
	if got := rec.Body.String(); got != want {
		t.Errorf("body\n got %q\nwant %q", got, want)
	}
	if ct := rec.Header().Get("Content-Type"); ct != "text/plain; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
}

func TestDevKinds(t *testing.T) {
	h := newHarness(t)
	h.mustPost("/admin/data", `{"url":"https://x.example/big","kind":"bytes","n":300000}`)
	h.mustPost("/admin/data", `{"url":"https://x.example/bin","kind":"binary","n":64}`)
	h.mustPost("/admin/data", `{"url":"https://x.example/down","kind":"status","code":500}`)
	h.mustPost("/admin/data", `{"url":"cloud://env-1/getData","kind":"text","template":"cloud {{appid}}"}`)
	params := url.Values{"appid": {"demo"}}

	big := h.ok(h.get(devURL("https://x.example/big", params)))
	if n := big.Body.Len(); n != 300000 {
		t.Errorf("bytes: %d bytes, want 300000", n)
	}
	for i, b := range big.Body.Bytes() {
		if b < ' ' || b > '~' {
			t.Fatalf("bytes: byte %d is %#x, not printable ASCII", i, b)
		}
	}

	bin := h.ok(h.get(devURL("https://x.example/bin", params)))
	if body := bin.Body.Bytes(); len(body) != 64 || !bytes.Contains(body, []byte{0}) || utf8.Valid(body) {
		t.Errorf("binary: %d bytes, NUL %v, valid UTF-8 %v", len(body), bytes.Contains(body, []byte{0}), utf8.Valid(body))
	}
	if ct := bin.Header().Get("Content-Type"); ct != "application/octet-stream" {
		t.Errorf("binary Content-Type %q", ct)
	}

	if rec := h.get(devURL("https://x.example/down", params)); rec.Code != 500 {
		t.Errorf("status: %d, want 500", rec.Code)
	}
	if rec := h.ok(h.get(devURL("cloud://env-1/getData", params))); rec.Body.String() != "cloud demo" {
		t.Errorf("cloud: %q", rec.Body)
	}

	// Reconfiguring a URL replaces what it answers.
	h.mustPost("/admin/data", `{"url":"https://x.example/down","kind":"text","template":"up"}`)
	if rec := h.ok(h.get(devURL("https://x.example/down", params))); rec.Body.String() != "up" {
		t.Errorf("after reconfiguring: %q", rec.Body)
	}
}

func TestDevRefuses(t *testing.T) {
	h := newHarness(t)
	tests := []struct {
		target string
		status int
		want   string
	}{
		{devURL("https://x.example/none", nil), 404, "no developer server is configured at https://x.example/none"},
		{"/dev?appid=demo", 400, "query parameter url is required"},
	}
	for _, tt := range tests {
		rec := h.get(tt.target)
		if msg := errorOf(t, rec); rec.Code != tt.status || !strings.Contains(msg, tt.want) {
			t.Errorf("GET %s = %d %q, want %d %q", tt.target, rec.Code, msg, tt.status, tt.want)
		}
	}
}

// maxDataBytes is the platform's cap on a generated body.
const maxDataBytes = 8 << 20

// A template fills up to the cap and no further. Past it the platform must
// stop writing at once: a template of many placeholders and a long token
// once built a body of gigabytes, because the filling wrote around the cap.
func TestDevTemplateIsCapped(t *testing.T) {
	const repeats = 512
	token := strings.Repeat("t", maxDataBytes/repeats)
	fill := strings.Repeat("{{token}}", repeats)
	params := url.Values{"token": {token}}
	tests := []struct {
		name, template string
		status         int
	}{
		{"exactly the cap", fill, http.StatusOK},
		{"one byte over", fill + "!", http.StatusInternalServerError},
		// The shape of the request that once built gigabytes: many
		// placeholders, each filled with a long token.
		{"far over", strings.Repeat(fill, 64), http.StatusInternalServerError},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t)
			h.mustPost("/admin/data", `{"url":"https://x.example/api","kind":"text","template":"`+tt.template+`"}`)

			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			rec := h.get(devURL("https://x.example/api", params))
			runtime.ReadMemStats(&after)

			// Filling a growing buffer up to the cap allocates a few times
			// the cap (twice as much under the race detector); the far
			// over template alone would take 64 times.
			if n := after.TotalAlloc - before.TotalAlloc; n > 16*maxDataBytes {
				t.Errorf("answering allocated %d bytes, more than 16 times the cap", n)
			}
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d; %d bytes", rec.Code, tt.status, rec.Body.Len())
			}
			if rec.Code == http.StatusOK {
				if rec.Body.Len() != maxDataBytes {
					t.Errorf("body has %d bytes, want %d", rec.Body.Len(), maxDataBytes)
				}
			} else if msg := errorOf(t, rec); !strings.Contains(msg, "larger than 8388608 bytes") {
				t.Errorf("error %q does not name the cap", msg)
			}
		})
	}
}
