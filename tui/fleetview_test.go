package tui

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"

	"miniphone/engine/fleet"
	"miniphone/fakeserver"
)

// testFleetPhones is the fleet the tests simulate: the default 100,000
// take seconds under the race detector, and what the tests check is the
// view, not the simulation.
const testFleetPhones = 2000

// smallFleet is an Option that runs the fleet view on testFleetPhones.
func smallFleet(m *Model) {
	m.fleet.run = func(ctx context.Context, cfg fleet.Config, progress func(fleet.Progress)) (*fleet.Result, error) {
		cfg.Phones = testFleetPhones
		return fleet.Run(ctx, cfg, progress)
	}
}

// The apps whose release the fleet screens simulate.
var (
	demoFirstRelease = fakeserver.AppState{AppID: "demo", Live: "1.0.0", Rollout: 100,
		Versions: []fakeserver.VersionInfo{{Version: "1.0.0"}}}
	// A staged rollout of a version that is also the minimum: every phone
	// on 1.0.0 is served 1.1.0 all the same.
	demoForcedRollout = fakeserver.AppState{AppID: "demo", Live: "1.1.0", Previous: "1.0.0", Rollout: 10, MinVersion: "1.1.0",
		Versions: []fakeserver.VersionInfo{{Version: "1.0.0"}, {Version: "1.1.0"}}}
)

var fleetScreens = []struct {
	name string
	w, h int
	app  fakeserver.AppState
}{
	{"default", 120, 40, demoFirstRelease},
	{"rollout-minimum", 100, 30, demoForcedRollout},
}

// TestFleetView compares the fleet view after its run with its golden
// file (testdata/TestFleetView/NAME.golden).
func TestFleetView(t *testing.T) {
	for _, sc := range fleetScreens {
		t.Run(sc.name, func(t *testing.T) {
			golden.RequireEqual(t, []byte(fleetScreen(t, sc.w, sc.h, sc.app)))
		})
	}
}

// TestFleetViewWidths: the chart's box drawing and dots are one cell
// each, under a Chinese locale too.
func TestFleetViewWidths(t *testing.T) {
	underLocales(t, func(t *testing.T) {
		for _, sc := range fleetScreens {
			t.Run(sc.name, func(t *testing.T) {
				checkSize(t, fleetScreen(t, sc.w, sc.h, sc.app), sc.w, sc.h)
			})
		}
	})
}

// fleetScreen is the fleet view of app on a w×h screen once its run has
// ended. The test takes the run's messages itself, as the program would,
// until the last one: it waits for the run's end, however long the machine
// takes, and never for a time.
func fleetScreen(t *testing.T, w, h int, app fakeserver.AppState) string {
	t.Helper()
	m := New(newWorld(t), Paused(), smallFleet)
	cmd := openFleet(t, m, w, h, app)
	for {
		msg := cmd()
		_, cmd = m.Update(msg)
		if _, done := msg.(fleetDoneMsg); done {
			break
		}
		if cmd == nil {
			t.Fatalf("the view stopped listening before the run ended, at %#v", msg)
		}
	}
	view := m.View()
	if !strings.Contains(view, "ran it by 24 h") {
		t.Fatalf("no summary after the run:\n%s", view)
	}
	return view
}

// openFleet shows a platform of one app on a w×h screen, and presses the
// fleet key on its row; it returns the command that brings the run's
// first message.
func openFleet(t *testing.T, m *Model, w, h int, app fakeserver.AppState) tea.Cmd {
	t.Helper()
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	m.Update(frameMsg{snap: benchSnapshot(), platform: &fakeserver.State{
		Apps:   []fakeserver.AppState{app},
		Faults: map[string]string{"check": "none", "cdn": "none", "data": "none"},
	}})
	m.Update(keyMsg("2"))
	_, cmd := m.Update(keyMsg("s"))
	if cmd == nil {
		t.Fatalf("s on the app's row started nothing:\n%s", m.View())
	}
	return cmd
}

