package tui

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"miniphone/fakeserver"
)

// The console's background-fetch section: for the selected app, where the
// phones fetch from (the periodic data URL, the pre-fetch URL, the gray
// URL, its ratio and the testers), what the fake developer server answers
// there, and what the phone shown has cached; and the keys that change it.

// fetchRows is how many lines the section takes, the blank above included.
const fetchRows = 7

// fetchKeys are the section's keys, in the order the help lists them.
func (c *Console) fetchKeys() []key.Binding {
	k := c.c.Keys
	return []key.Binding{k.FetchURL, k.PrefetchURL, k.Gray, k.Tester, k.DevData, k.DevRequest}
}

// fetchKey takes the section's keys on an app row. Each opens a form whose
// values go to the platform as typed: a refusal (a lower gray ratio, an
// https URL for a personal app) shows on the answer line, and changes
// nothing.
func (c *Console) fetchKey(k tea.KeyMsg, a fakeserver.AppState) {
	keys := c.c.Keys
	switch {
	case key.Matches(k, keys.FetchURL):
		c.askURL(a, "fetch-url", "Periodic data URL", a.Fetch.URL, (*fakeserver.Client).SetFetchURL)
	case key.Matches(k, keys.PrefetchURL):
		c.askURL(a, "prefetch-url", "Pre-fetch URL", a.Fetch.PrefetchURL, (*fakeserver.Client).SetPrefetchURL)
	case key.Matches(k, keys.Gray):
		c.c.OpenForm(grayForm(c.c, a))
	case key.Matches(k, keys.Tester):
		// The phone's own user: with a 0% gray release, the quickest way
		// to see the gray URL on the phone shown.
		c.ask("Add a tester of "+a.AppID, "user", c.user, func(v string) { c.c.Backend.addTester(a.AppID, v) })
	case key.Matches(k, keys.DevData):
		c.c.OpenForm(devDataForm(c.c, a, c.state.Data))
	case key.Matches(k, keys.DevRequest):
		c.c.OpenForm(devRequestForm(c.c, a, c.state.Requests))
	}
}

// askURL asks for one of the app's data URLs; what names the setting in
// the transcript, as the scenario step does.
func (c *Console) askURL(a fakeserver.AppState, what, title, current string, set urlSetter) {
	suggested := orDefault(current, suggestURL(a, strings.TrimSuffix(what, "-url")))
	c.ask(title+" of "+a.AppID, "url", suggested, func(v string) { c.c.Backend.setDataURL(a.AppID, what, v, set) })
}

// fetchSectionApp is the app the section shows: the selected one, or the
// one last selected while a fault row is. It remembers the selected app
// for that.
func (c *Console) fetchSectionApp() (fakeserver.AppState, bool) {
	if a, ok := c.app(); ok {
		c.fetchApp = a.AppID
		return a, true
	}
	apps := c.state.Apps
	if i := slices.IndexFunc(apps, func(a fakeserver.AppState) bool { return a.AppID == c.fetchApp }); i >= 0 {
		return apps[i], true
	}
	if len(apps) > 0 {
		return apps[0], true
	}
	return fakeserver.AppState{}, false
}

// fetchLines draws the section w cells wide: a title, then one line each
// for the data URL, the pre-fetch URL, the gray URL with its ratio, the
// testers and the phone's cache. Each setting's line starts with the key
// that changes it. Every URL is followed by what the developer server
// answers there, since a URL without an answer is a fetch that fails.
func (c *Console) fetchLines(w int) []string {
	a, ok := c.fetchSectionApp()
	if !ok {
		return nil
	}
	s, k := c.c.Styles, c.c.Keys
	f := a.Fetch
	gray := "gray"
	if f.GrayURL != "" {
		gray = fmt.Sprintf("gray %d%%", f.GrayPercent)
	}
	testers := "-"
	if len(f.Testers) > 0 {
		testers = oneLine(strings.Join(f.Testers, " "))
	}
	answer, request := k.DevData.Help(), k.DevRequest.Help()
	return []string{
		"",
		spread(s.Bold.Render("  "+a.AppID+" · background fetch"),
			s.HelpKey.Render(answer.Key)+" "+s.Dim.Render(answer.Desc)+"  "+
				s.HelpKey.Render(request.Key)+" "+s.Dim.Render(request.Desc), w),
		c.fetchLine(k.FetchURL, "data URL", c.urlLine(f.URL), w),
		c.fetchLine(k.PrefetchURL, "pre-fetch", c.urlLine(f.PrefetchURL), w),
		c.fetchLine(k.Gray, gray, c.urlLine(f.GrayURL), w),
		c.fetchLine(k.Tester, "testers", testers, w),
		c.fetchLine(key.Binding{}, "cached", c.cacheLine(a.AppID, w-fetchLabelCells), w),
	}
}

// fetchLabelCells is the width of a line's key and label.
const fetchLabelCells = 15

// fetchLine is one line of the section: the key that changes the setting
// (none for the cache, which the phone's keys change), its label, and its
// value.
func (c *Console) fetchLine(b key.Binding, label, value string, w int) string {
	s := c.c.Styles
	return clip("  "+s.HelpKey.Render(fit(b.Help().Key, 2))+s.Dim.Render(fit(label, fetchLabelCells-4))+value, w)
}

// urlLine is a data URL and what the developer server answers there.
func (c *Console) urlLine(url string) string {
	if url == "" {
		return "-"
	}
	return url + " " + c.answerAt(url)
}

// answerAt says what the developer server answers at url.
func (c *Console) answerAt(url string) string {
	i := slices.IndexFunc(c.state.Data, func(d fakeserver.DataConfig) bool { return d.URL == url })
	if i < 0 {
		return "→ no answer set (404)"
	}
	d := c.state.Data[i]
	if d.Kind == "text" {
		return "→ text " + strconv.Quote(d.Template)
	}
	return "→ " + d.Kind + " " + dataValue(d)
}

// cacheLine is the app's periodic data on the phone shown, quoted (it is
// any text the developer server sent, newlines and escapes included), then
// its size and when it came (to the minute, as the weather page shows
// it). The data is cut to leave the rest room in w cells: the time is what
// tells an old cache from a fresh one holding the same text.
func (c *Console) cacheLine(appid string, w int) string {
	cf := c.caches[appid]
	head, text := c.phone+": ", "nothing"
	if cf.cached {
		meta := fmt.Sprintf(" · %d B · %s", len(cf.data), cf.at.Format("01-02 15:04"))
		room := max(w-ansi.StringWidth(head+meta), minDataCells)
		text = ansi.Truncate(quoteStart(cf.data), room, "…") + meta
	}
	if cf.fetching {
		text += " · fetching…"
	}
	return head + text
}

// minDataCells is the least of the data a cache line shows, however
// narrow the console.
const minDataCells = 10

// quoteStart quotes the start of s: enough for the widest line, without
// quoting 256 KB at every redraw.
func quoteStart(s string) string {
	const most = 512
	if len(s) <= most {
		return strconv.Quote(s)
	}
	cut := most
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return strconv.Quote(s[:cut]) + "…"
}
