package scenario

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// benchPhones launch the demo app once each, then the world runs 30 days:
// enough history for work per event that grows with it to show.
const benchPhones = 300

// fleetScript writes a scenario of benchPhones phones launching the demo
// app, ending with last, and loads it.
func fleetScript(b *testing.B, last string) *Script {
	b.Helper()
	demo, err := filepath.Abs("../../assets/apps/demo")
	if err != nil {
		b.Fatal(err)
	}
	var src strings.Builder
	fmt.Fprintf(&src, "app demo %s\n", demo)
	for i := range benchPhones {
		fmt.Fprintf(&src, "phone p%d\nlaunch demo\n", i)
	}
	src.WriteString(last + "\n")
	file := filepath.Join(b.TempDir(), "fleet.tape")
	if err := os.WriteFile(file, []byte(src.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	s, err := Load(file)
	if err != nil {
		b.Fatal(err)
	}
	return s
}

func benchFleet(b *testing.B, last, wantFailure string) {
	s := fleetScript(b, last)
	for b.Loop() {
		res, err := RunFile(s, io.Discard)
		if err != nil {
			b.Fatal(err)
		}
		if !strings.Contains(res.Failure, wantFailure) {
			b.Fatalf("failure %q, want one containing %q", res.Failure, wantFailure)
		}
	}
}

// BenchmarkFleetAdvance is the baseline of BenchmarkFleetWaitFor: the
// same 30 days, run by advance.
func BenchmarkFleetAdvance(b *testing.B) { benchFleet(b, "advance 30d", "") }

// BenchmarkFleetWaitFor waits for a line that never comes, so it runs the
// same 30 days as BenchmarkFleetAdvance while reading every line.
func BenchmarkFleetWaitFor(b *testing.B) {
	benchFleet(b, `wait-for "never written" within 30d`, `expected "never written"`)
}

// BenchmarkWorld runs the generated scale scenarios: a thousand phones
// over a month after each launched the demo once, and one phone using it
// daily for ten years.
func BenchmarkWorld(b *testing.B) {
	for _, name := range []string{"phones-1000", "daily-3650"} {
		b.Run(name, func(b *testing.B) {
			s, err := Load(filepath.Join(scaleDir, name+".tape"))
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				res, err := RunFile(s, io.Discard)
				if err != nil || res.Failure != "" {
					b.Fatal(err, res.Failure)
				}
			}
		})
	}
}
