package scenario

import (
	"fmt"
	"slices"
	"strings"

	"miniphone/engine"
)

// failure is a step that did not hold: an expectation, or an action that
// found nothing to act on. It fails the run with exit status 1.
type failure struct{ msg string }

func (f *failure) Error() string { return f.msg }

func failf(format string, args ...any) error { return &failure{msg: fmt.Sprintf(format, args...)} }

func parseExpect(args []token, _ *parseState) (Step, error) {
	const usage = `expect modal "TEXT" | no-modal | screen "TEXT" | version APPID VERSION | state APPID STATE | log "TEXT" | fetched APPID "TEXT"`
	if len(args) == 0 {
		return Step{}, fmt.Errorf("usage: %s", usage)
	}
	what, rest := args[0].text, args[1:]
	var check func(r *Run) error
	var logText *string
	app := ""
	switch what {
	case "no-modal":
		if len(rest) != 0 {
			return Step{}, fmt.Errorf("usage: expect no-modal")
		}
		check = expectNoModal
	case "modal", "screen", "log":
		if len(rest) != 1 {
			return Step{}, fmt.Errorf(`usage: expect %s "TEXT"`, what)
		}
		text, err := quoted(rest[0], "TEXT")
		if err != nil {
			return Step{}, err
		}
		check = map[string]func(string) func(*Run) error{
			"modal": expectModal, "screen": expectScreen, "log": expectLog,
		}[what](text)
		if what == "log" {
			logText = &text
		}
	case "version", "state", "fetched":
		if len(rest) != 2 {
			return Step{}, fmt.Errorf("usage: expect %s APPID %s", what, map[string]string{
				"version": "VERSION", "state": "STATE", "fetched": `"TEXT"`}[what])
		}
		id, err := appID(rest[0])
		if err != nil {
			return Step{}, err
		}
		if check, err = appExpectation(what, id, rest[1]); err != nil {
			return Step{}, err
		}
		app = id
	default:
		return Step{}, fmt.Errorf("unknown expectation %q (usage: %s)", what, usage)
	}
	return Step{app: app, run: check, logText: logText, expect: true}, nil
}

func appExpectation(what, id string, arg token) (func(*Run) error, error) {
	switch what {
	case "version":
		v, err := version(arg, "VERSION")
		if err != nil {
			return nil, err
		}
		return func(r *Run) error {
			got, err := r.phone().Version(id)
			if err != nil {
				return failf("expected version %s of %s, got %v", v, id, err)
			}
			if got != v {
				return failf("expected version %s of %s, got %q", v, id, got)
			}
			return nil
		}, nil
	case "state":
		want, err := engine.ParseState(arg.text)
		if err != nil {
			return nil, err
		}
		return func(r *Run) error {
			got, err := r.phone().State(id)
			if err != nil {
				return failf("expected %s in state %s, got %v", id, want, err)
			}
			if got != want {
				return failf("expected %s in state %s, got %s", id, want, got)
			}
			return nil
		}, nil
	default: // fetched
		text, err := quoted(arg, "TEXT")
		if err != nil {
			return nil, err
		}
		return func(r *Run) error {
			got, ok := r.phone().FetchedData(id)
			switch {
			case !ok:
				return failf("expected the periodic data of %s to contain %q, got no data", id, text)
			case !strings.Contains(got, text):
				return failf("expected the periodic data of %s to contain %q, got %q", id, text, clip(got))
			}
			return nil
		}, nil
	}
}

// clip shortens what a failure quotes: a cached body may be 256 KB.
func clip(s string) string {
	const most = 200
	if r := []rune(s); len(r) > most {
		return string(r[:most]) + "…"
	}
	return s
}

func expectNoModal(r *Run) error {
	if m := r.phone().OpenModal(); m != nil {
		return failf("expected no modal, got %q %q", m.Title, m.Content)
	}
	return nil
}

func expectModal(text string) func(*Run) error {
	return func(r *Run) error {
		m := r.phone().OpenModal()
		if m == nil {
			return failf("expected a modal with %q, got no modal", text)
		}
		// An action sheet's items are its content.
		shown := append([]string{m.Title, m.Content}, m.Items...)
		if !slices.ContainsFunc(shown, func(s string) bool { return strings.Contains(s, text) }) {
			return failf("expected a modal with %q, got %s", text, quoteAll(shown))
		}
		return nil
	}
}

func quoteAll(ss []string) string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(out, " ")
}

func expectScreen(text string) func(*Run) error {
	return func(r *Run) error {
		screen := r.phone().ScreenText()
		if !strings.Contains(screen, text) {
			return failf("expected the screen to show %q, got %q", text, screen)
		}
		return nil
	}
}

func expectLog(text string) func(*Run) error {
	return func(r *Run) error {
		if r.lines.logged[text] {
			return nil
		}
		return failf("expected a transcript line with %q, got none in %d lines", text, r.lines.taken)
	}
}
