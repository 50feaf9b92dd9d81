package scenario

import (
	"fmt"
	"slices"
	"strings"

	"miniphone/engine"
	"miniphone/engine/netsim"
	"miniphone/engine/semver"
	"miniphone/fakeserver"
)

// steps maps each step name to its parser. The parser checks everything it
// can without running, and returns the step's action.
var steps map[string]stepParser

func init() {
	steps = map[string]stepParser{
		"seed":            parseSeed,
		"app":             parseApp,
		"publish":         parsePublish,
		"rollback":        appVersionStep("rollback APPID VERSION", (*Run).rollback),
		"min-version":     appVersionStep("min-version APPID VERSION", (*Run).minVersion),
		"min-base":        appVersionStep("min-base APPID VERSION", (*Run).minBase),
		"rollout":         parseRollout,
		"prefer-local":    parsePreferLocal,
		"fault":           parseFault,
		"phone":           parsePhone,
		"use":             parseUse,
		"launch":          parseLaunch,
		"home":            noArgs("home", (*Run).home),
		"memory-warning":  noArgs("memory-warning", (*Run).memoryWarning),
		"confirm":         noArgs("confirm", func(r *Run) error { return r.answer(true) }),
		"cancel":          noArgs("cancel", func(r *Run) error { return r.answer(false) }),
		"kill":            appStep("kill APPID", (*Run).kill),
		"network":         parseNetwork,
		"tap":             parseTap,
		"type":            parseType,
		"toggle":          parseLabelled("toggle", (*engine.Phone).Toggle),
		"tab":             parseLabelled("tab", func(p *engine.Phone, t engine.Target) error { return p.Tab(t.Text) }),
		"adjust":          parseAdjust,
		"erase":           parseErase,
		"back":            noArgs("back", func(r *Run) error { return r.act("to go back", (*engine.Phone).Back) }),
		"scroll-bottom":   noArgs("scroll-bottom", func(r *Run) error { return r.act("to scroll", (*engine.Phone).ScrollBottom) }),
		"pull-down":       noArgs("pull-down", func(r *Run) error { return r.act("to pull down", (*engine.Phone).PullDown) }),
		"simulate-update": parseSimulate,
		"advance":         parseAdvance,
		"wait-for":        parseWaitFor,
		"expect":          parseExpect,
		"fetch-url":       parseFetchURL("fetch-url", (*fakeserver.Client).SetFetchURL),
		"prefetch-url":    parseFetchURL("prefetch-url", (*fakeserver.Client).SetPrefetchURL),
		"gray":            parseGray,
		"tester":          parseTester,
		"data":            parseData,
		"request":         parseRequest,
		"pull-fetch":      appStep("pull-fetch APPID", (*Run).pullFetch),
		"clear-fetch":     appStep("clear-fetch APPID", (*Run).clearFetch),
		"pause":           parsePause,
	}
}

// appArgs checks a step of the form NAME APPID ARG...: min to max
// arguments, the first an app id; it returns the id and the rest.
func appArgs(args []token, min, max int, usage string) (string, []token, error) {
	if err := arity(args, min, max, usage); err != nil {
		return "", nil, err
	}
	id, err := appID(args[0])
	return id, args[1:], err
}

func appID(t token) (string, error) {
	s, err := bare(t, "APPID")
	if err != nil {
		return "", err
	}
	if !fakeserver.ValidAppID(s) {
		return "", fmt.Errorf("bad app id %q (letters, digits, _ and -, at most 64)", s)
	}
	return s, nil
}

func version(t token, what string) (string, error) {
	s, err := bare(t, what)
	if err != nil {
		return "", err
	}
	if _, err := semver.Parse(s); err != nil {
		return "", err
	}
	return s, nil
}

func parseSeed(args []token, ps *parseState) (Step, error) {
	if err := arity(args, 1, 1, "seed N"); err != nil {
		return Step{}, err
	}
	if ps.seenAction {
		return Step{}, fmt.Errorf("seed must come before every other step")
	}
	n, err := integer(args[0], "N", 0, 1<<62)
	if err != nil {
		return Step{}, err
	}
	ps.script.Seed = int64(n)
	return Step{run: func(*Run) error { return nil }}, nil
}

func parseApp(args []token, ps *parseState) (Step, error) {
	id, rest, err := appArgs(args, 2, 3, "app APPID DIR [personal]")
	if err != nil {
		return Step{}, err
	}
	dir := rest[0].text
	personal := false
	if len(args) == 3 {
		if rest[1].text != "personal" || rest[1].quoted {
			return Step{}, fmt.Errorf("unknown flag %q (want personal)", rest[1].text)
		}
		personal = true
	}
	ps.apps[id] = true
	return Step{dir: dir, run: func(r *Run) error { return r.registerApp(id, dir, personal) }}, nil
}

