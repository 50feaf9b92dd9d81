// Package netsim gives a phone its network: requests are real HTTP requests
// to the platform (through its handler in memory when it runs in the same
// process, over loopback when it is another), and the time they would take
// on the phone's network profile (round trip plus size over bandwidth) is
// computed for the virtual clock instead of being waited for.
package netsim

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"miniphone/protocol"
)

// Profile is a kind of network with its speed.
type Profile struct {
	Name      string
	Bandwidth int64 // bytes per second; 0 means no connectivity
	RTT       time.Duration
}

// Profiles lists the networks a phone can be on, fastest first.
var Profiles = []Profile{
	{Name: "wifi", Bandwidth: 4 << 20, RTT: 30 * time.Millisecond},
	{Name: "4g", Bandwidth: 1 << 20, RTT: 60 * time.Millisecond},
	{Name: "3g", Bandwidth: 128 << 10, RTT: 200 * time.Millisecond},
	{Name: "2g", Bandwidth: 8 << 10, RTT: 600 * time.Millisecond},
	{Name: "offline"},
}

// Lookup finds a profile by name.
func Lookup(name string) (Profile, error) {
	for _, p := range Profiles {
		if p.Name == name {
			return p, nil
		}
	}
	return Profile{}, fmt.Errorf("unknown network %q (want wifi, 4g, 3g, 2g or offline)", name)
}

// Names lists the profile names, for help texts.
func Names() []string {
	names := make([]string, len(Profiles))
	for i, p := range Profiles {
		names[i] = p.Name
	}
	return names
}

// BandwidthFactorHeader lets the platform's "slow" fault reach the phone's
// model of time: the server never sleeps, it says how much slower the link
// is, and the phone charges the transfer accordingly.
const BandwidthFactorHeader = protocol.BandwidthHeader

// A phone on a virtual clock says so, and the platform answers a "timeout"
// fault at once with its fault header instead of holding the request open
// in real time.
const (
	virtualTimeHeader = protocol.VirtualTimeHeader
	faultHeader       = protocol.FaultHeader
)

// Result is a finished request: what came back and how long it took on the
// phone's network. Err is set for offline, a timeout or a transport error;
// a non-2xx status is not an Err.
type Result struct {
	Status   int
	Header   http.Header
	Body     []byte
	Duration time.Duration
	Err      error
	// Factor is the share of the bandwidth the server granted: below 1
	// under its "slow" fault.
	Factor float64
}

// ErrOffline is the result of any request made without connectivity.
var ErrOffline = errors.New("network is offline")

// ErrTimeout is a request the server never answered.
var ErrTimeout = errors.New("request timed out")

// Link sends a phone's requests.
type Link struct {
	Client *http.Client
	// GiveUp is how long, in real time, to wait for an answer before the
	// request counts as timed out. Loopback answers in microseconds, so only
	// the platform's "timeout" fault ever reaches it.
	GiveUp time.Duration
	// Timeout is the virtual time a timed-out request costs the phone.
	Timeout time.Duration
	// MaxBody bounds what is read from a response, so that a hostile server
	// cannot exhaust memory.
	MaxBody int64
}

// Get fetches url over profile p.
func (l *Link) Get(p Profile, url string) Result {
	return l.get(p, url, "")
}

// GetRange fetches the n bytes of url from offset from: one chunk of a
// download. Only exactly that range (206 Partial Content) is a success; a
// server that answers the whole body or another range gives an Err. An
// error status is kept in Status, as Get keeps it.
func (l *Link) GetRange(p Profile, url string, from, n int64) Result {
	last := from + n - 1
	res := l.get(p, url, fmt.Sprintf("bytes=%d-%d", from, last))
	if res.Err != nil || res.Status/100 != 2 {
		return res
	}
	want := fmt.Sprintf("bytes %d-%d/", from, last)
	if got := res.Header.Get("Content-Range"); res.Status != http.StatusPartialContent ||
		!strings.HasPrefix(got, want) || int64(len(res.Body)) != n {
		return Result{
			Err:      fmt.Errorf("asked for bytes %d-%d, got HTTP %d %q with %d bytes", from, last, res.Status, got, len(res.Body)),
			Duration: res.Duration,
		}
	}
	return res
}

