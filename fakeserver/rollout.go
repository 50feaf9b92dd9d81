package fakeserver

// InRollout reports whether user is among the first percent of phones to
// get version: FNV-1a (32 bit) of user + "\x00" + version, modulo 100,
// below percent. Hashing the version too gives each release its own random-
// looking sample, while a given phone stays in or out of a release for as
// long as it lasts. The platform and the fleet simulation share it.
func InRollout(user, version string, percent int) bool {
	const offset, prime = 2166136261, 16777619
	h := uint32(offset)
	// Written out rather than with hash/fnv: the check endpoint calls it on
	// every request and the interface would cost an allocation each time.
	for _, s := range [...]string{user, "\x00", version} {
		for i := 0; i < len(s); i++ {
			h ^= uint32(s[i])
			h *= prime
		}
	}
	// FNV alone leaves the low bits of short, similar keys (u1, u2, …)
	// poorly mixed, and % 100 reads mostly those; murmur3's finaliser
	// spreads every input bit over them.
	h ^= h >> 16
	h *= 0x85ebca6b
	h ^= h >> 13
	h *= 0xc2b2ae35
	h ^= h >> 16
	return int(h%100) < percent
}

// releaseFor returns the release a phone of user should run: the live one
// if the phone is in its rollout, else the one live before it. Nil when
// nothing is published.
func (a *app) releaseFor(user string) *release {
	v := a.live
	if a.previous != "" && !InRollout(user, a.live, a.rollout) && !a.belowMin(a.previous) {
		// Held back by the rollout, but never onto a version below the
		// minimum usable one: such a phone could only retry for ever.
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
