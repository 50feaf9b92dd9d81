package engine

import (
	"net/http"
	"net/url"

	"miniphone/engine/netsim"
	"miniphone/protocol"
)

// FetchRoutes is what a phone knows of an app's background-fetch
// configuration: the tag of the configuration as the platform last named
// it, and the URL of each kind it looked up. A phone asks GET /fetch-route
// only when it has no route for the tag it was told; an app with no
// configuration at all (tag "") is never asked about. It is plain data, so
// that a saved phone keeps it.
type FetchRoutes struct {
	Tag   string // the configuration's tag, from the last answer that named it
	Heard bool   // some answer named it
	Route [len(fetchKindNames)]FetchRoute
}

// FetchRoute is one kind's data URL as a lookup answered it.
type FetchRoute struct {
	Tag    string // the configuration the answer was read from
	URL    string // "" when the app has no data URL of this kind
	Looked bool   // a lookup answered
}

// hear takes the tag a check answer carries.
func (f *FetchRoutes) hear(tag string) { f.Tag, f.Heard = tag, true }

// known is the route of kind if the phone need not ask for it: looked up
// under the configuration it was last told of, or no configuration at all.
func (f *FetchRoutes) known(kind fetchKind) (FetchRoute, bool) {
	switch rt := f.Route[kind]; {
	case !f.Heard:
		return FetchRoute{}, false
	case f.Tag == "":
		return FetchRoute{Looked: true}, true
	case rt.Looked && rt.Tag == f.Tag:
		return rt, true
	}
	return FetchRoute{}, false
}

// route finds the URL job fetches from: what the phone knows, or else
// what GET /fetch-route answers (see routed), and goes on with the fetch.
// A developer's pull always asks, for the freshest gray routing.
func (r *appRecord) route(job *fetchJob) {
	if rt, ok := r.fetch.routes.known(job.kind); ok && !job.pulled {
		r.fetchFrom(job, rt.URL, rt.URL == "", nil)
		return
	}
	q := url.Values{"appid": {r.appid}, "user": {r.p.user}, "kind": {job.kind.String()}}
	r.ask(protocol.FetchRoutePath+"?"+q.Encode(), &resume{kind: resumeFetchRoute, job: job})
}

// routed is the lookup's answer: the URL; or missing when the app has
// none of the kind; or the lookup's failure (a 404 is missing and a
// failure both).
func (r *appRecord) routed(job *fetchJob, res netsim.Result) {
	routes := &r.fetch.routes
	ans, err := decodeRoute(res)
	switch {
	case err == nil:
		// The answer names the configuration too: newer than the last
		// check's, it is the one the phone now knows.
		routes.hear(ans.Tag)
		routes.Route[job.kind] = FetchRoute{Tag: ans.Tag, URL: ans.URL, Looked: true}
		r.fetchFrom(job, ans.URL, false, nil)
	case res.Status == http.StatusNotFound:
		if routes.Heard {
			routes.Route[job.kind] = FetchRoute{Tag: routes.Tag, Looked: true}
		}
		r.fetchFrom(job, "", true, err)
	default:
		r.fetchFrom(job, "", false, err)
	}
}
