package scenario

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPlayerBack: stepping back gives the world the step before left,
// the transcript identical to the one played forwards to there, and a
// failed expectation does not stop the player.
func TestPlayerBack(t *testing.T) {
	s, err := Load(filepath.Join("..", "..", "assets", "scenarios", "update-async.tape"))
	if err != nil {
		t.Fatal(err)
	}
	s.Steps = append(s.Steps, mustParse(t, `expect screen "nowhere to be seen"`).Steps[0])
	p := NewPlayer(s)
	var at []string // the transcript after each step
	for {
		if _, ok := p.Next(); !ok {
			break
		}
		at = append(at, transcriptOf(p))
	}
	if last := p.Failures[len(p.Failures)-1]; !strings.Contains(last, "nowhere to be seen") {
		t.Errorf("the last expectation did not fail: %q", last)
	}
	for n := len(at) - 1; n >= 1; n-- {
		p.Back()
		if p.Played() != n {
			t.Fatalf("after a step back, %d steps played, want %d", p.Played(), n)
		}
		if got := transcriptOf(p); got != at[n-1] {
			t.Fatalf("back to step %d: the transcript differs\ngot:\n%s\nwant:\n%s", n, got, at[n-1])
		}
	}
}

func mustParse(t *testing.T, src string) *Script {
	t.Helper()
	s, err := Parse("extra.tape", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func transcriptOf(p *Player) string {
	var b strings.Builder
	for _, e := range p.World().Transcript(0) {
		b.WriteString(e.String() + "\n")
	}
	return b.String()
}

// BenchmarkStepBack measures a step back at the end of a 200-step
// scenario, which plays the 199 steps before it again, against the
// baseline of playing the whole file from its start.
func BenchmarkStepBack(b *testing.B) {
	dir := b.TempDir()
	file := filepath.Join(dir, "long.tape")
	apps, err := filepath.Abs(filepath.Join("..", "..", "assets", "apps", "demo"))
	if err != nil {
		b.Fatal(err)
	}
	src := fmt.Sprintf("app demo %s\nlaunch demo\n", apps)
	for i := 0; len(strings.Split(strings.TrimSpace(src), "\n")) < 200; i++ {
		src += fmt.Sprintf("tap \"打个招呼\"\nconfirm\nhome\nadvance 10m\npublish demo 1.%d.0\nlaunch demo\nexpect screen \"当前版本\"\n", i+1)
	}
	lines := strings.Split(strings.TrimSpace(src), "\n")[:200]
	if err := os.WriteFile(file, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		b.Fatal(err)
	}
	s, err := Load(file)
	if err != nil {
		b.Fatal(err)
	}
	p := NewPlayer(s)
	b.Run("play-200", func(b *testing.B) {
		for b.Loop() {
			p.Seek(200)
		}
	})
	b.Run("back-from-200", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			p.Seek(200)
			b.StartTimer()
			p.Back()
		}
	})
	for i, f := range p.Failures {
		if f != "" {
			b.Fatalf("step %d failed: %s", i+1, f)
		}
	}
}
