package wxapi

import (
	"strings"

	"miniphone/engine/semver"
)

var (
	byName = map[string]int{}            // index in Table
	since  = map[string]semver.Version{} // Table's versions, parsed
	spaces = map[string]bool{}           // namespaces of wx: cloud
)

func init() {
	for i, api := range Table {
		byName[api.Name] = i
		since[api.Name] = semver.MustParse(api.Since)
		if ns, _, ok := strings.Cut(api.Name, "."); ok {
			spaces[ns] = true
		}
	}
}

// Lookup finds an API of the table by name ("request", "cloud.init").
func Lookup(name string) (API, bool) {
	i, ok := byName[name]
	if !ok {
		return API{}, false
	}
	return Table[i], true
}

// Since is the base library an API appeared in; zero for a name the table
// does not have.
func Since(name string) semver.Version { return since[name] }

// Has reports whether base library base has the API.
func Has(base semver.Version, name string) bool {
	v, ok := since[name]
	return ok && base.AtLeast(v)
}

// CanIUse answers wx.canIUse on base library base. It takes the forms the
// base library documents: an API ("getUpdateManager", "cloud.callFunction"),
// an API with its call, parameter and option
// ("showModal.object.showCancel", "getSystemInfoSync.return.safeArea"), a
// component ("button"), and a component with its attribute and option
// ("button.open-type.getUserInfo"). Parameters and attributes are judged
// from the details below where they are listed; for an API or component
// with none listed at that level, the API's or component's own version
// decides.
func CanIUse(base semver.Version, query string) bool {
	parts := strings.Split(strings.TrimPrefix(query, "wx."), ".")
	for _, p := range parts {
		if p == "" {
			return false
		}
	}
	for n := len(parts); n > 0; n-- {
		name := strings.Join(parts[:n], ".")
		if _, ok := byName[name]; ok {
			return Has(base, name) && detailed(base, apiDetails, name, parts[n:], apiCalls)
		}
	}
	if len(parts) == 1 && spaces[parts[0]] {
		for name := range byName {
			if strings.HasPrefix(name, parts[0]+".") && Has(base, name) {
				return true
			}
		}
		return false
	}
	v, ok := components[parts[0]]
	return ok && base.AtLeast(semver.MustParse(v)) && detailed(base, components, parts[0], parts[1:], nil)
}

// apiCalls are the words that may follow an API's name: its options
// object, its return value, its success result, its listener's argument.
var apiCalls = map[string]bool{"object": true, "return": true, "success": true, "callback": true}

// detailed judges the rest of a query below name from details, keyed by
// dotted path. A listed path is there from its version on; a path that
// leads to listed ones is there; an unlisted path is there only if nothing
// is listed beside it, since then the table does not know that level.
// first, when set, is the set of words allowed right after name.
func detailed(base semver.Version, details map[string]string, name string, rest []string, first map[string]bool) bool {
	if len(rest) == 0 {
		return true
	}
	if first != nil && !first[rest[0]] {
		return false
	}
	path := name
	for _, part := range rest {
		parent := path
		path += "." + part
		if v, ok := details[path]; ok {
			if !base.AtLeast(semver.MustParse(v)) {
				return false
			}
			continue
		}
		if leadsTo(details, path) {
			continue
		}
		if leadsTo(details, parent) {
			return false
		}
	}
	return true
}

// leadsTo reports whether any listed path lies below path.
func leadsTo(details map[string]string, path string) bool {
	prefix := path + "."
	for k := range details {
		if strings.HasPrefix(k, prefix) {
			return true
		}
	}
	return false
}

// apiDetails are the parameters and results of APIs that wx.canIUse is
// asked about, with the base library each appeared in.
var apiDetails = map[string]string{
	"showModal.object.title":           "1.0.0",
	"showModal.object.content":         "1.0.0",
	"showModal.object.showCancel":      "1.0.0",
	"showModal.object.cancelText":      "1.0.0",
	"showModal.object.cancelColor":     "1.0.0",
	"showModal.object.confirmText":     "1.0.0",
	"showModal.object.confirmColor":    "1.0.0",
	"showModal.object.editable":        "2.17.1",
	"showModal.object.placeholderText": "2.17.1",
	"showModal.success.confirm":        "1.0.0",
	"showModal.success.cancel":         "1.0.0",
	"showModal.success.content":        "2.17.1",
	"showToast.object.title":           "1.0.0",
	"showToast.object.icon":            "1.0.0",
	"showToast.object.image":           "1.1.0",
	"showToast.object.duration":        "1.0.0",
	"showToast.object.mask":            "1.0.0",
	"showToast.object.icon.error":      "2.14.1",
	"showToast.object.icon.none":       "1.9.0",
	"showToast.object.icon.success":    "1.0.0",
	"showToast.object.icon.loading":    "1.0.0",
	"showActionSheet.object.alertText": "2.14.0",
}