func parsePublish(args []token, ps *parseState) (Step, error) {
	const usage = "publish APPID VERSION [from DIR]"
	if err := arity(args, 2, 4, usage); err != nil || len(args) == 3 {
		return Step{}, fmt.Errorf("usage: %s", usage)
	}
	id, err := appID(args[0])
	if err != nil {
		return Step{}, err
	}
	v, err := version(args[1], "VERSION")
	if err != nil {
		return Step{}, err
	}
	dir := ""
	if len(args) == 4 {
		if args[2].text != "from" || args[2].quoted {
			return Step{}, fmt.Errorf("usage: %s", usage)
		}
		dir = args[3].text
	}
	return Step{dir: dir, run: func(r *Run) error { return r.publish(id, v, dir) }}, nil
}

func appVersionStep(usage string, do func(r *Run, appid, v string) error) stepParser {
	return func(args []token, _ *parseState) (Step, error) {
		id, rest, err := appArgs(args, 2, 2, usage)
		if err != nil {
			return Step{}, err
		}
		v, err := version(rest[0], "VERSION")
		if err != nil {
			return Step{}, err
		}
		return Step{run: func(r *Run) error { return do(r, id, v) }}, nil
	}
}

func appStep(usage string, do func(r *Run, appid string) error) stepParser {
	return func(args []token, _ *parseState) (Step, error) {
		id, _, err := appArgs(args, 1, 1, usage)
		if err != nil {
			return Step{}, err
		}
		return Step{app: id, run: func(r *Run) error { return do(r, id) }}, nil
	}
}

func noArgs(usage string, do func(r *Run) error) stepParser {
	return func(args []token, _ *parseState) (Step, error) {
		if err := arity(args, 0, 0, usage); err != nil {
			return Step{}, err
		}
		return Step{run: do}, nil
	}
}

func parseRollout(args []token, _ *parseState) (Step, error) {
	const usage = "rollout APPID PERCENT [testers-first] or rollout APPID pause|resume|revert"
	id, rest, err := appArgs(args, 2, 3, usage)
	if err != nil {
		return Step{}, err
	}
	if word := rest[0].text; !rest[0].quoted && slices.Contains(fakeserver.PhaseActions, word) {
		if len(rest) > 1 {
			return Step{}, fmt.Errorf("rollout %s takes nothing after it, got %q", word, rest[1].text)
		}
		return Step{run: func(r *Run) error { return r.phase(id, word) }}, nil
	}
	pct, err := integer(rest[0], "PERCENT", 0, 100)
	if err != nil {
		return Step{}, err
	}
	testersFirst := len(rest) == 2
	if testersFirst && (rest[1].quoted || rest[1].text != "testers-first") {
		return Step{}, fmt.Errorf("after PERCENT only testers-first may follow, got %q", rest[1].text)
	}
	return Step{run: func(r *Run) error { return r.rollout(id, pct, testersFirst) }}, nil
}

func parsePreferLocal(args []token, _ *parseState) (Step, error) {
	id, rest, err := appArgs(args, 2, 2, "prefer-local APPID on|off")
	if err != nil {
		return Step{}, err
	}
	on, err := bare(rest[0], "on|off")
	if err != nil || (on != "on" && on != "off") {
		return Step{}, fmt.Errorf("want on or off, got %q", rest[0].text)
	}
	return Step{run: func(r *Run) error { return r.preferLocal(id, on == "on") }}, nil
}

var (
	faultSteps = []string{"check", "cdn", "data"}
	faultKinds = []string{"fail", "timeout", "corrupt", "slow", "none"}
)

func parseFault(args []token, _ *parseState) (Step, error) {
	if err := arity(args, 2, 2, "fault check|cdn|data fail|timeout|corrupt|slow|none"); err != nil {
		return Step{}, err
	}
	step, kind := args[0].text, args[1].text
	if args[0].quoted || !contains(faultSteps, step) {
		return Step{}, fmt.Errorf("unknown step %q (want %s)", step, strings.Join(faultSteps, ", "))
	}
	if args[1].quoted || !contains(faultKinds, kind) {
		return Step{}, fmt.Errorf("unknown fault %q (want %s)", kind, strings.Join(faultKinds, ", "))
	}
	return Step{run: func(r *Run) error { return r.fault(step, kind) }}, nil
}

func parsePhone(args []token, ps *parseState) (Step, error) {
	const usage = "phone NAME [user U] [base V] [client V] [network P] [os ios|android]"
	if len(args) < 1 {
		return Step{}, fmt.Errorf("usage: %s", usage)
	}
	name, err := bare(args[0], "NAME")
	if err != nil {
		return Step{}, err
	}
	if ps.phones[name] && name != defaultPhone {
		return Step{}, fmt.Errorf("phone %q is already defined", name)
	}
	opts, err := options(args[1:], "user", "base", "client", "network", "os")
	if err != nil {
		return Step{}, err
	}
	cfg := engine.PhoneConfig{Name: name, User: opts["user"].text, Base: opts["base"].text,
		Client: opts["client"].text, Network: opts["network"].text, OS: opts["os"].text}
	if t, ok := opts["os"]; ok && !slices.Contains(engine.OSNames, t.text) {
		return Step{}, fmt.Errorf("os %q: want ios or android", t.text)
	}
	for _, key := range []string{"base", "client"} {
		if t, ok := opts[key]; ok {
			if _, err := version(t, key); err != nil {
				return Step{}, err
			}
		}
	}
	if t, ok := opts["network"]; ok {
		if _, err := netsim.Lookup(t.text); err != nil {
			return Step{}, err
		}
	}
	ps.phones[name] = true
	return Step{run: func(r *Run) error { return r.addPhone(cfg) }}, nil
}

