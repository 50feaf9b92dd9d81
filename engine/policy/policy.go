// Package policy holds the platform's decisions as pure functions of state
// and time: how a cold start updates, which phones a periodic check or fetch
// concerns. They are tested in tables and cheap enough for a fleet of
// simulated phones.
package policy

import (
	"fmt"
	"strconv"
	"time"

	"miniphone/engine/semver"
)

// Start is how a cold start treats updates.
type Start int

const (
	// Async launches the local package at once and checks in parallel; a
	// newer version is used from the next cold start.
	Async Start = iota
	// Sync checks and downloads first and launches the new version, unless
	// that fails or takes longer than the budget.
	Sync
	// Install is the first launch on this phone: there is nothing local to
	// fall back on, so it waits for the download however long it takes.
	Install
	// Forced is a local version below the platform's minimum: it must not
	// run, so the update is retried instead of launching it.
	Forced
)

func (s Start) String() string {
	return [...]string{"async", "sync", "install", "forced"}[s]
}

// StartInput is what a phone knows about an app at a cold start.
type StartInput struct {
	Installed        bool
	Used             bool          // opened at least once before
	SinceLastUse     time.Duration // now − last use, when Used
	StaleAfter       time.Duration // 7 days
	PeriodicSawNewer bool          // the 24 h check found a newer version
	BelowMinVersion  bool          // the last check said the local version is below the minimum
	PreferLocal      bool          // the platform's "prefer local version" setting
	SimulateUpdate   bool          // the developer-tools switch
}

// Why is the rule that decided a Start.
type Why int

const (
	WhyFirstLaunch Why = iota
	WhyBelowMin
	WhySimulated
	WhyPreferLocal
	WhyStale
	WhyPeriodic
	WhyRecent
)

// Decide is the kind of cold start and the rule behind it. The fleet
// simulation calls it for every simulated cold start, so it neither
// formats nor allocates; StartMode puts the rule into words.
func Decide(in StartInput) (Start, Why) {
	switch {
	case !in.Installed:
		return Install, WhyFirstLaunch
	case in.BelowMinVersion:
		return Forced, WhyBelowMin
	case in.SimulateUpdate:
		return Async, WhySimulated
	case in.PreferLocal:
		return Async, WhyPreferLocal
	case in.Used && in.SinceLastUse > in.StaleAfter:
		return Sync, WhyStale
	case in.PeriodicSawNewer:
		return Sync, WhyPeriodic
	default:
		return Async, WhyRecent
	}
}

// StartMode decides the kind of cold start and says why, for the log.
func StartMode(in StartInput) (Start, string) {
	mode, why := Decide(in)
	switch why {
	case WhyFirstLaunch:
		return mode, "first launch on this phone"
	case WhyBelowMin:
		return mode, "local version is below the minimum usable version"
	case WhySimulated:
		return mode, "simulated update"
	case WhyPreferLocal:
		return mode, "prefer local version"
	case WhyStale:
		return mode, fmt.Sprintf("last used %s ago (more than %s)", Round(in.SinceLastUse), Round(in.StaleAfter))
	case WhyPeriodic:
		return mode, "the periodic check found a newer version"
	default:
		return mode, "recently used"
	}
}

// CanOpen reports whether a phone's base library may open an app with the
// platform's minimum base library (none when zero).
func CanOpen(base, minBase semver.Version) bool {
	return minBase.IsZero() || base.AtLeast(minBase)
}

// PeriodicCheckClient is the first WeChat client that checks recently used
// apps on its own every 24 hours.
var PeriodicCheckClient = semver.MustParse("6.6.3")

// ChecksPeriodically reports whether a client runs the 24-hour check.
func ChecksPeriodically(client semver.Version) bool {
	return client.AtLeast(PeriodicCheckClient)
}

// RecentlyUsed reports whether an app last used at lastUse counts as
// recently used at now: opened within window (7 days).
func RecentlyUsed(used bool, lastUse, now, window time.Duration) bool {
	return used && now-lastUse <= window
}

// Phase is a phone's fixed offset within a period: the moment of day its
// periodic check runs. It depends only on the world's seed and the phone,
// so a fleet's checks spread over the day the same way every run.
//
// It is FNV-64a of the seed in decimal, NUL and the phone's name, written
// out rather than through hash/fnv and fmt so that a fleet of millions of
// phones can ask it without allocating.
func Phase(seed int64, phone string, period time.Duration) time.Duration {
	if period <= 0 {
		return 0
	}
	const offset, prime = 14695981039346656037, 1099511628211
	var buf [20]byte
	h := uint64(offset)
	for _, b := range strconv.AppendInt(buf[:0], seed, 10) {
		h ^= uint64(b)
		h *= prime
	}
	h *= prime // the NUL byte: xor with zero changes nothing
	for i := 0; i < len(phone); i++ {
		h ^= uint64(phone[i])
		h *= prime
	}
	return time.Duration(h%uint64(period/time.Millisecond)) * time.Millisecond
}

// NextAtPhase is the first moment ≥ now that is phase past a multiple of
// period.
func NextAtPhase(now, phase, period time.Duration) time.Duration {
	if now <= phase {
		return phase
	}
	k := (now - phase + period - 1) / period
	return phase + k*period
}

// FetchDue reports whether a periodic fetch is due: there has been no
// successful fetch yet, or the last one is every (12 h) old or more.
func FetchDue(everFetched bool, lastSuccess, now, every time.Duration) bool {
	return !everFetched || now-lastSuccess >= every
}

// NetworkAllowsFetch: the client does not fetch in the background offline
// or on 2G.
func NetworkAllowsFetch(network string) bool {
	return network != "offline" && network != "2g"
}

// Round shortens a duration for a log line: whole days, then the rest to
// the second. Only the fraction of a second goes: dropping whole seconds
// turned 7 days 30 seconds into "7d0s", which reads as exactly a week.
func Round(d time.Duration) string {
	switch {
	case d >= 24*time.Hour && d%(24*time.Hour) == 0:
		return fmt.Sprintf("%dd", d/(24*time.Hour))
	case d >= 24*time.Hour:
		days := d / (24 * time.Hour)
		return fmt.Sprintf("%dd%s", days, (d - days*24*time.Hour).Truncate(time.Second))
	case d >= time.Minute:
		return d.Truncate(time.Second).String()
	default:
		return d.String()
	}
}
