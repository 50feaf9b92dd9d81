package engine

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"miniphone/engine/archive"
	"miniphone/fakeserver"
)

// project builds a mini-program from app.js and one page's script and
// WXML, the smallest app the tests need.
func project(appJS, pageJS, pageWXML string) fstest.MapFS {
	return fstest.MapFS{
		"app.json":               {Data: []byte(`{"pages":["pages/index/index"],"window":{"navigationBarTitleText":"测试"}}`)},
		"app.js":                 {Data: []byte(appJS)},
		"pages/index/index.js":   {Data: []byte(pageJS)},
		"pages/index/index.wxml": {Data: []byte(pageWXML)},
	}
}

// testWorld is a world on a platform of its own, with one app published
// as 1.0.0 and one phone.
type testWorld struct {
	*World
	phone    *Phone
	platform *fakeserver.Client
	t        testing.TB
}

func newTestWorld(t testing.TB, files fstest.MapFS, settings Settings, phone PhoneConfig) *testWorld {
	t.Helper()
	srv, err := fakeserver.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	return newTestWorldVia(t, srv.URL, srv.URL, files, settings, phone)
}

// newTestWorldVia is newTestWorld with the phones reaching the platform
// through phoneURL (a proxy that can misbehave) while the test administers
// it at adminURL.
func newTestWorldVia(t testing.TB, adminURL, phoneURL string, files fstest.MapFS, settings Settings, phone PhoneConfig) *testWorld {
	t.Helper()
	w := NewWorld(Config{Seed: 1, ServerURL: phoneURL, Settings: settings})
	tw := &testWorld{World: w, platform: fakeserver.NewClient(adminURL, "", nil), t: t}
	ctx := context.Background()
	if _, err := tw.platform.RegisterApp(ctx, "app", false); err != nil {
		t.Fatal(err)
	}
	tw.publish("1.0.0", files)
	w.RegisterApp("app")
	if phone.Name == "" {
		phone.Name = "phone"
	}
	var err error
	if tw.phone, err = w.AddPhone(phone); err != nil {
		t.Fatal(err)
	}
	return tw
}

func (tw *testWorld) publish(version string, files fstest.MapFS) {
	tw.t.Helper()
	data, err := archive.Build(files)
	if err != nil {
		tw.t.Fatal(err)
	}
	if _, err := tw.platform.Publish(context.Background(), "app", version, data); err != nil {
		tw.t.Fatal(err)
	}
}

// launch opens the app and runs until its first page is ready.
func (tw *testWorld) launch() {
	tw.t.Helper()
	if err := tw.phone.Launch("app", LaunchOptions{}); err != nil {
		tw.t.Fatal(err)
	}
	if !tw.RunUntil(func() bool { return !tw.phone.Starting() }, tw.Elapsed()+time.Minute) {
		tw.t.Fatal("the launch did not finish")
	}
	tw.RunDue()
}

// lines is the transcript so far, one event a line.
func (tw *testWorld) lines() string {
	var b strings.Builder
	for _, e := range tw.Transcript(0) {
		b.WriteString(e.String())
		b.WriteByte('\n')
	}
	return b.String()
}

// mustLog fails unless some transcript line contains each text.
func (tw *testWorld) mustLog(texts ...string) {
	tw.t.Helper()
	all := tw.lines()
	for _, text := range texts {
		if !strings.Contains(all, text) {
			tw.t.Errorf("no transcript line contains %q; transcript:\n%s", text, all)
		}
	}
}

func (tw *testWorld) mustNotLog(text string) {
	tw.t.Helper()
	if all := tw.lines(); strings.Contains(all, text) {
		tw.t.Errorf("a transcript line contains %q; transcript:\n%s", text, all)
	}
}

func (tw *testWorld) mustScreen(text string) {
	tw.t.Helper()
	if s := tw.phone.ScreenText(); !strings.Contains(s, text) {
		tw.t.Errorf("screen does not show %q; it shows:\n%s", text, s)
	}
}
