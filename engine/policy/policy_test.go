package policy

import (
	"fmt"
	"hash/fnv"
	"math"
	"strings"
	"testing"
	"time"

	"miniphone/engine/semver"
)

func TestStartMode(t *testing.T) {
	recent := StartInput{Installed: true, Used: true, SinceLastUse: time.Hour, StaleAfter: 7 * day}
	with := func(f func(*StartInput)) StartInput {
		in := recent
		f(&in)
		return in
	}
	cases := []struct {
		name string
		in   StartInput
		want Start
		why  string
	}{
		{"first launch installs", StartInput{StaleAfter: 7 * day}, Install, "first launch"},
		{"recently used starts async", recent, Async, "recently used"},
		{"exactly 7 days is still recent", with(func(in *StartInput) { in.SinceLastUse = 7 * day }), Async, "recently used"},
		{"8 days away updates first", with(func(in *StartInput) { in.SinceLastUse = 8 * day }), Sync, "last used 8d ago"},
		{"the periodic check found a version", with(func(in *StartInput) { in.PeriodicSawNewer = true }), Sync, "periodic check"},
		{"below the minimum version is forced", with(func(in *StartInput) { in.BelowMinVersion = true; in.PreferLocal = true }), Forced, "minimum usable version"},
		{"prefer local beats staleness", with(func(in *StartInput) { in.SinceLastUse = 30 * day; in.PreferLocal = true }), Async, "prefer local"},
		{"prefer local beats the periodic check", with(func(in *StartInput) { in.PeriodicSawNewer = true; in.PreferLocal = true }), Async, "prefer local"},
		{"a simulated update is async", with(func(in *StartInput) { in.SimulateUpdate = true; in.SinceLastUse = 30 * day }), Async, "simulated"},
		{"nothing installed beats everything", StartInput{BelowMinVersion: true, PreferLocal: true}, Install, "first launch"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, why := StartMode(tc.in)
			if got != tc.want || !strings.Contains(why, tc.why) {
				t.Errorf("StartMode = %s (%s), want %s (…%s…)", got, why, tc.want, tc.why)
			}
		})
	}
}

// The fleet simulation decides millions of cold starts: the decision
// itself must cost no allocation, only its wording may.
func TestDecideAndPhaseDoNotAllocate(t *testing.T) {
	in := StartInput{Installed: true, Used: true, SinceLastUse: 9 * day, StaleAfter: 7 * day}
	allocs := testing.AllocsPerRun(100, func() {
		if mode, why := Decide(in); mode != Sync || why != WhyStale {
			t.Fatalf("Decide = %s, %d", mode, why)
		}
		Phase(42, "p123456", day)
	})
	if allocs != 0 {
		t.Errorf("Decide and Phase allocate %.0f times a call", allocs)
	}
}

func TestCanOpen(t *testing.T) {
	cases := []struct {
		base, minBase string
		want          bool
	}{
		{"3.6.0", "", true},
		{"2.0.0", "2.0.0", true},
		{"1.9.95", "2.0.0", false},
		{"2.10.0", "2.9.9", true},
	}
	for _, tc := range cases {
		var minBase semver.Version
		if tc.minBase != "" {
			minBase = semver.MustParse(tc.minBase)
		}
		if got := CanOpen(semver.MustParse(tc.base), minBase); got != tc.want {
			t.Errorf("CanOpen(%s, min %q) = %t, want %t", tc.base, tc.minBase, got, tc.want)
		}
	}
}

func TestChecksPeriodically(t *testing.T) {
	for client, want := range map[string]bool{"6.6.2": false, "6.6.3": true, "8.0.50": true, "6.5.9": false} {
		if got := ChecksPeriodically(semver.MustParse(client)); got != want {
			t.Errorf("ChecksPeriodically(%s) = %t, want %t", client, got, want)
		}
	}
}

