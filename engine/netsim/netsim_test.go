package netsim

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestLookup(t *testing.T) {
	tests := []struct {
		name      string
		bandwidth int64
		rtt       time.Duration
		wantErr   bool
	}{
		{"wifi", 4 << 20, 30 * time.Millisecond, false},
		{"4g", 1 << 20, 60 * time.Millisecond, false},
		{"3g", 128 << 10, 200 * time.Millisecond, false},
		{"2g", 8 << 10, 600 * time.Millisecond, false},
		{"offline", 0, 0, false},
		{"5g", 0, 0, true},
		{"", 0, 0, true},
		{"wifi ", 0, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Lookup(tt.name)
			if tt.wantErr {
				if err == nil {
					t.Fatalf("Lookup(%q) = %+v, want an error", tt.name, p)
				}
				if !strings.Contains(err.Error(), "unknown network") || !strings.Contains(err.Error(), "wifi, 4g, 3g, 2g or offline") {
					t.Errorf("error %q does not name the problem and the choices", err)
				}
				if p != (Profile{}) {
					t.Errorf("Lookup(%q) returned %+v with its error", tt.name, p)
				}
				return
			}
			if err != nil {
				t.Fatalf("Lookup(%q): %v", tt.name, err)
			}
			if p.Name != tt.name || p.Bandwidth != tt.bandwidth || p.RTT != tt.rtt {
				t.Errorf("Lookup(%q) = %+v, want bandwidth %d, rtt %v", tt.name, p, tt.bandwidth, tt.rtt)
			}
		})
	}
}

func TestNames(t *testing.T) {
	want := []string{"wifi", "4g", "3g", "2g", "offline"}
	if got := Names(); !slices.Equal(got, want) {
		t.Errorf("Names() = %q, want %q", got, want)
	}
	// Fastest first.
	for i := 1; i < len(Profiles); i++ {
		if Profiles[i].Bandwidth > Profiles[i-1].Bandwidth {
			t.Errorf("%s is faster than %s, which is listed before it", Profiles[i].Name, Profiles[i-1].Name)
		}
	}
}

func TestTransferTime(t *testing.T) {
	wifi := Profile{Name: "wifi", Bandwidth: 4 << 20, RTT: 30 * time.Millisecond}
	twoG := Profile{Name: "2g", Bandwidth: 8 << 10, RTT: 600 * time.Millisecond}
	tests := []struct {
		name   string
		p      Profile
		size   int64
		factor float64
		want   time.Duration
	}{
		{"empty body is one round trip", wifi, 0, 1, 30 * time.Millisecond},
		{"one second of bandwidth", wifi, 4 << 20, 1, 1030 * time.Millisecond},
		{"half a second", wifi, 2 << 20, 1, 530 * time.Millisecond},
		{"2g kilobyte", twoG, 1024, 1, 725 * time.Millisecond},
		{"a tenth of the bandwidth", wifi, 4 << 20, 0.1, 10030 * time.Millisecond},
		{"half the bandwidth", twoG, 8 << 10, 0.5, 2600 * time.Millisecond},
		{"rounded to the millisecond, down", wifi, 1, 1, 30 * time.Millisecond},
		{"rounded to the millisecond, up", wifi, 4 << 10, 1, 31 * time.Millisecond}, // 0.977ms
		{"no bandwidth is only the round trip", Profile{RTT: time.Second}, 1 << 20, 1, time.Second},
		{"zero factor is only the round trip", wifi, 1 << 20, 0, 30 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := TransferTime(tt.p, tt.size, tt.factor); got != tt.want {
				t.Errorf("TransferTime(%s, %d, %g) = %v, want %v", tt.p.Name, tt.size, tt.factor, got, tt.want)
			}
		})
	}
}

// testLink is a link to srv with generous limits; tests narrow them.
func testLink(srv *httptest.Server) *Link {
	return &Link{Client: srv.Client(), GiveUp: 10 * time.Second, Timeout: 30 * time.Second, MaxBody: 1 << 20}
}

var wifi = Profile{Name: "wifi", Bandwidth: 4 << 20, RTT: 30 * time.Millisecond}

