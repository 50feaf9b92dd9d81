package tui

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// The end-to-end tests run the built binary in tmux, as a user would, and
// read the screen with capture-pane. They poll for text with a deadline
// and never sleep a fixed time. Each test has a tmux server of its own:
// a server stops with its last session, and a test killing its session on
// a shared server would stop it under the next test's new-session.

// e2eDir holds the binary; TestMain removes it.
var e2eDir string

// binary builds miniphone once for every end-to-end test.
var binary = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "miniphone-e2e")
	if err != nil {
		return "", err
	}
	e2eDir = dir
	bin := filepath.Join(dir, "miniphone")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	cmd.Dir = ".." // the module root, where package main is
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build: %v\n%s", err, out)
	}
	return bin, nil
})

// tmuxSession is the binary running in a tmux server of its own.
type tmuxSession struct {
	t      *testing.T
	socket string // the server's socket, in the test's temporary folder
}

// tmuxTarget names the one session of a test's server.
const tmuxTarget = "miniphone"

func startTmux(t *testing.T, args ...string) *tmuxSession {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed")
	}
	if testing.Short() {
		t.Skip("end-to-end: builds the binary")
	}
	bin, err := binary()
	if err != nil {
		t.Fatal(err)
	}
	s := &tmuxSession{t: t, socket: filepath.Join(t.TempDir(), "tmux")}
	cmd := append([]string{"new-session", "-d", "-s", tmuxTarget, "-x", "140", "-y", "45", bin,
		"--log", filepath.Join(t.TempDir(), "miniphone.log")}, args...)
	if out, err := s.tmux(cmd...).CombinedOutput(); err != nil {
		t.Fatalf("tmux new-session: %v\n%s", err, out)
	}
	t.Cleanup(func() { s.tmux("kill-server").Run() })
	return s
}

// tmux is a command to the test's own server; -f /dev/null keeps the
// user's configuration (key bindings, size policies) out of the test.
func (s *tmuxSession) tmux(args ...string) *exec.Cmd {
	return exec.Command("tmux", append([]string{"-S", s.socket, "-f", "/dev/null"}, args...)...)
}

// send types keys, as tmux names them (Enter, Escape, Right) or literally.
func (s *tmuxSession) send(keys ...string) {
	s.t.Helper()
	if out, err := s.tmux(append([]string{"send-keys", "-t", tmuxTarget}, keys...)...).CombinedOutput(); err != nil {
		s.t.Fatalf("tmux send-keys %q: %v\n%s", keys, err, out)
	}
}

func (s *tmuxSession) capture() (string, error) {
	out, err := s.tmux("capture-pane", "-p", "-t", tmuxTarget).CombinedOutput()
	return string(out), err
}

// waitFor polls the screen until it shows every text.
func (s *tmuxSession) waitFor(texts ...string) string {
	s.t.Helper()
	return poll(s.t, waitLimit, s.capture, texts)
}

// waitExit polls until the program has ended: its session, the server's
// only one, is then gone.
func (s *tmuxSession) waitExit() {
	s.t.Helper()
	deadline := time.Now().Add(waitLimit)
	for s.tmux("has-session", "-t", tmuxTarget).Run() == nil {
		if time.Now().After(deadline) {
			screen, _ := s.capture()
			s.t.Fatalf("miniphone did not quit; last screen:\n%s", screen)
		}
		time.Sleep(pollEvery)
	}
}

// publishAndLeave opens the demo, publishes 1.1.0 from the console and
// goes home. Esc is followed by a wait: a key sent right after it would
// reach the program as alt+key.
func (s *tmuxSession) publishAndLeave(beforeLeaving func()) {
	s.openAndPublish()
	beforeLeaving()
	s.send("1")
	s.waitFor("┏━ 1 Phone")
	s.send("Escape")
	s.waitFor("demo · 1.0.0 · background")
	s.send("h") // an hour later the app has been destroyed
	s.waitFor("demo · 1.0.0 · destroyed")
	s.send("Enter") // a cold start: the check runs in parallel
}

// openAndPublish opens the demo, then publishes 1.1.0 from the console.
func (s *tmuxSession) openAndPublish() {
	s.waitFor("demo · not installed · not-running")
	s.send("Enter")
	s.waitFor("版本更新演示", "当前版本 1.0.0")
	s.send("2")
	s.waitFor("┏━ 2 Platform console")
	s.send("P")
	s.waitFor("Publish demo to every phone", "1.1.0")
	s.send("Enter")
	s.waitFor("✓ demo: publish 1.1.0", "1.1.0 1.0.0")
}

