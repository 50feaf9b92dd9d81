package fakeserver_test

import (
	"net/http"
	"strings"
	"testing"
)

// The phased release as the MP console runs it: testers first, pause and
// resume, revert, and no rollback while it runs.
func TestPhasedRelease(t *testing.T) {
	h := newHarness(t)
	h.register("demo", false)
	h.publish("demo", "1.0.0")
	h.publish("demo", "1.1.0")
	h.mustPost("/admin/apps/demo/tester", `{"user":"qa"}`)
	h.mustPost("/admin/apps/demo/rollout", `{"percent":0,"testersFirst":true}`)
	in, out := firstUser(t, "1.1.0", 50, true), firstUser(t, "1.1.0", 50, false)

	answer := func(version, user string) string {
		t.Helper()
		return h.check(checkQuery("demo", version, user)).Version
	}
	if got := answer("1.0.0", "qa"); got != "1.1.0" {
		t.Errorf("a tester at 0%% testers-first got %s, want 1.1.0", got)
	}
	if got := answer("1.0.0", in); got != "1.0.0" {
		t.Errorf("a non-tester at 0%% got %s, want 1.0.0", got)
	}

	h.mustPost("/admin/apps/demo/rollout", `{"percent":50}`)
	h.mustPost("/admin/apps/demo/phase", `{"action":"pause"}`)
	if got := answer("1.0.0", in); got != "1.0.0" {
		t.Errorf("paused: a phone in the rollout that has not got it yet got %s, want 1.0.0", got)
	}
	if got := answer("1.1.0", in); got != "1.1.0" {
		t.Errorf("paused: a phone that got 1.1.0 was sent %s, want to keep 1.1.0", got)
	}
	if rec := h.post("/admin/apps/demo/phase", `{"action":"pause"}`); rec.Code != http.StatusConflict {
		t.Errorf("pausing twice: status %d, want 409", rec.Code)
	}
	h.mustPost("/admin/apps/demo/phase", `{"action":"resume"}`)
	if got := answer("1.0.0", in); got != "1.1.0" {
		t.Errorf("resumed: a phone in the rollout got %s, want 1.1.0", got)
	}
	if got := answer("1.0.0", out); got != "1.0.0" {
		t.Errorf("resumed: a phone outside the rollout got %s, want 1.0.0", got)
	}

	rec := h.post("/admin/apps/demo/rollback", `{"version":"1.0.0"}`)
	if msg := errorOf(t, rec); rec.Code != http.StatusConflict || !strings.Contains(msg, "87011") {
		t.Errorf("rollback during a phased release: %d %q, want 409 naming 87011", rec.Code, msg)
	}

	h.mustPost("/admin/apps/demo/phase", `{"action":"revert"}`)
	resp := h.check(checkQuery("demo", "1.1.0", in))
	if resp.Version != "1.0.0" || !resp.HasUpdate {
		t.Errorf("reverted: a phone on 1.1.0 got %+v, want 1.0.0 as an update", resp)
	}
	if rec := h.post("/admin/apps/demo/phase", `{"action":"resume"}`); rec.Code != http.StatusConflict {
		t.Errorf("resuming with no phased release: status %d, want 409", rec.Code)
	}
	if rec := h.post("/admin/apps/demo/phase", `{"action":"stop"}`); rec.Code != http.StatusBadRequest {
		t.Errorf("an unknown action: status %d, want 400", rec.Code)
	}
}