// The bandwidth factor header scales the transfer; values outside (0, 1]
// or unparsable count as 1.
func TestGetBandwidthFactor(t *testing.T) {
	body := strings.Repeat("x", 4<<10) // ~1ms at full wifi speed
	tests := []struct {
		header string
		want   time.Duration
	}{
		{"", 31 * time.Millisecond},
		{"1", 31 * time.Millisecond},
		{"0.1", 40 * time.Millisecond},
		{"0.5", 32 * time.Millisecond},
		{"0.01", 128 * time.Millisecond},
		{"0", 31 * time.Millisecond},
		{"-0.5", 31 * time.Millisecond},
		{"2", 31 * time.Millisecond},
		{"1.0001", 31 * time.Millisecond},
		{"+Inf", 31 * time.Millisecond},
		{"-Inf", 31 * time.Millisecond},
		{"slow", 31 * time.Millisecond},
		{"0.1x", 31 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.header, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if tt.header != "" {
					w.Header().Set(BandwidthFactorHeader, tt.header)
				}
				_, _ = w.Write([]byte(body))
			}))
			defer srv.Close()
			res := testLink(srv).Get(wifi, srv.URL)
			if res.Err != nil {
				t.Fatal(res.Err)
			}
			if res.Duration != tt.want {
				t.Errorf("factor %q: Duration = %v, want %v", tt.header, res.Duration, tt.want)
			}
		})
	}
}

// A garbled factor header must never make a transfer cost less than its
// round trip, let alone a negative time.
func TestGetBandwidthFactorGarbled(t *testing.T) {
	body := strings.Repeat("x", 4<<10)
	for _, header := range []string{"NaN", "1e-300"} {
		t.Run(header, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set(BandwidthFactorHeader, header)
				_, _ = w.Write([]byte(body))
			}))
			defer srv.Close()
			res := testLink(srv).Get(wifi, srv.URL)
			if res.Err != nil {
				t.Fatal(res.Err)
			}
			if res.Duration < wifi.RTT {
				t.Errorf("factor %q: Duration = %v, less than the round trip %v", header, res.Duration, wifi.RTT)
			}
		})
	}
}

func TestGetOffline(t *testing.T) {
	var requests atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
	}))
	defer srv.Close()
	offline, err := Lookup("offline")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []Profile{offline, {Name: "custom", RTT: time.Second}} {
		res := testLink(srv).Get(p, srv.URL)
		if !errors.Is(res.Err, ErrOffline) {
			t.Errorf("%s: Err = %v, want ErrOffline", p.Name, res.Err)
		}
		if res.Status != 0 || res.Body != nil || res.Duration != 0 {
			t.Errorf("%s: result %+v, want only the error", p.Name, res)
		}
	}
	if n := requests.Load(); n != 0 {
		t.Errorf("the server saw %d requests from an offline phone", n)
	}
}

