package tui

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"miniphone/engine/keep"
)

// keptWorld builds a world kept in dir, on an in-process platform of its
// own, as `miniphone --state DIR` does.
func keptWorld(t *testing.T, dir string) (*Backend, error) {
	t.Helper()
	cfg := testConfig(t, DemoApps())
	cfg.State = dir
	b, err := build(cfg)
	if err != nil {
		return nil, err
	}
	t.Cleanup(b.Close)
	go b.work()
	return b, nil
}

func keptHarness(t *testing.T, b *Backend) *harness {
	t.Helper()
	tm := teatest.NewTestModel(t, probe{New(b, Paused())}, teatest.WithInitialTermSize(120, 40))
	t.Cleanup(func() {
		tm.Quit()
		tm.WaitFinished(t, teatest.WithFinalTimeout(waitLimit))
	})
	return &harness{t: t, tm: tm, b: b}
}

// A world saved with S comes back in a new process: the phone with its
// installed version, the platform with its releases, the clock and the
// transcript; the app that was running comes back destroyed, and the
// transcript says why.
func TestStateSavedAndRestored(t *testing.T) {
	dir := t.TempDir()
	b, err := keptWorld(t, dir)
	if err != nil {
		t.Fatal(err)
	}
	h := keptHarness(t, b)
	h.waitFor("demo · not installed")
	h.openDemo()
	h.press("2", "P", "enter") // publish asks first
	h.waitFor("✓ demo: publish 1.1.0")
	h.press("S")
	h.waitFor("saved the world at +0d01:00:00.000 in " + dir)
	before := h.transcript()

	b2, err := keptWorld(t, dir)
	if err != nil {
		t.Fatal(err)
	}
	h2 := keptHarness(t, b2)
	h2.waitFor("restored the world of "+dir+" at +0d01:00:00.000", "+0d01:00:00.000", "demo · 1.0.0 · destroyed", "demo     1.1.0")
	want := before + "\n+0d01:00:00.000 phone demo destroyed the phone restarted: a JavaScript heap is not kept"
	if got := h2.transcript(); got != want {
		t.Errorf("restored transcript:\n%s\nwant:\n%s", got, want)
	}
	// The restored world goes on: the next cold start updates to 1.1.0.
	h2.press("1", "enter", "h")
	h2.waitFor("新版本已经更新,是否重启小程序?")
}

// Quitting saves the world.
func TestStateSavedOnQuit(t *testing.T) {
	dir := t.TempDir()
	b, err := keptWorld(t, dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := Run(b, tea.WithInput(strings.NewReader("q")), tea.WithOutput(new(bytes.Buffer))); err != nil {
		t.Fatal(err)
	}
	st, err := keep.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(st.World.Phones) != 1 || len(st.Platform.Apps) != len(DemoApps()) {
		t.Errorf("saved %d phones and %d apps, want 1 and %d", len(st.World.Phones), len(st.Platform.Apps), len(DemoApps()))
	}
}

// A state that cannot be used stops the start with the reason, and the
// folder stays as it was.
func TestStateRefusedIsLeftAlone(t *testing.T) {
	dir := t.TempDir()
	b, err := keptWorld(t, dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.save(); err != nil {
		t.Fatal(err)
	}
	manifest := keep.ManifestPath(dir)
	raw, _ := os.ReadFile(manifest)
	must(t, os.WriteFile(manifest, raw[:len(raw)-10], 0o644))
	before := folder(t, dir)
	_, err = keptWorld(t, dir)
	var refused *StateError
	if !errors.As(err, &refused) || !strings.Contains(err.Error(), manifest) {
		t.Errorf("build = %v, want a StateError naming %s", err, manifest)
	}
	if !reflect.DeepEqual(folder(t, dir), before) {
		t.Error("the refused folder changed")
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// folder reads every file under dir.
func folder(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	must(t, filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		out[path] = string(b)
		return err
	}))
	return out
}
