package engine

import (
	"errors"
	"time"

	"github.com/dop251/goja"

	"miniphone/engine/jsrt"
	"miniphone/engine/semver"
	"miniphone/engine/wxapi"
)

// promiseBase is the first base library whose async APIs return a Promise
// when called without callbacks.
var promiseBase = semver.MustParse("2.10.2")

// wxAPIs binds the wx object of one running app to its phone.
type wxAPIs struct {
	inst *instance
	rt   *jsrt.Runtime
	vm   *goja.Runtime
	base semver.Version // the phone's base library at launch, which wx.canIUse answers for

	storage   *storage
	stringify goja.Callable // JSON.stringify as it was before the app's code ran
}

// handlers maps each emulated API of wxapi.Table to its handler. Every
// other API of the phone's base library gets a stub from the table.
type handlers map[string]wxapi.Handler[*wxAPIs]

// asyncAPI answers an Async API for the app of a.
type asyncAPI = func(a *wxAPIs, opts *goja.Object, reply jsrt.Reply)

// wxHandlers answer the emulated APIs of every app the process runs. They
// are made once: a launch binds to its app only the APIs the app reads.
var wxHandlers *wxapi.Handlers[*wxAPIs]

// init makes wxHandlers; an initializer could not, as the handlers lead
// back to defineWX (wx.restartMiniProgram starts the app again).
func init() {
	h := handlers{}
	for _, add := range []func(handlers){
		addCoreAPIs, addUIAPIs, addTabBarAPIs, addRefreshAPIs, addStorageAPIs,
		addFetchAPIs, addSystemAPIs, addRequestAPIs, addAccountAPIs,
	} {
		add(h)
	}
	wxHandlers = wxapi.NewHandlers(h)
}

// defineWX lays out the app's wx object for its phone's base library.
func defineWX(inst *instance) {
	a := &wxAPIs{inst: inst, rt: inst.rt, vm: inst.rt.VM(), base: inst.r.p.base, storage: newStorage(inst.r.storage)}
	// Taken now, before the app's code runs and can replace it.
	a.stringify, _ = goja.AssertFunction(a.vm.Get("JSON").ToObject(a.vm).Get("stringify"))
	err := wxapi.Install(inst.rt, a.base, wxHandlers, a, func(name string) { inst.Log("not-emulated", "wx."+name) })
	if err != nil {
		// The table and the handlers are both miniphone's; their test
		// keeps them in step, and this line says what slipped.
		inst.Log("error", err.Error())
	}
}

// addCoreAPIs: the app's own lifecycle, launch and version information,
// and navigation.
func addCoreAPIs(h handlers) {
	h["canIUse"] = wxapi.SyncFunc(func(a *wxAPIs) any {
		return func(name string) bool { return wxapi.CanIUse(a.base, name) }
	})
	h["getLaunchOptionsSync"] = wxapi.SyncFunc(func(a *wxAPIs) any {
		return func() goja.Value { return a.rt.Value(a.inst.launchInfo()) }
	})
	h["getEnterOptionsSync"] = wxapi.SyncFunc(func(a *wxAPIs) any {
		return func() goja.Value { return a.rt.Value(a.inst.enterInfo()) }
	})
	h["getAccountInfoSync"] = wxapi.SyncFunc(func(a *wxAPIs) any { return a.accountInfo })
	h["getUpdateManager"] = wxapi.SyncFunc(func(a *wxAPIs) any {
		return func() *goja.Object { return a.inst.manager.object() }
	})
	h["onMemoryWarning"] = wxapi.SyncFunc(func(a *wxAPIs) any { return a.inst.memoryListeners.on })
	h["offMemoryWarning"] = wxapi.SyncFunc(func(a *wxAPIs) any { return a.inst.memoryListeners.off })
	h["createSelectorQuery"] = wxapi.SyncFunc(func(a *wxAPIs) any { return a.rt.SelectorQuery })
	h["createIntersectionObserver"] = wxapi.SyncFunc(func(a *wxAPIs) any { return a.rt.IntersectionObserver })
	h["nextTick"] = wxapi.SyncFunc(func(a *wxAPIs) any {
		return func(cb goja.Value) {
			a.inst.Defer(func() { a.rt.CallValue("wx.nextTick", cb, goja.Undefined()) })
		}
	})
	h["env"] = wxapi.ValueFunc(func(a *wxAPIs) goja.Value {
		return a.rt.Value(map[string]any{"USER_DATA_PATH": "http://usr"})
	})
	h["exitMiniProgram"] = wxapi.AsyncFunc((*wxAPIs).exit)
	h["restartMiniProgram"] = wxapi.AsyncFunc((*wxAPIs).restartApp)
	h["navigateTo"] = wxapi.AsyncFunc(navigate((*instance).navigateTo))
	h["redirectTo"] = wxapi.AsyncFunc(navigate((*instance).redirectTo))
	h["reLaunch"] = wxapi.AsyncFunc(navigate((*instance).reLaunch))
	h["switchTab"] = wxapi.AsyncFunc(navigate((*instance).switchTab))
	h["navigateBack"] = wxapi.AsyncFunc((*wxAPIs).navigateBack)
}

// listeners are the callbacks an app registered with an on… API.
type listeners []goja.Value

func (l *listeners) on(cb goja.Value) { *l = append(*l, cb) }

// off removes cb, or every listener when none is given, as the off… APIs
// do.
func (l *listeners) off(cb goja.Value) {
	if jsrt.IsAbsent(cb) {
		*l = nil
		return
	}
	kept := (*l)[:0]
	for _, x := range *l {
		if !x.SameAs(cb) {
			kept = append(kept, x)
		}
	}
	*l = kept
}

// call calls every listener with arg, each guarded on its own.
func (l listeners) call(rt *jsrt.Runtime, what string, arg goja.Value) {
	for _, cb := range l {
		rt.CallValue(what, cb, goja.Undefined(), arg)
	}
}

func str(opts *goja.Object, key, def string) string {
	v := opts.Get(key)
	if jsrt.IsAbsent(v) {
		return def
	}
	return v.String()
}

func boolean(opts *goja.Object, key string, def bool) bool {
	v := opts.Get(key)
	if jsrt.IsAbsent(v) {
		return def
	}
	return v.ToBoolean()
}

func millis(opts *goja.Object, key string, def time.Duration) time.Duration {
	v := opts.Get(key)
	if jsrt.IsAbsent(v) {
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

func navigate(do func(inst *instance, url string) error) asyncAPI {
	return func(a *wxAPIs, opts *goja.Object, reply jsrt.Reply) {
		reply(nil, do(a.inst, str(opts, "url", "")))
	}
}

func (a *wxAPIs) navigateBack(opts *goja.Object, reply jsrt.Reply) {
	delta := 1
	if v := opts.Get("delta"); !jsrt.IsAbsent(v) {
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
