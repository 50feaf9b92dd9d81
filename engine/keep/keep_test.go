package keep

import (
	"context"
	"math/rand/v2"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"miniphone/engine"
	"miniphone/engine/archive"
	"miniphone/fakeserver"
)

// app is a mini-program that keeps something in storage and sets a
// background-fetch token at launch; padding makes its package take a
// while to download on a slow network.
func app(version string, padding int) fstest.MapFS {
	return fstest.MapFS{
		"app.json": {Data: []byte(`{"pages":["pages/index/index"],"window":{"navigationBarTitleText":"保存"}}`)},
		"app.js": {Data: []byte(`App({onLaunch() {
			wx.setStorageSync('launches', (wx.getStorageSync('launches') || 0) + 1)
			wx.setBackgroundFetchToken({token: 'tok-' + wx.getStorageSync('launches')})
		}})`)},
		"pages/index/index.js":   {Data: []byte(`Page({data: {v: '` + version + `'}})`)},
		"pages/index/index.wxml": {Data: []byte(`<view>版本 {{v}}</view>`)},
		"padding.bin":            {Data: noise(padding)},
	}
}

// noise is n bytes that do not compress, the same on every run.
func noise(n int) []byte {
	b := make([]byte, n)
	rand.NewChaCha8([32]byte{1}).Read(b)
	return b
}

// rig is a world on a platform of its own.
type rig struct {
	t        testing.TB
	srv      *fakeserver.Running
	platform *fakeserver.Client
	w        *engine.World
}

func newPlatform(t testing.TB) (*fakeserver.Running, *fakeserver.Client) {
	t.Helper()
	srv, err := fakeserver.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	return srv, fakeserver.NewClient(srv.URL, "", nil)
}

