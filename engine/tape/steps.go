// Package tape writes a session as the scenario file it is: every action
// of the terminal phone as its step, the phone time between actions as
// advance steps, as the user goes. A replay of the file (miniphone run)
// gives the session's transcript.
package tape

import (
	"fmt"
	"strings"
	"time"

	"miniphone/engine"
)

// Step is one action as a scenario line. Adding an action to the
// recording is one constructor here and one argument where the action is
// taken.
type Step struct {
	text string
	// opens marks a launch: its replay runs until the page is ready,
	// where the session's clock went on from the key.
	opens bool
	// selects is the phone the replay's steps act on after this one.
	selects string
}

// String is the step as a line of the file.
func (s Step) String() string { return s.text }

func line(name string, args ...string) Step {
	words := []string{name}
	for _, a := range args {
		if a != "" {
			words = append(words, a)
		}
	}
	return Step{text: strings.Join(words, " ")}
}

// Quote writes s as a scenario string: in double quotes, with " and \
// escaped.
func Quote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// Phone steps.
func Launch(appid string) Step           { s := line("launch", appid); s.opens = true; return s }
func Home() Step                         { return line("home") }
func Tap(label string) Step              { return line("tap", Quote(label)) }
func Kill(appid string) Step             { return line("kill", appid) }
func MemoryWarning() Step                { return line("memory-warning") }
func Network(profile string) Step        { return line("network", profile) }
func PullFetch(appid string) Step        { return line("pull-fetch", appid) }
func ClearFetch(appid string) Step       { return line("clear-fetch", appid) }
func Use(phone string) Step              { return line("use", phone) }
func ExpectScreen(text string) Step      { return line("expect", "screen", Quote(text)) }
func ExpectModal(text string) Step       { return line("expect", "modal", Quote(text)) }
func ExpectVersion(appid, v string) Step { return line("expect", "version", appid, v) }
func Back() Step                         { return line("back") }
func Tab(text string) Step               { return line("tab", Quote(text)) }
func ScrollBottom() Step                 { return line("scroll-bottom") }
func PullDown() Step                     { return line("pull-down") }

// TapAt taps the element a page target names (engine.Phone.Address).
func TapAt(t engine.Target) Step { return line("tap", Quote(t.Text), nth(t)) }

// Type types text into the input a page target names.
func Type(text string, into engine.Target) Step {
	return line("type", Quote(text), "into", Quote(into.Text), nth(into))
}

// Adjust is ←/→ (delta -1 or 1) on the picker, slider or swiper a page
// target names.
func Adjust(t engine.Target, delta int) Step {
	return line("adjust", Quote(t.Text), nth(t), map[bool]string{true: "right", false: "left"}[delta > 0])
}

// Erase is backspace in the input a page target names.
func Erase(from engine.Target) Step { return line("erase", "from", Quote(from.Text)) }

// nth is the #N of a target past the first match; "" for the first.
func nth(t engine.Target) string {
	if t.Nth > 1 {
		return fmt.Sprintf("#%d", t.Nth)
	}
	return ""
}

// Unsaid is an action no step of the scenario language says, written as
// a comment: the replay goes on without it.
func Unsaid(what string) Step { return Step{text: "# not replayable: " + what} }

func Answer(confirm bool) Step {
	return line(map[bool]string{true: "confirm", false: "cancel"}[confirm])
}
func SimulateUpdate(appid string, fail bool) Step {
	if fail {
		return line("simulate-update", appid, "fail")
	}
	return line("simulate-update", appid)
}

// Phone adds a phone, or sets one up again: the scenario's phone step.
// Fields left empty keep their value.
func Phone(cfg engine.PhoneConfig) Step {
	args := []string{cfg.Name}
	for _, o := range [][2]string{{"user", cfg.User}, {"base", cfg.Base}, {"client", cfg.Client}, {"network", cfg.Network}, {"os", cfg.OS}} {
		if o[1] != "" {
			args = append(args, o[0], o[1])
		}
	}
	s := line("phone", args...)
	s.selects = cfg.Name
	return s
}

// Platform steps; values go as typed, for the platform to refuse.
func Publish(appid, v string) Step           { return line("publish", appid, v) }
func Rollback(appid, v string) Step          { return line("rollback", appid, v) }
func Rollout(appid, percent string) Step     { return line("rollout", appid, percent) }
func MinVersion(appid, v string) Step        { return line("min-version", appid, v) }
func MinBase(appid, v string) Step           { return line("min-base", appid, v) }
func PreferLocal(appid string, on bool) Step { return line("prefer-local", appid, engine.OnOff(on)) }
func Fault(step, kind string) Step           { return line("fault", step, kind) }
func Gray(appid, url, percent string) Step   { return line("gray", appid, url, percent) }
func Tester(appid, user string) Step         { return line("tester", appid, user) }
func Data(url, kind, value string) Step      { return line("data", url, kind, answer(kind, value)) }
func Request(url, kind, value string) Step   { return line("request", url, kind, answer(kind, value)) }

// answer is the value of a data or request step: a body is a string,
// a number is bare, and session has none.
func answer(kind, value string) string {
	switch kind {
	case "text", "json":
		return Quote(value)
	case "session":
		return ""
	}
	return value
}

// Duration writes d as a scenario duration, 1d2h3m4s5ms6us7ns, the zero
// parts left out: to the nanosecond, because a download ends between
// milliseconds and the next action must land exactly as far after it.
func Duration(d time.Duration) string {
	if d <= 0 {
		return "0s"
	}
	var b strings.Builder
	for _, u := range []struct {
		unit time.Duration
		name string
	}{{24 * time.Hour, "d"}, {time.Hour, "h"}, {time.Minute, "m"}, {time.Second, "s"}, {time.Millisecond, "ms"}, {time.Microsecond, "us"}, {time.Nanosecond, "ns"}} {
		if n := d / u.unit; n > 0 {
			fmt.Fprintf(&b, "%d%s", n, u.name)
			d -= n * u.unit
		}
	}
	return b.String()
}

// DataURL is fetch-url or prefetch-url, by which.
func DataURL(which, appid, url string) Step { return line(which, appid, url) }
