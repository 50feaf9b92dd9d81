package main

import (
	"runtime"
	"sync/atomic"
	"testing"
	"time"
)

// A small live heap may grow to minHeap before it is collected; a large
// one is collected when it doubles, as Go does by default.
func TestPercentForPacesToTheMinimumHeap(t *testing.T) {
	for _, tc := range []struct {
		live uint64
		want int
	}{
		{0, 800},           // before any collection: 4 MB × 8
		{4 << 20, 700},     // 4 MB live grows to 32 MB
		{8 << 20, 300},     // 8 MB to 32 MB
		{minHeap / 2, 100}, // from here on, Go's own pacing
		{200 << 20, 100},
	} {
		if got := percentFor(tc.live); got != tc.want {
			t.Errorf("percentFor(%d MB) = %d, want %d", tc.live>>20, got, tc.want)
		}
		if tc.live > 0 && tc.live < minHeap/2 {
			if goal := tc.live * uint64(100+percentFor(tc.live)) / 100; goal != minHeap {
				t.Errorf("a live heap of %d MB grows to %d MB, want %d MB", tc.live>>20, goal>>20, minHeap>>20)
			}
		}
	}
}

// The pacing is set again after each collection, not once.
func TestAfterEachCollectionRunsEveryTime(t *testing.T) {
	var runs atomic.Int32
	afterEachCollection(func() { runs.Add(1) })
	deadline := time.Now().Add(time.Minute)
	for runs.Load() < 3 {
		if time.Now().After(deadline) {
			t.Fatalf("ran %d times in a minute of collections, want 3", runs.Load())
		}
		runtime.GC()
		runtime.Gosched()
	}
}
