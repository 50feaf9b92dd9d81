package tui

import (
	"context"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"miniphone/assets"
	"miniphone/engine"
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
}

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
func Run(b *Backend, opts ...tea.ProgramOption) error {
	defer b.Close()
	_, err := tea.NewProgram(New(b), opts...).Run()
	b.finishRecording()
	return err
}

// build is Start without the backend's worker.
func build(cfg Config) (*Backend, error) {
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	client := fakeserver.NewClient(cfg.ServerURL, cfg.Token, cfg.Client)
	var state fakeserver.State
	err := withDeadline(func(ctx context.Context) (err error) {
		state, err = client.State(ctx)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("platform %s: %w", cfg.ServerURL, err)
	}
	w := engine.NewWorld(engine.Config{Seed: cfg.Seed, ServerURL: cfg.ServerURL, Client: cfg.Client, Settings: cfg.Settings, GiveUp: cfg.GiveUp})
	for _, app := range cfg.Apps {
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
	if _, err := w.AddPhone(engine.PhoneConfig{Name: DefaultPhone}); err != nil {
		return nil, err
	}
	log.Info("world ready", "platform", cfg.ServerURL, "seed", cfg.Seed, "apps", len(cfg.Apps))
	return newBackend(engine.NewSession(w), client, cfg.ServerURL, cfg.Seed, cfg.Apps, log), nil
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
