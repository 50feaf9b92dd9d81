package tui

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"miniphone/fakeserver"
)

// TestFormShowsEveryError: a refusal with several reasons shows each under
// the field it names, and the focus goes to the first of those fields.
func TestFormShowsEveryError(t *testing.T) {
	f := testForm(field{"user", ""}, field{"client", "x"}, field{"base library", "y"}, field{"network", "foo"})
	f.Answered(errors.Join(
		errors.New(`base library: version "y" is not a number`),
		errors.New(`client: version "x" is not a number`),
		errors.New(`unknown network "foo"`),
	))
	screen := ansi.Strip(strings.Join(f.Lines(), "\n"))
	order := []string{"client", `✗ client: version "x"`, "base library", `✗ base library: version "y"`, "network", `✗ unknown network "foo"`}
	at := 0
	for _, want := range order {
		i := strings.Index(screen[at:], want)
		if i < 0 {
			t.Fatalf("%q is missing or out of place:\n%s", want, screen)
		}
		at += i + len(want)
	}
	if f.focus != 1 {
		t.Errorf("focus on field %d, want the client field (1), the first one named", f.focus)
	}
}

// TestRollbackTargets: the rollback form suggests the versions a rollback
// may reach, newest first, without the live one and no further back than
// the platform allows.
func TestRollbackTargets(t *testing.T) {
	a := fakeserver.AppState{Live: "1.0.6"}
	for _, v := range []string{"1.0.0", "1.0.1", "1.0.2", "1.0.3", "1.0.4", "1.0.5", "1.0.6"} {
		a.Versions = append(a.Versions, fakeserver.VersionInfo{Version: v})
	}
	if got, want := rollbackTargets(a), []string{"1.0.5", "1.0.4", "1.0.3", "1.0.2"}; !slices.Equal(got, want) {
		t.Errorf("rollbackTargets = %v, want %v", got, want)
	}
}
