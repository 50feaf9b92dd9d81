package tui

import (
	"os"
	"path/filepath"
	"testing"
)

// TestE2EState: quitting the built binary with --state keeps the world,
// and the next start takes it up: the release published yesterday is
// still on the platform, the app that was open comes back destroyed, and
// its next cold start finds the update.
func TestE2EState(t *testing.T) {
	dir := t.TempDir()
	s := startTmux(t, "--state", dir)
	s.openAndPublish()
	s.send("q")
	s.waitExit()
	if _, err := os.Stat(filepath.Join(dir, "state.json")); err != nil {
		t.Fatalf("quitting saved nothing: %v", err)
	}

	s = startTmux(t, "--state", dir)
	s.waitFor("restored the world of "+dir, "demo · 1.0.0 · destroyed", "1.1.0 1.0.0")
	s.send("Enter")
	s.waitFor("新版本已经更新,是否重启小程序?", "当前版本 1.0.0")
	s.send("q")
	s.waitExit()
}