// components are the built-in components with the base library each
// appeared in, and for a few the attributes and options scripts ask about.
var components = map[string]string{
	"view": "1.0.0", "scroll-view": "1.0.0", "swiper": "1.0.0", "swiper-item": "1.0.0",
	"movable-area": "1.2.0", "movable-view": "1.2.0", "cover-view": "1.4.0", "cover-image": "1.4.0",
	"icon": "1.0.0", "text": "1.0.0", "rich-text": "1.4.0", "progress": "1.0.0", "button": "1.0.0",
	"checkbox": "1.0.0", "checkbox-group": "1.0.0", "form": "1.0.0", "input": "1.0.0", "label": "1.0.0",
	"picker": "1.0.0", "picker-view": "1.0.0", "picker-view-column": "1.0.0", "radio": "1.0.0",
	"radio-group": "1.0.0", "slider": "1.0.0", "switch": "1.0.0", "textarea": "1.0.0", "editor": "2.7.0",
	"navigator": "1.0.0", "functional-page-navigator": "2.1.0", "audio": "1.0.0", "image": "1.0.0",
	"video": "1.0.0", "camera": "1.6.0", "live-player": "1.7.0", "live-pusher": "1.7.0", "map": "1.0.0",
	"canvas": "1.0.0", "open-data": "1.4.0", "web-view": "1.6.4", "ad": "1.9.94", "ad-custom": "2.10.4",
	"official-account": "2.3.0", "page-meta": "2.9.0", "navigation-bar": "2.9.0", "match-media": "2.11.1",
	"page-container": "2.16.0", "share-element": "2.16.0", "keyboard-accessory": "2.10.1",
	"root-portal": "2.25.2", "channel-live": "2.15.0", "channel-video": "2.25.1", "voip-room": "2.11.0",
	"block": "1.0.0", "slot": "1.0.0",

	"button.size": "1.0.0", "button.size.default": "1.0.0", "button.size.mini": "1.0.0",
	"button.type": "1.0.0", "button.type.primary": "1.0.0", "button.type.default": "1.0.0", "button.type.warn": "1.0.0",
	"button.plain": "1.0.0", "button.disabled": "1.0.0", "button.loading": "1.0.0",
	"button.form-type": "1.0.0", "button.form-type.submit": "1.0.0", "button.form-type.reset": "1.0.0",
	"button.hover-class": "1.0.0", "button.hover-stop-propagation": "1.5.0",
	"button.hover-start-time": "1.0.0", "button.hover-stay-time": "1.0.0",
	"button.lang": "1.3.0", "button.session-from": "1.4.0", "button.send-message-title": "1.5.0",
	"button.send-message-path": "1.5.0", "button.send-message-img": "1.5.0", "button.app-parameter": "1.9.5",
	"button.show-message-card":                   "1.5.0",
	"button.open-type":                           "1.1.0",
	"button.open-type.contact":                   "1.1.0",
	"button.open-type.share":                     "1.2.0",
	"button.open-type.getPhoneNumber":            "1.2.0",
	"button.open-type.getUserInfo":               "1.3.0",
	"button.open-type.launchApp":                 "1.9.5",
	"button.open-type.openSetting":               "2.0.7",
	"button.open-type.feedback":                  "2.1.0",
	"button.open-type.chooseAvatar":              "2.21.2",
	"button.open-type.getRealtimePhoneNumber":    "2.30.3",
	"button.open-type.agreePrivacyAuthorization": "2.32.3",
	"button.bindgetuserinfo":                     "1.3.0", "button.bindcontact": "1.5.0", "button.bindgetphonenumber": "1.2.0",
	"button.binderror": "1.9.5", "button.bindopensetting": "2.0.7", "button.bindlaunchapp": "2.4.4",
	"button.bindchooseavatar": "2.21.2", "button.bindgetrealtimephonenumber": "2.30.3",
	"button.bindagreeprivacyauthorization": "2.32.3",

	"text.selectable": "1.1.0", "text.user-select": "2.12.1", "text.space": "1.4.0", "text.decode": "1.4.0",
}
