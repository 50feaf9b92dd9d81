package scenario

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseSuggestsTheStepMeant(t *testing.T) {
	wantProblems(t, "lanuch demo\nwiat-for \"x\"\nexpcet no-modal\nfrobnicate\n", []string{
		`t.tape:1: unknown step "lanuch"; did you mean "launch"?`,
		`t.tape:2: unknown step "wiat-for"; did you mean "wait-for"?`,
		`t.tape:3: unknown step "expcet"; did you mean "expect"?`,
		`t.tape:4: unknown step "frobnicate"`,
	})
	if _, err := Parse("t.tape", []byte("frobnicate\n")); strings.Contains(err.Error(), "did you mean") {
		t.Errorf("err = %v, want no suggestion: no step is near", err)
	}
}

func TestNearestOnlySuggestsASlip(t *testing.T) {
	names := stepNames()
	for in, want := range map[string]string{
		"launch":  "launch",
		"lauch":   "launch",
		"hme":     "home",
		"xy":      "",
		"tap":     "tap",
		"xyz":     "",
		"advanse": "advance",
	} {
		if got := Nearest(in, names); got != want {
			t.Errorf("Nearest(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseRefusesAFileWithoutSteps(t *testing.T) {
	for _, src := range []string{"", "\n\n", "# only a comment\n   \n"} {
		wantProblems(t, src, []string{"t.tape: no steps"})
	}
}

// A wait-for that times out shows the end of the transcript, so that the
// failure says what happened instead of what was awaited.
func TestWaitForTimeoutShowsTheLastTranscriptLines(t *testing.T) {
	file := filepath.Join(t.TempDir(), "s.tape")
	abs, _ := filepath.Abs("../../assets/apps/demo")
	src := "app demo " + abs + "\nlaunch demo\nwait-for \"never printed\" within 1m\n"
	if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	transcript, failure := runScript(t, file)
	lines := strings.Split(strings.TrimSuffix(transcript, "\n"), "\n")
	want := lines[max(0, len(lines)-tailLines):]
	if !strings.HasPrefix(failure, file+`:3: expected "never printed" in the transcript within 1m0s, got nothing; the last `) {
		t.Fatalf("failure = %q", failure)
	}
	if !strings.HasSuffix(failure, "\n    "+strings.Join(want, "\n    ")) {
		t.Errorf("failure:\n%s\nwant it to end with the last %d transcript lines:\n%s", failure, len(want), strings.Join(want, "\n"))
	}
}
