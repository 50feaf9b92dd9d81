package engine

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"net/url"
	"strconv"
	"time"

	"miniphone/engine/netsim"
	"miniphone/engine/policy"
	"miniphone/engine/wxapi"
	"miniphone/protocol"
)

// fetchKind is which of an app's two caches a fetch fills.
type fetchKind int

const (
	periodicFetch fetchKind = iota // the background scheduler's, every 12 h
	preFetch                       // the platform's, at each cold start
)

var fetchKindNames = [...]string{"periodic", "pre"}

func (k fetchKind) String() string { return fetchKindNames[k] }

// parseFetchType reads wx.getBackgroundFetchData's fetchType.
func parseFetchType(s string) (fetchKind, bool) {
	for i, n := range fetchKindNames {
		if n == s {
			return fetchKind(i), true
		}
	}
	return 0, false
}

// fetchCache is one cached body with what getBackgroundFetchData tells
// about it.
type fetchCache struct {
	data  string
	at    int64  // ms of the phone's wall clock when the data arrived
	path  string // pre-fetch: how the app was being opened
	query string
	scene int
}

func (c *fetchCache) fields() map[string]any {
	return map[string]any{
		"fetchedData": c.data,
		"timeStamp":   c.at,
		"path":        c.path,
		"query":       c.query,
		"scene":       c.scene,
	}
}

// fetchState is what one phone keeps about one app's background fetch. It
// outlives the app's instances, as WeChat's cache does.
type fetchState struct {
	token    string
	hasToken bool
	cache    [len(fetchKindNames)]*fetchCache
	// lastSuccess is when the last successful periodic fetch was sent. The
	// send time rather than the arrival: a success at a wake is then due
	// again exactly 12 wakes later, where the arrival would miss the 12 h
	// mark by one round trip each time and stretch the cadence to 13 h.
	lastSuccess time.Duration
	succeeded   bool
	// configured is whether the platform had a URL of each kind for the
	// app at the last lookup. Skips and failed lookups are only worth a
	// transcript line for an app that uses background fetch; the others
	// are passed over in silence at every wake and cold start.
	configured [len(fetchKindNames)]bool
	inFlight   int
	routes     FetchRoutes
}

// fetchJob is one fetch under way.
type fetchJob struct {
	kind    fetchKind
	pulled  bool          // asked for by the developer tools
	started time.Duration // when the phone began it
	// A pre-fetch carries how the app is being opened.
	path  string
	query string
	scene int
}

// newFetchWake is the client's background scheduler: it wakes every hour
// and fetches the periodic data of each eligible app that is due.
func (p *Phone) newFetchWake() *phaseTimer {
	return p.newPhaseTimer(p.w.settings.FetchWakeEvery, p.fetchSupported, (*appRecord).wake)
}

// fetchSupported: background fetch needs base library 2.8.0, the version
// its APIs appeared in.
func (p *Phone) fetchSupported() bool {
	return wxapi.Has(p.base, "getBackgroundFetchData")
}

// wake is the scheduler's look at one app.
func (r *appRecord) wake() {
	p, s := r.p, r.p.w.settings
	what, why := policy.PeriodicFetch(policy.FetchInput{
		Supported:   p.fetchSupported(),
		Used:        r.used,
		LastUse:     r.lastUse,
		RecentUse:   s.RecentUse,
		Fetched:     r.fetch.succeeded,
		LastSuccess: r.fetch.lastSuccess,
		Every:       s.FetchEvery,
		Network:     p.network.Name,
		Now:         p.w.clock.Now(),
	})
	switch what {
	case policy.FetchSkip:
		if r.fetch.configured[periodicFetch] {
			r.log("fetch.periodic", "skipped: "+why)
		}
	case policy.FetchNow:
		r.startFetch(&fetchJob{kind: periodicFetch})
	}
}

// prefetch is the platform's pre-fetch at a cold start: the page, query
// and scene the app is opened with go to the developer server, so that the
// data may be ready by the time the page asks for it.
func (r *appRecord) prefetch(opts LaunchOptions) {
	if !r.p.fetchSupported() {
		return
	}
	path := opts.Path
	if path == "" && r.installed != nil {
		// The home page; on the very first launch the phone does not know
		// it yet, and sends the path as it was given: empty.
		path = r.installed.project.Home()
	}
	r.startFetch(&fetchJob{kind: preFetch, path: path, query: EncodeQuery(opts.Query), scene: opts.Scene})
}

// startFetch finds which URL this phone fetches from (the gray release
// decides per user), then fetches it through the platform's developer
// server and caches the body. An app with no URL of the kind is passed
// over in silence, unless it was configured before or a developer pulled.
func (r *appRecord) startFetch(job *fetchJob) {
	st := &r.fetch
	st.inFlight++
	job.started = r.p.w.clock.Now()
	r.route(job)
}

