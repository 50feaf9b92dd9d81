package engine

import (
	"context"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"miniphone/engine/archive"
	"miniphone/engine/netsim"
	"miniphone/fakeserver"
)

// truncatingProxy forwards to the platform; while cut is set it sends only
// half of every CDN package, then drops the connection, as a download
// killed halfway.
type truncatingProxy struct {
	target string
	cut    atomic.Bool
}

func (p *truncatingProxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	req, err := http.NewRequestWithContext(r.Context(), r.Method, p.target+r.URL.RequestURI(), r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	req.Header = r.Header.Clone()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	for k, v := range resp.Header {
		w.Header()[k] = v
	}
	if !p.cut.Load() || !strings.HasPrefix(r.URL.Path, "/cdn/") {
		w.WriteHeader(resp.StatusCode)
		_, _ = w.Write(body)
		return
	}
	w.WriteHeader(resp.StatusCode)
	_, _ = w.Write(body[:len(body)/2])
	panic(http.ErrAbortHandler) // the connection drops mid-body
}

func TestDownloadKilledHalfwayLeavesTheWorkingVersion(t *testing.T) {
	srv, err := fakeserver.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	proxy := &truncatingProxy{target: srv.URL}
	front := httptest.NewServer(proxy)
	defer front.Close()

	page := `Page({ onLoad() { this.setData({ v: wx.getAccountInfoSync().miniProgram.version }) } })`
	files := project(`App({})`, page, `<view>running {{v}}</view>`)
	tw := newTestWorldVia(t, srv.URL, front.URL, files, DefaultSettings(), PhoneConfig{})
	tw.launch()
	tw.publish("1.1.0", files)

	proxy.cut.Store(true)
	if err := tw.phone.Kill("app"); err != nil {
		t.Fatal(err)
	}
	tw.launch()
	tw.Advance(time.Minute)
	tw.mustLog("update.failed download 1.1.0")
	tw.mustScreen("running 1.0.0")
	if err := tw.phone.Kill("app"); err != nil {
		t.Fatal(err)
	}
	if v, _ := tw.phone.Version("app"); v != "1.0.0" {
		t.Fatalf("after a broken download the phone would launch %q, want 1.0.0", v)
	}
	tw.launch()
	tw.mustScreen("running 1.0.0")

	// The network heals while this cold start's check is still on its way:
	// its download completes, and the next cold start runs 1.1.0.
	proxy.cut.Store(false)
	tw.Advance(time.Minute)
	if err := tw.phone.Kill("app"); err != nil {
		t.Fatal(err)
	}
	tw.launch()
	tw.mustScreen("running 1.1.0")
}

// noisyProject is an app whose package is a little over size bytes: the
// padding is pseudo-random, which no compression shrinks, so that a
// download lasts long enough on 2g to be interrupted. The page shows the
// version it runs; the app logs what its update manager hears.
func noisyProject(t testing.TB, size int, seed byte) fstest.MapFS {
	t.Helper()
	appJS := `App({
  onLaunch() {
    var m = wx.getUpdateManager()
    m.onUpdateReady(function () { console.log('update ready') })
    m.onUpdateFailed(function (res) { console.log('update failed:', res.errMsg) })
  }
})`
	page := `Page({ onLoad() { this.setData({ v: wx.getAccountInfoSync().miniProgram.version }) } })`
	files := project(appJS, page, `<view>running {{v}}</view>`)
	noise := make([]byte, size)
	if _, err := rand.NewChaCha8([32]byte{seed}).Read(noise); err != nil {
		t.Fatal(err)
	}
	files["images/noise.bin"] = &fstest.MapFile{Data: noise}
	return files
}

// packageSize is the size of the package the platform serves for files.
func packageSize(t testing.TB, files fstest.MapFS) int64 {
	t.Helper()
	data, err := archive.Build(files)
	if err != nil {
		t.Fatal(err)
	}
	return int64(len(data))
}

// runUntilLog runs the world until a new transcript line contains text
// and returns the moment it did.
func (tw *testWorld) runUntilLog(text string) time.Duration {
	tw.t.Helper()
	from := tw.TranscriptLen()
	seen := func() bool {
		for _, e := range tw.Transcript(from) {
			if strings.Contains(e.String(), text) {
				return true
			}
		}
		from = tw.TranscriptLen()
		return false
	}
	if !tw.RunUntil(seen, tw.Elapsed()+time.Hour) {
		tw.t.Fatalf("no transcript line contains %q within an hour; transcript:\n%s", text, tw.lines())
	}
	return tw.Elapsed()
}

// relaunch kills the running app and cold-starts it again.
func (tw *testWorld) relaunch() {
	tw.t.Helper()
	if err := tw.phone.Kill("app"); err != nil {
		tw.t.Fatal(err)
	}
	tw.launch()
}

// startDownload installs 1.0.0 of a noisy app on a phone on network,
// publishes next as 1.1.0 and cold-starts the app until it begins to
// download it, and returns the moment it did.
func startDownload(t *testing.T, network string, next fstest.MapFS) (*testWorld, time.Duration) {
	t.Helper()
	tw := newTestWorld(t, noisyProject(t, 32<<10, 1), DefaultSettings(), PhoneConfig{Network: network})
	tw.launch()
	tw.publish("1.1.0", next)
	tw.relaunch()
	return tw, tw.runUntilLog("update.download 1.1.0")
}

// What happens on the phone or the platform while a package downloads
// reaches the download: each of these, one second into a 2g download of
// 1.1.0, makes it fail through onUpdateFailed; 1.0.0 keeps running and
// stays installed, and once things are back to normal the next cold start
// downloads 1.1.0.
func TestInterruptedDownloadFailsAndKeepsTheInstalledVersion(t *testing.T) {
	cdnFault := func(fault string) func(*testWorld) {
		return func(tw *testWorld) {
			if err := tw.platform.SetFault(context.Background(), "cdn", fault); err != nil {
				tw.t.Fatal(err)
			}
		}
	}
	network := func(name string) func(*testWorld) {
		return func(tw *testWorld) {
			if err := tw.phone.SetNetwork(name); err != nil {
				tw.t.Fatal(err)
			}
		}
	}
	cases := []struct {
		name      string
		interrupt func(*testWorld)
		heal      func(*testWorld)
		want      string
	}{
		{"the phone goes offline", network("offline"), network("wifi"), "network is offline"},
		{"the CDN fails", cdnFault("fail"), cdnFault("none"), "HTTP 503"},
		{"the CDN times out", cdnFault("timeout"), cdnFault("none"), "request timed out"},
		{"the CDN corrupts the rest", cdnFault("corrupt"), cdnFault("none"), "digest mismatch"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tw, _ := startDownload(t, "2g", noisyProject(t, 32<<10, 2))
			tw.Advance(time.Second)
			tc.interrupt(tw)
			tw.Advance(time.Minute)
			tw.mustLog("update.failed download 1.1.0: "+tc.want, "console.log update failed: update:fail download 1.1.0")
			tw.mustNotLog("update.ready 1.1.0")
			tw.mustScreen("running 1.0.0")

			tc.heal(tw)
			tw.relaunch()
			tw.mustScreen("running 1.0.0")
			tw.runUntilLog("update.ready 1.1.0")
			tw.relaunch()
			tw.mustScreen("running 1.1.0")
		})
	}
}

