package fakeserver

import (
	"bytes"
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"

	"miniphone/protocol"
)

// maxRequestBody bounds the body of an answer to wx.request, as the data
// server's bodies are bounded.
const maxRequestBody = maxJSONBody - 4096

// requestKinds maps each kind of answer to wx.request to the field of the
// admin request it needs ("" for none).
var requestKinds = map[string]string{
	"json":    "body",
	"text":    "body",
	"status":  "code",
	"session": "",
}

// RequestConfig is what the fake developer server answers to wx.request at
// one URL, whatever the method and the query:
//   - json: 200 with Body, which must be JSON, as application/json;
//   - text: 200 with Body as text/plain;
//   - status: Code with its status text;
//   - session: the app's own backend trading a login code, as a developer
//     server does: the code the request carries (query, JSON or form body)
//     goes through jscode2session, whose answer is the answer.
type RequestConfig struct {
	URL  string `json:"url"` // https://HOST/PATH or http://…, no query
	Kind string `json:"kind"`
	Body string `json:"body,omitempty"`
	Code int    `json:"code,omitempty"`
}

// requestRequest is the body of POST /admin/request; pointers tell a field
// left out from a zero.
type requestRequest struct {
	URL  string  `json:"url"`
	Kind string  `json:"kind"`
	Body *string `json:"body"`
	Code *int    `json:"code"`
}

func (d requestRequest) config() (RequestConfig, error) {
	u, err := parseDataURL(d.URL)
	if err != nil {
		return RequestConfig{}, err
	}
	if u.Scheme == "cloud" {
		return RequestConfig{}, badRequest("url %q: wx.request reaches https:// or http:// URLs only", d.URL)
	}
	need, ok := requestKinds[d.Kind]
	if !ok {
		return RequestConfig{}, badRequest("kind %q is not one of json, text, status, session", d.Kind)
	}
	switch {
	case need == "body" && d.Body == nil:
		return RequestConfig{}, badRequest("kind %s needs body", d.Kind)
	case need != "body" && d.Body != nil:
		return RequestConfig{}, badRequest("body does not apply to kind %s", d.Kind)
	case need == "code" && d.Code == nil:
		return RequestConfig{}, badRequest("kind %s needs code", d.Kind)
	case need != "code" && d.Code != nil:
		return RequestConfig{}, badRequest("code does not apply to kind %s", d.Kind)
	}
	c := RequestConfig{URL: d.URL, Kind: d.Kind}
	if d.Body != nil {
		c.Body = *d.Body
		if len(c.Body) > maxRequestBody {
			return RequestConfig{}, badRequest("body is %d bytes, more than %d", len(c.Body), maxRequestBody)
		}
		if d.Kind == "json" && !json.Valid([]byte(c.Body)) {
			return RequestConfig{}, badRequest("body of kind json is not JSON: %.60q", c.Body)
		}
	}
	if d.Code != nil {
		c.Code = *d.Code
		if c.Code < 200 || c.Code > 599 {
			return RequestConfig{}, badRequest("code must be an HTTP status from 200 to 599, not %d", c.Code)
		}
	}
	return c, nil
}

// setRequest answers POST /admin/request.
func (s *Server) setRequest(r *http.Request) (any, error) {
	return storeAnswer[requestRequest](s, r, func(c RequestConfig) { s.requests[c.URL] = c })
}

// requestKey is the URL an answer is configured at: the app's URL without
// its query and fragment.
func requestKey(raw string) (string, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return "", badRequest("url %q is not an https:// or http:// URL", raw)
	}
	u.RawQuery, u.Fragment, u.RawFragment, u.ForceQuery = "", "", "", false
	return u.String(), nil
}

// handleRequest answers /dev/request?url=<the URL the app asked for>, in
// any method: wx.request, through the platform, to the fake developer
// server.
func (s *Server) handleRequest(w http.ResponseWriter, r *http.Request) {
	now := phoneTime(r)
	s.noteTime(now)
	target := r.URL.Query().Get("url")
	key, err := requestKey(target)
	if err != nil {
		writeError(w, err)
		return
	}
	s.mu.Lock()
	c, ok := s.requests[key]
	s.mu.Unlock()
	if !ok {
		w.Header().Set(protocol.UnconfiguredHeader, "1")
		writeError(w, notFound("no answer to wx.request is configured at %s", key))
		return
	}
	addNote(w, c.Kind+" for "+r.Method+" "+key)
	switch c.Kind {
	case "json":
		writeBody(w, http.StatusOK, "application/json; charset=utf-8", []byte(c.Body))
	case "text":
		writeBody(w, http.StatusOK, "text/plain; charset=utf-8", []byte(c.Body))
	case "status":
		writeBody(w, c.Code, "text/plain; charset=utf-8", []byte(http.StatusText(c.Code)))
	case "session":
		writeJSON(w, http.StatusOK, s.exchange(appOfReferer(r.Referer()), codeOf(r, target), now))
	}
}

// appOfReferer reads the app id from the Referer a phone sends with
// wx.request, https://servicewechat.com/APPID/VERSION/page-frame.html, as
// a developer server can.
func appOfReferer(ref string) string {
	rest, ok := strings.CutPrefix(ref, "https://servicewechat.com/")
	if !ok {
		return ""
	}
	appid, _, _ := strings.Cut(rest, "/")
	return appid
}

// codeOf finds the login code a request carries to its backend: a "code"
// in the query of the app's URL, or in a JSON or form body.
func codeOf(r *http.Request, target string) string {
	if u, err := url.Parse(target); err == nil {
		if code := u.Query().Get("code"); code != "" {
			return code
		}
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxJSONBody))
	if err != nil {
		return ""
	}
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ct == "application/x-www-form-urlencoded" {
		q, _ := url.ParseQuery(string(body))
		return q.Get("code")
	}
	var fields struct {
		Code string `json:"code"`
	}
	_ = json.NewDecoder(bytes.NewReader(body)).Decode(&fields)
	return fields.Code
}
