package fleet

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
)

// chunk is how many phones a worker takes at a time: enough that taking
// them costs nothing, few enough that progress moves smoothly and the
// cores finish together.
const chunk = 2048

// Progress is how far a run is: phones done (through every variant) of
// the total.
type Progress struct {
	Done, Total int
}

// Run simulates the fleet. progress, when not nil, is called from Run's
// own goroutine each time a batch of phones is done, so a front end can
// draw a progress bar; cancelling ctx stops the run with ctx's error.
// The result depends only on the configuration, never on the number of
// workers: each phone's draws come from its own seed, and the workers'
// counts are added up in a fixed order.
func Run(ctx context.Context, cfg Config, progress func(Progress)) (*Result, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	workers := cfg.Workers
	if workers == 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	hours := cfg.Days * 24
	models := make([]*model, len(cfg.Variants))
	for i, v := range cfg.Variants {
		models[i] = newModel(&cfg, v)
	}
	counts := make([][]*tally, workers)
	var next atomic.Int64
	done := make(chan int, workers)
	var wg sync.WaitGroup
	for w := range counts {
		counts[w] = make([]*tally, len(models))
		for v := range models {
			counts[w][v] = newTally(hours)
		}
		wg.Go(func() {
			var buf [24]byte
			for ctx.Err() == nil {
				start := int(next.Add(chunk)) - chunk
				if start >= cfg.Phones {
					return
				}
				end := min(start+chunk, cfg.Phones)
				for i := start; i < end; i++ {
					name := phoneName(buf[:0], i)
					for v, m := range models {
						m.simulate(i, string(name), counts[w][v])
					}
				}
				done <- end - start
			}
		})
	}
	go func() {
		wg.Wait()
		close(done)
	}()
	finished := 0
	for n := range done {
		finished += n
		if progress != nil {
			progress(Progress{Done: finished, Total: cfg.Phones})
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	res := &Result{Config: cfg, Hours: hours}
	for v, variant := range cfg.Variants {
		total := newTally(hours)
		for w := range counts {
			total.add(counts[w][v])
		}
		res.Variants = append(res.Variants, total.result(variant))
	}
	return res, nil
}

// Result is a finished run.
type Result struct {
	Config Config
	Hours  int // Days × 24
	// Variants are in the order of Config.Variants.
	Variants []VariantResult
}

// VariantResult is the release's reach under one variant.
type VariantResult struct {
	Variant Variant
	// Phones is the fleet's size; Active those that opened the app at
	// least once after the release.
	Phones, Active int64
	// Hourly[class][h] is how many phones opened the app during hour h
	// after the release, by what they ran the last time they opened it
	// in that hour: the new version, got by path class, or (class
	// NotYet) the old one. The coverage curve is this split.
	Hourly [NotYet + 1][]int64
	// Reached[path][h] is how many phones had run the new version h
	// hours after the release (h from 0 to Hours), by the path they got
	// it by.
	Reached [numPaths][]int64
	// ColdStarts since the release; StaleColdStarts those after more
	// than 7 days away, StaleColdStartsNew those of them that ran the new
	// version.
	ColdStarts, StaleColdStarts, StaleColdStartsNew int64
	// LatePhones made a cold start from hour 24 on; LatePhonesNew ran the
	// new version at the first of them.
	LatePhones, LatePhonesNew int64
	// RecentAtRelease phones had used the app within 7 days before the
	// release; HeardInDay of them learnt of the new version within 24
	// hours, from a check of their own or the 24-hour one.
	RecentAtRelease, HeardInDay int64
}

func (t *tally) result(v Variant) VariantResult {
	r := VariantResult{
		Variant:            v,
		Phones:             t.phones,
		Active:             t.active,
		ColdStarts:         t.cold,
		LatePhones:         t.late,
		LatePhonesNew:      t.lateNew,
		StaleColdStarts:    t.coldStale,
		StaleColdStartsNew: t.coldStaleNew,
		RecentAtRelease:    t.recentAtRelease,
		HeardInDay:         t.heardInDay,
		Hourly:             t.hourly,
	}
	for p, perHour := range t.first {
		cum := make([]int64, len(perHour)+1)
		for h, n := range perHour {
			cum[h+1] = cum[h] + n
		}
		r.Reached[p] = cum
	}
	return r
}

// Paths lists the ways a phone reaches the new version.
func Paths() []Path { return []Path{PathAsync, PathPeriodic, PathStale} }

// ActiveIn is how many phones opened the app during hour h.
func (r *VariantResult) ActiveIn(h int) int64 {
	n := int64(0)
	for _, perHour := range r.Hourly {
		n += perHour[h]
	}
	return n
}

// Share is the coverage in hour h: the share of the phones that opened
// the app in that hour that ran the new version.
func (r *VariantResult) Share(h int) float64 {
	return share(r.ActiveIn(h)-r.Hourly[NotYet][h], r.ActiveIn(h))
}

// HoursTo is the first hour whose coverage reached target, if one did.
func (r *VariantResult) HoursTo(target float64) (int, bool) {
	for h := range r.Hourly[NotYet] {
		if r.ActiveIn(h) > 0 && r.Share(h) >= target {
			return h, true
		}
	}
	return 0, false
}

// ReachedAt is how many phones had run the new version h hours after the
// release.
func (r *VariantResult) ReachedAt(h int) int64 {
	n := int64(0)
	for _, cum := range r.Reached {
		n += cum[h]
	}
	return n
}

func share(n, of int64) float64 {
	if of == 0 {
		return 0
	}
	return float64(n) / float64(of)
}