// A phone that moves from wifi to 2g a quarter into a download gets the
// chunks it asks for from then on at 2g speed. The second quarter, asked
// for as the first arrived, still comes over wifi; the last half takes
// its time over 2g, and the whole download ends sooner than it would
// have over 2g from the start.
func TestNetworkChangeMidDownloadChangesItsSpeed(t *testing.T) {
	next := noisyProject(t, 32<<10, 2)
	size := packageSize(t, next)
	tw, start := startDownload(t, "wifi", next)
	tw.runUntilLog("update.progress 25%")
	if err := tw.phone.SetNetwork("2g"); err != nil {
		t.Fatal(err)
	}
	took := tw.runUntilLog("update.ready 1.1.0") - start

	twoG, _ := netsim.Lookup("2g")
	half := time.Duration(size/2) * time.Second / time.Duration(twoG.Bandwidth)
	if whole := netsim.TransferTime(twoG, size, 1); took < half || took >= whole {
		t.Errorf("the download took %s; want at least %s (half of it at 2g speed) and less than %s (all of it over 2g)", took, half, whole)
	}
}

// The progress lines say how much of the package has arrived: on 2g a
// quarter arrives one round trip and a quarter of the package's transfer
// time after the download starts.
func TestDownloadProgressIsWhatArrived(t *testing.T) {
	next := noisyProject(t, 32<<10, 2)
	quarter := (packageSize(t, next) + 3) / 4
	tw, start := startDownload(t, "2g", next)
	got := tw.runUntilLog("update.progress 25%") - start
	twoG, _ := netsim.Lookup("2g")
	if want := netsim.TransferTime(twoG, quarter, 1); got != want {
		t.Errorf("25%% reported %s after the download started, want %s (when the first quarter has arrived)", got, want)
	}
}

// A synchronous update keeps its budget however slowly the package comes:
// past it the local version launches, and the download goes on in the
// background for the next cold start.
func TestSlowSyncUpdateLaunchesTheLocalVersionAfterItsBudget(t *testing.T) {
	tw := newTestWorld(t, noisyProject(t, 32<<10, 1), DefaultSettings(), PhoneConfig{})
	tw.launch()
	tw.publish("1.1.0", noisyProject(t, 256<<10, 2)) // half a minute over 2g
	if err := tw.phone.Kill("app"); err != nil {
		t.Fatal(err)
	}
	if err := tw.phone.SetNetwork("2g"); err != nil {
		t.Fatal(err)
	}
	tw.Advance(DefaultSettings().StaleAfter + time.Hour)

	start := tw.Elapsed()
	tw.launch()
	if took, budget := tw.Elapsed()-start, DefaultSettings().SyncUpdateBudget; took != budget {
		t.Errorf("the cold start waited %s for its update, want the %s budget", took, budget)
	}
	tw.mustLog("update.sync over the 10s budget")
	tw.mustScreen("running 1.0.0")
	tw.runUntilLog("update.ready 1.1.0")
	tw.relaunch()
	tw.mustScreen("running 1.1.0")
}
