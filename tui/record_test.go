package tui

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"miniphone/engine/scenario"
	"miniphone/fakeserver"
)

// replay runs a scenario file headless, as miniphone run does, and returns
// its transcript.
func replay(t *testing.T, file string) string {
	t.Helper()
	s, err := scenario.Load(file)
	if err != nil {
		t.Fatalf("the recording does not load: %v", err)
	}
	srv, err := fakeserver.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	var out bytes.Buffer
	res, err := scenario.Execute(s, srv.URL, srv.Token, &out)
	if err != nil {
		t.Fatal(err)
	}
	if res.Failure != "" {
		t.Fatalf("the replay failed: %s\n%s", res.Failure, out.String())
	}
	return out.String()
}

// TestRecordReplays: a session driven by keys and jumps, recorded with
// expectations, replays headless to the session's transcript, byte for
// byte.
func TestRecordReplays(t *testing.T) {
	h := start(t, 120, 40)
	file := filepath.Join(t.TempDir(), "walk.tape")
	if err := h.b.StartRecording(file); err != nil {
		t.Fatal(err)
	}
	h.waitFor("● REC")
	h.updateModal()
	h.press("E")
	h.waitFor("Record an expectation of what phone shows", `▸ expect modal "新版本已经更新,是否重启小程序?"`)
	h.press("enter")
	h.waitFor(`recorded: expect modal`)
	h.press("enter") // 确定: the app restarts on 1.1.0
	h.waitFor("当前版本 1.1.0")
	h.press("E")
	h.waitFor(`▸ expect version demo 1.1.0`)
	h.press("down", "down", "enter") // the title, then the version line
	h.waitFor(`recorded: expect screen "当前版本 1.1.0"`)
	h.press("space") // the clock runs a while at 1×: whatever it ran is recorded
	h.waitFor("▶ 1×")
	h.press("space", "n", "2", "down", "down", "right") // 4g; the check fault to fail
	h.waitFor("✓ fault check: fail")
	h.press("1", "esc", "d")
	h.waitFor("jumped +1d")
	h.press("a") // a second phone, shown once added
	h.waitFor("Add a phone")
	h.press("enter")
	h.waitFor("added phone phone2", "[phone2]")
	// demo on phone2: its first launch must download it, and the check
	// fails (the fault above), so the opening fails with WeChat's modal.
	h.press("enter", "h")
	h.waitFor("小程序加载失败,请检查网络后重试")
	h.press("enter", "[", "n") // answer it; back on the first phone: its network
	h.waitFor("phone - network 3g")
	h.press("f") // a pull moves the clock until it has its answer
	h.waitFor("demo: fetch.periodic")
	h.b.finishRecording()

	rec, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"app demo builtin:demo", "launch demo", "publish demo 1.1.0", "confirm",
		"network 4g", "fault check fail", `expect screen "当前版本 1.1.0"`, "advance 1d",
		"phone phone2 base 3.6.0 client 8.0.50 network wifi", "use phone\nnetwork 3g\npull-fetch demo\n"} {
		if !strings.Contains(string(rec), want) {
			t.Errorf("the recording has no %q:\n%s", want, rec)
		}
	}
	got, want := replay(t, file), h.transcript()+"\n"
	if got != want {
		t.Errorf("the replay's transcript differs from the session's\nrecording:\n%s\nreplay:\n%s\nsession:\n%s", rec, got, want)
	}
}

// TestRecordKey: the record key started midway writes the session from
// its start, and stopping it writes the phone time since the last step;
// the file replays to the session's transcript.
func TestRecordKey(t *testing.T) {
	h := start(t, 120, 40)
	h.openDemo()
	h.press("tab") // focus 关于
	h.tm.Send(tea.KeyMsg{Type: tea.KeyCtrlR})
	h.waitFor("Record the session to", DefaultRecording)
	file := filepath.Join(t.TempDir(), "midway.tape")
	h.typeText(file)
	h.press("enter")
	h.waitFor("● REC", "recording to "+file)
	h.press("enter") // taps 关于
	h.waitFor(`phone demo tap "关于"`)
	h.press("H")
	h.waitFor("jumped +12h")
	h.tm.Send(tea.KeyMsg{Type: tea.KeyCtrlR})
	h.waitFor("recording stopped: " + file)
	// The header hears of it with the next frame.
	poll(t, waitLimit, func() (string, error) {
		if s := h.screen(); strings.Contains(s, "● REC") {
			return s, errors.New("the header still says it records")
		}
		return "", nil
	}, nil)
	got, want := replay(t, file), h.transcript()+"\n"
	if got != want {
		rec, _ := os.ReadFile(file)
		t.Errorf("the replay's transcript differs from the session's\nrecording:\n%s\nreplay:\n%s\nsession:\n%s", rec, got, want)
	}
}
