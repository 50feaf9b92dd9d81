package fleet

import (
	"context"
	"runtime"
	"testing"
	"time"
	"unsafe"
)

// BenchmarkFleet runs the default fleet's phones on one worker and reports
// simulated phone-days per second of CPU time (one core's worth, however
// busy the machine is with other work), and the bytes the run allocates
// per phone: a phone's state (phone-bytes) lives on the worker's stack for
// as long as the phone takes, and nothing of it is kept.
func BenchmarkFleet(b *testing.B) {
	cfg := DefaultConfig()
	cfg.Phones = 20_000
	cfg.Workers = 1
	b.ReportAllocs()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	cpu0, cpuOK := cpuTime()
	for b.Loop() {
		if _, err := Run(context.Background(), cfg, nil); err != nil {
			b.Fatal(err)
		}
	}
	elapsed := time.Since(start)
	if cpu1, ok := cpuTime(); cpuOK && ok {
		elapsed = cpu1 - cpu0
	}
	runtime.ReadMemStats(&after)
	phones := float64(b.N) * float64(cfg.Phones)
	b.ReportMetric(phones*float64(cfg.Days)/elapsed.Seconds(), "phone-days/s")
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/phones, "B/phone")
	b.ReportMetric(float64(unsafe.Sizeof(phone{})), "phone-bytes")
}
