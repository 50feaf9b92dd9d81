package fakeserver

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"miniphone/protocol"
)

// codeLifetime is how long a wx.login code can be traded, as on WeChat;
// maxCodes bounds the codes kept, however fast a script logs in.
const (
	codeLifetime = 5 * time.Minute
	maxCodes     = 100_000
)

// WeChat's jscode2session error codes.
const (
	errMissingCode = 41008
	errInvalidApp  = 40013
	errInvalidCode = 40029
	errCodeUsed    = 40163
)

// loginCode is a code handed out by /login, waiting to be traded.
type loginCode struct {
	appid, user string
	issued      int64 // phone time, ms
	used        bool
}

// SessionAnswer is the answer of jscode2session, as WeChat words it: the
// user's openid and session key, or an errcode with its errmsg.
type SessionAnswer struct {
	OpenID     string `json:"openid,omitempty"`
	SessionKey string `json:"session_key,omitempty"`
	ErrCode    int    `json:"errcode,omitempty"`
	ErrMsg     string `json:"errmsg,omitempty"`
}

// login answers GET /login?appid=…&user=…&timestamp=…: wx.login on a phone.
// The code depends only on the request and how many came before, so that
// runs repeat byte for byte.
func (s *Server) login(r *http.Request) (any, error) {
	q := r.URL.Query()
	appid, user := q.Get("appid"), q.Get("user")
	ts, err := strconv.ParseInt(q.Get("timestamp"), 10, 64)
	switch {
	case err != nil || ts < 0:
		return nil, badRequest("timestamp must be the phone's time in ms, not %q", q.Get("timestamp"))
	case user == "" || len(user) > maxUserLen:
		return nil, badRequest("user must be 1 to %d bytes", maxUserLen)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.apps[appid]; !ok {
		return nil, notFound("no app %q is registered", appid)
	}
	s.clock = max(s.clock, ts)
	s.pruneCodes()
	s.codeSeq++
	sum := sha256.Sum256(fmt.Appendf(nil, "code\x00%s\x00%s\x00%d\x00%d", appid, user, ts, s.codeSeq))
	code := hex.EncodeToString(sum[:16])
	s.codes[code] = &loginCode{appid: appid, user: user, issued: ts}
	s.codeOrder = append(s.codeOrder, code)
	return protocol.LoginAnswer{Code: code}, nil
}

// pruneCodes forgets the codes that can no longer be traded, oldest first,
// and the oldest beyond maxCodes. Callers hold s.mu.
func (s *Server) pruneCodes() {
	drop := 0
	for _, code := range s.codeOrder {
		c := s.codes[code]
		if len(s.codeOrder)-drop <= maxCodes && s.clock-c.issued <= codeLifetime.Milliseconds() {
			break
		}
		delete(s.codes, code)
		drop++
	}
	s.codeOrder = s.codeOrder[drop:]
}

// jscode2session answers GET /sns/jscode2session?appid=…&secret=…&js_code=…
// &grant_type=authorization_code, as WeChat's endpoint of that name: what
// a developer's backend calls to learn who logged in. The fake platform
// keeps no secrets, so any secret is accepted. The code's age is judged at
// timestamp (the phone time in ms) when given, else at the latest phone
// time the platform has heard of.
func (s *Server) jscode2session(r *http.Request) (any, error) {
	q := r.URL.Query()
	now := int64(-1)
	if t := q.Get("timestamp"); t != "" {
		ts, err := strconv.ParseInt(t, 10, 64)
		if err != nil || ts < 0 {
			return nil, badRequest("timestamp must be a phone time in ms, not %q", t)
		}
		now = ts
	}
	return s.exchange(q.Get("appid"), q.Get("js_code"), now), nil
}

// exchange trades a login code for the user's identity; now < 0 means the
// latest phone time heard of. A code is good once, for codeLifetime, for
// the app it was given to.
func (s *Server) exchange(appid, code string, now int64) SessionAnswer {
	s.mu.Lock()
	defer s.mu.Unlock()
	if now < 0 {
		now = s.clock
	}
	if code == "" {
		return SessionAnswer{ErrCode: errMissingCode, ErrMsg: "missing code"}
	}
	if _, ok := s.apps[appid]; !ok {
		return SessionAnswer{ErrCode: errInvalidApp, ErrMsg: "invalid appid"}
	}
	c, ok := s.codes[code]
	switch {
	case !ok || c.appid != appid || now-c.issued > codeLifetime.Milliseconds():
		return SessionAnswer{ErrCode: errInvalidCode, ErrMsg: "invalid code"}
	case c.used:
		return SessionAnswer{ErrCode: errCodeUsed, ErrMsg: "code been used"}
	}
	c.used = true
	return SessionAnswer{OpenID: OpenID(appid, c.user), SessionKey: sessionKey(code)}
}

// OpenID is the user's id within one app: stable, and different from app
// to app, as WeChat's.
func OpenID(appid, user string) string {
	sum := sha256.Sum256([]byte("openid\x00" + appid + "\x00" + user))
	return "o" + base64.RawURLEncoding.EncodeToString(sum[:])[:27]
}

func sessionKey(code string) string {
	sum := sha256.Sum256([]byte("session\x00" + code))
	return base64.StdEncoding.EncodeToString(sum[:16])
}

// noteTime keeps the latest phone time the platform heard of; -1 (no
// protocol.TimeHeader) is ignored.
func (s *Server) noteTime(ts int64) {
	if ts < 0 {
		return
	}
	s.mu.Lock()
	s.clock = max(s.clock, ts)
	s.mu.Unlock()
}

// phoneTime is the time a request was sent at by its phone, or -1 (the
// latest heard of) when it does not say.
func phoneTime(r *http.Request) int64 {
	ts, err := strconv.ParseInt(r.Header.Get(protocol.TimeHeader), 10, 64)
	if err != nil || ts < 0 {
		return -1
	}
	return ts
}
