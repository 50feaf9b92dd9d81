package fakeserver

import (
	"net/http"
	"slices"

	"miniphone/engine/policy"
	"miniphone/engine/semver"
)

// phased is a staged release as the MP console runs it: the live version
// reaches a share of phones, testers first if asked, and can be paused,
// resumed or reverted until it reaches everyone.
type phased struct {
	testersFirst bool
	paused       bool
}

// running reports whether a phased release is under way: the live version
// has not reached every phone yet.
func (a *app) running() bool { return a.previous != "" && a.rollout < 100 }

// releaseFor returns the release a phone of user running cur should get:
// the live one if the phone is in its rollout, else the one live before
// it. While the release is paused only the phones that already run it
// keep it. Nil when nothing is published.
func (a *app) releaseFor(user string, cur semver.Version) *release {
	v := a.live
	if a.previous != "" && !a.servesLive(user, cur) {
		v = a.previous
	}
	return a.release(v)
}

func (a *app) servesLive(user string, cur semver.Version) bool {
	if a.belowMin(a.previous) {
		return true
	}
	if a.phase.paused && a.rollout < 100 {
		live := a.release(a.live)
		return !cur.IsZero() && live != nil && cur.Compare(live.version) == 0
	}
	if a.phase.testersFirst && slices.Contains(a.fetch.Testers, user) {
		return true
	}
	return policy.ServesLive(user, a.live, a.rollout, false)
}

func (a *app) belowMin(version string) bool {
	if a.minVersion.IsZero() {
		return false
	}
	rel := a.release(version)
	return rel != nil && rel.version.Less(a.minVersion)
}

type rolloutRequest struct {
	Percent      *int `json:"percent"`
	TestersFirst bool `json:"testersFirst"`
}

// setRollout answers POST /admin/apps/{appid}/rollout: the share of phones
// that get the live version, and whether testers get it first.
func (s *Server) setRollout(r *http.Request) (any, error) {
	return updateApp(s, r, func(a *app, req rolloutRequest) error {
		p, err := percent(req.Percent)
		if err != nil {
			return err
		}
		if a.live == "" {
			return conflict("app %s has no live version to roll out; publish one first", a.id)
		}
		if a.previous == "" && p < 100 {
			return conflict("app %s has only %s: a staged rollout needs an earlier version for the phones held back", a.id, a.live)
		}
		a.rollout = p
		a.phase = phased{testersFirst: req.TestersFirst && p < 100}
		return nil
	})
}

type phaseRequest struct {
	Action string `json:"action"`
}

// PhaseActions are what POST /admin/apps/{appid}/phase accepts.
var PhaseActions = []string{"pause", "resume", "revert"}

// setPhase answers POST /admin/apps/{appid}/phase: pause, resume or revert
// the phased release under way. Reverting makes the version before it live
// again; the phones that got the new one go back at their next check.
func (s *Server) setPhase(r *http.Request) (any, error) {
	return updateApp(s, r, func(a *app, req phaseRequest) error {
		if !slices.Contains(PhaseActions, req.Action) {
			return badRequest("action %q: want pause, resume or revert", req.Action)
		}
		if !a.running() {
			return conflict("app %s has no phased release under way to %s", a.id, req.Action)
		}
		switch req.Action {
		case "pause", "resume":
			if a.phase.paused == (req.Action == "pause") {
				return conflict("the phased release of %s %s is already %sd", a.id, a.live, req.Action)
			}
			a.phase.paused = req.Action == "pause"
		case "revert":
			a.live, a.previous, a.rollout, a.phase = a.previous, "", 100, phased{}
		}
		return nil
	})
}
