package scenario

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseReportsEveryProblemWithItsLine(t *testing.T) {
	src := `# a comment
seed 7
app demo ../apps/demo
launch demo path "unterminated
frobnicate
advance 3 days
expect state demo sleeping
rollout demo 101
use nobody
tap 打个招呼
seed 3
fault cdn melt
expect modal
phone a network 5g
wait-for "x" within forever
launch ghost
tap "row" 2
tap "row" #0
tap "row" #2 # the second row
adjust "茶" up
adjust "茶" #2 left
erase "城市"
erase from "城市"
`
	wantProblems(t, src, []string{
		"t.tape:4: unterminated string",
		`t.tape:5: unknown step "frobnicate"`,
		"t.tape:6: advance: usage: advance DURATION",
		`t.tape:7: expect: unknown state "sleeping"`,
		`t.tape:8: rollout: PERCENT must be a whole number from 0 to 100, got "101"`,
		`t.tape:9: use: no phone "nobody" defined before this line`,
		"t.tape:10: tap: TEXT must be a double-quoted string",
		"t.tape:11: seed: seed must come before every other step",
		`t.tape:12: fault: unknown fault "melt"`,
		`t.tape:13: expect: usage: expect modal "TEXT"`,
		`t.tape:14: phone: unknown network "5g"`,
		`t.tape:15: wait-for: bad duration "forever"`,
		`t.tape:16: launch: no app "ghost" registered by an earlier app step`,
		`t.tape:17: tap: usage: tap "TEXT" [#N]`,
		`t.tape:18: tap: N must be a whole number from 1 to 1000, got "0"`,
		`t.tape:20: adjust: usage: adjust "TEXT" [#N] left|right`,
		`t.tape:22: erase: usage: erase [from "FIELD"]`,
	})
}

func TestParseAcceptsEveryBundledScenario(t *testing.T) {
	files, _ := filepath.Glob("../../assets/scenarios/*.tape")
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Parse(f, src); err != nil {
			t.Errorf("%v", err)
		}
	}
}

func TestParseDuration(t *testing.T) {
	cases := map[string]string{"90s": "1m30s", "5m": "5m0s", "12h": "12h0m0s", "7d": "168h0m0s", "1d12h": "36h0m0s", "250ms": "250ms"}
	for in, want := range cases {
		d, err := parseDuration(in)
		if err != nil || d.String() != want {
			t.Errorf("parseDuration(%q) = %v, %v; want %s", in, d, err, want)
		}
	}
	for _, bad := range []string{"", "5", "h", "1x", "-5m", "99999999d", "100000d100000d"} {
		if _, err := parseDuration(bad); err == nil {
			t.Errorf("parseDuration(%q) accepted", bad)
		}
	}
}

func TestLoadChecksProjectFolders(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "s.tape")
	if err := os.WriteFile(file, []byte("app demo ./nowhere\nlaunch demo\nfrobnicate\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Load(file)
	var problems Problems
	if !errors.As(err, &problems) || len(problems.Shown) != 2 ||
		!strings.HasPrefix(problems.Shown[0], file+":1: project ./nowhere:") ||
		!strings.HasPrefix(problems.Shown[1], file+`:3: unknown step "frobnicate"`) {
		t.Errorf("err = %v, want the missing folder (line 1) and the unknown step (line 3) together", err)
	}
}

// A failed expectation names the file and line, and what was expected.
func TestFailedExpectationSaysWhereAndWhat(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "s.tape")
	abs, _ := filepath.Abs("../../assets/apps/demo")
	src := "app demo " + abs + "\nlaunch demo\nexpect screen \"当前版本 9.9.9\"\nexpect no-modal\n"
	if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	_, failure := runScript(t, file)
	if !strings.HasPrefix(failure, file+`:3: expected the screen to show "当前版本 9.9.9", got `) {
		t.Errorf("failure = %q", failure)
	}
}

