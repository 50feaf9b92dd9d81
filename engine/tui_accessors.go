package engine

import "time"

// Accessors the TUI needs beyond the snapshot. They read state that only
// the world's goroutine may touch: call them inside Session.Do.

// FetchedAt is when the app's cached periodic data arrived, on the phone's
// wall clock. The TUI shows it next to the data (FetchedData), so that a
// presenter can tell a fresh pull from an old cache holding the same text.
func (p *Phone) FetchedAt(appid string) (time.Time, bool) {
	r, ok := p.apps[appid]
	if !ok || r.fetch.cache[periodicFetch] == nil {
		return time.Time{}, false
	}
	return time.UnixMilli(r.fetch.cache[periodicFetch].at).In(Epoch.Location()), true
}
