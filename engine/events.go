package engine

import (
	"miniphone/engine/wxml"
)

// dispatchEvent fires the event typ of the element target, with detail, at
// the handler the element binds (bindX, bind:X, catchX, catch:X) on the
// page shown, and returns what the handler returned. An element that
// binds no handler for typ fires nothing.
func (inst *instance) dispatchEvent(target wxml.Element, typ string, detail any) any {
	method := target.Events[typ]
	page := inst.top()
	if method == "" || page == nil {
		return nil
	}
	dataset := map[string]any{}
	for k, v := range target.Dataset {
		dataset[k] = v
	}
	who := map[string]any{"id": target.ID, "dataset": dataset}
	if detail == nil {
		detail = map[string]any{}
	}
	return page.Handle(method, map[string]any{
		"type":          typ,
		"timeStamp":     inst.r.p.w.clock.Now().Milliseconds(),
		"target":        who,
		"currentTarget": who,
		"detail":        detail,
		"mark":          map[string]any{},
	})
}
