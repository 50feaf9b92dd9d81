// Package protocol is what a phone and the platform say to each other over
// HTTP: the answers both sides read and write, and the headers that carry
// the emulator's own facts (the phone's virtual clock, the platform's
// faults). The phone (engine) and the platform (fakeserver) both import it,
// and neither imports the other, so that either can be read, tested or
// replaced alone.
package protocol

// CheckResponse is the version info of GET /check: step (1) of an update.
type CheckResponse struct {
	AppID string `json:"appid"`
	// Version is the version this phone should run, "" if nothing is live.
	Version string `json:"version"`
	// HasUpdate: Version differs from the phone's; a rollback counts.
	HasUpdate       bool   `json:"hasUpdate"`
	PackageURL      string `json:"packageUrl"` // a path on this server
	SHA256          string `json:"sha256"`
	Size            int64  `json:"size"`
	MinVersion      string `json:"minVersion,omitempty"`
	MinBase         string `json:"minBase,omitempty"`
	PreferLocal     bool   `json:"preferLocal"`
	BelowMinVersion bool   `json:"belowMinVersion"` // the phone's version < MinVersion
	BaseTooLow      bool   `json:"baseTooLow"`      // the phone's base library < MinBase
	// FetchTag names the app's background-fetch configuration as it is
	// now, "" when the app has none. It rides on the answer every phone
	// gets anyway, so that a phone asks GET /fetch-route only when the tag
	// differs from the one it last looked up, and never for an app that
	// fetches nothing.
	FetchTag string `json:"fetchTag,omitempty"`
}

// FetchRoute is the answer of GET /fetch-route: the data URL of one kind
// (periodic or pre) for one user. Tag is the configuration it was read
// from, as CheckResponse.FetchTag names it.
type FetchRoute struct {
	URL string `json:"url"`
	Tag string `json:"tag,omitempty"`
}

// LoginAnswer is the answer of GET /login.
type LoginAnswer struct {
	Code string `json:"code"`
}

// Paths of the endpoints a phone calls.
const (
	CheckPath      = "/check"
	FetchRoutePath = "/fetch-route"
)

// Headers of the emulator's own.
const (
	// BandwidthHeader is set on answers under the "slow" fault. The
	// platform never sleeps: time is the phone's virtual clock, so the
	// phone's network model divides its bandwidth by this factor instead.
	BandwidthHeader = "X-Miniphone-Bandwidth-Factor"
	// VirtualTimeHeader marks a request from a phone on a virtual clock,
	// and FaultHeader names the fault that answered it: such a phone is
	// told of a timeout at once instead of being held.
	VirtualTimeHeader = "X-Miniphone-Virtual-Time"
	FaultHeader       = "X-Miniphone-Fault"
	// UnconfiguredHeader marks the 404 of a URL the fake developer server
	// has no answer for, so that the phone can say how to give it one.
	UnconfiguredHeader = "X-Miniphone-Unconfigured"
	// TimeHeader carries the phone's wall clock, in milliseconds since the
	// epoch, on its requests to the developer server. Login codes expire
	// by the phones' clock, which is virtual: the platform never reads its
	// own.
	TimeHeader = "X-Miniphone-Time"
)
