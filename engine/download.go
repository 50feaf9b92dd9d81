package engine

import (
	"fmt"
	"net/http"

	"miniphone/engine/archive"
	"miniphone/engine/netsim"
	"miniphone/protocol"
)

// maxChunk bounds a chunk of a package download, so that going offline, a
// change of network or a fault on the CDN reaches a download within two
// seconds even on 2g, at a few requests per download on faster networks.
const maxChunk = 16 << 10

// download is step (2) of a flight: the package arrives chunk by chunk on
// the virtual clock. Each chunk is a range request of its own, sent when
// the one before has arrived, so that what happens in the meantime (the
// phone going offline, its network changing, a fault set on the CDN)
// reaches the rest of the download.
type download struct {
	r       *appRecord
	f       *flight
	info    protocol.CheckResponse
	url     string
	chunk   int64  // bytes asked for at a time
	body    []byte // what has arrived
	stream  netsim.Stream
	quarter int64 // quarters of the package reported in the transcript
}

func (r *appRecord) download(f *flight, info protocol.CheckResponse) {
	w := r.p.w
	r.log("update.download", fmt.Sprintf("%s %d bytes", info.Version, info.Size))
	// The size comes from the platform; bounding it keeps a hostile one
	// from making the phone set aside more memory than a package may take.
	if info.Size <= 0 || info.Size > w.link.MaxBody {
		f.fail(fmt.Errorf("download %s: a package of %d bytes, want 1 to %d", info.Version, info.Size, w.link.MaxBody))
		return
	}
	d := &download{
		r:    r,
		f:    f,
		info: info,
		url:  w.server + info.PackageURL,
		// At most a quarter, so that a small package shows its quarters
		// arrive too.
		chunk: min(maxChunk, (info.Size+3)/4),
		body:  make([]byte, 0, info.Size),
	}
	f.progress = &Progress{Version: info.Version, Total: info.Size}
	d.next()
}

// next asks for the chunk after what has arrived, over the phone's network
// of this moment, and schedules its arrival.
func (d *download) next() {
	w, p := d.r.p.w, d.r.p
	from := int64(len(d.body))
	n := min(d.chunk, d.info.Size-from)
	res := w.link.GetRange(p.network, d.url, from, n)
	at := w.clock.Now() + res.Duration
	if !chunkFailed(res) {
		at = d.stream.Arrival(w.clock.Now(), p.network, res.Factor, from, from+n)
	}
	t := &resume{r: d.r, kind: resumeChunk, d: d, res: res}
	d.f.due = w.clock.Tagged(at, t, t.run)
}

// chunkFailed: a failed request or an error status; GetRange lets no
// other success through.
func chunkFailed(res netsim.Result) bool {
	return res.Err != nil || res.Status != http.StatusPartialContent
}

// landed is a chunk's answer reaching the phone.
func (d *download) landed(res netsim.Result) {
	if chunkFailed(res) {
		d.fail(resultError(res))
		return
	}
	d.arrive(res.Body)
}

func (d *download) arrive(chunk []byte) {
	// The chunk travels until this moment: a phone that went offline
	// meanwhile never gets it.
	if d.r.p.network.Bandwidth == 0 {
		d.fail(netsim.ErrOffline)
		return
	}
	d.body = append(d.body, chunk...)
	done := int64(len(d.body))
	d.f.progress.Done = done
	if done == d.info.Size {
		d.finish()
		return
	}
	// A line per quarter, as a progress bar would move, rather than one
	// per chunk.
	if q := done * 4 / d.info.Size; q > d.quarter {
		d.quarter = q
		d.r.log("update.progress", fmt.Sprintf("%d%%", q*25))
	}
	d.next()
}

func (d *download) finish() {
	p, err := verify(d.body, d.info)
	if err != nil {
		d.fail(err)
		return
	}
	d.r.pending = p
	d.r.log("update.ready", fmt.Sprintf("%s sha256=%.12s", p.version, p.digest))
	d.f.emit(flightEvent{kind: ready, version: p.version})
}

func (d *download) fail(err error) {
	d.f.fail(fmt.Errorf("download %s: %w", d.info.Version, err))
}

// verify checks a downloaded package against the version info before it
// may replace anything: a wrong digest or a broken archive is refused.
func verify(body []byte, info protocol.CheckResponse) (*pkg, error) {
	digest := archive.Digest(body)
	if digest != info.SHA256 {
		return nil, fmt.Errorf("digest mismatch: got %.12s, want %.12s", digest, info.SHA256)
	}
	project, err := unpacked.load(body, digest)
	if err != nil {
		return nil, err
	}
	return &pkg{version: info.Version, digest: digest, project: project}, nil
}
