package jsrt

import "github.com/dop251/goja"

// ExitState is what a page's onSaveExitState returned: its data, kept
// outside the runtime so that the next cold start can hand it back, and
// when it expires (ms of the phone's clock; 0 when the page set none).
type ExitState struct {
	Data   any
	Expire int64
}

// SaveExitState calls the page's onSaveExitState, as WeChat does before
// an app may be destroyed. ok is false when the page has none, it failed,
// or it returned no object.
func (p *Page) SaveExitState() (st ExitState, ok bool) {
	r := p.r
	if r.closed {
		return st, false
	}
	r.host.Log("Page.onSaveExitState", p.Route)
	r.guard("Page.onSaveExitState "+p.Route, func() error {
		fn, has := goja.AssertFunction(p.obj.Get("onSaveExitState"))
		if !has {
			return nil
		}
		v, err := fn(p.obj)
		if err != nil || IsAbsent(v) {
			return err
		}
		obj, isObj := v.(*goja.Object)
		if !isObj {
			return nil
		}
		if d := obj.Get("data"); d != nil {
			st.Data = d.Export()
		}
		if e := obj.Get("expireTimeStamp"); !IsAbsent(e) {
			st.Expire = e.ToInteger()
		}
		ok = true
		return nil
	})
	return st, ok
}

// SetExitState makes data the page's this.exitState, before its onLoad.
func (p *Page) SetExitState(data any) {
	_ = p.obj.Set("exitState", p.r.Value(data))
}
