package tui

import (
	"reflect"
	"strings"
	"testing"

	"miniphone/engine"
	"miniphone/fakeserver"
)

// The weather app's developer server, as the console configures it.
const (
	weatherURL      = "https://weather.example/forecast"
	weatherTemplate = "{{appid}} 北京 晴 25°C;上海 多云 22°C"
	grayURL         = "https://weather.example/gray"
)

// configureWeather points the weather app's periodic data URL at the fake
// developer server and sets what it answers there, through the console's
// forms, the way a presenter would.
func (h *harness) configureWeather() {
	h.t.Helper()
	h.press("2", "down", "f", "ctrl+u")
	h.typeText(weatherURL)
	h.press("enter")
	h.waitFor("✓ weather: fetch-url "+weatherURL, "f data URL   "+weatherURL)
	// The form starts at the data URL, kind text: only the value changes.
	h.press("a", "tab", "tab", "ctrl+u")
	h.typeText(weatherTemplate)
	h.press("enter")
	h.waitFor("✓ data " + weatherURL + ": text")
}

// pullWeather selects the weather app on the phone's home screen, pulls
// its periodic data and waits until the console shows the cache starting
// with want.
func (h *harness) pullWeather(want string) string {
	h.t.Helper()
	h.press("1", "down", "f")
	return h.waitFor("weather: fetch.periodic ok", `cached     phone: "`+want, `B · 11-02 09:00`)
}

// setGray sets the weather app's gray release from the console's form.
func (h *harness) setGray(percent string) {
	h.t.Helper()
	h.press("g", "down", "ctrl+u")
	h.typeText(percent)
	h.press("enter")
}

// platformApp reads one app's settings from the platform itself.
func (h *harness) platformApp(appid string) fakeserver.AppState {
	h.t.Helper()
	st, err := h.b.state()
	if err != nil {
		h.t.Fatal(err)
	}
	for _, a := range st.Apps {
		if a.AppID == appid {
			return a
		}
	}
	h.t.Fatalf("the platform has no app %s", appid)
	return fakeserver.AppState{}
}

// TestGrayRatioRefused: the gray ratio can only go up. Lowering it shows
// the platform's reason in the console and leaves the gray release as it
// was, on the screen and on the platform.
func TestGrayRatioRefused(t *testing.T) {
	h := start(t, 120, 40)
	h.press("2", "down")
	h.setGray("10")
	h.waitFor("✓ weather: gray "+grayURL+" 10%", "g gray 10%   "+grayURL+" → no answer set")
	before := h.platformApp("weather")

	h.setGray("5")
	// The form stays open with the reason; under it, the console's answer
	// is broken over two lines to show the whole reason.
	h.waitFor("Gray release of weather's data URL", "✗ gray ratio can only go up: 10% → 5% refused")
	h.press("esc")
	screen := h.waitFor("✗ refused weather: gray "+grayURL+" 5%: gray ratio can", "only go up: 10% → 5% refused")
	if !strings.Contains(screen, "g gray 10%   "+grayURL+" → no answer set") {
		t.Errorf("the console does not show the gray release as it was:\n%s", screen)
	}
	if after := h.platformApp("weather"); !reflect.DeepEqual(after, before) {
		t.Errorf("the refusal changed the platform:\nbefore %+v\nafter  %+v", before, after)
	}
	if tr := h.transcript(); !strings.Contains(tr, "platform weather refused gray "+grayURL+" 5%") {
		t.Errorf("the transcript does not record the refusal:\n%s", tr)
	}
}

// TestPullAndClearFetch: the phone's "pull periodic data now" fetches from
// the URL the console set, and the console shows what the phone cached;
// "clear the fetch cache" empties it.
func TestPullAndClearFetch(t *testing.T) {
	h := start(t, 120, 40)
	h.configureWeather()
	h.pullWeather("weather 北京 晴")
	var data string
	var ok bool
	h.b.session.Do(func(w *engine.World) {
		p, _ := w.Phone(DefaultPhone)
		data, ok = p.FetchedData("weather")
	})
	if want := "weather 北京 晴 25°C;上海 多云 22°C"; !ok || data != want {
		t.Errorf("the phone cached %q (%t), want %q", data, ok, want)
	}

	h.press("c")
	h.waitFor("weather: fetch cache cleared", "cached     phone: nothing")
	if tr := h.transcript(); !strings.Contains(tr, "phone weather fetch.clear") {
		t.Errorf("the transcript does not record the clear:\n%s", tr)
	}
}

// TestQuoteStart: a cached body is drawn quoted, so that its newlines and
// escapes cannot break the console's lines, and only its start is quoted.
func TestQuoteStart(t *testing.T) {
	if got, want := quoteStart("晴\n\x1b[31m"), `"晴\n\x1b[31m"`; got != want {
		t.Errorf("quoteStart = %s, want %s", got, want)
	}
	long := quoteStart(strings.Repeat("晴", 1000)) // 3 bytes each: the cut falls inside one
	if !strings.HasSuffix(long, `"…`) || strings.ContainsRune(long, '\uFFFD') || strings.Contains(long, `\x`) {
		t.Errorf("a long body is not cut at a character: %q…", long[len(long)-20:])
	}
}
