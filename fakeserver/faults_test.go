package fakeserver_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"miniphone/protocol"
)

// faultWorld has one app with a published package and a developer URL.
func faultWorld(t *testing.T) (*harness, []byte) {
	h := newHarness(t)
	h.register("demo", false)
	pkg := h.publish("demo", "1.0.0")
	h.mustPost("/admin/data", `{"url":"https://x.example/api","kind":"text","template":"token={{token}}"}`)
	return h, pkg
}

// The request each step's fault applies to, and the body it gives unfaulted.
var stepTargets = map[string]string{
	"check": "/check?appid=demo&user=u",
	"cdn":   "/cdn/demo/1.0.0.zip",
	"data":  "/dev?url=https%3A%2F%2Fx.example%2Fapi&token=t",
}

func setFault(h *harness, step, fault string) {
	h.t.Helper()
	h.mustPost("/admin/faults", `{"step":"`+step+`","fault":"`+fault+`"}`)
}

func TestFaultFail(t *testing.T) {
	for step, target := range stepTargets {
		t.Run(step, func(t *testing.T) {
			h, _ := faultWorld(t)
			setFault(h, step, "fail")
			rec := h.get(target)
			if rec.Code != http.StatusServiceUnavailable || !strings.Contains(errorOf(t, rec), "fault "+step+" fail") {
				t.Fatalf("GET %s under fail = %d %s", target, rec.Code, rec.Body)
			}
			// Other steps are untouched.
			for other, otherTarget := range stepTargets {
				if other != step {
					h.ok(h.get(otherTarget))
				}
			}
			setFault(h, step, "none")
			h.ok(h.get(target))
		})
	}
}

func TestFaultTimeoutHoldsUntilTheClientGivesUp(t *testing.T) {
	for step, target := range stepTargets {
		t.Run(step, func(t *testing.T) {
			h, _ := faultWorld(t)
			setFault(h, step, "timeout")
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
			defer cancel()
			rec := h.do(ctx, http.MethodGet, target, nil)
			if ctx.Err() == nil {
				t.Fatal("the server answered before the client gave up")
			}
			if rec.Code != http.StatusGatewayTimeout || !strings.Contains(errorOf(t, rec), "did not answer") {
				t.Fatalf("GET %s under timeout = %d %s", target, rec.Code, rec.Body)
			}
		})
	}
}

func TestFaultCorrupt(t *testing.T) {
	h, pkg := faultWorld(t)
	clean := map[string][]byte{}
	for step, target := range stepTargets {
		clean[step] = h.ok(h.get(target)).Body.Bytes()
	}
	if string(clean["cdn"]) != string(pkg) || string(clean["data"]) != "token=t" {
		t.Fatalf("unfaulted answers are wrong: data %q", clean["data"])
	}
	for step, target := range stepTargets {
		setFault(h, step, "corrupt")
		got := h.ok(h.get(target)).Body.Bytes()
		setFault(h, step, "none")
		if len(got) != len(clean[step]) {
			t.Errorf("%s: corrupt answer has %d bytes, want the right length %d", step, len(got), len(clean[step]))
			continue
		}
		for i := range got {
			if got[i] != clean[step][i]^0xff {
				t.Errorf("%s: byte %d is %#x, want the inverse of %#x", step, i, got[i], clean[step][i])
				break
			}
		}
	}
	// A corrupt version check is unreadable, so the phone's check fails.
	setFault(h, "check", "corrupt")
	var resp protocol.CheckResponse
	if err := json.Unmarshal(h.get(stepTargets["check"]).Body.Bytes(), &resp); err == nil {
		t.Error("a corrupt version check still decodes")
	}
}

func TestFaultSlow(t *testing.T) {
	for step, target := range stepTargets {
		h, _ := faultWorld(t)
		clean := h.ok(h.get(target))
		if clean.Header().Get(protocol.BandwidthHeader) != "" {
			t.Fatalf("%s: bandwidth header without the fault", step)
		}
		setFault(h, step, "slow")
		slow := h.ok(h.get(target))
		if got := slow.Header().Get(protocol.BandwidthHeader); got != "0.1" {
			t.Errorf("%s: %s = %q, want 0.1", step, protocol.BandwidthHeader, got)
		}
		if slow.Body.String() != clean.Body.String() {
			t.Errorf("%s: a slow answer differs from the normal one", step)
		}
	}
}
