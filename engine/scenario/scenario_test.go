package scenario

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"miniphone/fakeserver"
)

var update = flag.Bool("update", false, "rewrite the golden transcripts")

// runScript replays a file against a platform of its own in this
// process, as miniphone run does, and returns the transcript and the
// failure, if any.
func runScript(t *testing.T, file string) (string, string) {
	t.Helper()
	s, err := Load(file)
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	var out bytes.Buffer
	res, err := RunFile(s, &out)
	if err != nil {
		t.Fatal(err)
	}
	return out.String(), res.Failure
}

// TestLoopbackGivesTheSameTranscripts replays every bundled scenario
// against a platform on a real loopback socket, as --server phones reach
// a shared one, and against one in memory: the transcripts must be the
// same byte for byte, faults and timeouts included.
func TestLoopbackGivesTheSameTranscripts(t *testing.T) {
	eachScript(t, "../../assets/scenarios/*.tape", func(t *testing.T, file, _ string) {
		s, err := Load(file)
		if err != nil {
			t.Fatal(err)
		}
		srv, err := fakeserver.Start("127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		defer srv.Close()
		var loopback bytes.Buffer
		if _, err := Execute(s, srv.URL, srv.Token, &loopback); err != nil {
			t.Fatal(err)
		}
		inMemory, _ := runScript(t, file)
		if loopback.String() != inMemory {
			t.Errorf("over loopback:\n%s\nin memory:\n%s", loopback.String(), inMemory)
		}
	})
}

// eachScript runs test on every file of pattern, each in a subtest named
// after the file.
func eachScript(t *testing.T, pattern string, test func(t *testing.T, file, name string)) {
	files, err := filepath.Glob(pattern)
	if err != nil || len(files) == 0 {
		t.Fatalf("no scenarios at %s: %v", pattern, err)
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".tape")
		t.Run(name, func(t *testing.T) { test(t, file, name) })
	}
}

// TestBundledScenarios replays every bundled scenario: each must pass, and
// its transcript must match the golden file byte for byte.
func TestBundledScenarios(t *testing.T) {
	replayGolden(t, "../../assets/scenarios/*.tape", filepath.Join("testdata", "golden"))
}

// TestScenarios replays the scenarios that test steps the bundled ones do
// not show, against the test projects beside them; their golden files
// lie next to them.
func TestScenarios(t *testing.T) {
	replayGolden(t, "testdata/scenarios/*.tape", filepath.Join("testdata", "scenarios"))
}

// replayGolden replays every file of pattern, comparing its transcript
// with NAME.txt in goldenDir (rewritten with -update).
func replayGolden(t *testing.T, pattern, goldenDir string) {
	eachScript(t, pattern, func(t *testing.T, file, name string) {
		t.Parallel()
		got, failure := runScript(t, file)
		if failure != "" {
			t.Fatalf("%s\ntranscript:\n%s", failure, got)
		}
		golden := filepath.Join(goldenDir, name+".txt")
		if *update {
			if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test ./engine/scenario -update)", err)
		}
		if got != string(want) {
			t.Errorf("transcript differs from %s:\n%s", golden, diff(string(want), got))
		}
	})
}

// diff shows the first line where two transcripts part.
func diff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < max(len(w), len(g)); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return "line " + itoa(i+1) + ":\n want: " + wl + "\n  got: " + gl
		}
	}
	return "(equal)"
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestProjectScenarios runs the scenarios that prove how real projects
// load and run (engine/miniapp/testdata): each must pass.
func TestProjectScenarios(t *testing.T) {
	eachScript(t, "testdata/projects/*.tape", func(t *testing.T, file, _ string) {
		t.Parallel()
		if got, failure := runScript(t, file); failure != "" {
			t.Errorf("%s\ntranscript:\n%s", failure, got)
		}
	})
}