func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("../../assets/scenarios/*.tape")
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(src))
	}
	f.Add("launch demo path \"x\\\"y\" query a=1&b=2 scene 1001\n")
	f.Add("expect fetched demo \"\"\nwait-for \"\" within 1d12h30m5s250ms")
	f.Add("phone p user u base 1.2.3 client 8.0.0 network 2g\nuse p\nuse phone")
	f.Add("\"\n#\"\n\t\r\x00")
	f.Fuzz(func(t *testing.T, src string) {
		s, err := Parse("f.tape", []byte(src))
		if err != nil {
			var problems Problems
			if !errors.As(err, &problems) || len(problems.Shown) == 0 || len(problems.Shown) > maxShown {
				t.Fatalf("error %v is not a list of problems", err)
			}
			for _, p := range strings.Split(err.Error(), "\n") {
				if !strings.HasPrefix(p, "f.tape:") {
					t.Fatalf("problem %q does not start with FILE:LINE", p)
				}
			}
			return
		}
		for _, st := range s.Steps {
			if st.run == nil || st.Line < 1 {
				t.Fatalf("step %+v has no action or line", st)
			}
		}
	})
}

// wantProblems parses src and checks its problems, in order, each against
// the start of the expected message.
func wantProblems(t *testing.T, src string, want []string) {
	t.Helper()
	_, err := Parse("t.tape", []byte(src))
	var problems Problems
	if !errors.As(err, &problems) {
		t.Fatalf("err = %v, want Problems", err)
	}
	if len(problems.Shown) != len(want) || problems.More != 0 {
		t.Fatalf("got %d problems, want %d:\n%.2000s", len(problems.Shown)+problems.More, len(want), problems)
	}
	for i, w := range want {
		if !strings.HasPrefix(problems.Shown[i], w) {
			t.Errorf("problem %d:\n got %.200s\nwant %s…", i, problems.Shown[i], w)
		}
	}
}

func TestParseListsTheFirstProblemsAndCountsTheRest(t *testing.T) {
	_, err := Parse("t.tape", []byte(strings.Repeat("frobnicate\n", 1234)))
	if err == nil {
		t.Fatal("a file of unknown steps was accepted")
	}
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != maxShown+1 ||
		lines[maxShown-1] != `t.tape:100: unknown step "frobnicate"` ||
		lines[maxShown] != "t.tape: … and 1,134 more problems" {
		t.Errorf("got %d lines, ending\n%s\nwant the first %d problems and a count of the rest", len(lines), strings.Join(lines[max(0, len(lines)-3):], "\n"), maxShown)
	}
	var problems Problems
	if !errors.As(err, &problems) || len(problems.Shown) != maxShown || problems.More != 1134 {
		t.Errorf("problems hold %d messages and count %d more, want %d and 1134", len(problems.Shown), problems.More, maxShown)
	}
}

func TestParseNamesTheLineLimit(t *testing.T) {
	longest := "#" + strings.Repeat("x", maxLineSize-1)
	wantProblems(t, longest+"\nadvance "+longest+"\nfrobnicate\n", []string{
		"t.tape:2: line longer than 1,048,576 bytes",
		`t.tape:3: unknown step "frobnicate"`,
	})
}

// Only steps count: blank lines and comments hold nothing to run.
func TestParseRefusesMoreStepsThanTheLimit(t *testing.T) {
	src := strings.Repeat("home\n# a comment\n\n", maxSteps)
	if _, err := Parse("t.tape", []byte(src)); err != nil {
		t.Fatalf("%d steps refused: %.200v", maxSteps, err)
	}
	wantProblems(t, src+"home\n", []string{"t.tape: more than 100,000 steps, the limit of a scenario file"})
}

func TestParseRefusesAFileOverTheSizeLimit(t *testing.T) {
	src := "home \n" + strings.Repeat("#\n", (maxFileSize-6)/2) // exactly the limit
	if _, err := Parse("t.tape", []byte(src)); err != nil {
		t.Fatalf("%d bytes refused: %.200v", len(src), err)
	}
	wantProblems(t, src+"\n", []string{"t.tape: more than 4,194,304 bytes, the limit of a scenario file"})
}

// An endless file is read only as far as the limit, or it would take every
// byte of memory before anything could refuse it.
func TestLoadStopsReadingAtTheSizeLimit(t *testing.T) {
	const endless = "/dev/zero"
	if _, err := os.Stat(endless); err != nil {
		t.Skip(err)
	}
	_, err := Load(endless)
	if want := endless + ": more than 4,194,304 bytes, the limit of a scenario file"; err == nil || err.Error() != want {
		t.Errorf("err = %.200v, want %s", err, want)
	}
}