func TestGet(t *testing.T) {
	tests := []struct {
		name    string
		handler http.HandlerFunc
		link    func(*Link)
		// wantErr is the error Err must match with errors.Is, errAny any
		// non-nil error, neither no error.
		wantErr    error
		errAny     bool
		wantStatus int
		wantBody   string
		wantDur    time.Duration
	}{
		{
			name: "ok",
			handler: func(w http.ResponseWriter, r *http.Request) {
				_, _ = w.Write([]byte(strings.Repeat("a", 2<<20)))
			},
			wantStatus: 200, wantBody: strings.Repeat("a", 2<<20), wantDur: 530 * time.Millisecond,
			link: func(l *Link) { l.MaxBody = 4 << 20 },
		},
		{
			name: "timeout fault",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("X-Miniphone-Fault", "timeout")
				w.WriteHeader(http.StatusGatewayTimeout)
				_, _ = w.Write([]byte("never mind"))
			},
			link:    func(l *Link) { l.Timeout = 42 * time.Second },
			wantErr: ErrTimeout, wantDur: 42 * time.Second,
		},
		{
			name: "other fault header is not a timeout",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("X-Miniphone-Fault", "fail")
				w.WriteHeader(http.StatusInternalServerError)
			},
			wantStatus: 500, wantDur: 30 * time.Millisecond,
		},
		{
			name: "non-2xx is not an error",
			handler: func(w http.ResponseWriter, r *http.Request) {
				http.Error(w, "nope", http.StatusServiceUnavailable)
			},
			wantStatus: 503, wantBody: "nope\n", wantDur: 30 * time.Millisecond,
		},
		{
			name: "404",
			handler: func(w http.ResponseWriter, r *http.Request) {
				http.NotFound(w, r)
			},
			wantStatus: 404, wantBody: "404 page not found\n", wantDur: 30 * time.Millisecond,
		},
		{
			name: "body at MaxBody",
			handler: func(w http.ResponseWriter, r *http.Request) {
				_, _ = w.Write([]byte(strings.Repeat("b", 100)))
			},
			link:       func(l *Link) { l.MaxBody = 100 },
			wantStatus: 200, wantBody: strings.Repeat("b", 100), wantDur: 30 * time.Millisecond,
		},
		{
			name: "body over MaxBody",
			handler: func(w http.ResponseWriter, r *http.Request) {
				_, _ = w.Write([]byte(strings.Repeat("b", 101)))
			},
			link:   func(l *Link) { l.MaxBody = 100 },
			errAny: true, wantDur: 30 * time.Millisecond,
		},
		{
			name: "never answers",
			handler: func(w http.ResponseWriter, r *http.Request) {
				<-r.Context().Done()
			},
			link:    func(l *Link) { l.GiveUp = 50 * time.Millisecond; l.Timeout = 7 * time.Second },
			wantErr: ErrTimeout, wantDur: 7 * time.Second,
		},
		{
			name: "body never ends",
			handler: func(w http.ResponseWriter, r *http.Request) {
				_, _ = w.Write([]byte("partial"))
				w.(http.Flusher).Flush()
				<-r.Context().Done()
			},
			link:    func(l *Link) { l.GiveUp = 50 * time.Millisecond; l.Timeout = 8 * time.Second },
			wantErr: ErrTimeout, wantDur: 8 * time.Second,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(tt.handler)
			defer srv.Close()
			l := testLink(srv)
			if tt.link != nil {
				tt.link(l)
			}
			res := l.Get(wifi, srv.URL+"/path?q=1")
			switch {
			case tt.wantErr != nil:
				if !errors.Is(res.Err, tt.wantErr) {
					t.Fatalf("Err = %v, want %v", res.Err, tt.wantErr)
				}
			case tt.errAny:
				if res.Err == nil || errors.Is(res.Err, ErrTimeout) || errors.Is(res.Err, ErrOffline) {
					t.Fatalf("Err = %v, want a transport error", res.Err)
				}
			default:
				if res.Err != nil {
					t.Fatalf("Err = %v", res.Err)
				}
			}
			if res.Status != tt.wantStatus {
				t.Errorf("Status = %d, want %d", res.Status, tt.wantStatus)
			}
			if string(res.Body) != tt.wantBody {
				t.Errorf("Body = %.40q (%d bytes), want %.40q (%d bytes)", res.Body, len(res.Body), tt.wantBody, len(tt.wantBody))
			}
			if res.Duration != tt.wantDur {
				t.Errorf("Duration = %v, want %v", res.Duration, tt.wantDur)
			}
			if res.Err == nil && res.Header == nil {
				t.Error("Header is nil on success")
			}
		})
	}
}

// The request tells the platform that the phone runs on a virtual clock, so
// that it answers faults at once instead of holding the request.
func TestGetSendsVirtualTimeHeader(t *testing.T) {
	got := make(chan http.Header, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got <- r.Header.Clone()
		w.Header().Set("X-Reply", "yes")
	}))
	defer srv.Close()
	res := testLink(srv).Get(wifi, srv.URL)
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	h := <-got
	if v := h.Get("X-Miniphone-Virtual-Time"); v != "1" {
		t.Errorf("X-Miniphone-Virtual-Time = %q, want \"1\"", v)
	}
	if res.Header.Get("X-Reply") != "yes" {
		t.Errorf("response headers not passed on: %v", res.Header)
	}
}

// A transport error (nothing listening) or a bad URL is an error charged
// one round trip, not a timeout.
func TestGetTransportErrors(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	closedURL := srv.URL
	client := srv.Client()
	srv.Close()
	l := &Link{Client: client, GiveUp: 5 * time.Second, Timeout: 30 * time.Second, MaxBody: 1 << 20}
	threeG := Profile{Name: "3g", Bandwidth: 128 << 10, RTT: 200 * time.Millisecond}
	for _, url := range []string{closedURL, "://bad url", "ftp://127.0.0.1/x"} {
		t.Run(url, func(t *testing.T) {
			res := l.Get(threeG, url)
			if res.Err == nil {
				t.Fatalf("Get(%q) succeeded: %+v", url, res)
			}
			if errors.Is(res.Err, ErrTimeout) || errors.Is(res.Err, ErrOffline) {
				t.Errorf("Err = %v, want a transport error", res.Err)
			}
			if res.Duration != threeG.RTT {
				t.Errorf("Duration = %v, want one round trip %v", res.Duration, threeG.RTT)
			}
		})
	}
}

