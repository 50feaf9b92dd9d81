package wxapi

import (
	"testing"

	"miniphone/engine/semver"
)

func TestCanIUse(t *testing.T) {
	tests := []struct {
		base  string
		query string
		want  bool
	}{
		{"3.6.0", "getUpdateManager", true},
		{"1.9.0", "getUpdateManager", false},
		{"1.9.90", "wx.getUpdateManager", true},
		{"3.6.0", "noSuchApi", false},
		{"3.6.0", "", false},
		{"3.6.0", "showModal.", false},
		{"3.6.0", "showModal.object.showCancel", true},
		{"3.6.0", "showModal.object.editable", true},
		{"2.17.0", "showModal.object.editable", false},
		{"3.6.0", "showModal.object.noSuchOption", false},
		{"3.6.0", "showModal.success.content", true},
		{"3.6.0", "showModal.nonsense", false},
		{"3.6.0", "showToast.object.title", true},
		{"2.14.0", "showToast.object.icon.error", false},
		{"2.14.1", "showToast.object.icon.error", true},
		{"3.6.0", "getSystemInfoSync.return.safeArea", true},
		{"3.6.0", "request.object.enableHttp2", true},
		{"2.20.0", "getWindowInfo.return.safeArea", false},
		{"3.6.0", "cloud", true},
		{"2.2.2", "cloud", false},
		{"3.6.0", "cloud.callFunction", true},
		{"3.6.0", "cloud.callFunction.object.name", true},
		{"2.22.0", "cloud.callContainer", false},
		{"3.6.0", "button", true},
		{"3.6.0", "button.open-type.getUserInfo", true},
		{"1.2.0", "button.open-type.getUserInfo", false},
		{"1.0.0", "button.open-type", false},
		{"3.6.0", "button.open-type.noSuchType", false},
		{"3.6.0", "button.noSuchAttribute", false},
		{"3.6.0", "button.hover-class", true},
		{"3.6.0", "text.user-select", true},
		{"2.12.0", "text.user-select", false},
		{"3.6.0", "view.hover-class", true},
		{"2.6.0", "editor", false},
		{"2.7.0", "editor", true},
		{"3.6.0", "no-such-component", false},
	}
	for _, tt := range tests {
		if got := CanIUse(semver.MustParse(tt.base), tt.query); got != tt.want {
			t.Errorf("base %s: canIUse(%q) = %t, want %t", tt.base, tt.query, got, tt.want)
		}
	}
}

// The details' versions are versions, and every detail belongs to an API
// of the table or to a component listed on its own.
func TestDetailsAreWellFormed(t *testing.T) {
	for _, details := range []map[string]string{apiDetails, components} {
		for path, v := range details {
			if _, err := semver.Parse(v); err != nil {
				t.Errorf("%s: %v", path, err)
			}
		}
	}
	for path := range apiDetails {
		found := false
		for n := len(path); n > 0; n-- {
			if path[:n] != path && path[n-1] != '.' {
				continue
			}
			if _, ok := Lookup(path[:max(n-1, 0)]); ok {
				found = true
			}
		}
		if !found {
			t.Errorf("%s belongs to no API of the table", path)
		}
	}
	for path := range components {
		name := path
		for i := range path {
			if path[i] == '.' {
				name = path[:i]
				break
			}
		}
		if _, ok := components[name]; !ok {
			t.Errorf("%s belongs to no listed component", path)
		}
	}
}
