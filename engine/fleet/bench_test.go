package fleet

import (
	"context"
	"runtime"
	"testing"
	"time"
	"unsafe"
)

// BenchmarkFleet runs the default fleet's phones on one worker and reports
// simulated phone-days per second on that one core, and the bytes the run
// allocates per phone: everything it holds per phone lives on the
// worker's stack for as long as the phone takes (phone-bytes).
func BenchmarkFleet(b *testing.B) {
	cfg := DefaultConfig()
	cfg.Phones = 20_000
	cfg.Workers = 1
	b.ReportAllocs()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	for b.Loop() {
		if _, err := Run(context.Background(), cfg, nil); err != nil {
			b.Fatal(err)
		}
	}
	elapsed := time.Since(start)
	runtime.ReadMemStats(&after)
	phones := float64(b.N) * float64(cfg.Phones)
	b.ReportMetric(phones*float64(cfg.Days)/elapsed.Seconds(), "phone-days/s")
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/phones, "B/phone")
	b.ReportMetric(float64(unsafe.Sizeof(phone{})), "phone-bytes")
}
