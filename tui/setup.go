package tui

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"slices"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"miniphone/assets"
	"miniphone/engine"
	"miniphone/engine/keep"
	"miniphone/fakeserver"
)

// DefaultPhone is the name of the phone a new world starts with.
const DefaultPhone = "phone"

// App is a mini-program to put on the platform and the phones.
type App struct {
	ID    string
	Files fs.FS // the project folder: every version is built from it
	// Note says how the id came about when the user did not choose it
	// (made from a folder's name that is not an id), for the event log.
	Note string
	// Dir is where the folder is on disk, for a recording to name it; ""
	// for a demo bundled in miniphone.
	Dir string
}

// DemoApps are the bundled demo mini-programs.
func DemoApps() []App {
	var apps []App
	for _, id := range assets.AppIDs() {
		sub, err := fs.Sub(assets.Apps(), id)
		if err != nil {
			panic(err) // the ids come from the same embedded folder
		}
		apps = append(apps, App{ID: id, Files: sub})
	}
	return apps
}

// Config describes the world the TUI shows.
type Config struct {
	Seed      int64
	ServerURL string       // the platform, in-process or shared
	Token     string       // its admin token, if it has one
	Client    *http.Client // how to reach it; nil: the default client
	Apps      []App
	Logger    *slog.Logger // nil: discard

	// Settings are the world's numbers; zero: the defaults.
	Settings engine.Settings
	// GiveUp is the real time a phone waits for a platform that does not
	// answer; zero: the engine's default.
	GiveUp time.Duration

	// State is a folder the world is restored from, when it holds one,
	// and saved to (see the SaveState key, and Run). It keeps the
	// platform too, which must then be Platform, the in-process one.
	State    string
	Platform *fakeserver.Server
}

// StateError is a --state folder refused: damaged, of a newer format, or
// not for this emulator. Nothing was written to it.
type StateError struct{ Err error }

func (e *StateError) Error() string { return e.Err.Error() }
func (e *StateError) Unwrap() error { return e.Err }

// Start builds the world: every app registered on the platform and
// published as 1.0.0, and one phone. On a shared platform the apps may be
// there already; the refusal then lands in the transcript and the world
// goes on with what the platform has.
func Start(cfg Config) (*Backend, error) {
	b, err := build(cfg)
	if err != nil {
		return nil, err
	}
	go b.work()
	return b, nil
}

// Run shows the TUI on b until the user quits, then closes b. It never
// waits for the world: quitting must take the user back to the shell at
// once, whatever a mini-program is doing.
//
// With a --state folder, the world is saved there once the screen is gone.
func Run(b *Backend, opts ...tea.ProgramOption) error {
	defer b.Close()
	_, err := tea.NewProgram(New(b), opts...).Run()
	b.finishRecording()
	if serr := b.saveOnQuit(); err == nil {
		err = serr
	}
	return err
}

// build is Start without the backend's worker.
func build(cfg Config) (*Backend, error) {
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	client := fakeserver.NewClient(cfg.ServerURL, cfg.Token, cfg.Client)
	w, note, err := restore(cfg)
	if err != nil {
		return nil, err
	}
	var state fakeserver.State
	err = withDeadline(func(ctx context.Context) (err error) {
		state, err = client.State(ctx)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("platform %s: %w", cfg.ServerURL, err)
	}
	if w == nil {
		w = engine.NewWorld(engine.Config{Seed: cfg.Seed, ServerURL: cfg.ServerURL, Client: cfg.Client, Settings: cfg.Settings, GiveUp: cfg.GiveUp})
	}
	for _, app := range cfg.Apps {
		if slices.Contains(w.Apps(), app.ID) {
			continue // restored with the world
		}
		w.RegisterApp(app.ID)
		if app.Note != "" {
			w.Record("platform", app.ID, "app-id", app.Note)
		}
		// On a shared platform another emulator may have published the
		// app already: this one joins it as it is.
		if known(state, app.ID) {
			w.Record("platform", app.ID, "joined", "already published on the shared platform")
			continue
		}
		w.RecordPlatform(app.ID, "register personal=false", withDeadline(func(ctx context.Context) error {
			_, err := client.RegisterApp(ctx, app.ID, false)
			return err
		}))
		err := withDeadline(func(ctx context.Context) error {
			return publishFolder(ctx, client, app.ID, "1.0.0", app.Files)
		})
		w.RecordPlatform(app.ID, "publish 1.0.0", err)
		if err == nil {
			w.RecordIgnored(app.ID, app.Files)
		}
	}
	if len(w.Phones()) == 0 {
		if _, err := w.AddPhone(engine.PhoneConfig{Name: DefaultPhone}); err != nil {
			return nil, err
		}
	}
	log.Info("world ready", "platform", cfg.ServerURL, "seed", w.Seed(), "apps", len(cfg.Apps), "state", cfg.State)
	b := newBackend(engine.NewSession(w), client, cfg.ServerURL, w.Seed(), cfg.Apps, log)
	b.apps = w.Apps()
	if cfg.State != "" {
		b.keep = &keeper{dir: cfg.State, platform: cfg.Platform, note: note}
	}
	return b, nil
}

// restore loads the world and the platform saved in cfg.State, if it
// holds them; with no state there yet, the world is nil and starts anew.
// The note says what was restored, for the footer.
func restore(cfg Config) (*engine.World, string, error) {
	if cfg.State == "" {
		return nil, "", nil
	}
	if cfg.Platform == nil {
		return nil, "", errors.New("--state keeps the in-process platform with the phones: it cannot be used with a shared platform (--server)")
	}
	st, err := keep.Load(cfg.State)
	switch {
	case errors.Is(err, keep.ErrNoState):
		return nil, "", nil
	case err != nil:
		return nil, "", &StateError{err}
	}
	where := keep.ManifestPath(cfg.State)
	w, err := engine.Restore(engine.Config{ServerURL: cfg.ServerURL, Client: cfg.Client, GiveUp: cfg.GiveUp}, st.World)
	if err != nil {
		return nil, "", &StateError{fmt.Errorf("%s: %w", where, err)}
	}
	if err := cfg.Platform.Import(*st.Platform); err != nil {
		return nil, "", &StateError{fmt.Errorf("%s: platform: %w", where, err)}
	}
	return w, fmt.Sprintf("restored the world of %s at %s", cfg.State, engine.FormatElapsed(w.Elapsed())), nil
}

// known reports whether the platform already has the app.
func known(state fakeserver.State, appid string) bool {
	for _, a := range state.Apps {
		if a.AppID == appid {
			return true
		}
	}
	return false
}

// withDeadline runs one admin call with its own platformTimeout.
func withDeadline(call func(context.Context) error) error {
	ctx, cancel := context.WithTimeout(context.Background(), platformTimeout)
	defer cancel()
	return call(ctx)
}
