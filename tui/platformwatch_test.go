package tui

import (
	"context"
	"strings"
	"testing"

	"miniphone/engine"
	"miniphone/engine/archive"
)

// TestOthersPlatformEvents: on a shared platform, what another emulator
// does there shows in this emulator's log; what this one does shows once.
func TestOthersPlatformEvents(t *testing.T) {
	b := buildWorld(t, DemoApps())
	run := func() {
		for job, ok := b.jobs.take(); ok; job, ok = b.jobs.take() {
			job()
		}
	}
	transcript := func() string {
		var lines []string
		b.session.Do(func(w *engine.World) {
			for _, e := range w.Transcript(0) {
				lines = append(lines, e.String())
			}
		})
		return strings.Join(lines, "\n")
	}
	b.tick(0, 0, true, 0)
	run()

	// Another emulator, sharing the platform, publishes and sets a fault.
	pkg, err := archive.Build(DemoApps()[0].Files)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.platform.Publish(context.Background(), "demo", "1.0.1", pkg); err != nil {
		t.Fatal(err)
	}
	if err := b.platform.SetFault(context.Background(), "cdn", "fail"); err != nil {
		t.Fatal(err)
	}
	b.tick(0, 0, true, 0)
	run()
	tr := transcript()
	for _, want := range []string{"platform demo publish 1.0.1 (by another emulator)", "platform - fault cdn fail (by another emulator)"} {
		if !strings.Contains(tr, want) {
			t.Errorf("the log lacks %q:\n%s", want, tr)
		}
	}

	// This emulator's own publish is its line, not another's.
	b.publish("demo", "1.0.2")
	run()
	b.tick(0, 0, true, 0)
	run()
	if tr := transcript(); strings.Count(tr, "publish 1.0.2") != 1 {
		t.Errorf("this emulator's publish shows %d times:\n%s", strings.Count(tr, "publish 1.0.2"), tr)
	}
}

// TestMadeUpIDInTheLog: an app id the user did not choose is said in the
// event log too, where the user looks for the app.
func TestMadeUpIDInTheLog(t *testing.T) {
	note := `app id "app", made from the folder's name "待办" (choose another with --app ID=待办)`
	b := buildWorld(t, []App{{ID: "app", Files: DemoApps()[0].Files, Note: note}})
	var found bool
	b.session.Do(func(w *engine.World) {
		for _, e := range w.Transcript(0) {
			found = found || strings.Contains(e.String(), "platform app app-id "+note)
		}
	})
	if !found {
		t.Errorf("the event log does not say how the app id came about")
	}
}
