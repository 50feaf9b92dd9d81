package tui

import (
	"context"
	"strconv"
	"time"

	"miniphone/engine"
	"miniphone/engine/tape"
	"miniphone/fakeserver"
)

// The backend's side of background fetch: the platform's fetch settings
// and the fake developer server (console actions, worded as the scenario
// steps are, so that a TUI session and a replay read the same in the
// transcript), the developer tools' pull and clear, and what each phone
// has cached.

// urlSetter is the client's method for one of an app's data URLs.
type urlSetter func(c *fakeserver.Client, ctx context.Context, appid, url string) (fakeserver.AppState, error)

// setDataURL sets the periodic data URL (what is "fetch-url") or the
// pre-fetch URL ("prefetch-url"), by set.
func (b *Backend) setDataURL(appid, what, url string, set urlSetter) {
	b.platformCall(appid, what+" "+url, tape.DataURL(what, appid, url), func(ctx context.Context, c *fakeserver.Client) error {
		_, err := set(c, ctx, appid, url)
		return err
	})
}

// setGray sets the gray URL and ratio; the platform refuses a lower ratio.
func (b *Backend) setGray(appid, url, percent string) {
	b.platformCall(appid, "gray "+url+" "+percent+"%", tape.Gray(appid, url, percent), func(ctx context.Context, c *fakeserver.Client) error {
		n, err := wholeNumber("percent", percent)
		if err != nil {
			return err
		}
		_, err = c.SetGray(ctx, appid, url, n)
		return err
	})
}

func (b *Backend) addTester(appid, user string) {
	b.platformCall(appid, "tester "+user, tape.Tester(appid, user), func(ctx context.Context, c *fakeserver.Client) error {
		_, err := c.AddTester(ctx, appid, user)
		return err
	})
}

// setData sets what the developer server answers at url: value is the
// template of a text answer, the N of bytes and binary, the CODE of
// status. An unknown kind goes to the platform as typed, for it to refuse.
func (b *Backend) setData(url, kind, value string) {
	d := fakeserver.DataConfig{URL: url, Kind: kind}
	shown := value
	var err error
	switch kind {
	case "text":
		d.Template, shown = value, strconv.Quote(value)
	case "bytes", "binary":
		d.N, err = wholeNumber("N", value)
	case "status":
		d.Code, err = wholeNumber("code", value)
	}
	b.platformWide("data "+url, kind+" "+shown, tape.Data(url, kind, value), func(ctx context.Context, c *fakeserver.Client) error {
		if err != nil {
			return err
		}
		return c.SetData(ctx, d)
	})
}

// setRequest sets what the developer server answers to wx.request at
// url: value is the body of json and text, the CODE of status, and unused
// by session. The transcript line reads as the scenario step does.
func (b *Backend) setRequest(url, kind, value string) {
	r := fakeserver.RequestConfig{URL: url, Kind: kind}
	shown := ""
	var err error
	switch kind {
	case "json", "text":
		r.Body, shown = value, " "+strconv.Quote(value)
	case "status":
		r.Code, err = wholeNumber("code", value)
		shown = " " + value
	}
	b.platformWide("request "+url, kind+shown, tape.Request(url, kind, value), func(ctx context.Context, c *fakeserver.Client) error {
		if err != nil {
			return err
		}
		return c.SetRequest(ctx, r)
	})
}

// pullLimit bounds how far a pull moves the clock while it waits for its
// data. A pull is two requests (the route, then the data), each cut off
// after the phone's request timeout (30 s), and 256 KB takes 32 s on 2G.
const pullLimit = 5 * time.Minute

// pullFetch is the developer tools' "pull periodic data now". Like the
// scenario step pull-fetch, it runs the world until the data has arrived
// or failed, so that the answer is in the footer when the key's effect is
// looked for, even on a paused clock.
func (b *Backend) pullFetch(phone, appid string) {
	interrupted := b.interrupted()
	b.phoneJob(phone, tape.PullFetch(appid), func(w *engine.World, p *engine.Phone) (string, error) {
		from := w.TranscriptLen()
		if err := p.PullFetch(appid); err != nil {
			return "", err
		}
		w.RunUntil(func() bool { return !p.Fetching(appid) || interrupted() }, w.Elapsed()+pullLimit)
		w.RunDue()
		if p.Fetching(appid) {
			return appid + ": still fetching", nil
		}
		return appid + ": " + fetchResult(w.Transcript(from), phone, appid), nil
	})
}

// fetchResult is how the pull ended, as the transcript says it: the last
// fetch.periodic line of the app on the phone (ok, failed, not cached or
// refused, with the reason).
func fetchResult(events []engine.Event, phone, appid string) string {
	for i := len(events) - 1; i >= 0; i-- {
		if e := events[i]; e.Phone == phone && e.AppID == appid && e.Kind == "fetch.periodic" {
			return e.Kind + " " + e.Detail
		}
	}
	return "pulled"
}

// clearFetch is the developer tools' "clear the fetch cache".
func (b *Backend) clearFetch(phone, appid string) {
	b.phoneJob(phone, tape.ClearFetch(appid), func(w *engine.World, p *engine.Phone) (string, error) {
		if err := p.ClearFetch(appid); err != nil {
			return "", err
		}
		w.RunDue()
		return appid + ": fetch cache cleared", nil
	})
}

// cachedFetch is an app's periodic data on one phone, as the console shows
// it.
type cachedFetch struct {
	data     string
	at       time.Time // when it arrived, on the phone's clock
	cached   bool
	fetching bool // a fetch is under way
}

// phoneCaches is every phone's periodic data: phone → app → cache. Apps
// with nothing cached and nothing under way are left out.
type phoneCaches map[string]map[string]cachedFetch

// readCaches reads the caches; it runs in the world's goroutine, as every
// read of a phone must.
func readCaches(w *engine.World) phoneCaches {
	out := phoneCaches{}
	for _, p := range w.Phones() {
		apps := map[string]cachedFetch{}
		for _, id := range w.Apps() {
			var c cachedFetch
			c.data, c.cached = p.FetchedData(id)
			c.at, _ = p.FetchedAt(id)
			c.fetching = p.Fetching(id)
			if c.cached || c.fetching {
				apps[id] = c
			}
		}
		out[p.Name()] = apps
	}
	return out
}
