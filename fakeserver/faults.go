package fakeserver

import (
	"maps"
	"net/http"
	"slices"
	"time"

	"miniphone/protocol"
)

// The steps a fault can be set on, and the faults.
const (
	stepCheck = "check" // GET /check
	stepCDN   = "cdn"   // GET /cdn/...
	stepData  = "data"  // GET /dev

	faultNone    = "none"
	faultFail    = "fail"
	faultTimeout = "timeout"
	faultCorrupt = "corrupt"
	faultSlow    = "slow"
)

var (
	stepNames  = []string{stepCheck, stepCDN, stepData}
	faultNames = []string{faultNone, faultFail, faultTimeout, faultCorrupt, faultSlow}
)

// holdLimit bounds how long a "timeout" fault holds a request whose client
// never gives up, so that a forgotten fault cannot pin goroutines forever.
const holdLimit = 30 * time.Second

// withFault applies the fault set on step before (or around) h:
//   - fail: 503 with a JSON error;
//   - timeout: for a phone on a virtual clock, 504 with protocol.FaultHeader at
//     once; for any other client, no answer until it gives up (or
//     holdLimit), then 504;
//   - corrupt: h answers with every byte inverted, at the right length. On
//     the check step this makes the version info unreadable, which the
//     phone sees as a failed check, as it would see "fail";
//   - slow: h answers normally, with protocol.BandwidthHeader at 0.1.
func (s *Server) withFault(step string, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		fault := s.faults[step]
		s.mu.Unlock()
		switch fault {
		case faultFail:
			writeError(w, refuse(http.StatusServiceUnavailable, "fault %s fail: service unavailable", step))
		case faultTimeout:
			hold(w, r, step)
		case faultCorrupt:
			addNote(w, "fault corrupt: bytes inverted")
			h.ServeHTTP(corruptWriter{w}, r)
		case faultSlow:
			w.Header().Set(protocol.BandwidthHeader, "0.1")
			addNote(w, "fault slow: bandwidth ×0.1")
			h.ServeHTTP(w, r)
		default:
			h.ServeHTTP(w, r)
		}
	})
}

func hold(w http.ResponseWriter, r *http.Request, step string) {
	if r.Header.Get(protocol.VirtualTimeHeader) != "" {
		// An emulated phone charges the timeout to its virtual clock;
		// holding it would only freeze the emulator in real time.
		w.Header().Set(protocol.FaultHeader, "timeout")
		writeError(w, refuse(http.StatusGatewayTimeout, "fault %s timeout: the platform did not answer", step))
		return
	}
	t := time.NewTimer(holdLimit)
	defer t.Stop()
	select {
	case <-r.Context().Done():
	case <-t.C:
	}
	writeError(w, refuse(http.StatusGatewayTimeout, "fault %s timeout: the platform did not answer", step))
}

// corruptWriter inverts every byte written through it.
type corruptWriter struct {
	http.ResponseWriter
}

func (c corruptWriter) Write(p []byte) (int, error) {
	inverted := make([]byte, len(p))
	for i, b := range p {
		inverted[i] = b ^ 0xFF
	}
	return c.ResponseWriter.Write(inverted)
}

func (c corruptWriter) Unwrap() http.ResponseWriter { return c.ResponseWriter }

type faultRequest struct {
	Step  string `json:"step"`
	Fault string `json:"fault"`
}

// setFault answers POST /admin/faults.
func (s *Server) setFault(r *http.Request) (any, error) {
	var req faultRequest
	if err := decodeBody(r, &req); err != nil {
		return nil, err
	}
	if !slices.Contains(stepNames, req.Step) {
		return nil, badRequest("step %q is not one of %v", req.Step, stepNames)
	}
	if !slices.Contains(faultNames, req.Fault) {
		return nil, badRequest("fault %q is not one of %v", req.Fault, faultNames)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults[req.Step] = req.Fault
	return maps.Clone(s.faults), nil
}
