package engine

import (
	"time"

	"miniphone/engine/jsrt"
	"miniphone/engine/wxml"
)

// dispatchEvent fires an event of type typ (tap, input, change, ...) on
// the element target of the top page, as the user's touch or a control
// does: like WeChat's touch events it has a capture phase, bubbles, and
// crosses component boundaries. It answers what the last handler that
// returned something returned (an input handler's value replaces the
// field's); nil when none did, or the element takes no events.
func (inst *instance) dispatchEvent(target wxml.Element, typ string, detail any) any {
	p := inst.top()
	if p == nil || target.Target == nil {
		return nil
	}
	return inst.treeOf(p).dispatch(target.Target, typ, detail, jsrt.EventOptions{Bubbles: true, Composed: true, CapturePhase: true})
}

// listener is one handler an event reaches, and where.
type listener struct {
	at *wxml.Target
	b  wxml.Binding
}

// dispatch sends an event from t along the composed tree, in the order of
// glass-easel's Event.dispatchEvent: the capture phase from the root down
// to t (capture-bind, capture-catch) when the event has one, then the
// bubble phase from t up (bind, catch, mut-bind), or t alone when it does
// not bubble. An event that is not composed stays within t's own WXML: it
// skips the elements of the components in between and stops at its
// component's boundary. A catch stops the event; of the mut-bind handlers
// only the first runs.
func (t *pageTree) dispatch(target *wxml.Target, typ string, detail any, opts jsrt.EventOptions) (ret any) {
	var path []*wxml.Target
	for n := target; n != nil; n = n.Parent {
		if opts.Composed || n.Owner == target.Owner {
			path = append(path, n)
		}
	}
	var queue []listener
	if opts.CapturePhase {
		for i := len(path) - 1; i >= 0; i-- {
			for _, b := range path[i].Bindings {
				if b.Event == typ && b.Capture {
					queue = append(queue, listener{path[i], b})
				}
			}
		}
	}
	bubble := path
	if !opts.Bubbles {
		bubble = path[:1]
	}
	for _, n := range bubble {
		for _, b := range n.Bindings {
			if b.Event == typ && !b.Capture {
				queue = append(queue, listener{n, b})
			}
		}
	}
	mutDone := false
	for _, l := range queue {
		if l.b.Mut && mutDone {
			continue
		}
		mutDone = mutDone || l.b.Mut
		if l.b.Handler != "" {
			if v := t.call(l.at, typ, l.b.Handler, t.event(target, l.at, path, typ, detail)); v != nil {
				ret = v
			}
		}
		if l.b.Catch {
			return ret
		}
	}
	return ret
}

// call runs handler on the owner of the element at: the page, or the
// component whose WXML holds the binding.
func (t *pageTree) call(at *wxml.Target, typ, handler string, ev map[string]any) any {
	if n, ok := at.Owner.(*compNode); ok {
		if n.c != nil && n.attached {
			return n.c.Handle(typ, handler, ev)
		}
		return nil
	}
	return t.page.Handle(typ, handler, ev)
}

// event is the event object a handler at current receives. Its target is
// the original target as current's WXML can see it: an element inside a
// component shows, outside it, as the component's element. Its mark
// merges the marks on the path that current's WXML wrote.
func (t *pageTree) event(target, current *wxml.Target, path []*wxml.Target, typ string, detail any) map[string]any {
	seen := target
	for !visible(current.Owner, seen.Owner) && seen.Owner.(*compNode).host != nil {
		seen = seen.Owner.(*compNode).host
	}
	mark := map[string]any{}
	for _, n := range path {
		if n.Owner == current.Owner {
			for k, v := range n.Marks {
				if _, ok := mark[k]; !ok {
					mark[k] = v
				}
			}
		}
	}
	ev := map[string]any{
		"type":          typ,
		"timeStamp":     int64(t.inst.r.p.w.clock.Now() / time.Millisecond),
		"target":        targetInfo(seen),
		"currentTarget": targetInfo(current),
		"detail":        detail,
		"mark":          mark,
	}
	if typ == "tap" || typ == "longpress" { // touch events carry their touches
		touch := map[string]any{"identifier": 0, "pageX": 0, "pageY": 0, "clientX": 0, "clientY": 0}
		ev["touches"], ev["changedTouches"] = []any{touch}, []any{touch}
	}
	return ev
}

// visible reports whether an element of target's WXML is seen, as it
// is, by a handler in listener's WXML (DOM's retargeting): the page's
// elements are seen everywhere, a component's inside it and inside the
// components it uses.
func visible(listener, target any) bool {
	if target == nil {
		return true
	}
	for l := listener; l != nil; {
		if l == target {
			return true
		}
		l = ownerOf(l.(*compNode))
	}
	return false
}

// ownerOf is n's owner as Target.Owner holds it: nil for the page.
func ownerOf(n *compNode) any {
	if n.owner == nil {
		return nil
	}
	return n.owner
}

func targetInfo(t *wxml.Target) map[string]any {
	ds := t.Dataset
	if ds == nil {
		ds = map[string]any{}
	}
	return map[string]any{"id": t.ID, "dataset": ds}
}
