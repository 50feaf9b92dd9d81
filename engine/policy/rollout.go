package policy

// InRollout reports whether user is among the first percent of phones to
// get version: FNV-1a (32 bit) of user + "\x00" + version, modulo 100,
// below percent. Hashing the version too gives each release its own random-
// looking sample, while a given phone stays in or out of a release for as
// long as it lasts. The platform's check, its gray release of data URLs and
// the fleet simulation all ask this one function.
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

// ServesLive reports whether the platform answers user's check with the
// live version rather than the one before it: in the staged rollout, or
// held back onto a version below the minimum usable one, which such a phone
// could only retry for ever.
func ServesLive(user, live string, percent int, previousBelowMin bool) bool {
	return previousBelowMin || InRollout(user, live, percent)
}