// midUpdate builds a world with two phones, each with a fetch cache and an
// update of the app downloading in the background while the app is not
// running.
func midUpdate(t testing.TB) *rig {
	t.Helper()
	srv, platform := newPlatform(t)
	r := &rig{t: t, srv: srv, platform: platform, w: engine.NewWorld(engine.Config{Seed: 7, ServerURL: srv.URL})}
	ctx := context.Background()
	must(t, func() error { _, err := platform.RegisterApp(ctx, "app", false); return err }())
	r.publish("1.0.0", 0)
	must(t, func() error { _, err := platform.SetFetchURL(ctx, "app", "https://dev.example/data"); return err }())
	must(t, platform.SetData(ctx, fakeserver.DataConfig{URL: "https://dev.example/data", Kind: "text", Template: "data for {{token}} at {{timestamp}}"}))
	r.w.RegisterApp("app")
	for _, cfg := range []engine.PhoneConfig{{Name: "a", Network: "3g"}, {Name: "b", Network: "2g", OS: "ios"}} {
		p, err := r.w.AddPhone(cfg)
		must(t, err)
		r.launch(p)
		p.Home()
	}
	r.w.Advance(2 * time.Hour) // the hourly wake fetches: a periodic cache on each phone
	r.publish("1.0.1", 256<<10)
	for _, p := range r.w.Phones() {
		r.launch(p) // a cold start: 1.0.0 runs, 1.0.1 downloads in the background
		must(t, p.Kill("app"))
	}
	r.w.Advance(time.Second)
	for _, name := range []string{"a", "b"} {
		if p, _ := r.w.Phone(name); p.Fetching("app") || !r.downloading(name) {
			t.Fatalf("phone %s is not (only) downloading at the save point:\n%s", name, r.transcript())
		}
	}
	return r
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func (r *rig) publish(version string, padding int) {
	r.t.Helper()
	pkg, err := archive.Build(app(version, padding))
	must(r.t, err)
	_, err = r.platform.Publish(context.Background(), "app", version, pkg)
	must(r.t, err)
}

func (r *rig) launch(p *engine.Phone) {
	r.t.Helper()
	must(r.t, p.Launch("app", engine.LaunchOptions{}))
	if !r.w.RunUntil(func() bool { return !p.Starting() }, r.w.Elapsed()+time.Minute) {
		r.t.Fatal("the launch did not finish")
	}
	r.w.RunDue()
}

// downloading reports whether phone name has a package download under
// way.
func (r *rig) downloading(name string) bool {
	for _, u := range r.w.Timeline() {
		if u.Phone == name && strings.HasPrefix(u.What, "download") {
			return true
		}
	}
	return false
}

// finish is what happens after the save point: the downloads finish, the
// app starts on the new version, days pass with their periodic checks and
// fetches.
func (r *rig) finish() {
	r.w.Advance(10 * time.Minute)
	for _, p := range r.w.Phones() {
		r.launch(p)
		p.Home()
	}
	r.w.Advance(3 * 24 * time.Hour)
}

func (r *rig) transcript() string {
	var b strings.Builder
	for _, e := range r.w.Transcript(0) {
		b.WriteString(e.String())
		b.WriteByte('\n')
	}
	return b.String()
}

// save keeps the rig's world and platform in dir.
func (r *rig) save(dir string) {
	r.t.Helper()
	ws, err := r.w.Save()
	must(r.t, err)
	ps := r.srv.Server.Export()
	must(r.t, Save(dir, &State{World: ws, Platform: &ps}))
}

// restore loads dir into a new platform and world.
func restore(t *testing.T, dir string) *rig {
	t.Helper()
	st, err := Load(dir)
	must(t, err)
	srv, platform := newPlatform(t)
	must(t, srv.Server.Import(*st.Platform))
	w, err := engine.Restore(engine.Config{ServerURL: srv.URL}, st.World)
	must(t, err)
	return &rig{t: t, srv: srv, platform: platform, w: w}
}

// Saving, restoring in a new process's world and platform, and going on
// gives the transcript of a world that never stopped.
func TestRestoreThenContinueIsAnUninterruptedRun(t *testing.T) {
	whole := midUpdate(t)
	whole.finish()
	want := whole.transcript()
	for _, text := range []string{"fetch.periodic ok", "update.ready 1.0.1", "install 1.0.0 -> 1.0.1", "periodic-check found 1.0.1"} {
		if !strings.Contains(want, text) {
			t.Fatalf("the run never shows %q: it does not test what it should\n%s", text, want)
		}
	}

	cut := midUpdate(t)
	dir := t.TempDir()
	cut.save(dir)
	again := restore(t, dir)
	for _, name := range []string{"a", "b"} {
		if !again.downloading(name) {
			t.Errorf("phone %s's download did not come back", name)
		}
	}
	again.finish()
	if got := again.transcript(); got != want {
		w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
		i := 0
		for i < min(len(w), len(g)) && w[i] == g[i] {
			i++
		}
		t.Errorf("the restored run parts from the uninterrupted one at line %d:\n%s\nwant:\n%s",
			i+1, strings.Join(g[i:min(i+5, len(g))], "\n"), strings.Join(w[i:min(i+5, len(w))], "\n"))
	}
}

// What Restore builds, Save pictures as it was saved: every field makes
// the round trip.
func TestSaveOfARestoredWorldIsTheSame(t *testing.T) {
	r := midUpdate(t)
	// Left for the home screen, the app keeps where the user was even
	// once it is destroyed.
	a, _ := r.w.Phone("a")
	r.launch(a)
	a.Home()
	r.w.Advance(time.Hour)
	dir := t.TempDir()
	r.save(dir)
	first, err := Load(dir)
	must(t, err)
	again := restore(t, dir)
	ws, err := again.w.Save()
	must(t, err)
	ps := again.srv.Server.Export()
	second := &State{World: ws, Platform: &ps}
	if a, b := encoded(t, first), encoded(t, second); a != b {
		t.Errorf("saved again:\n%s\nfirst saved:\n%s", b, a)
	}
	for _, want := range []string{`"os":"ios"`, `"exit":{"route":"pages/index/index"`} {
		if !strings.Contains(encoded(t, first), want) {
			t.Errorf("the state has no %s: the test does not cover it", want)
		}
	}
}
