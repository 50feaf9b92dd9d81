package engine

import (
	"fmt"
	"slices"
)

// The phone's operating system decides where WeChat behaves differently on
// the two platforms, as the docs record it.
const (
	Android = "android"
	IOS     = "ios"
)

// OSNames are the operating systems a phone may run.
var OSNames = []string{Android, IOS}

// pickOS checks an OS name; empty keeps current, or the default on a new
// phone.
func pickOS(given, current string) (string, error) {
	switch {
	case given == "" && current == "":
		return Android, nil
	case given == "":
		return current, nil
	case slices.Contains(OSNames, given):
		return given, nil
	}
	return current, fmt.Errorf("os %q: want android or ios", given)
}

// systemName is getSystemInfoSync().system on this phone.
func (p *Phone) systemName() string {
	if p.os == IOS {
		return "iOS 17.5"
	}
	return "Android 14"
}

// memoryKillReason is how the transcript names the memory kill. On iOS
// WeChat itself closes the app and tells the user; on Android it goes
// without a word.
func (p *Phone) memoryKillReason() string {
	window := p.w.settings.MemoryWarningWindow.String()
	if p.os == IOS {
		return "WeChat closed it after two memory warnings within " + window + ": " + OutOfMemoryText
	}
	return "two memory warnings within " + window
}
