package scenario

import (
	"context"
	"fmt"
	"math"

	"miniphone/engine"
	"miniphone/fakeserver"
)

// The background-fetch steps: the platform's configuration, the fake
// developer server, and the developer tools' pull and clear.

// parseFetchURL reads fetch-url and prefetch-url; set is the client's
// method for the one or the other.
func parseFetchURL(what string, set func(*fakeserver.Client, context.Context, string, string) (fakeserver.AppState, error)) stepParser {
	return func(args []token, _ *parseState) (Step, error) {
		id, rest, err := appArgs(args, 2, 2, what+" APPID URL")
		if err != nil {
			return Step{}, err
		}
		u, err := bare(rest[0], "URL")
		if err != nil {
			return Step{}, err
		}
		return Step{run: func(r *Run) error {
			r.world.RecordPlatform(id, what+" "+u, only(set(r.platform, ctx, id, u)))
			return nil
		}}, nil
	}
}

func parseGray(args []token, _ *parseState) (Step, error) {
	id, rest, err := appArgs(args, 3, 3, "gray APPID URL PERCENT")
	if err != nil {
		return Step{}, err
	}
	u, err := bare(rest[0], "URL")
	if err != nil {
		return Step{}, err
	}
	pct, err := integer(rest[1], "PERCENT", 0, 100)
	if err != nil {
		return Step{}, err
	}
	return Step{run: func(r *Run) error {
		r.world.RecordPlatform(id, fmt.Sprintf("gray %s %d%%", u, pct), only(r.platform.SetGray(ctx, id, u, pct)))
		return nil
	}}, nil
}

func parseTester(args []token, _ *parseState) (Step, error) {
	id, rest, err := appArgs(args, 2, 2, "tester APPID USER")
	if err != nil {
		return Step{}, err
	}
	user, err := bare(rest[0], "USER")
	if err != nil {
		return Step{}, err
	}
	return Step{run: func(r *Run) error {
		r.world.RecordPlatform(id, "tester "+user, only(r.platform.AddTester(ctx, id, user)))
		return nil
	}}, nil
}

// parseData reads what the fake developer server answers at a URL. The
// numbers are only checked to be whole here: their ranges are the
// platform's to judge, and a refusal is a transcript line.
func parseData(args []token, _ *parseState) (Step, error) {
	const usage = `data URL text "TEMPLATE" | data URL bytes N | data URL binary N | data URL status CODE`
	if err := arity(args, 3, 3, usage); err != nil {
		return Step{}, err
	}
	u, err := bare(args[0], "URL")
	if err != nil {
		return Step{}, err
	}
	d := fakeserver.DataConfig{URL: u, Kind: args[1].text}
	var shown string
	switch {
	case args[1].quoted:
		return Step{}, fmt.Errorf("usage: %s", usage)
	case d.Kind == "text":
		d.Template, err = quoted(args[2], "TEMPLATE")
		shown = fmt.Sprintf("%q", d.Template)
	case d.Kind == "bytes" || d.Kind == "binary":
		d.N, err = integer(args[2], "N", 0, math.MaxInt32)
		shown = fmt.Sprint(d.N)
	case d.Kind == "status":
		d.Code, err = integer(args[2], "CODE", 0, math.MaxInt32)
		shown = fmt.Sprint(d.Code)
	default:
		return Step{}, fmt.Errorf("unknown kind %q (want text, bytes, binary or status)", d.Kind)
	}
	if err != nil {
		return Step{}, err
	}
	return Step{run: func(r *Run) error {
		r.world.RecordPlatform("-", fmt.Sprintf("data %s %s %s", d.URL, d.Kind, shown), r.platform.SetData(ctx, d))
		return nil
	}}, nil
}

// pullFetch runs until the pulled data has arrived (or failed), as the
// developer tools' button shows its result before the next action.
func (r *Run) pullFetch(id string) error {
	p := r.phone()
	if err := p.PullFetch(id); err != nil {
		return failf("expected to pull the periodic data of %s, got: %v", id, err)
	}
	limit := r.world.Elapsed() + launchLimit
	if !r.world.RunUntil(func() bool { return !p.Fetching(id) }, limit) {
		return failf("expected the pulled data of %s within %s, got still fetching", id, launchLimit)
	}
	r.world.RunDue()
	return nil
}

func (r *Run) clearFetch(id string) error {
	return r.act("to clear the fetch cache of "+id, func(p *engine.Phone) error { return p.ClearFetch(id) })
}
