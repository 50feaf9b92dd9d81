// Package fleet simulates many phones over days after a release and counts,
// hour by hour, how many of them run the new version and how they got it.
//
// It restates none of the platform's rules: every decision (how a cold
// start updates, the 7-day rule, the phase of the 24-hour check, who is in
// a staged rollout, the minimum version, what counts as recently used) is a
// call to engine/policy, the package the engine itself decides with. What
// the fleet adds is a model of when the engine's events happen, on a few
// dozen bytes per phone, so that millions of phones fit in a minute; a test
// runs a small fleet through the full engine as well and compares the two
// phone by phone.
package fleet

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"miniphone/engine"
	"miniphone/engine/netsim"
)

// The release every simulated phone meets: it has OldVersion installed and
// NewVersion is published at hour 0.
const (
	OldVersion = "1.0.0"
	NewVersion = "1.1.0"
	// OldClient is a WeChat client from before the 24-hour check (6.6.3).
	OldClient = "6.6.2"
)

// Limits of a run. Ten million phones is what the simulation is built
// for; the days are bounded so that the curve's hours stay a small table.
const (
	MaxPhones = 10_000_000
	MaxDays   = 90
	// MaxPackageKB is the platform's bound on a package's content.
	MaxPackageKB = 4 << 10
)

// Config is one fleet run: a population of phones and one or more
// variants of the release, each run over the same phones and the same
// usage draws.
type Config struct {
	Phones int
	Days   int
	Seed   int64
	// Mix is the share, in percent, of each usage pattern (see Patterns).
	Mix Shares
	// Networks is the share, in percent, of each network profile, in the
	// order of netsim.Profiles.
	Networks Shares
	// PackageBytes is the size of the new version's package: what a
	// synchronous update downloads within its budget, or not.
	PackageBytes int64
	// CheckBytes is the size of the platform's answer to a version check.
	CheckBytes int64
	// Settings are the world's numbers: the 7-day rule, the 24-hour
	// period, the synchronous update's budget, how long a left app lives.
	Settings engine.Settings
	Variants []Variant
	// Workers is how many goroutines share the phones; 0 means one per
	// core. The result does not depend on it.
	Workers int
}

// Variant is a way to run the release: the platform's settings and the
// clients' versions.
type Variant struct {
	Name string
	// Periodic: clients from 6.6.3 on run the 24-hour check. Off, no
	// client does, which is the world before 6.6.3.
	Periodic bool
	// Rollout is the staged rollout's percentage.
	Rollout int
	// MinVersion makes the new version the minimum usable one.
	MinVersion bool
	// OldClients is the percentage of phones on a client below 6.6.3.
	OldClients int
}

// Shares are percentages that add up to 100, one per category.
type Shares []int

// DefaultConfig is the run of `miniphone fleet` without flags.
func DefaultConfig() Config {
	return Config{
		Phones:       100_000,
		Days:         14,
		Seed:         1,
		Mix:          Shares{60, 25, 10, 5},
		Networks:     Shares{60, 30, 7, 3, 0},
		PackageBytes: 1 << 20,
		CheckBytes:   330,
		Settings:     engine.DefaultSettings(),
		Variants:     []Variant{BaseVariant()},
	}
}

// BaseVariant is a full release to clients of today, 2 % of them below
// 6.6.3.
func BaseVariant() Variant {
	return Variant{Name: "base", Periodic: true, Rollout: 100, OldClients: 2}
}

// NetworkNames are the network profiles a phone can be on.
func NetworkNames() []string { return netsim.Names() }

// PatternNames are the usage patterns, in the order of Config.Mix.
func PatternNames() []string {
	names := make([]string, len(Patterns))
	for i, p := range Patterns {
		names[i] = p.Name
	}
	return names
}

// Validate reports what is wrong with a configuration, or nil.
func (c *Config) Validate() error {
	switch {
	case c.Phones < 1 || c.Phones > MaxPhones:
		return fmt.Errorf("phones: %d, want 1 to %d", c.Phones, MaxPhones)
	case c.Days < 1 || c.Days > MaxDays:
		return fmt.Errorf("days: %d, want 1 to %d", c.Days, MaxDays)
	case c.PackageBytes < 1 || c.PackageBytes > MaxPackageKB<<10:
		return fmt.Errorf("package: %d bytes, want 1 to %d KB", c.PackageBytes, MaxPackageKB)
	case c.CheckBytes < 1:
		return fmt.Errorf("check answer: %d bytes, want at least 1", c.CheckBytes)
	case len(c.Variants) == 0:
		return fmt.Errorf("no variant to run")
	case len(c.Variants) > maxSeries:
		return fmt.Errorf("%d variants: a chart tells at most %d apart", len(c.Variants), maxSeries)
	case c.Workers < 0:
		return fmt.Errorf("workers: %d, want 0 (one per core) or more", c.Workers)
	}
	if err := c.Mix.check(PatternNames()); err != nil {
		return fmt.Errorf("mix: %v", err)
	}
	if err := c.Networks.check(NetworkNames()); err != nil {
		return fmt.Errorf("networks: %v", err)
	}
	s := c.Settings
	for _, d := range []time.Duration{s.StaleAfter, s.RecentUse, s.PeriodicCheckEvery, s.SyncUpdateBudget} {
		if d <= 0 {
			return fmt.Errorf("settings: the update rules need positive durations")
		}
	}
	seen := map[string]bool{}
	for _, v := range c.Variants {
		if err := v.Validate(); err != nil {
			return err
		}
		if seen[v.Name] {
			return fmt.Errorf("variant %q is named twice", v.Name)
		}
		seen[v.Name] = true
	}
	return nil
}