// TestFleetEscCancels: esc closes the view while the fleet runs, and the
// run stops there rather than going on unseen; what it still sends is
// ignored. The run is held at its first progress until it is cancelled,
// so the bar is caught at a known point whatever the machine's speed.
func TestFleetEscCancels(t *testing.T) {
	m := New(newWorld(t), Paused())
	ended := make(chan error, 1)
	m.fleet.run = func(ctx context.Context, cfg fleet.Config, progress func(fleet.Progress)) (*fleet.Result, error) {
		cfg.Phones = 4 * 2048 // four of the batches Run reports progress by
		res, err := fleet.Run(ctx, cfg, func(p fleet.Progress) {
			progress(p)
			<-ctx.Done()
		})
		ended <- err
		return res, err
	}
	msg := openFleet(t, m, 120, 40, demoFirstRelease)()
	if _, ok := msg.(fleetProgressMsg); !ok {
		t.Fatalf("the run's first message is %#v, want its progress", msg)
	}
	_, next := m.Update(msg)
	view := m.View()
	checkSize(t, view, 120, 40)
	golden.RequireEqual(t, []byte(view))

	m.Update(keyMsg("esc"))
	select {
	case err := <-ended:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("the run ended with %v, want it cancelled", err)
		}
	case <-time.After(waitLimit):
		t.Fatal("esc did not stop the run")
	}
	if view := m.View(); strings.Contains(view, "Fleet · demo") {
		t.Errorf("esc did not close the view:\n%s", view)
	}
	if _, cmd := m.Update(next()); cmd != nil {
		t.Error("the closed view still listens to the run it stopped")
	}
	if view := m.View(); strings.Contains(view, "Fleet · demo") {
		t.Errorf("the stopped run's last message opened the view again:\n%s", view)
	}
}

// TestFleetKey runs the fleet from the console in the program, and goes
// back to the console with esc; on a fault row the key says what it
// needs.
func TestFleetKey(t *testing.T) {
	h := startWith(t, 120, 40, DemoApps(), smallFleet)
	h.press("2", "down", "down", "s")
	h.waitFor("s (fleet curve) needs an app row")
	h.press("up", "s")
	h.waitFor("Fleet · weather", "weather · live 1.0.0 · rollout 100%", "2000 simulated phones", "ran it by 24 h", "esc close")
	h.press("esc")
	if screen := h.waitFor("┏━ 2 Platform console"); strings.Contains(screen, "Fleet ·") {
		t.Errorf("esc did not close the fleet view:\n%s", screen)
	}
}

// TestFleetConfig: the fleet simulates the app's live release settings.
// The minimum version matters when the phones the fleet starts from (on
// the version before the live one) are below it.
func TestFleetConfig(t *testing.T) {
	for _, tc := range []struct {
		name       string
		app        fakeserver.AppState
		rollout    int
		minVersion bool
	}{
		{"first release", demoFirstRelease, 100, false},
		{"staged rollout", fakeserver.AppState{Live: "1.1.0", Previous: "1.0.0", Rollout: 10}, 10, false},
		{"minimum at the live version", demoForcedRollout, 10, true},
		{"minimum at the version before", fakeserver.AppState{Live: "1.1.0", Previous: "1.0.0", Rollout: 100, MinVersion: "1.0.0"}, 100, false},
		{"minimum between the two", fakeserver.AppState{Live: "1.2.0", Previous: "1.0.0", Rollout: 100, MinVersion: "1.1.0"}, 100, true},
		{"first release as the minimum", fakeserver.AppState{Live: "1.0.0", Rollout: 100, MinVersion: "1.0.0"}, 100, true},
		{"nothing before, the minimum below the live one", fakeserver.AppState{Live: "1.1.0", Rollout: 100, MinVersion: "1.0.0"}, 100, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := fleetConfig(tc.app, 7)
			if err := cfg.Validate(); err != nil {
				t.Fatal(err)
			}
			if cfg.Seed != 7 || cfg.Phones != fleet.DefaultConfig().Phones {
				t.Errorf("seed %d, %d phones: want the world's seed and the default fleet", cfg.Seed, cfg.Phones)
			}
			if len(cfg.Variants) != 2 || !cfg.Variants[0].Periodic || cfg.Variants[1].Periodic {
				t.Fatalf("variants %+v: want the release with the 24-hour check, then without", cfg.Variants)
			}
			for _, v := range cfg.Variants {
				if v.Rollout != tc.rollout || v.MinVersion != tc.minVersion {
					t.Errorf("%s: rollout %d%%, minimum version %v; want %d%%, %v", v.Name, v.Rollout, v.MinVersion, tc.rollout, tc.minVersion)
				}
			}
		})
	}
}
