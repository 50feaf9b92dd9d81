package engine

import (
	"github.com/dop251/goja"

	"miniphone/engine/jsrt"
	"miniphone/engine/wxapi"
)

// The phone's screen, in the CSS pixels WeChat reports: one fixed 6.1-inch
// Android phone, with WeChat's status bar and navigation bar, and the
// capsule (the menu button) at the right of the navigation bar.
const (
	screenWidth     = 393
	screenHeight    = 852
	pixelRatio      = 2.75
	statusBarHeight = 24
	navBarHeight    = 48
	capsuleWidth    = 87
	capsuleHeight   = 32
	capsuleMargin   = 10 // from the screen's right edge
)

// systemInfo is what wx.getSystemInfoSync answers: the phone's versions and
// network, and its fixed hardware. The newer APIs answer parts of it.
func (p *Phone) systemInfo() map[string]any {
	return map[string]any{
		"brand":           "miniphone",
		"model":           "miniphone",
		"system":          p.systemName(),
		"platform":        p.os,
		"abi":             "arm64-v8a",
		"deviceAbi":       "arm64-v8a",
		"cpuType":         "unknown",
		"memorySize":      8192,
		"benchmarkLevel":  30,
		"pixelRatio":      pixelRatio,
		"screenWidth":     screenWidth,
		"screenHeight":    screenHeight,
		"windowWidth":     screenWidth,
		"windowHeight":    screenHeight - statusBarHeight - navBarHeight,
		"statusBarHeight": statusBarHeight,
		"screenTop":       statusBarHeight + navBarHeight,
		"safeArea": map[string]any{
			"left": 0, "right": screenWidth, "top": statusBarHeight, "bottom": screenHeight,
			"width": screenWidth, "height": screenHeight - statusBarHeight,
		},
		"language":          "zh_CN",
		"version":           p.client.String(),
		"SDKVersion":        p.base.String(),
		"fontSizeSetting":   16,
		"theme":             "light",
		"enableDebug":       false,
		"host":              map[string]any{"env": "WeChat"},
		"deviceOrientation": "portrait",
		"wifiEnabled":       p.network.Name == "wifi",
		"bluetoothEnabled":  false,
		"locationEnabled":   true,

		"albumAuthorized":             true,
		"cameraAuthorized":            true,
		"locationAuthorized":          true,
		"microphoneAuthorized":        true,
		"notificationAuthorized":      true,
		"notificationAlertAuthorized": true,
		"notificationBadgeAuthorized": true,
		"notificationSoundAuthorized": true,
		"phoneCalendarAuthorized":     true,
		"locationReducedAccuracy":     false,
	}
}

// The parts of systemInfo that the newer APIs answer.
var (
	windowInfoKeys  = []string{"pixelRatio", "screenWidth", "screenHeight", "windowWidth", "windowHeight", "statusBarHeight", "safeArea", "screenTop"}
	deviceInfoKeys  = []string{"abi", "deviceAbi", "benchmarkLevel", "brand", "model", "system", "platform", "cpuType", "memorySize"}
	appBaseInfoKeys = []string{"SDKVersion", "enableDebug", "host", "language", "version", "theme", "fontSizeSetting"}
	settingKeys     = []string{"bluetoothEnabled", "locationEnabled", "wifiEnabled", "deviceOrientation"}
)

// appAuthorization is wx.getAppAuthorizeSetting: WeChat may use all of the
// phone.
var appAuthorization = map[string]any{
	"albumAuthorized": "authorized", "bluetoothAuthorized": "authorized", "cameraAuthorized": "authorized",
	"locationAuthorized": "authorized", "locationReducedAccuracy": false, "microphoneAuthorized": "authorized",
	"notificationAuthorized": "authorized", "notificationAlertAuthorized": "authorized",
	"notificationBadgeAuthorized": "authorized", "notificationSoundAuthorized": "authorized",
	"phoneCalendarAuthorized": "authorized",
}

func pick(m map[string]any, keys []string) map[string]any {
	out := make(map[string]any, len(keys))
	for _, k := range keys {
		out[k] = m[k]
	}
	return out
}

// networkType is the phone's network as wx.getNetworkType names it.
func (p *Phone) networkType() string {
	if p.network.Bandwidth == 0 {
		return "none"
	}
	return p.network.Name
}

// addSystemAPIs: the phone's settings, screen and network.
func addSystemAPIs(h handlers) {
	part := func(keys []string) wxapi.Handler[*wxAPIs] {
		return wxapi.SyncFunc(func(a *wxAPIs) any {
			return func() goja.Value { return a.rt.Value(pick(a.inst.r.p.systemInfo(), keys)) }
		})
	}
	h["getSystemInfoSync"] = wxapi.SyncFunc(func(a *wxAPIs) any {
		return func() goja.Value { return a.rt.Value(a.inst.r.p.systemInfo()) }
	})
	async := func(a *wxAPIs, _ *goja.Object, reply jsrt.Reply) { reply(a.inst.r.p.systemInfo(), nil) }
	h["getSystemInfo"] = wxapi.AsyncFunc(async)
	h["getSystemInfoAsync"] = wxapi.AsyncFunc(async)
	h["getWindowInfo"] = part(windowInfoKeys)
	h["getDeviceInfo"] = part(deviceInfoKeys)
	h["getAppBaseInfo"] = part(appBaseInfoKeys)
	h["getSystemSetting"] = part(settingKeys)
	h["getAppAuthorizeSetting"] = wxapi.SyncFunc(func(a *wxAPIs) any {
		return func() goja.Value { return a.rt.Value(appAuthorization) }
	})
	h["getMenuButtonBoundingClientRect"] = wxapi.SyncFunc(func(a *wxAPIs) any {
		return func() goja.Value {
			right, top := screenWidth-capsuleMargin, statusBarHeight+(navBarHeight-capsuleHeight)/2
			return a.rt.Value(map[string]any{
				"width": capsuleWidth, "height": capsuleHeight,
				"left": right - capsuleWidth, "right": right, "top": top, "bottom": top + capsuleHeight,
			})
		}
	})
	h["getNetworkType"] = wxapi.AsyncFunc(func(a *wxAPIs, _ *goja.Object, reply jsrt.Reply) {
		p := a.inst.r.p
		reply(map[string]any{"networkType": p.networkType(), "signalStrength": 0, "hasSystemProxy": false}, nil)
	})
	h["onNetworkStatusChange"] = wxapi.SyncFunc(func(a *wxAPIs) any { return a.inst.networkListeners.on })
	h["offNetworkStatusChange"] = wxapi.SyncFunc(func(a *wxAPIs) any { return a.inst.networkListeners.off })
}

// networkChanged tells the app's listeners of the phone's new network, as
// an event like any other: a suspended app hears it when it comes back.
func (inst *instance) networkChanged() {
	p := inst.r.p
	kind, connected := p.networkType(), p.network.Bandwidth > 0
	inst.run(func() {
		if len(inst.networkListeners) == 0 {
			return
		}
		inst.Log("onNetworkStatusChange", "networkType="+kind)
		arg := inst.rt.Value(map[string]any{"isConnected": connected, "networkType": kind})
		inst.networkListeners.call(inst.rt, "wx.onNetworkStatusChange", arg)
	})
}