// A chunk is exactly the range asked for; anything else the server sends
// instead is an error, except an error status, which is the server's
// answer to report.
func TestGetRange(t *testing.T) {
	const body = "0123456789abcdefghij"
	partial := func(from, to int, contentRange string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Range", contentRange)
			w.WriteHeader(http.StatusPartialContent)
			_, _ = w.Write([]byte(body[from:to]))
		}
	}
	tests := []struct {
		name       string
		handler    http.HandlerFunc
		wantErr    bool
		wantStatus int
		wantBody   string
		wantFactor float64
	}{
		{
			name:       "the range",
			handler:    partial(5, 10, "bytes 5-9/20"),
			wantStatus: 206, wantBody: "56789", wantFactor: 1,
		},
		{
			name: "the range, slowly",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set(BandwidthFactorHeader, "0.1")
				partial(5, 10, "bytes 5-9/20")(w, r)
			},
			wantStatus: 206, wantBody: "56789", wantFactor: 0.1,
		},
		{
			name:    "the whole body",
			handler: func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte(body)) },
			wantErr: true,
		},
		{name: "another range", handler: partial(0, 5, "bytes 0-4/20"), wantErr: true},
		{name: "fewer bytes than the range", handler: partial(5, 8, "bytes 5-9/20"), wantErr: true},
		{name: "no Content-Range", handler: partial(5, 10, ""), wantErr: true},
		{
			name:       "an error status",
			handler:    func(w http.ResponseWriter, r *http.Request) { http.Error(w, "down", http.StatusServiceUnavailable) },
			wantStatus: 503, wantBody: "down\n", wantFactor: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			asked := make(chan string, 1)
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				asked <- r.Header.Get("Range")
				tt.handler(w, r)
			}))
			defer srv.Close()
			res := testLink(srv).GetRange(wifi, srv.URL, 5, 5)
			if r := <-asked; r != "bytes=5-9" {
				t.Errorf("Range = %q, want bytes=5-9", r)
			}
			if tt.wantErr {
				if res.Err == nil {
					t.Fatalf("GetRange succeeded with %d %q, want an error", res.Status, res.Body)
				}
				if res.Duration != wifi.RTT {
					t.Errorf("Duration = %v, want the round trip %v", res.Duration, wifi.RTT)
				}
				return
			}
			if res.Err != nil {
				t.Fatal(res.Err)
			}
			if res.Status != tt.wantStatus || string(res.Body) != tt.wantBody || res.Factor != tt.wantFactor {
				t.Errorf("got %d %q at factor %g, want %d %q at factor %g", res.Status, res.Body, res.Factor, tt.wantStatus, tt.wantBody, tt.wantFactor)
			}
		})
	}
}

func TestStreamArrival(t *testing.T) {
	twoG := Profile{Name: "2g", Bandwidth: 8 << 10, RTT: 600 * time.Millisecond}
	type chunk struct {
		p      Profile
		factor float64
		end    int64
		want   time.Duration
	}
	tests := []struct {
		name   string
		chunks []chunk
	}{
		{
			name: "one rate: the round trip once, then the bytes",
			chunks: []chunk{
				{twoG, 1, 8 << 10, 1600 * time.Millisecond},
				{twoG, 1, 16 << 10, 2600 * time.Millisecond},
				{twoG, 1, 20 << 10, 3100 * time.Millisecond},
			},
		},
		{
			name: "one rate ends when the whole body would",
			chunks: []chunk{
				{wifi, 1, 1000, 30 * time.Millisecond}, // 0.24ms, rounded down
				{wifi, 1, 2000, 30 * time.Millisecond},
				{wifi, 1, 3000, 31 * time.Millisecond},
				{wifi, 1, 4000, TransferTime(wifi, 4000, 1)},
			},
		},
		{
			name: "a slower network takes over from the next chunk",
			chunks: []chunk{
				{wifi, 1, 8 << 10, 32 * time.Millisecond},
				{twoG, 1, 16 << 10, 1032 * time.Millisecond},
				{twoG, 1, 24 << 10, 2032 * time.Millisecond},
			},
		},
		{
			name: "the server slows down, then recovers",
			chunks: []chunk{
				{twoG, 1, 8 << 10, 1600 * time.Millisecond},
				{twoG, 0.5, 16 << 10, 3600 * time.Millisecond},
				{twoG, 1, 24 << 10, 4600 * time.Millisecond},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var s Stream
			var now time.Duration
			var arrived int64
			for i, c := range tt.chunks {
				at := s.Arrival(now, c.p, c.factor, arrived, c.end)
				if at != c.want {
					t.Fatalf("chunk %d (up to byte %d) arrives at %v, want %v", i, c.end, at, c.want)
				}
				now, arrived = at, c.end
			}
		})
	}
}