func parseUse(args []token, ps *parseState) (Step, error) {
	if err := arity(args, 1, 1, "use NAME"); err != nil {
		return Step{}, err
	}
	name := args[0].text
	if !ps.phones[name] {
		return Step{}, fmt.Errorf("no phone %q defined before this line", name)
	}
	return Step{run: func(r *Run) error { return r.use(name) }}, nil
}

func parseLaunch(args []token, _ *parseState) (Step, error) {
	if len(args) < 1 {
		return Step{}, fmt.Errorf("usage: launch APPID [path P] [query Q] [scene N]")
	}
	id, err := appID(args[0])
	if err != nil {
		return Step{}, err
	}
	opts, err := options(args[1:], "path", "query", "scene")
	if err != nil {
		return Step{}, err
	}
	lo := engine.LaunchOptions{Path: strings.TrimPrefix(opts["path"].text, "/")}
	if q, ok := opts["query"]; ok {
		if lo.Query, err = engine.ParseQuery(q.text); err != nil {
			return Step{}, err
		}
	}
	if sc, ok := opts["scene"]; ok {
		if lo.Scene, err = integer(sc, "scene", 1000, 9999); err != nil {
			return Step{}, err
		}
	}
	return Step{app: id, run: func(r *Run) error { return r.launch(id, lo) }}, nil
}

func parseNetwork(args []token, _ *parseState) (Step, error) {
	if err := arity(args, 1, 1, "network "+strings.Join(netsim.Names(), "|")); err != nil {
		return Step{}, err
	}
	if _, err := netsim.Lookup(args[0].text); err != nil {
		return Step{}, err
	}
	name := args[0].text
	return Step{run: func(r *Run) error { return r.phone().SetNetwork(name) }}, nil
}

func parseTap(args []token, _ *parseState) (Step, error) {
	const usage = `tap "TEXT" [#N]`
	if err := arity(args, 1, 2, usage); err != nil {
		return Step{}, err
	}
	label, err := quoted(args[0], "TEXT")
	if err != nil {
		return Step{}, err
	}
	nth := 1
	if len(args) == 2 {
		if nth, err = nthArg(args[1], usage); err != nil {
			return Step{}, err
		}
	}
	return Step{run: func(r *Run) error { return r.tap(label, nth) }}, nil
}

// nthArg reads the #N of a step that picks the Nth match of its text.
func nthArg(t token, usage string) (int, error) {
	n, ok := strings.CutPrefix(t.text, "#")
	if !ok || t.quoted {
		return 0, fmt.Errorf("usage: %s", usage)
	}
	return integer(token{text: n}, "N", 1, 1000)
}

func parseSimulate(args []token, _ *parseState) (Step, error) {
	id, rest, err := appArgs(args, 1, 2, "simulate-update APPID [fail]")
	if err != nil {
		return Step{}, err
	}
	fail := len(rest) == 1
	if fail && (rest[0].quoted || rest[0].text != "fail") {
		return Step{}, fmt.Errorf("unknown flag %q (want fail)", rest[0].text)
	}
	return Step{app: id, run: func(r *Run) error { return r.phone().SimulateUpdate(id, fail) }}, nil
}

func parseAdvance(args []token, _ *parseState) (Step, error) {
	if err := arity(args, 1, 1, "advance DURATION"); err != nil {
		return Step{}, err
	}
	d, err := parseDuration(args[0].text)
	if err != nil {
		return Step{}, err
	}
	return Step{run: func(r *Run) error { r.world.Advance(d); return nil }}, nil
}

func parseWaitFor(args []token, _ *parseState) (Step, error) {
	const usage = `wait-for "TEXT" [within DURATION]`
	if len(args) != 1 && len(args) != 3 {
		return Step{}, fmt.Errorf("usage: %s", usage)
	}
	text, err := quoted(args[0], "TEXT")
	if err != nil {
		return Step{}, err
	}
	limit := defaultWaitLimit
	if len(args) == 3 {
		if args[1].text != "within" || args[1].quoted {
			return Step{}, fmt.Errorf("usage: %s", usage)
		}
		if limit, err = parseDuration(args[2].text); err != nil {
			return Step{}, err
		}
	}
	return Step{run: func(r *Run) error { return r.waitFor(text, limit) }, waitText: &text}, nil
}

// parsePause reads a caption for play, which shows it until a key; a
// headless run has nobody to show it to and goes on.
func parsePause(args []token, _ *parseState) (Step, error) {
	if err := arity(args, 1, 1, `pause "CAPTION"`); err != nil {
		return Step{}, err
	}
	caption, err := quoted(args[0], "CAPTION")
	if err != nil {
		return Step{}, err
	}
	return Step{Caption: caption, run: func(*Run) error { return nil }}, nil
}
