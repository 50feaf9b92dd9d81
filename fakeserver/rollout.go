package fakeserver

import "miniphone/engine/policy"

// releaseFor returns the release a phone of user should run: the live one
// if the phone is in its rollout, else the one live before it. Nil when
// nothing is published.
func (a *app) releaseFor(user string) *release {
	v := a.live
	if a.previous != "" && !policy.ServesLive(user, a.live, a.rollout, a.belowMin(a.previous)) {
		v = a.previous
	}
	return a.release(v)
}

func (a *app) belowMin(version string) bool {
	if a.minVersion.IsZero() {
		return false
	}
	rel := a.release(version)
	return rel != nil && rel.version.Less(a.minVersion)
}
