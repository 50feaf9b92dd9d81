package jsrt

import (
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/dop251/goja"
)

// Call runs fn as one guarded entry into JavaScript, named what in the log.
// A throw is logged and handed to App.onError; a callback past the budget is
// interrupted; a rejection left unhandled when the call returns is reported
// through App.onUnhandledRejection. ok is false when fn did not complete.
func (r *Runtime) Call(what string, fn goja.Callable, this goja.Value, args ...goja.Value) (v goja.Value, ok bool) {
	ok = r.guard(what, func() (err error) {
		v, err = fn(this, args...)
		return err
	})
	return v, ok
}

// guard is the one way into JavaScript; see Call.
func (r *Runtime) guard(what string, body func() error) bool {
	outer := r.depth == 0
	if outer {
		r.startWatchdog()
	}
	r.depth++
	err := func() (err error) {
		defer func() {
			// A panic of our own Go code inside an API must not take the
			// phone down either; it is reported like a script fault.
			if p := recover(); p != nil {
				err = panicError(p)
			}
		}()
		return body()
	}()
	r.depth--
	if outer {
		r.stopWatchdog()
	}
	if err != nil {
		r.fault(what, err, outer)
		return false
	}
	if outer {
		r.reportRejections()
	}
	return true
}

// CallValue calls fn if it is a function, ignoring anything else, as the
// optional callbacks of the wx APIs are.
func (r *Runtime) CallValue(what string, fn goja.Value, this goja.Value, args ...goja.Value) {
	if f, ok := goja.AssertFunction(fn); ok {
		r.Call(what, f, this, args...)
	}
}

// panicError turns what a guarded call panicked with into its error. goja
// panics with its own exceptions when Go code reads a property whose getter
// throws or is interrupted; anything else is a bug of ours.
func panicError(p any) error {
	switch e := p.(type) {
	case *goja.Exception:
		return e
	case *goja.InterruptedError:
		return e
	case *goja.StackOverflowError:
		return e
	}
	return fmt.Errorf("internal error: %v", p)
}

func (r *Runtime) fault(what string, err error, outer bool) {
	var interrupted *goja.InterruptedError
	if errors.As(err, &interrupted) {
		if !outer {
			// The watchdog fires once; the JavaScript that called into us
			// is part of the same runaway callback and must stop too.
			r.vm.Interrupt(interrupted.Value())
			return
		}
		r.host.Log("error", fmt.Sprintf("%s interrupted: ran longer than %s", what, r.budget))
		return
	}
	msg := err.Error()
	var overflow *goja.StackOverflowError
	if errors.As(err, &overflow) {
		msg = fmt.Sprintf("RangeError: Maximum call stack size exceeded (%d calls)", maxCallStack)
	}
	r.host.Log("error", what+": "+msg)
	if r.inOnError {
		return
	}
	// Set before looking onError up: the lookup itself can fault (a
	// getter that throws), and must not come back here without end.
	r.inOnError = true
	defer func() { r.inOnError = false }()
	if r.AppHas("onError") {
		r.CallApp("onError", msg)
	}
}

func (r *Runtime) trackRejection(p *goja.Promise, op goja.PromiseRejectionOperation) {
	switch op {
	case goja.PromiseRejectionReject:
		if _, seen := r.rejected[p]; !seen {
			r.rejectSeq = append(r.rejectSeq, p)
		}
		r.rejected[p] = describe(p.Result())
	case goja.PromiseRejectionHandle:
		delete(r.rejected, p)
	}
}

func describe(v goja.Value) string {
	if v == nil {
		return "undefined"
	}
	if obj, ok := v.(*goja.Object); ok {
		if msg := obj.Get("errMsg"); msg != nil && !goja.IsUndefined(msg) {
			return msg.String()
		}
	}
	return v.String()
}

func (r *Runtime) reportRejections() {
	for len(r.rejectSeq) > 0 {
		p := r.rejectSeq[0]
		r.rejectSeq = r.rejectSeq[1:]
		reason, still := r.rejected[p]
		if !still {
			continue
		}
		delete(r.rejected, p)
		r.host.Log("error", "unhandled promise rejection: "+reason)
		if r.AppHas("onUnhandledRejection") {
			ev := r.vm.NewObject()
			_ = ev.Set("reason", p.Result())
			_ = ev.Set("promise", r.vm.ToValue(p))
			r.CallApp("onUnhandledRejection", ev)
		}
	}
}

// watchdog interrupts the runtime when a callback outlives its budget. One
// timer serves every callback of the runtime (a cold start makes dozens of
// guarded calls); the deadline makes a firing that was meant for an
// earlier callback harmless.
type watchdog struct {
	mu       sync.Mutex
	timer    *time.Timer
	armed    bool
	deadline time.Time
}

func (r *Runtime) startWatchdog() {
	w := &r.dog
	w.mu.Lock()
	defer w.mu.Unlock()
	w.armed = true
	w.deadline = time.Now().Add(r.budget)
	if w.timer == nil {
		w.timer = time.AfterFunc(r.budget, r.bark)
		return
	}
	w.timer.Reset(r.budget)
}

func (r *Runtime) bark() {
	w := &r.dog
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.armed && !time.Now().Before(w.deadline) {
		r.vm.Interrupt("budget")
	}
}

func (r *Runtime) stopWatchdog() {
	w := &r.dog
	w.mu.Lock()
	w.armed = false
	w.timer.Stop()
	w.mu.Unlock()
	r.vm.ClearInterrupt()
}

// inVM runs a Go function as if called from JavaScript, so that the promise
// jobs it queues (resolving a promise-style API) run before it returns.
func (r *Runtime) inVM(what string, fn func()) {
	r.Call(what, r.helpers.invoke, goja.Undefined(), r.vm.ToValue(func() { fn() }))
}
