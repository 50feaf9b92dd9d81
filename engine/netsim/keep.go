package netsim

import "time"

// StreamState is a Stream as data, for a download that outlives the
// process (a saved world).
type StreamState struct {
	Started bool          `json:"started"`
	Since   time.Duration `json:"since"`
	Base    int64         `json:"base"`
	Rate    float64       `json:"rate"`
}

// State is the stream as data.
func (s *Stream) State() StreamState {
	return StreamState{Started: s.started, Since: s.since, Base: s.base, Rate: s.rate}
}

// ResumeStream is the stream that State described.
func ResumeStream(st StreamState) Stream {
	return Stream{started: st.Started, since: st.Since, base: st.Base, rate: st.Rate}
}
