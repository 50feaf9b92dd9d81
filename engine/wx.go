package engine

import (
	"errors"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/dop251/goja"

	"miniphone/engine/jsrt"
	"miniphone/engine/semver"
)

// promiseBase is the first base library whose async APIs return a Promise
// when called without callbacks.
var promiseBase = semver.MustParse("2.10.2")

// apiSince is the base library each wx API appeared in. An API the phone's
// base library lacks is absent from wx, and wx.canIUse says false.
var apiSince = map[string]semver.Version{
	"canIUse":                 semver.MustParse("1.0.0"),
	"showModal":               semver.MustParse("1.0.0"),
	"showToast":               semver.MustParse("1.0.0"),
	"showLoading":             semver.MustParse("1.1.0"),
	"hideLoading":             semver.MustParse("1.1.0"),
	"hideToast":               semver.MustParse("1.0.0"),
	"getStorageSync":          semver.MustParse("1.0.0"),
	"setStorageSync":          semver.MustParse("1.0.0"),
	"removeStorageSync":       semver.MustParse("1.0.0"),
	"clearStorageSync":        semver.MustParse("1.0.0"),
	"getStorageInfoSync":      semver.MustParse("1.0.0"),
	"getStorage":              semver.MustParse("1.0.0"),
	"setStorage":              semver.MustParse("1.0.0"),
	"removeStorage":           semver.MustParse("1.0.0"),
	"clearStorage":            semver.MustParse("1.0.0"),
	"getStorageInfo":          semver.MustParse("1.0.0"),
	"navigateTo":              semver.MustParse("1.0.0"),
	"redirectTo":              semver.MustParse("1.0.0"),
	"navigateBack":            semver.MustParse("1.0.0"),
	"reLaunch":                semver.MustParse("1.1.0"),
	"getLaunchOptionsSync":    semver.MustParse("2.1.2"),
	"getAccountInfoSync":      semver.MustParse("2.2.2"),
	"getUpdateManager":        semver.MustParse("1.9.90"),
	"onMemoryWarning":         semver.MustParse("2.0.2"),
	"exitMiniProgram":         semver.MustParse("2.17.3"),
	"restartMiniProgram":      semver.MustParse("3.0.1"),
	"getBackgroundFetchData":  semver.MustParse("2.8.0"),
	"setBackgroundFetchToken": semver.MustParse("2.8.0"),
	"getBackgroundFetchToken": semver.MustParse("2.8.0"),
	"onBackgroundFetchData":   semver.MustParse("2.8.0"),
}

// canIUse answers wx.canIUse for a base library: "getUpdateManager" or a
// deeper "showModal.object.title", judged by its API name.
func canIUse(base semver.Version, name string) bool {
	api, _, _ := strings.Cut(strings.TrimPrefix(name, "wx."), ".")
	since, ok := apiSince[api]
	return ok && base.AtLeast(since)
}

// wxAPIs binds the wx object of one running app to its phone.
type wxAPIs struct {
	inst *instance
	rt   *jsrt.Runtime
	vm   *goja.Runtime

	storage   *storage
	stringify goja.Callable // JSON.stringify as it was before the app's code ran
}

func defineWX(inst *instance) {
	a := &wxAPIs{inst: inst, rt: inst.rt, vm: inst.rt.VM()}
	base := inst.r.p.base
	sync := map[string]any{
		"canIUse":              func(name string) bool { return canIUse(base, name) },
		"getLaunchOptionsSync": func() goja.Value { return inst.rt.Value(inst.launchInfo()) },
		"getAccountInfoSync":   a.accountInfo,
		"getUpdateManager":     func() *goja.Object { return inst.manager.object() },
		"onMemoryWarning":      func(cb goja.Value) { inst.memoryListeners = append(inst.memoryListeners, cb) },
		"hideLoading":          func() { a.hideToast(true) },
		"hideToast":            func() { a.hideToast(false) },
	}
	async := map[string]jsrt.AsyncFunc{
		"showModal":          a.showModal,
		"showToast":          a.showToast,
		"showLoading":        a.showLoading,
		"navigateTo":         a.navigate(inst.navigateTo),
		"redirectTo":         a.navigate(inst.redirectTo),
		"reLaunch":           a.navigate(inst.reLaunch),
		"navigateBack":       a.navigateBack,
		"exitMiniProgram":    a.exit,
		"restartMiniProgram": a.restartApp,
	}
	a.addStorageAPIs(sync, async)
	a.addFetchAPIs(sync, async)
	// In name order, so that Object.keys(wx) is the same on every run.
	for _, name := range slices.Sorted(maps.Keys(sync)) {
		if canIUse(base, name) {
			inst.rt.DefineSync(name, sync[name])
		}
	}
	for _, name := range slices.Sorted(maps.Keys(async)) {
		if canIUse(base, name) {
			inst.rt.DefineAsync(name, async[name])
		}
	}
}

