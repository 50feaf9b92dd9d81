package engine

import "miniphone/engine/netsim"

// resumeKind is what a pending answer from the platform is for.
type resumeKind string

const (
	resumeCheck           resumeKind = "check"            // step (1) of a flight
	resumeBackgroundCheck resumeKind = "background-check" // the periodic or base check
	resumeFetchRoute      resumeKind = "fetch-route"      // which URL to fetch
	resumeFetchData       resumeKind = "fetch-data"       // the fetched body
	resumeChunk           resumeKind = "chunk"            // a chunk of a package download
)

// resume is an answer on its way to the phone, for the phone's own work:
// the tag of its clock event. A closure cannot outlive the process; this
// can, which is how a saved world gets its pending work back (see keep.go).
// The event runs run, restored or not, so both take the same path.
type resume struct {
	r     *appRecord
	kind  resumeKind
	label string    // a background check's occasion, for the transcript
	f     *flight   // check
	job   *fetchJob // fetch-route, fetch-data
	d     *download // chunk
	res   netsim.Result
}

func (t *resume) run() {
	switch t.kind {
	case resumeCheck:
		t.r.checked(t.f, t.res)
	case resumeBackgroundCheck:
		t.r.backgroundChecked(t.label, t.res)
	case resumeFetchRoute:
		t.r.routed(t.job, t.res)
	case resumeFetchData:
		t.r.fetched(t.job, t.res)
	case resumeChunk:
		t.d.landed(t.res)
	}
}
