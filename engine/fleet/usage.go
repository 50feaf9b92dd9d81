package fleet

import (
	"math"
	"time"
)

// Pattern is how often, and when, a user opens the app. Visits arrive at
// random (a Poisson process) at VisitsPerDay a day on average, spread over
// the hours of the day by Hours. A visit opens the app once; after
// leaving, the user comes back within minutes with probability Reopen,
// again and again. The first open of a visit is usually a cold start; a
// return within minutes finds the app still in the background (WeChat
// keeps it 30 minutes) and is a hot start. The engine decides which, from
// its own clock, exactly as it does on one phone.
type Pattern struct {
	Name         string
	VisitsPerDay float64
	Reopen       float64
	About        string
}

// Patterns are the usage patterns a fleet mixes, in the order of
// Config.Mix.
var Patterns = []Pattern{
	{"daily", 3, 0.5, "about 3 visits a day, half of them with a return within minutes"},
	{"weekly", 1.0 / 7, 0.3, "about 1 visit a week"},
	{"rare", 1.0 / 30, 0.2, "about 1 visit a month"},
	{"gone", 0, 0, "never opens the app again"},
}

// Hours is the share of a day's visits in each hour of the phones' local
// time (China Standard Time): quiet from 1 to 5, busiest at noon and from
// 19 to 22.
var Hours = [24]float64{
	2, 1, 0.5, 0.3, 0.3, 0.5, 1.5, 3.5, 5, 5, 5, 6,
	8, 6, 4.5, 4.5, 4.5, 5, 6, 7, 8, 8.5, 7, 4,
}

// How long a user stays in the app, and how soon they come back.
const (
	stayMin   = 10 * time.Second
	stayMean  = 3 * time.Minute
	returnMin = time.Second // nobody opens the app again sooner than this after leaving it
	gapMean   = 4 * time.Minute
)

// rng is SplitMix64: 8 bytes of state, fast, and good enough for usage
// draws. Each phone has its own, seeded from the run's seed and the
// phone's index, so a phone's draws do not depend on which worker
// simulates it or when.
type rng struct{ s uint64 }

func mix64(z uint64) uint64 {
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}

func (r *rng) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	return mix64(r.s)
}

// float is uniform in [0, 1).
func (r *rng) float() float64 { return float64(r.next()>>11) * 0x1p-53 }

// exp is exponential with mean 1. math.Log rather than math.Log1p, which
// is slower by the half of the whole simulation's time; 1 − u is exact.
func (r *rng) exp() float64 { return -math.Log(1 - r.float()) }

// millis is a duration given in float nanoseconds, to the millisecond
// below: the engine's transcripts count milliseconds.
func millis(ns float64) time.Duration {
	return time.Duration(ns*(1/float64(time.Millisecond))) * time.Millisecond
}

// usage draws one phone's opens of the app. Visits come from their own
// generator so that when they arrive does not depend on anything the
// phone did; the length of each stay and each return come from the other,
// one set of draws per session, so that the same phone makes the same
// draws whatever its version does to its timing.
type usage struct {
	visits, session rng
	arrival         time.Duration // the next visit, or never
}

func (u *usage) seed(seed int64, phone int) {
	base := mix64(uint64(seed) ^ 0x6a09e667f3bcc908)
	u.visits.s = mix64(base + 2*uint64(phone))
	u.session.s = mix64(base + 2*uint64(phone) + 1)
}

// first is the phone's first open: its last visit before the release, when
// it made one since the world began, else its first visit after.
func (u *usage) first(c *calendar, pattern int) time.Duration {
	if Patterns[pattern].VisitsPerDay == 0 {
		u.arrival = never
		return never
	}
	last := c.before(&u.visits, pattern, c.release)
	u.arrival = c.after(&u.visits, pattern, c.release)
	if last >= 0 {
		return last
	}
	return u.visit(c, pattern)
}

// visit takes the arrival for an open and draws the one after it.
func (u *usage) visit(c *calendar, pattern int) time.Duration {
	at := u.arrival
	if at != never {
		u.arrival = c.after(&u.visits, pattern, at)
	}
	return at
}

// stay is how long the user stays in the app once it is on screen.
func (u *usage) stay() time.Duration {
	return stayMin + millis(u.session.exp()*float64(stayMean-stayMin))
}

// next is the open after the user left at left: a return within minutes,
// or the next visit when it comes first. Nobody opens an app they are
// still in, so a visit that arrives before left waits until just after.
func (u *usage) next(c *calendar, pattern int, left time.Duration) time.Duration {
	back := u.session.float() < Patterns[pattern].Reopen
	gap := returnMin + millis(u.session.exp()*float64(gapMean))
	open := never
	if back {
		open = left + gap
	}
	if u.arrival != never && u.arrival <= open {
		open = max(u.visit(c, pattern), left+returnMin)
	}
	return open
}

// calendar turns visit rates into times on the world's clock: it knows
// when the release is, how far back and forward the run looks, and the
// local hour of every moment.
type calendar struct {
	release, end time.Duration
	// earliest is the first moment a visit before the release may come:
	// the world starts with every phone installing the old version.
	earliest time.Duration
	// clock0 is the time of day when the world's clock reads zero.
	clock0 time.Duration
	// rate is visits per hour, by pattern and local hour; daily the sum
	// of a pattern's day.
	rate  [][24]float64
	daily []float64
}

func newCalendar(release, end, earliest, clock0 time.Duration) *calendar {
	c := &calendar{release: release, end: end, earliest: earliest, clock0: clock0}
	sum := 0.0
	for _, w := range Hours {
		sum += w
	}
	c.rate = make([][24]float64, len(Patterns))
	c.daily = make([]float64, len(Patterns))
	for p, pat := range Patterns {
		for h, w := range Hours {
			c.rate[p][h] = pat.VisitsPerDay * w / sum
			c.daily[p] += c.rate[p][h]
		}
	}
	return c
}

// after is the first visit after from, or never if none comes before the
// end of the run. A Poisson process with a rate that changes by the hour:
// an exponential draw is spent hour by hour at each hour's rate, whole
// days at a time where it lasts that long.
func (c *calendar) after(r *rng, pattern int, from time.Duration) time.Duration {
	rate := &c.rate[pattern]
	e := r.exp()
	for t, first := from, true; t < c.end; first = false {
		hour := (t + c.clock0) / time.Hour
		if !first && e >= c.daily[pattern] && t == hour*time.Hour-c.clock0 {
			days := math.Floor(e / c.daily[pattern])
			e -= days * c.daily[pattern]
			t += time.Duration(days) * 24 * time.Hour
			continue
		}
		next := (hour+1)*time.Hour - c.clock0
		λ := rate[hour%24]
		span := float64(next-t) / float64(time.Hour)
		if e < λ*span {
			return t + millis(e/λ*float64(time.Hour))
		}
		e -= λ * span
		t = next
	}
	return never
}

// before is the last visit before from and no earlier than c.earliest, or
// -1 if there is none: the same process run backwards, which a Poisson
// process allows.
func (c *calendar) before(r *rng, pattern int, from time.Duration) time.Duration {
	rate := &c.rate[pattern]
	e := r.exp()
	for t := from; t > c.earliest; {
		hour := (t - 1 + c.clock0) / time.Hour
		start := max(hour*time.Hour-c.clock0, c.earliest)
		λ := rate[hour%24]
		span := float64(t-start) / float64(time.Hour)
		if e < λ*span {
			at := (t - time.Duration(e/λ*float64(time.Hour))).Truncate(time.Millisecond)
			return min(at, t-time.Millisecond)
		}
		e -= λ * span
		t = start
	}
	return -1
}