// TestE2EUpdate: a release reaches a phone through the restart modal.
func TestE2EUpdate(t *testing.T) {
	s := startTmux(t)
	s.publishAndLeave(func() {})
	s.waitFor("新版本已经更新,是否重启小程序?", "▸ 确定", "当前版本 1.0.0")
	s.send("Enter")
	s.waitFor("当前版本 1.1.0")
	s.send("q")
	s.waitExit()
}

// TestE2ECDNFailure: with the CDN failing, the download of the new version
// fails, the app says so, and it keeps running the version it had.
func TestE2ECDNFailure(t *testing.T) {
	s := startTmux(t)
	s.publishAndLeave(func() {
		s.send("Down", "Down", "Down") // demo, weather, check, cdn
		s.waitFor("▸ fault cdn")
		s.send("Right")
		s.waitFor("fault cdn      fail", "✓ fault cdn: fail")
	})
	// The modal's content is broken over lines as the phone draws it.
	failure := wrap("新版本已经上线,请您删除当前小程序,重新搜索小程序打开", modalTextWidth)
	s.waitFor(append(failure, "当前版本 1.0.0")...)
	s.send("Enter")
	screen := s.waitFor("modal.confirm 更新提示")
	if !strings.Contains(screen, "当前版本 1.0.0") {
		t.Errorf("the app does not run 1.0.0 any more:\n%s", screen)
	}
}

// typeText types text one character per send-keys, literally: characters
// sent in one call may reach Bubble Tea as one key.
func (s *tmuxSession) typeText(text string) {
	s.t.Helper()
	for _, r := range text {
		s.send("-l", string(r))
	}
}

// TestE2EBackgroundFetch: the weather app's data URL and the developer
// server's answer, set in the console, reach the page through a pull: the
// page shows the token the app set at launch, as the server echoed it.
func TestE2EBackgroundFetch(t *testing.T) {
	s := startTmux(t)
	s.waitFor("demo · not installed · not-running")
	s.send("2")
	s.waitFor("┏━ 2 Platform console")
	s.send("Down")
	s.waitFor("weather · background fetch")
	s.send("f")
	s.waitFor("Periodic data URL of weather", "https://weather.example/fetch")
	s.send("Enter") // the URL the form suggests
	s.waitFor("✓ weather: fetch-url https://weather.example/fetch")
	s.send("a")
	s.waitFor("What the developer server answers", "▸ URL")
	s.send("Tab")
	s.waitFor("▸ kind")
	s.send("Tab")
	s.waitFor("▸ value")
	s.typeText("echo {{token}}") // replaces the suggested answer
	s.waitFor("echo {{token}}▏")
	s.send("Enter")
	s.waitFor(`https://weather.example/fetch → text "echo {{token}}"`)
	s.send("1")
	s.waitFor("┏━ 1 Phone")
	s.send("Down")
	s.waitFor("▸ weather")
	s.send("Enter")
	s.waitFor("天气预报", "暂无数据,等待后台拉取")
	s.send("f")
	// On the page, not only in the console's cache line, which quotes it.
	s.waitFor("│ echo cities=北京 上海&unit=C", "weather: fetch.periodic ok")
	s.send("q")
	s.waitExit()
}

// TestE2ERunawayApp: a mini-program whose timer never returns does not
// hold the user. A kill lands behind a jump that would run the timer
// hundreds of thousands of times, each run cut off only by the callback's
// time budget; quitting does not wait for such a jump either.
func TestE2ERunawayApp(t *testing.T) {
	dir, err := filepath.Abs(filepath.Join("testdata", "runaway"))
	if err != nil {
		t.Fatal(err)
	}
	s := startTmux(t, "--app", dir)
	s.waitFor("runaway · not installed · not-running")
	s.send("Down", "Down")
	s.waitFor("▸ runaway")
	s.send("Enter")
	s.waitFor("runaway ready pages/index/index")
	// Each key waits for the one before to be seen: letters that reach
	// the program together arrive as one key.
	s.send("h")
	s.waitFor("jumping +1h…")
	s.send("x")
	s.waitFor("runaway destroyed killed by the user", "runaway · 1.0.0 · destroyed")
	s.send("Enter") // installed now, it opens within the key's own job
	s.send("w")
	s.waitFor("jumping +7d…")
	s.send("q")
	s.waitExit()
}
