package protocol

import (
	"bytes"
	"io"
	"net/http"
	"strconv"
)

// InProcessURL is the base URL of a platform reached through InMemory: a
// name that no resolver answers, so that a request meant for it can never
// leave the process by mistake.
const InProcessURL = "http://platform.invalid"

// InMemory is a RoundTripper that hands each request to h in the caller's
// goroutine and returns what h wrote: the same requests, headers, status
// codes and bodies as over a socket, without the socket. It is how a phone
// talks to a platform in the same process; across processes it talks over
// loopback.
type InMemory struct {
	Handler http.Handler
}

// InProcessClient is a client whose requests h serves through InMemory:
// the phones and the admin calls of a platform in the same process.
func InProcessClient(h http.Handler) *http.Client {
	return &http.Client{Transport: InMemory{Handler: h}}
}

// RoundTrip serves req. The request reaches the handler as a server would
// give it: with its RequestURI and Host set, and its context, so that a
// handler that holds a request ends when the caller gives up.
func (t InMemory) RoundTrip(req *http.Request) (*http.Response, error) {
	in := req.Clone(req.Context())
	in.RequestURI = req.URL.RequestURI()
	in.Host = req.URL.Host
	in.RemoteAddr = "in-process"
	if in.Body == nil {
		in.Body = http.NoBody
	}
	w := &recorder{header: http.Header{}}
	t.Handler.ServeHTTP(w, in)
	if req.Body != nil {
		req.Body.Close()
	}
	if err := req.Context().Err(); err != nil {
		return nil, err // the caller gave up: over a socket it gets no answer either
	}
	w.WriteHeader(http.StatusOK) // a handler that wrote nothing answered 200
	body := w.body.Bytes()
	if _, typed := w.sent["Content-Type"]; !typed && len(body) > 0 {
		// As net/http's server does for a handler that names no type.
		w.sent.Set("Content-Type", http.DetectContentType(body))
	}
	return &http.Response{
		Status:        strconv.Itoa(w.status) + " " + http.StatusText(w.status),
		StatusCode:    w.status,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        w.sent,
		Body:          io.NopCloser(bytes.NewReader(body)),
		ContentLength: int64(len(body)),
		Request:       req,
	}, nil
}

// recorder is the ResponseWriter of one in-memory request.
type recorder struct {
	header http.Header
	sent   http.Header // header as it was when the status was written: later changes are not sent, as over a socket
	status int
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header { return r.header }

func (r *recorder) WriteHeader(status int) {
	if r.status != 0 {
		return
	}
	r.status = status
	r.sent = r.header.Clone()
}

func (r *recorder) Write(p []byte) (int, error) {
	if r.status == 0 {
		r.WriteHeader(http.StatusOK)
	}
	return r.body.Write(p)
}