// get sends a GET, with a Range header unless byteRange is empty.
func (l *Link) get(p Profile, url, byteRange string) Result {
	req := Request{Method: http.MethodGet, URL: url}
	if byteRange != "" {
		req.Header = http.Header{"Range": {byteRange}}
	}
	return l.Do(p, req)
}

// Request is a request of a phone's own: a mini-program's wx.request.
type Request struct {
	Method string
	URL    string
	Header http.Header
	Body   []byte
}

// Do sends req over profile p. The time charged is the round trip plus
// what went up and what came down over the bandwidth.
func (l *Link) Do(p Profile, r Request) Result {
	if p.Bandwidth == 0 {
		return Result{Err: ErrOffline}
	}
	if int64(len(r.Body)) > l.MaxBody {
		return Result{Err: fmt.Errorf("request body larger than %d bytes", l.MaxBody), Duration: p.RTT}
	}
	ctx, cancel := context.WithTimeout(context.Background(), l.GiveUp)
	defer cancel()
	var body io.Reader
	if r.Body != nil {
		body = bytes.NewReader(r.Body)
	}
	req, err := http.NewRequestWithContext(ctx, r.Method, r.URL, body)
	if err != nil {
		return Result{Err: err, Duration: p.RTT}
	}
	for k, vs := range r.Header {
		req.Header[k] = vs
	}
	req.Header.Set(virtualTimeHeader, "1")
	resp, err := l.Client.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return Result{Err: ErrTimeout, Duration: l.Timeout}
		}
		return Result{Err: err, Duration: p.RTT}
	}
	defer resp.Body.Close()
	if resp.Header.Get(faultHeader) == "timeout" {
		return Result{Err: ErrTimeout, Duration: l.Timeout}
	}
	got, err := io.ReadAll(io.LimitReader(resp.Body, l.MaxBody+1))
	if err != nil {
		if ctx.Err() != nil {
			return Result{Err: ErrTimeout, Duration: l.Timeout}
		}
		return Result{Err: err, Duration: p.RTT}
	}
	if int64(len(got)) > l.MaxBody {
		return Result{Err: fmt.Errorf("response larger than %d bytes", l.MaxBody), Duration: p.RTT}
	}
	f := factor(resp.Header)
	return Result{
		Status:   resp.StatusCode,
		Header:   resp.Header,
		Body:     got,
		Duration: TransferTime(p, int64(len(r.Body)+len(got)), f),
		Factor:   f,
	}
}

// TransferTime is the round trip plus size over the bandwidth, scaled by the
// server's bandwidth factor.
func TransferTime(p Profile, size int64, factor float64) time.Duration {
	return p.RTT + transfer(size, float64(p.Bandwidth)*factor)
}

// transfer is how long size bytes take at rate bytes per second, to the
// millisecond so that transcripts stay readable. Without a rate nothing
// moves, and that takes no time.
func transfer(size int64, rate float64) time.Duration {
	if rate <= 0 {
		return 0
	}
	return time.Duration(float64(size) / rate * float64(time.Second)).Round(time.Millisecond)
}

// Stream times a body that arrives in chunks while the network under it
// may change. The round trip comes once, before the first byte; after it,
// each chunk arrives at the rate in force when it was asked for. At one
// rate throughout, the last byte arrives when TransferTime says the whole
// body would: each arrival is counted from the last change of rate, so
// rounding never adds up.
type Stream struct {
	started bool
	since   time.Duration // when the current rate took over
	base    int64         // the bytes that had arrived by then
	rate    float64       // bytes per second
}

// Arrival is when the bytes up to end will have arrived, for a chunk asked
// for at now, after the first arrived bytes, over p at the server's
// bandwidth factor.
func (s *Stream) Arrival(now time.Duration, p Profile, factor float64, arrived, end int64) time.Duration {
	rate := float64(p.Bandwidth) * factor
	switch {
	case !s.started:
		s.started, s.since, s.base = true, now+p.RTT, arrived
	case rate != s.rate:
		s.since, s.base = now, arrived
	}
	s.rate = rate
	return s.since + transfer(end-s.base, rate)
}

// minFactor bounds how much slower a server can say the link is, so that a
// garbled header cannot make a transfer last for ever.
const minFactor = 0.001

func factor(h http.Header) float64 {
	f, err := strconv.ParseFloat(h.Get(BandwidthFactorHeader), 64)
	if err != nil || !(f > 0 && f <= 1) { // also refuses NaN
		return 1
	}
	return max(f, minFactor)
}