func str(opts *goja.Object, key, def string) string {
	v := opts.Get(key)
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		return def
	}
	return v.String()
}

func boolean(opts *goja.Object, key string, def bool) bool {
	v := opts.Get(key)
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		return def
	}
	return v.ToBoolean()
}

func millis(opts *goja.Object, key string, def time.Duration) time.Duration {
	v := opts.Get(key)
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		return def
	}
	return time.Duration(v.ToFloat() * float64(time.Millisecond))
}

func (a *wxAPIs) accountInfo() goja.Value {
	return a.rt.Value(map[string]any{"miniProgram": map[string]any{
		"appId":      a.inst.r.appid,
		"envVersion": "release",
		"version":    a.inst.pkg.version,
	}})
}

func (a *wxAPIs) showModal(opts *goja.Object, reply jsrt.Reply) {
	v := ModalView{
		Title:       str(opts, "title", ""),
		Content:     str(opts, "content", ""),
		ShowCancel:  boolean(opts, "showCancel", true),
		CancelText:  str(opts, "cancelText", "取消"),
		ConfirmText: str(opts, "confirmText", "确定"),
	}
	a.inst.showModal(v, func(confirm bool) {
		reply(map[string]any{"confirm": confirm, "cancel": !confirm}, nil)
	})
}

func (a *wxAPIs) showToast(opts *goja.Object, reply jsrt.Reply) {
	t := &ToastView{Title: str(opts, "title", ""), Icon: str(opts, "icon", "success")}
	a.inst.setToast(t, millis(opts, "duration", a.inst.r.p.w.settings.ToastDuration))
	a.inst.Log("toast", t.Title)
	reply(nil, nil)
}

func (a *wxAPIs) showLoading(opts *goja.Object, reply jsrt.Reply) {
	t := &ToastView{Title: str(opts, "title", ""), Icon: "loading", Loading: true}
	a.inst.setToast(t, 0)
	a.inst.Log("loading", t.Title)
	reply(nil, nil)
}

// hideToast closes a toast or a loading overlay; each closes only its own
// kind, as on WeChat.
func (a *wxAPIs) hideToast(loading bool) {
	if t := a.inst.toast; t != nil && t.Loading == loading {
		a.inst.setToast(nil, 0)
	}
}

func (a *wxAPIs) navigate(do func(url string) error) jsrt.AsyncFunc {
	return func(opts *goja.Object, reply jsrt.Reply) {
		reply(nil, do(str(opts, "url", "")))
	}
}

func (a *wxAPIs) navigateBack(opts *goja.Object, reply jsrt.Reply) {
	delta := 1
	if v := opts.Get("delta"); v != nil && !goja.IsUndefined(v) {
		delta = int(v.ToInteger())
	}
	reply(nil, a.inst.navigateBack(delta))
}

// exit is the capsule's close button, from script: the app goes to the
// background after its callbacks ran.
func (a *wxAPIs) exit(opts *goja.Object, reply jsrt.Reply) {
	reply(nil, nil)
	inst := a.inst
	inst.Defer(func() {
		if inst.r.inst == inst && inst.r.state == Foreground {
			inst.r.toBackground("exitMiniProgram")
		}
	})
}

func (a *wxAPIs) restartApp(opts *goja.Object, reply jsrt.Reply) {
	inst := a.inst
	path := str(opts, "path", "")
	query := map[string]string{}
	if path != "" {
		route, q, err := inst.resolvePage(path)
		if err != nil {
			reply(nil, err)
			return
		}
		path, query = route, q
	}
	if inst.r.state != Foreground {
		reply(nil, errors.New("the mini-program is not in the foreground"))
		return
	}
	reply(nil, nil)
	inst.r.restart(inst, "restartMiniProgram", LaunchOptions{Path: path, Query: query, Scene: inst.opts.Scene})
}
