package tui

import (
	"slices"
	"strconv"
	"strings"

	"miniphone/fakeserver"
)

// The console's background-fetch forms with more than one field. Values go
// to the platform as typed (trimmed, but for a template, which is a body):
// judging them is the platform's job.

// grayForm sets the gray release of an app's periodic data URL. It starts
// at the present ratio, since the platform only lets it go up.
func grayForm(c *Common, a fakeserver.AppState) *Form {
	f := a.Fetch
	return newForm(c, "Gray release of "+a.AppID+"'s data URL", []field{
		{"gray URL", orDefault(f.GrayURL, suggestURL(a, "gray"))},
		{"percent", strconv.Itoa(f.GrayPercent)},
	}, func(v []string) {
		c.Backend.setGray(a.AppID, strings.TrimSpace(v[0]), strings.TrimSpace(v[1]))
	}).withNote("The ratio can only go up. 100% makes the gray URL the data URL; 0% sends the testers only.")
}

// devDataForm sets what the fake developer server answers at a URL,
// starting from the app's data URL and what is answered there now.
func devDataForm(c *Common, a fakeserver.AppState, data []fakeserver.DataConfig) *Form {
	url := orDefault(a.Fetch.URL, orDefault(a.Fetch.PrefetchURL, suggestURL(a, "fetch")))
	kind, value := "text", "{{appid}} {{token}} {{timestamp}}"
	if i := slices.IndexFunc(data, func(d fakeserver.DataConfig) bool { return d.URL == url }); i >= 0 {
		kind, value = data[i].Kind, dataValue(data[i])
	}
	return newForm(c, "What the developer server answers", []field{
		{"URL", url},
		{"kind", kind},
		{"value", value},
	}, func(v []string) {
		c.Backend.setData(strings.TrimSpace(v[0]), strings.TrimSpace(v[1]), v[2])
	}).withNote("kind text: value is the body, with {{appid}} {{token}} {{code}} {{timestamp}} " +
		"{{path}} {{query}} {{scene}} filled in from the request · bytes or binary: value is N bytes · " +
		"status: value is the HTTP code")
}

// devRequestForm sets what the fake developer server answers to
// wx.request at a URL, starting from the first answer set, or from a URL
// of the app's own.
func devRequestForm(c *Common, a fakeserver.AppState, requests []fakeserver.RequestConfig) *Form {
	url, kind, value := "https://"+a.AppID+".example/api", "json", `{"ok":true}`
	if len(requests) > 0 {
		r := requests[0]
		url, kind, value = r.URL, r.Kind, requestValue(r)
	}
	return newForm(c, "What the developer server answers to wx.request", []field{
		{"URL", url},
		{"kind", kind},
		{"value", value},
	}, func(v []string) {
		c.Backend.setRequest(strings.TrimSpace(v[0]), strings.TrimSpace(v[1]), v[2])
	}).withNote("For any method and query at URL. kind json or text: value is the body · status: value " +
		"is the HTTP code · session: the backend trades the login code it receives through " +
		"jscode2session (value unused) · the data server's faults apply")
}

// requestValue is the one field of an answer to wx.request that its kind
// uses, as typed in the form.
func requestValue(r fakeserver.RequestConfig) string {
	switch r.Kind {
	case "status":
		return strconv.Itoa(r.Code)
	case "session":
		return ""
	}
	return r.Body
}

// dataValue is the one field of an answer that its kind uses, as typed in
// the form.
func dataValue(d fakeserver.DataConfig) string {
	switch d.Kind {
	case "text":
		return d.Template
	case "status":
		return strconv.Itoa(d.Code)
	}
	return strconv.Itoa(d.N)
}

// suggestURL is a URL to start a form from when the app has none yet: a
// cloud environment for a personal-entity app, which may use nothing
// else, an https one for the others.
func suggestURL(a fakeserver.AppState, name string) string {
	if a.Personal {
		return "cloud://" + a.AppID + "-env/" + name
	}
	return "https://" + a.AppID + ".example/" + name
}
