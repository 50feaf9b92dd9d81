package main

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
)

// minHeap is the heap a run may reach before its first collection, and
// between any two while what is live stays small.
//
// What a run allocates is mostly the garbage of cold starts: each launch
// builds a JavaScript runtime of some hundreds of kilobytes and drops it
// when the app is destroyed, while what stays live is a few megabytes. Go
// collects each time the heap doubles, so a one-phone run collected every
// few megabytes, and a ten-year run spent nearly half its CPU time
// collecting. A world whose live heap passes half of minHeap is paced as
// Go paces it.
const minHeap = 32 << 20

// paceCollections sets the collector's percentage after every collection,
// so that the next one comes when the heap reaches minHeap, or when it
// doubles once the live heap is larger than half of that. A GOGC in the
// environment is the user's choice, and is left alone.
func paceCollections() {
	if os.Getenv("GOGC") != "" {
		return
	}
	debug.SetGCPercent(percentFor(0))
	afterEachCollection(func() { debug.SetGCPercent(percentFor(liveHeap())) })
}

// percentFor is the GOGC that lets a heap of live bytes grow to minHeap
// before its next collection; never less than Go's 100. Before the first
// collection (live is 0), it is what the runtime's own 4 MB minimum needs
// to become minHeap.
func percentFor(live uint64) int {
	const runtimeMinimum = 4 << 20 // the heap Go lets grow at GOGC=100 before collecting
	switch {
	case live == 0:
		return 100 * minHeap / runtimeMinimum
	case 2*live >= minHeap:
		return 100
	}
	return int(minHeap*100/live) - 100
}

// liveHeap is what the last collection found live.
func liveHeap() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// afterEachCollection runs f after every collection, in the runtime's
// finalizer goroutine: a collection finds the sentinel unreachable and
// runs its finalizer, which makes the next one.
func afterEachCollection(f func()) {
	runtime.SetFinalizer(&sentinel{}, func(*sentinel) {
		f()
		afterEachCollection(f)
	})
}

// sentinel holds a pointer so that it is an allocation of its own: the
// finalizer of a tiny pointer-free object may never run.
type sentinel struct{ _ *byte }
