package engine

import (
	"errors"
	"fmt"
	"slices"
	"unicode/utf8"

	"github.com/dop251/goja"

	"miniphone/engine/jsrt"
	"miniphone/engine/wxapi"
)

// maxFetchToken is the longest token wx.setBackgroundFetchToken accepts,
// in characters.
const maxFetchToken = 1024

// addFetchAPIs: background fetch, which the phone's base library lacks
// below 2.8.0.
func addFetchAPIs(h handlers) {
	h["onBackgroundFetchData"] = wxapi.SyncFunc(func(a *wxAPIs) any { return a.inst.fetchListeners.on })
	h["setBackgroundFetchToken"] = wxapi.AsyncFunc((*wxAPIs).setFetchToken)
	h["getBackgroundFetchToken"] = wxapi.AsyncFunc((*wxAPIs).getFetchToken)
	h["getBackgroundFetchData"] = wxapi.AsyncFunc((*wxAPIs).getFetchData)
}

// setFetchToken keeps the token for this phone and app; the next request
// of either kind carries it.
func (a *wxAPIs) setFetchToken(opts *goja.Object, reply jsrt.Reply) {
	token, err := fetchToken(opts)
	if err != nil {
		a.inst.Log("fetch.token", "refused: "+err.Error())
		reply(nil, err)
		return
	}
	st := &a.inst.r.fetch
	st.token, st.hasToken = token, true
	a.inst.Log("fetch.token", fmt.Sprintf("set (%d characters)", utf8.RuneCountInString(token)))
	reply(nil, nil)
}

// fetchToken reads the token option: a string of at most maxFetchToken
// characters.
func fetchToken(opts *goja.Object) (string, error) {
	token, ok := "", false
	if v := opts.Get("token"); v != nil {
		token, ok = v.Export().(string)
	}
	if !ok {
		return "", errors.New("parameter error: token should be a string")
	}
	if n := utf8.RuneCountInString(token); n > maxFetchToken {
		return "", fmt.Errorf("token is %d characters, over %d", n, maxFetchToken)
	}
	return token, nil
}

func (a *wxAPIs) getFetchToken(_ *goja.Object, reply jsrt.Reply) {
	st := &a.inst.r.fetch
	if !st.hasToken {
		reply(nil, errors.New("no token has been set"))
		return
	}
	reply(map[string]any{"token": st.token}, nil)
}

func (a *wxAPIs) getFetchData(opts *goja.Object, reply jsrt.Reply) {
	given := str(opts, "fetchType", "")
	k, ok := parseFetchType(given)
	if !ok {
		reply(nil, fmt.Errorf("parameter error: fetchType should be 'periodic' or 'pre', not %q", given))
		return
	}
	c := a.inst.r.fetch.cache[k]
	if c == nil && a.inst.r.p.os == IOS {
		// iOS answers an empty cache with success and no data.
		c = &fetchCache{}
	}
	if c == nil {
		reply(nil, fmt.Errorf("no %s data has been fetched", k))
		return
	}
	reply(c.fields(), nil)
}

// fetchArrived calls the app's onBackgroundFetchData listeners with the new
// data, as a task of the app: a suspended app gets it when it comes back.
// Only the listeners registered when the data arrived hear of it: one
// registered later waits for the next fetch.
func (inst *instance) fetchArrived(k fetchKind, c *fetchCache) {
	heard := slices.Clone(inst.fetchListeners)
	inst.Defer(func() {
		if len(heard) == 0 {
			return
		}
		inst.Log("onBackgroundFetchData", "fetchType="+k.String())
		res := c.fields()
		res["fetchType"] = k.String()
		heard.call(inst.rt, "wx.onBackgroundFetchData", inst.rt.Value(res))
	})
}
