package tui

import (
	"log/slog"
	"path/filepath"

	"github.com/charmbracelet/bubbles/help"
	tea "github.com/charmbracelet/bubbletea"

	"miniphone/fakeserver"
)

// Common is what every component shares: the styles and keys, built once,
// the backend that carries their actions to the world, and the logger.
type Common struct {
	Styles  *Styles
	Keys    *KeyMap
	Backend *Backend
	Logger  *slog.Logger
	// OpenForm lays a form over the screen. It acts at once rather than
	// through a message, so that the keys typed right after the one that
	// opened it land in the form.
	OpenForm func(*Form)
	// OpenFleet lays the fleet view of an app's release settings over the
	// screen; its command brings the simulation's progress.
	OpenFleet func(fakeserver.AppState) tea.Cmd
	// Dir is where the files the user names by a relative path go (a
	// recording, a saved transcript); "" is the working directory.
	Dir string
}

// path is the file the user named: relative to Dir, or as given.
func (c *Common) path(name string) string {
	if c.Dir == "" || filepath.IsAbs(name) {
		return name
	}
	return filepath.Join(c.Dir, name)
}

// Component is the shape of every part of the screen: a Bubble Tea model
// that knows its size and tells the footer which keys it takes.
type Component interface {
	tea.Model
	help.KeyMap
	SetSize(width, height int)
}

// panel names the parts of the screen that can hold the keyboard.
type panel int

const (
	panelPhone panel = iota
	panelConsole
	panelLog
)

// Every part of the screen is a Component.
var (
	_ Component = (*Phone)(nil)
	_ Component = (*Console)(nil)
	_ Component = (*EventLog)(nil)
	_ Component = (*Form)(nil)
	_ Component = (*Fleet)(nil)
)