var variantName = regexp.MustCompile(`^[A-Za-z0-9_.-]{1,24}$`)

// Validate reports what is wrong with a variant, or nil.
func (v Variant) Validate() error {
	switch {
	case !variantName.MatchString(v.Name):
		return fmt.Errorf("variant name %q: want 1 to 24 letters, digits, '-', '_' or '.'", v.Name)
	case v.Rollout < 0 || v.Rollout > 100:
		return fmt.Errorf("variant %s: rollout %d%%, want 0 to 100", v.Name, v.Rollout)
	case v.OldClients < 0 || v.OldClients > 100:
		return fmt.Errorf("variant %s: old clients %d%%, want 0 to 100", v.Name, v.OldClients)
	}
	return nil
}

func (s Shares) check(names []string) error {
	if len(s) != len(names) {
		return fmt.Errorf("%d shares for %d kinds (%s)", len(s), len(names), strings.Join(names, ", "))
	}
	sum := 0
	for i, v := range s {
		if v < 0 {
			return fmt.Errorf("%s has a negative share", names[i])
		}
		sum += v
	}
	if sum != 100 {
		return fmt.Errorf("the shares add up to %d%%, want 100%%", sum)
	}
	return nil
}

// ParseShares reads "daily=60,weekly=25,…": a percentage per name, the
// names from names, each at most once; names left out get 0.
func ParseShares(text string, names []string) (Shares, error) {
	s := make(Shares, len(names))
	given := make([]bool, len(names))
	for _, item := range strings.Split(text, ",") {
		name, value, ok := strings.Cut(strings.TrimSpace(item), "=")
		i := slices.Index(names, name)
		switch {
		case !ok:
			return nil, fmt.Errorf("%q: want NAME=PERCENT", item)
		case i < 0:
			return nil, fmt.Errorf("%q: unknown name %q (want %s)", item, name, strings.Join(names, ", "))
		case given[i]:
			return nil, fmt.Errorf("%q: %s is given twice", item, name)
		}
		pct, err := percent(value)
		if err != nil {
			return nil, fmt.Errorf("%q: %v", item, err)
		}
		s[i], given[i] = pct, true
	}
	if err := s.check(names); err != nil {
		return nil, err
	}
	return s, nil
}

// String writes shares the way ParseShares reads them.
func (s Shares) String(names []string) string {
	parts := make([]string, 0, len(s))
	for i, v := range s {
		if v > 0 {
			parts = append(parts, fmt.Sprintf("%s=%d", names[i], v))
		}
	}
	return strings.Join(parts, ",")
}

// percent reads a whole percentage from 0 to 100.
func percent(text string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSuffix(text, "%"))
	if err != nil || n < 0 || n > 100 {
		return 0, fmt.Errorf("%q is not a percentage from 0 to 100", text)
	}
	return n, nil
}

// ParseVariant reads NAME=FLAGS, FLAGS being comma-separated KEY:VALUE
// changes to base: periodic:on|off, rollout:PCT, min-version:on|off,
// old-clients:PCT.
func ParseVariant(text string, base Variant) (Variant, error) {
	name, flags, ok := strings.Cut(text, "=")
	if !ok || flags == "" {
		return Variant{}, fmt.Errorf("%q: want NAME=KEY:VALUE,… (e.g. no-periodic=periodic:off)", text)
	}
	v := base
	v.Name = name
	for _, flag := range strings.Split(flags, ",") {
		key, value, ok := strings.Cut(strings.TrimSpace(flag), ":")
		if !ok {
			return Variant{}, fmt.Errorf("variant %s: %q: want KEY:VALUE", name, flag)
		}
		var err error
		switch key {
		case "periodic":
			v.Periodic, err = onOff(value)
		case "min-version":
			v.MinVersion, err = onOff(value)
		case "rollout":
			v.Rollout, err = percent(value)
		case "old-clients":
			v.OldClients, err = percent(value)
		default:
			err = fmt.Errorf("unknown key %q (want periodic, rollout, min-version or old-clients)", key)
		}
		if err != nil {
			return Variant{}, fmt.Errorf("variant %s: %v", name, err)
		}
	}
	return v, v.Validate()
}

func onOff(text string) (bool, error) {
	switch text {
	case "on":
		return true, nil
	case "off":
		return false, nil
	}
	return false, fmt.Errorf("%q: want on or off", text)
}

// Describe says in a few words what a variant changes.
func (v Variant) Describe() string {
	parts := []string{fmt.Sprintf("rollout %d%%", v.Rollout)}
	if !v.Periodic {
		parts = append(parts, "no 24-hour check")
	}
	if v.MinVersion {
		parts = append(parts, "minimum version")
	}
	parts = append(parts, fmt.Sprintf("%d%% clients below 6.6.3", v.OldClients))
	return strings.Join(parts, ", ")
}

// never is a time that does not come.
const never = time.Duration(math.MaxInt64)
