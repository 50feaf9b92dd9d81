package scenario

import (
	"encoding/json"
	"fmt"
	"math"
	"net/url"

	"miniphone/fakeserver"
)

// parseRequest reads what the fake developer server answers to wx.request
// at a URL. It shares the data server's faults (fault data …): they are
// one developer server. A json body is checked here, where the line can
// be named; the code's range is the platform's to judge, as for data.
func parseRequest(args []token, _ *parseState) (Step, error) {
	const usage = `request URL json "BODY" | request URL text "BODY" | request URL status CODE | request URL session`
	if len(args) < 2 || args[1].quoted {
		return Step{}, fmt.Errorf("usage: %s", usage)
	}
	u, err := bare(args[0], "URL")
	if err != nil {
		return Step{}, err
	}
	if err := requestURL(u); err != nil {
		return Step{}, err
	}
	c := fakeserver.RequestConfig{URL: u, Kind: args[1].text}
	shown := ""
	switch c.Kind {
	case "json", "text":
		if err := arity(args, 3, 3, usage); err != nil {
			return Step{}, err
		}
		if c.Body, err = quoted(args[2], "BODY"); err != nil {
			return Step{}, err
		}
		if c.Kind == "json" && !json.Valid([]byte(c.Body)) {
			var v any
			return Step{}, fmt.Errorf("BODY is not JSON: %v", json.Unmarshal([]byte(c.Body), &v))
		}
		shown = fmt.Sprintf(" %q", c.Body)
	case "status":
		if err := arity(args, 3, 3, usage); err != nil {
			return Step{}, err
		}
		if c.Code, err = integer(args[2], "CODE", 0, math.MaxInt32); err != nil {
			return Step{}, err
		}
		shown = fmt.Sprintf(" %d", c.Code)
	case "session":
		if err := arity(args, 2, 2, usage); err != nil {
			return Step{}, err
		}
	default:
		return Step{}, fmt.Errorf("unknown kind %q (want json, text, status or session)", c.Kind)
	}
	return Step{run: func(r *Run) error {
		r.world.RecordPlatform("-", fmt.Sprintf("request %s %s%s", c.URL, c.Kind, shown), r.platform.SetRequest(ctx, c))
		return nil
	}}, nil
}

// requestURL checks that a URL is one wx.request can ask for and an answer
// can be set at: https or http, with a host, and no query (the answer
// holds whatever query the app adds).
func requestURL(raw string) error {
	u, err := url.Parse(raw)
	switch {
	case err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "":
		return fmt.Errorf("URL %q must be https://HOST/PATH or http://HOST/PATH", raw)
	case u.RawQuery != "" || u.Fragment != "" || u.ForceQuery:
		return fmt.Errorf("URL %q must not have a query or fragment: its answer holds for any query", raw)
	}
	return nil
}