func TestRecentlyUsed(t *testing.T) {
	now := 30 * day
	cases := []struct {
		used    bool
		lastUse time.Duration
		want    bool
	}{
		{false, 0, false},
		{true, now - time.Hour, true},
		{true, now - 7*day, true},
		{true, now - 7*day - time.Millisecond, false},
	}
	for _, tc := range cases {
		if got := RecentlyUsed(tc.used, tc.lastUse, now, 7*day); got != tc.want {
			t.Errorf("RecentlyUsed(%t, %s) = %t, want %t", tc.used, now-tc.lastUse, got, tc.want)
		}
	}
}

// The phase spreads phones over the period, stays the same for the same
// seed and phone, and changes with the seed.
func TestPhase(t *testing.T) {
	first := Phase(1, "a", day)
	if again := Phase(1, "a", day); again != first {
		t.Fatalf("Phase is not stable: %s then %s", first, again)
	}
	seen := map[time.Duration]bool{}
	sameAcrossSeeds := 0
	for i := 0; i < 100; i++ {
		name := "phone" + string(rune('A'+i%26)) + string(rune('a'+i/26))
		p := Phase(1, name, day)
		if p < 0 || p >= day {
			t.Fatalf("Phase(%s) = %s, outside [0, 24h)", name, p)
		}
		seen[p/time.Hour] = true
		if Phase(2, name, day) == p {
			sameAcrossSeeds++
		}
	}
	if len(seen) < 15 {
		t.Errorf("100 phones fell into only %d of 24 hours", len(seen))
	}
	if sameAcrossSeeds > 5 {
		t.Errorf("%d of 100 phases did not change with the seed", sameAcrossSeeds)
	}
}

// Phase is FNV-64a of the seed in decimal, NUL and the name: computed here
// with hash/fnv, as it was first written, so that rewriting it for speed
// moved no phone's check.
func TestPhaseIsFNVOfSeedAndName(t *testing.T) {
	for _, seed := range []int64{0, 1, -7, 1234567890123, math.MinInt64} {
		for _, name := range []string{"phone", "p0", "p12345", "张三", ""} {
			h := fnv.New64a()
			fmt.Fprintf(h, "%d\x00%s", seed, name)
			want := time.Duration(h.Sum64()%uint64(day/time.Millisecond)) * time.Millisecond
			if got := Phase(seed, name, day); got != want {
				t.Errorf("Phase(%d, %q) = %s, want %s", seed, name, got, want)
			}
		}
	}
	if got, want := Phase(1, "p0", day), 31662708*time.Millisecond; got != want {
		t.Errorf("Phase(1, p0) = %s, want %s", got, want)
	}
}

func TestNextAtPhase(t *testing.T) {
	cases := []struct{ now, phase, want time.Duration }{
		{0, 3 * time.Hour, 3 * time.Hour},
		{3 * time.Hour, 3 * time.Hour, 3 * time.Hour},
		{3*time.Hour + 1, 3 * time.Hour, 27 * time.Hour},
		{50 * time.Hour, 3 * time.Hour, 51 * time.Hour},
	}
	for _, tc := range cases {
		if got := NextAtPhase(tc.now, tc.phase, day); got != tc.want {
			t.Errorf("NextAtPhase(%s, %s) = %s, want %s", tc.now, tc.phase, got, tc.want)
		}
	}
}

func TestRoundKeepsSeconds(t *testing.T) {
	for _, c := range []struct {
		d    time.Duration
		want string
	}{
		{7 * 24 * time.Hour, "7d"},
		{7*24*time.Hour + 30*time.Second, "7d30s"},
		{8*24*time.Hour + 44*time.Minute + 18*time.Second + 700*time.Millisecond, "8d44m18s"},
		{30 * time.Minute, "30m0s"},
		{90*time.Second + 500*time.Millisecond, "1m30s"},
		{1500 * time.Millisecond, "1.5s"},
	} {
		if got := Round(c.d); got != c.want {
			t.Errorf("Round(%v) = %q, want %q", c.d, got, c.want)
		}
	}
}
