package jsrt

import (
	"runtime"
	"runtime/metrics"
	"sync"
)

// DefaultMemoryLimit is a mini-program's memory on a phone before the
// client kills it.
const DefaultMemoryLimit = 256 << 20

// Every runtime of the process shares one Go heap, and goja cannot say how
// much of it a runtime holds. So each runtime keeps a share: the growth of
// the heap while its JavaScript ran. Garbage inflates a share (the heap is
// measured without collecting), so a share past the limit is only a
// suspicion; the verdict comes from a collection, after which the shares
// are scaled down to what is really live and to what the heap grew since
// the runtime started. An app is out of memory only when both say so.

// heapBytes is the size of the heap's objects now, unswept garbage
// included. It is cheap enough to read around every callback.
func heapBytes() int64 {
	s := [1]metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s[:])
	return int64(s[0].Value.Uint64())
}

// liveBytes is the heap that the last collection found live; it costs no
// collection, and is stale by however much the heap grew since.
func liveBytes() int64 {
	s := [1]metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s[:])
	return int64(s[0].Value.Uint64())
}

// memShare is one runtime's estimated part of the heap. Its fields are
// guarded by ledger.mu: the watchdog reads them while the runtime runs.
type memShare struct {
	bytes int64 // the runtime's estimated heap
	base  int64 // the live heap when the runtime started
	limit int64
}

var ledger = struct {
	mu     sync.Mutex
	shares map[*memShare]struct{}
}{shares: map[*memShare]struct{}{}}

func newMemShare(limit int64) *memShare {
	m := &memShare{base: liveBytes(), limit: limit}
	ledger.mu.Lock()
	ledger.shares[m] = struct{}{}
	ledger.mu.Unlock()
	return m
}

// release forgets the share when its runtime is gone.
func (m *memShare) release() {
	ledger.mu.Lock()
	delete(ledger.shares, m)
	ledger.mu.Unlock()
}

// add charges the heap's growth during one callback (negative when a
// collection ran meanwhile) and reports whether the share looks past the
// limit.
func (m *memShare) add(delta int64) (suspect bool) {
	ledger.mu.Lock()
	defer ledger.mu.Unlock()
	m.bytes = max(m.bytes+delta, 0)
	return m.bytes > m.limit
}

// suspect reports whether the share plus extra bytes about to be taken
// would pass the limit, without collecting.
func (m *memShare) suspect(extra int64) bool {
	ledger.mu.Lock()
	defer ledger.mu.Unlock()
	return m.bytes+extra > m.limit
}

// over collects garbage and decides whether the share, with extra bytes
// that the runtime is about to take or took in a callback still running,
// is past the limit. It corrects every share on the way, so the garbage
// counted so far stops raising suspicion.
func (m *memShare) over(extra int64) bool {
	runtime.GC()
	live := heapBytes()
	ledger.mu.Lock()
	defer ledger.mu.Unlock()
	var sum int64
	for s := range ledger.shares {
		sum += s.bytes
	}
	if sum > live {
		for s := range ledger.shares {
			s.bytes = int64(float64(s.bytes) * float64(live) / float64(sum))
		}
	}
	m.bytes = max(min(m.bytes, live-m.base), 0)
	return m.bytes+extra > m.limit
}
