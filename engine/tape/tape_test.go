package tape

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"miniphone/engine"
	"miniphone/engine/scenario"
)

// TestStepsParse: every step the recorder writes is one the scenario
// language reads, strings with quotes and backslashes included.
func TestStepsParse(t *testing.T) {
	c := scenario.NewChecker()
	for _, l := range []string{"app demo builtin:demo", "phone phone"} {
		if err := c.Check(l); err != nil {
			t.Fatal(err)
		}
	}
	steps := []Step{
		Launch("demo"), Home(), Tap(`say "hi" \ now`), Kill("demo"), MemoryWarning(), Network("2g"),
		PullFetch("demo"), ClearFetch("demo"), Answer(true), Answer(false), SimulateUpdate("demo", true),
		SimulateUpdate("demo", false), Phone(engine.PhoneConfig{Name: "p2", Base: "2.0.0", Network: "3g", OS: "ios"}), Use("phone"),
		ExpectScreen("当前版本 1.0.0"), ExpectModal(`"引号"`), ExpectVersion("demo", "1.0.0"),
		Publish("demo", "1.0.1"), Rollback("demo", "1.0.0"), Rollout("demo", "50"), MinVersion("demo", "1.0.0"),
		MinBase("demo", "2.8.0"), PreferLocal("demo", true), Fault("cdn", "slow"),
		DataURL("fetch-url", "demo", "https://a.example/x"), DataURL("prefetch-url", "demo", "https://a.example/y"),
		Gray("demo", "https://a.example/g", "10"), Tester("demo", "u1"),
		Data("https://a.example/x", "text", `{{token}} "晴"`), Data("https://a.example/x", "bytes", "300000"),
		Request("https://a.example/r", "json", `{"a":1}`), Request("https://a.example/r", "session", ""),
		Request("https://a.example/r", "status", "503"),
		Back(), Tab("我的"), ScrollBottom(), PullDown(), TapAt(engine.Target{Text: "行", Nth: 2}), Type("上海", engine.Target{Text: "城市"}),
		Adjust(engine.Target{Text: "茶"}, -1), Adjust(engine.Target{Text: "糖", Nth: 3}, 1), Erase(engine.Target{Text: "城市"}),
	}
	for _, s := range steps {
		if err := c.Check(s.String()); err != nil {
			t.Errorf("%s: %v", s, err)
		}
	}
}

// TestDuration: durations are written to the nanosecond and read back the
// same by an advance step.
func TestDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		0:                                       "0s",
		61 * time.Millisecond:                   "61ms",
		59*time.Minute + 59939*time.Millisecond: "59m59s939ms",
		8*24*time.Hour + 1500*time.Nanosecond:   "8d1us500ns",
	} {
		if got := Duration(d); got != want {
			t.Errorf("Duration(%v) = %q, want %q", d, got, want)
		}
		if err := scenario.NewChecker().Check("advance " + Duration(d)); err != nil {
			t.Errorf("advance %s: %v", Duration(d), err)
		}
	}
}

// TestRecorderFile: the file holds the session from its start, whenever
// recording starts; a step the language cannot say is a comment; a
// launch the next step did not wait for says so.
func TestRecorderFile(t *testing.T) {
	w := engine.NewWorld(engine.Config{Seed: 7, ServerURL: "http://127.0.0.1:1"})
	w.RegisterApp("demo")
	if _, err := w.AddPhone(engine.PhoneConfig{Name: "phone"}); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	r := New(7, []App{{ID: "demo", Dir: filepath.Join(dir, "apps", "demo")}}, "phone")
	r.Platform(w, Rollout("demo", "ten"))
	w.Advance(90 * time.Second)
	r.Act(w, w.Elapsed(), "phone", Network("3g"))
	file := filepath.Join(dir, "walk.tape")
	if err := r.Start(file); err != nil {
		t.Fatal(err)
	}
	if err := r.Start(file); err == nil {
		t.Error("a second Start while recording was not refused")
	}
	w.Advance(time.Hour)
	if err := r.Stop(w); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"seed 7", "app demo apps/demo", "phone phone", "# not replayable: rollout demo ten (",
		"advance 1m30s", "network 3g", "advance 1h"}
	text := string(got)
	for _, w := range want {
		i := strings.Index(text, w)
		if i < 0 {
			t.Fatalf("no %q in order in:\n%s", w, got)
		}
		text = text[i+len(w):]
	}
}

// A phone's every setting the form takes is written, its OS included, so
// that the replay's phone is the session's.
func TestPhoneStepKeepsEverySetting(t *testing.T) {
	cfg := engine.PhoneConfig{Name: "p2", User: "u", Base: "2.0.0", Client: "8.0.1", Network: "3g", OS: "ios"}
	if got, want := Phone(cfg).String(), "phone p2 user u base 2.0.0 client 8.0.1 network 3g os ios"; got != want {
		t.Errorf("Phone = %q, want %q", got, want)
	}
}
