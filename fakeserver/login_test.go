package fakeserver_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"miniphone/fakeserver"
	"miniphone/protocol"
)

// login asks for a code as a phone does, at phone time ms.
func (h *harness) login(appid, user string, ms int64) string {
	h.t.Helper()
	var a protocol.LoginAnswer
	decode(h.t, h.ok(h.get(fmt.Sprintf("/login?appid=%s&user=%s&timestamp=%d", appid, user, ms))), &a)
	if a.Code == "" {
		h.t.Fatal("no code")
	}
	return a.Code
}

func (h *harness) session(query string) fakeserver.SessionAnswer {
	h.t.Helper()
	var s fakeserver.SessionAnswer
	decode(h.t, h.ok(h.get("/sns/jscode2session?grant_type=authorization_code&secret=s&"+query)), &s)
	return s
}

func TestJSCode2Session(t *testing.T) {
	h := newHarness(t)
	h.register("demo", false)
	h.register("other", false)
	const t0 = 1_800_000_000_000
	code := h.login("demo", "u1", t0)
	late := h.login("demo", "u1", t0)
	if late == code {
		t.Fatal("two logins gave the same code")
	}
	tests := []struct {
		query string
		want  fakeserver.SessionAnswer
	}{
		{"appid=demo", fakeserver.SessionAnswer{ErrCode: 41008, ErrMsg: "missing code"}},
		{"appid=nope&js_code=" + code, fakeserver.SessionAnswer{ErrCode: 40013, ErrMsg: "invalid appid"}},
		{"appid=other&js_code=" + code, fakeserver.SessionAnswer{ErrCode: 40029, ErrMsg: "invalid code"}},
		{"appid=demo&js_code=made-up", fakeserver.SessionAnswer{ErrCode: 40029, ErrMsg: "invalid code"}},
		{fmt.Sprintf("appid=demo&js_code=%s&timestamp=%d", code, t0+300_000), fakeserver.SessionAnswer{OpenID: fakeserver.OpenID("demo", "u1")}},
		{"appid=demo&js_code=" + code, fakeserver.SessionAnswer{ErrCode: 40163, ErrMsg: "code been used"}},
		{fmt.Sprintf("appid=demo&js_code=%s&timestamp=%d", late, t0+300_001), fakeserver.SessionAnswer{ErrCode: 40029, ErrMsg: "invalid code"}},
	}
	for _, tt := range tests {
		got := h.session(tt.query)
		if got.SessionKey != "" && tt.want.OpenID != "" {
			tt.want.SessionKey = got.SessionKey
		}
		if got != tt.want {
			t.Errorf("%s: %+v, want %+v", tt.query, got, tt.want)
		}
	}
	if rec := h.get("/sns/jscode2session?appid=demo&js_code=x&timestamp=soon"); rec.Code != http.StatusBadRequest {
		t.Errorf("a bad timestamp: %d", rec.Code)
	}
}

func TestOpenID(t *testing.T) {
	a, b, c := fakeserver.OpenID("demo", "u1"), fakeserver.OpenID("demo", "u2"), fakeserver.OpenID("other", "u1")
	if len(a) != 28 || !strings.HasPrefix(a, "o") || a == b || a == c || a != fakeserver.OpenID("demo", "u1") {
		t.Errorf("openids %q %q %q", a, b, c)
	}
}

// Without a timestamp, a code's age is judged at the latest phone time
// the platform heard of: a later login moves it on.
func TestCodeExpiresByPhoneTime(t *testing.T) {
	h := newHarness(t)
	h.register("demo", false)
	code := h.login("demo", "u1", 1000)
	h.login("demo", "u2", 1000+6*60*1000)
	if got := h.session("appid=demo&js_code=" + code); got.ErrCode != 40029 {
		t.Errorf("an expired code: %+v", got)
	}
}

func TestLoginRefusals(t *testing.T) {
	h := newHarness(t)
	h.register("demo", false)
	for target, want := range map[string]int{
		"/login?appid=demo&user=u1":                                           http.StatusBadRequest,
		"/login?appid=demo&user=&timestamp=1":                                 http.StatusBadRequest,
		"/login?appid=nope&user=u1&timestamp=1":                               http.StatusNotFound,
		"/login?appid=demo&user=u1&timestamp=-5":                              http.StatusBadRequest,
		"/login?appid=demo&user=" + strings.Repeat("u", 200) + "&timestamp=1": http.StatusBadRequest,
	} {
		if rec := h.get(target); rec.Code != want {
			t.Errorf("%.60s: %d, want %d", target, rec.Code, want)
		}
	}
}

// The session kind is a backend that trades the code it receives.
func TestSessionKind(t *testing.T) {
	h := newHarness(t)
	h.register("demo", false)
	h.mustPost("/admin/request", `{"url":"https://a.example/login","kind":"session"}`)
	code := h.login("demo", "u1", 1000)
	body, _ := json.Marshal(map[string]string{"code": code})
	req := clientRequest(context.Background(), http.MethodPost, requestURL("https://a.example/login"), body)
	req.Header.Set("Referer", "https://servicewechat.com/demo/1.0.0/page-frame.html")
	req.Header.Set(protocol.TimeHeader, "2000")
	var got fakeserver.SessionAnswer
	decode(t, serve(h.s, req), &got)
	if got.OpenID != fakeserver.OpenID("demo", "u1") {
		t.Errorf("session: %+v", got)
	}
}