// fetchFrom goes on with a fetch once its URL is known: none (missing when
// the app has no URL of the kind, or the lookup failed with err), or the
// URL to fetch.
func (r *appRecord) fetchFrom(job *fetchJob, dataURL string, missing bool, err error) {
	st := &r.fetch
	if dataURL == "" {
		st.inFlight--
		if missing {
			st.configured[job.kind] = false
		}
		if err != nil && (job.pulled || st.configured[job.kind]) {
			r.log("fetch."+job.kind.String(), "failed: "+err.Error())
		}
		return
	}
	st.configured[job.kind] = true
	r.sendFetch(job, dataURL)
}

func decodeRoute(res netsim.Result) (protocol.FetchRoute, error) {
	var route protocol.FetchRoute
	if err := resultError(res); err != nil {
		return route, err
	}
	if err := json.Unmarshal(res.Body, &route); err != nil || route.URL == "" {
		return route, fmt.Errorf("malformed data URL lookup: %q", res.Body)
	}
	return route, nil
}

// sendFetch is GET <data url>?appid=…&token=…&timestamp=…, which the phone
// sends through the platform's developer server as
// /dev?url=<data url>&appid=…, every value URL-encoded.
func (r *appRecord) sendFetch(job *fetchJob, dataURL string) {
	params := r.fetchParams(job)
	r.log("fetch."+job.kind.String(), "GET "+dataURL+"?"+params.Encode())
	r.ask("/dev?url="+url.QueryEscape(dataURL)+"&"+params.Encode(), &resume{kind: resumeFetchData, job: job})
}

// fetchParams is the query of a fetch: the app, the token it set or else a
// login code, the phone's time, and for a pre-fetch how the app is opened.
func (r *appRecord) fetchParams(job *fetchJob) url.Values {
	ms := r.p.w.Now().UnixMilli()
	q := url.Values{"appid": {r.appid}, "timestamp": {strconv.FormatInt(ms, 10)}}
	if r.fetch.hasToken {
		q.Set("token", r.fetch.token)
	} else {
		q.Set("code", loginCode(r.p.user, r.appid, ms))
	}
	if job.kind == preFetch {
		q.Set("path", job.path)
		q.Set("query", job.query)
		q.Set("scene", strconv.Itoa(job.scene))
	}
	return q
}

// loginCode stands in for the wx.login code sent when the app set no
// token, which the developer server would trade for the user's identity.
// It is derived from the user, the app and the moment, so that runs repeat
// byte for byte.
func loginCode(user, appid string, ms int64) string {
	h := fnv.New64a()
	fmt.Fprintf(h, "%s\x00%s\x00%d", user, appid, ms)
	return fmt.Sprintf("%016x", h.Sum64())
}

// fetched caches a body the client accepts; anything else keeps the
// previous cache, and the transcript says why. Only a cached body counts
// as a success that restarts the 12 h.
func (r *appRecord) fetched(job *fetchJob, res netsim.Result) {
	r.fetch.inFlight--
	kind := "fetch." + job.kind.String()
	if err := resultError(res); err != nil {
		r.log(kind, "failed: "+err.Error())
		return
	}
	if err := policy.Cacheable(res.Header.Get("Content-Type"), res.Body, r.p.w.settings.FetchMaxBytes); err != nil {
		r.log(kind, "not cached: "+err.Error())
		return
	}
	c := &fetchCache{data: string(res.Body), at: r.p.w.Now().UnixMilli(), path: job.path, query: job.query, scene: job.scene}
	r.fetch.cache[job.kind] = c
	if job.kind == periodicFetch {
		r.fetch.lastSuccess, r.fetch.succeeded = job.started, true
	}
	r.log(kind, fmt.Sprintf("ok %d bytes", len(res.Body)))
	if r.inst != nil {
		r.inst.fetchArrived(job.kind, c)
	}
}

// PullFetch is the developer tools' "pull periodic data now": a periodic
// fetch at once, whatever the 12 h and the 7 days say. A phone whose base
// library lacks background fetch refuses it, in the transcript.
func (p *Phone) PullFetch(appid string) error {
	r, err := p.app(appid)
	if err != nil {
		return err
	}
	r.log("fetch.pull", "")
	if !p.fetchSupported() {
		r.log("fetch.periodic", fmt.Sprintf("refused: base library %s has no background fetch (needs %s)",
			p.base, wxapi.Since("getBackgroundFetchData")))
		return nil
	}
	r.startFetch(&fetchJob{kind: periodicFetch, pulled: true})
	return nil
}

// ClearFetch is the developer tools' "clear the fetch cache": both caches
// are dropped. The schedule is kept, so the next periodic fetch comes when
// it would have.
func (p *Phone) ClearFetch(appid string) error {
	r, err := p.app(appid)
	if err != nil {
		return err
	}
	r.fetch.cache = [len(fetchKindNames)]*fetchCache{}
	r.log("fetch.clear", "")
	return nil
}

// FetchedData is the app's cached periodic data, if any.
func (p *Phone) FetchedData(appid string) (string, bool) {
	r, ok := p.apps[appid]
	if !ok || r.fetch.cache[periodicFetch] == nil {
		return "", false
	}
	return r.fetch.cache[periodicFetch].data, true
}

// Fetching reports whether a fetch of the app is under way on this phone.
func (p *Phone) Fetching(appid string) bool {
	r, ok := p.apps[appid]
	return ok && r.fetch.inFlight > 0
}
