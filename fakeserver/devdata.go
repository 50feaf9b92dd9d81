package fakeserver

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// maxDataBytes bounds a generated body; 256 KB is the phone's cache limit,
// so a few MB is enough to test what lies beyond it.
const maxDataBytes = 8 << 20

// dataKinds maps each kind of answer the fake developer server gives to
// the one field of the request it needs.
var dataKinds = map[string]string{
	"text":   "template",
	"bytes":  "n",
	"binary": "n",
	"status": "code",
}

// DataConfig is what the fake developer server answers at one URL.
type DataConfig struct {
	URL      string `json:"url"` // https://…, http://… or cloud://ENV/NAME
	Kind     string `json:"kind"`
	Template string `json:"template,omitempty"` // text
	N        int    `json:"n,omitempty"`        // bytes, binary
	Code     int    `json:"code,omitempty"`     // status
}

// dataRequest is the body of POST /admin/data. Pointers tell a field left
// out from a zero, so that each kind gets exactly the field it needs.
type dataRequest struct {
	URL      string  `json:"url"`
	Kind     string  `json:"kind"`
	Template *string `json:"template"`
	N        *int    `json:"n"`
	Code     *int    `json:"code"`
}

func (d dataRequest) config() (DataConfig, error) {
	if _, err := parseDataURL(d.URL); err != nil {
		return DataConfig{}, err
	}
	need, ok := dataKinds[d.Kind]
	if !ok {
		return DataConfig{}, badRequest("kind %q is not one of text, bytes, binary, status", d.Kind)
	}
	for _, f := range []struct {
		name string
		set  bool
	}{{"template", d.Template != nil}, {"n", d.N != nil}, {"code", d.Code != nil}} {
		switch {
		case f.name == need && !f.set:
			return DataConfig{}, badRequest("kind %s needs %s", d.Kind, need)
		case f.name != need && f.set:
			return DataConfig{}, badRequest("%s does not apply to kind %s", f.name, d.Kind)
		}
	}
	c := DataConfig{URL: d.URL, Kind: d.Kind}
	switch need {
	case "template":
		c.Template = *d.Template
	case "n":
		c.N = *d.N
		if c.N < 0 || c.N > maxDataBytes {
			return DataConfig{}, badRequest("n must be 0 to %d bytes, not %d", maxDataBytes, c.N)
		}
	case "code":
		c.Code = *d.Code
		if c.Code < 200 || c.Code > 599 {
			return DataConfig{}, badRequest("code must be an HTTP status from 200 to 599, not %d", c.Code)
		}
	}
	return c, nil
}

// setData answers POST /admin/data.
func (s *Server) setData(r *http.Request) (any, error) {
	return storeAnswer[dataRequest](s, r, func(c DataConfig) { s.data[c.URL] = c })
}

// storeAnswer decodes what the developer server is to answer at a URL,
// checks it, and keeps it with put under the server's lock: the data
// server's answers and wx.request's are configured alike. A refused
// answer changes nothing.
func storeAnswer[Req interface{ config() (C, error) }, C any](s *Server, r *http.Request, put func(C)) (any, error) {
	var req Req
	if err := decodeBody(r, &req); err != nil {
		return nil, err
	}
	c, err := req.config()
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	put(c)
	return c, nil
}

// handleDev answers GET /dev?url=<developer URL>&<the phone's parameters>:
// the phone reaches every developer URL, https or cloud, through here.
func (s *Server) handleDev(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	target := q.Get("url")
	if target == "" {
		writeError(w, badRequest("query parameter url is required"))
		return
	}
	s.mu.Lock()
	c, ok := s.data[target]
	s.mu.Unlock()
	if !ok {
		writeError(w, notFound("no developer server is configured at %s", target))
		return
	}
	addNote(w, c.Kind+" from "+target)
	switch c.Kind {
	case "text":
		body, err := fillTemplate(c.Template, q)
		if err != nil {
			writeError(w, refuse(http.StatusInternalServerError, "%v", err))
			return
		}
		writeBody(w, http.StatusOK, "text/plain; charset=utf-8", body)
	case "bytes":
		writeBody(w, http.StatusOK, "text/plain; charset=utf-8", printable(c.N))
	case "binary":
		writeBody(w, http.StatusOK, "application/octet-stream", binary(c.N))
	case "status":
		writeBody(w, c.Code, "text/plain; charset=utf-8", []byte(http.StatusText(c.Code)))
	}
}

// templateFields are the placeholders a text template may hold, each
// filled with the query parameter of that name as the phone sent it.
var templateFields = []string{"appid", "token", "code", "timestamp", "path", "query", "scene"}

// fillTemplate is bounded like every generated body: a template of many
// placeholders filled with a long query value would otherwise let one
// request build gigabytes.
func fillTemplate(template string, q url.Values) ([]byte, error) {
	pairs := make([]string, 0, 2*len(templateFields))
	for _, f := range templateFields {
		pairs = append(pairs, "{{"+f+"}}", q.Get(f))
	}
	out := &cappedBuffer{max: maxDataBytes}
	if _, err := strings.NewReplacer(pairs...).WriteString(out, template); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// cappedBuffer refuses to grow past max bytes. It holds its buffer rather
// than embedding it: the promoted WriteString, ReadFrom and WriteByte would
// write around the cap, and strings.Replacer uses WriteString when it can.
type cappedBuffer struct {
	buf bytes.Buffer
	max int
}

func (c *cappedBuffer) Write(p []byte) (int, error) {
	if err := c.room(len(p)); err != nil {
		return 0, err
	}
	return c.buf.Write(p)
}

func (c *cappedBuffer) WriteString(s string) (int, error) {
	if err := c.room(len(s)); err != nil {
		return 0, err
	}
	return c.buf.WriteString(s)
}

// room refuses a write of n more bytes that would pass the cap, before
// anything of it is written.
func (c *cappedBuffer) room(n int) error {
	if c.buf.Len()+n > c.max {
		return fmt.Errorf("the filled template would be larger than %d bytes", c.max)
	}
	return nil
}

func (c *cappedBuffer) Bytes() []byte { return c.buf.Bytes() }

// printable returns n bytes of printable ASCII.
func printable(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(' ' + i%('~'-' '+1))
	}
	return b
}

// binaryPattern starts with a NUL and bytes that are not UTF-8, so that
// even a short body is one the phone must refuse to cache as text.
var binaryPattern = []byte{0x00, 0xff, 0xfe, 0xc3, 0x28, 0x80, 'b', 'i', 'n'}

// binary returns n bytes of binaryPattern repeated.
func binary(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = binaryPattern[i%len(binaryPattern)]
	}
	return b
}
