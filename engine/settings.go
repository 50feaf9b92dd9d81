package engine

import (
	"time"

	"miniphone/engine/jsrt"
)

// Settings are the platform's numbers. Every one can be changed per world;
// the defaults are those of SPEC.md and the sources it cites.
type Settings struct {
	SuspendAfter        time.Duration // background → suspended
	DestroyAfter        time.Duration // suspended → destroyed
	MemoryWarningWindow time.Duration // two warnings within it destroy the app
	StaleAfter          time.Duration // unused longer: synchronous update at start
	PeriodicCheckEvery  time.Duration // the client's check of recently used apps
	SyncUpdateBudget    time.Duration // a synchronous update past it launches the local version
	SyncRetryEvery      time.Duration // below the minimum version a failed sync update retries
	RequestTimeout      time.Duration // virtual time charged for a request that never answers
	CallbackBudget      time.Duration // real time one JavaScript callback may run
	OverrunLimit        int           // callbacks past their budget within OverrunWindow destroy the app
	OverrunWindow       time.Duration
	MemoryLimit         int64         // bytes of heap an app may hold before it is destroyed
	FetchWakeEvery      time.Duration // background fetch scheduler wake-up
	FetchEvery          time.Duration // periodic fetch interval from the last success
	FetchMaxBytes       int           // larger bodies are not cached
	RecentUse           time.Duration // "used within 7 days": periodic check and fetch eligibility
	ToastDuration       time.Duration // wx.showToast default
	RestartDelay        time.Duration // an app restarting itself in a loop waits this long per restart
	// LatestPageFor is how long after the user left an app a cold start
	// may reopen the page left (restartStrategy homePageAndLatestPage),
	// and the default life of its exit state.
	LatestPageFor time.Duration
	// SessionLifetime is how long wx.checkSession holds after wx.login.
	// WeChat publishes no number (the session lasts while the user keeps
	// using the app); a month keeps it out of the way of ordinary runs
	// and within reach of "advance 30d".
	SessionLifetime time.Duration
}

// DefaultSettings returns the SPEC's numbers.
func DefaultSettings() Settings {
	return Settings{
		SuspendAfter:        5 * time.Second,
		DestroyAfter:        30 * time.Minute,
		MemoryWarningWindow: 5 * time.Second,
		StaleAfter:          7 * 24 * time.Hour,
		PeriodicCheckEvery:  24 * time.Hour,
		SyncUpdateBudget:    10 * time.Second,
		SyncRetryEvery:      5 * time.Second,
		RequestTimeout:      30 * time.Second,
		CallbackBudget:      jsrt.DefaultBudget,
		OverrunLimit:        3,
		OverrunWindow:       time.Minute,
		MemoryLimit:         jsrt.DefaultMemoryLimit,
		FetchWakeEvery:      time.Hour,
		FetchEvery:          12 * time.Hour,
		FetchMaxBytes:       256 << 10,
		RecentUse:           7 * 24 * time.Hour,
		ToastDuration:       1500 * time.Millisecond,
		RestartDelay:        time.Second,
		LatestPageFor:       24 * time.Hour,
		SessionLifetime:     30 * 24 * time.Hour,
	}
}
