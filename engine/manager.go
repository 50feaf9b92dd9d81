package engine

import (
	"fmt"

	"github.com/dop251/goja"
)

// updateManager is what wx.getUpdateManager returns: one per running app,
// following the update of its cold start.
type updateManager struct {
	inst      *instance
	obj       *goja.Object
	seen      []flightEvent
	listeners [3][]goja.Value // by flightKind
	isReady   bool
}

// follow delivers a flight's events to the app as tasks (held while it is
// suspended).
func (m *updateManager) follow(f *flight) {
	f.watch(func(ev flightEvent) {
		if m.inst.alive {
			m.inst.Defer(func() { m.deliver(ev) })
		}
	})
}

func (m *updateManager) deliver(ev flightEvent) {
	m.seen = append(m.seen, ev)
	if ev.kind == ready {
		m.isReady = true
	}
	// Only an app that asked for its UpdateManager hears of updates; one
	// that asks later is told what it missed when it registers.
	if m.obj == nil {
		return
	}
	detail := ""
	if ev.kind == checked {
		detail = fmt.Sprintf("hasUpdate=%t", ev.hasUpdate)
	}
	m.inst.Log("UpdateManager."+listenerNames[ev.kind], detail)
	for _, cb := range m.listeners[ev.kind] {
		m.call(cb, ev)
	}
}

var listenerNames = [...]string{"onCheckForUpdate", "onUpdateReady", "onUpdateFailed"}

func (m *updateManager) call(cb goja.Value, ev flightEvent) {
	rt := m.inst.rt
	var arg goja.Value = goja.Undefined()
	switch ev.kind {
	case checked:
		arg = rt.VM().ToValue(map[string]any{"hasUpdate": ev.hasUpdate})
	case failed:
		arg = rt.VM().ToValue(map[string]any{"errMsg": "update:fail " + ev.err.Error()})
	}
	rt.CallValue("UpdateManager."+listenerNames[ev.kind], cb, m.obj, arg)
}

// on registers a listener; one registered after its event is called at
// once with the same result.
func (m *updateManager) on(kind flightKind) func(goja.Value) {
	return func(cb goja.Value) {
		m.listeners[kind] = append(m.listeners[kind], cb)
		for _, ev := range m.seen {
			if ev.kind == kind {
				m.inst.Defer(func() { m.call(cb, ev) })
			}
		}
	}
}

func (m *updateManager) applyUpdate() {
	inst := m.inst
	if !m.isReady {
		inst.Log("applyUpdate:fail", "update is not ready")
		return
	}
	inst.Log("applyUpdate", "restarting on the new version")
	inst.r.restart(inst, "applyUpdate", inst.opts)
}

func (m *updateManager) object() *goja.Object {
	if m.obj != nil {
		return m.obj
	}
	vm := m.inst.rt.VM()
	m.obj = vm.NewObject()
	_ = m.obj.Set("onCheckForUpdate", m.on(checked))
	_ = m.obj.Set("onUpdateReady", m.on(ready))
	_ = m.obj.Set("onUpdateFailed", m.on(failed))
	_ = m.obj.Set("applyUpdate", m.applyUpdate)
	return m.obj
}
