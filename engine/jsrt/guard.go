package jsrt

import (
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dlclark/regexp2/v2"
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

// cut is why the runtime interrupted a callback: goja hands it back as the
// value of the InterruptedError.
type cut int

const (
	overBudget  cut = iota + 1 // ran past the budget of real time
	outOfMemory                // the app went past its memory limit
	stopped                    // the front end is stopping the app
)

// guard is the one way into JavaScript; see Call. The outermost entry is
// held by the host: what an interrupted callback logged and scheduled
// depends on how fast this machine is, so it is dropped, and the
// interruption is one line of its own.
func (r *Runtime) guard(what string, body func() error) bool {
	if r.closed {
		return false
	}
	if r.depth > 0 {
		return r.guardInner(what, body)
	}
	release := r.host.Hold()
	r.started = r.started[:0]
	r.startWatchdog()
	if r.cutIn != nil {
		r.cutIn.Enter(r.stop)
	}
	r.depth++
	err := recovered(body)
	r.depth--
	if r.cutIn != nil {
		r.cutIn.Leave()
	}
	grew := r.stopWatchdog()
	why := cutOf(err)
	if r.pending != 0 {
		// A built-in cut the callback short itself: its throw may have
		// ended the callback before the interrupt landed.
		why, r.pending = r.pending, 0
	}
	release(why == 0)
	if why != 0 {
		for _, id := range r.started {
			r.clearTimer(id)
		}
	}
	if why == 0 && r.mem.add(grew) && r.mem.over(0) {
		why = outOfMemory
	}
	switch why {
	case overBudget:
		r.host.Log("error", fmt.Sprintf("%s interrupted after running past %s", what, r.budget))
		r.host.Overrun()
	case outOfMemory:
		r.Close()
		r.host.OutOfMemory()
	case stopped:
		// Not the app's fault (no overrun is counted): the user is taking
		// the phone back, and what the callback did is dropped as for any
		// cut.
		r.host.Log("error", what+" stopped: the phone was needed")
	default:
		if err != nil {
			r.fault(what, err)
			return false
		}
		r.reportRejections()
		return true
	}
	return false
}

// guardInner is a guarded call made from JavaScript that is already
// running: the outer entry owns the watchdog and the transcript hold.
func (r *Runtime) guardInner(what string, body func() error) bool {
	r.depth++
	err := recovered(body)
	r.depth--
	if err == nil {
		return true
	}
	if why := cutOf(err); why != 0 {
		// The cut reached us first; the JavaScript that called into us is
		// part of the same callback and must stop too.
		r.vm.Interrupt(why)
		return false
	}
	r.fault(what, err)
	return false
}

// recovered runs body, turning a panic into its error: a panic of our own
// Go code inside an API must not take the phone down either.
func recovered(body func() error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = panicError(p)
		}
	}()
	return body()
}

// cutOf says why err interrupted a callback, or 0 when it is no interruption.
func cutOf(err error) cut {
	var interrupted *goja.InterruptedError
	if !errors.As(err, &interrupted) {
		return 0
	}
	if why, ok := interrupted.Value().(cut); ok {
		return why
	}
	return overBudget
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

func (r *Runtime) fault(what string, err error) {
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

// watchPeriod is how often the watchdog looks at a callback still running.
const watchPeriod = 5 * time.Millisecond

// watchdog watches the callback running in its runtime, from a timer's
// goroutine: past the budget of real time it interrupts it, and it watches
// the heap, since a loop that only allocates never returns to be measured.
// One timer serves every callback of the runtime (a cold start makes
// dozens of guarded calls).
type watchdog struct {
	mu       sync.Mutex
	timer    *time.Timer
	armed    bool
	deadline time.Time
	enter    int64 // the heap when the callback started
	nextGC   int64 // the heap at which the next suspicion is worth a collection
	// cut is why the watchdog interrupted the callback, for the built-ins
	// that check it: an interrupt lands only between instructions, and a
	// native loop runs none.
	cut atomic.Int32
}

func (r *Runtime) startWatchdog() {
	w := &r.dog
	w.mu.Lock()
	defer w.mu.Unlock()
	w.armed = true
	w.cut.Store(0)
	w.deadline = time.Now().Add(r.budget)
	w.enter = heapBytes()
	w.nextGC = 0
	if w.timer == nil {
		w.timer = time.AfterFunc(watchPeriod, r.watch)
		return
	}
	w.timer.Reset(watchPeriod)
}

func (r *Runtime) watch() {
	w := &r.dog
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.armed {
		return
	}
	now := time.Now()
	if !now.Before(w.deadline) {
		r.interrupt(overBudget)
		return
	}
	heap := heapBytes()
	grew := heap - w.enter
	switch {
	case grew > 2*r.mem.limit:
		// No phone app needs this in one callback; stop before the
		// process does, without waiting for a collection.
		r.interrupt(outOfMemory)
		return
	case heap > w.nextGC && r.mem.suspect(grew):
		if r.mem.over(max(heapBytes()-w.enter, 0)) {
			r.interrupt(outOfMemory)
			return
		}
		w.nextGC = heapBytes() + r.mem.limit/4
	}
	w.timer.Reset(min(watchPeriod, w.deadline.Sub(now)))
}

// interrupt cuts the running callback; the watchdog's lock is held.
func (r *Runtime) interrupt(why cut) {
	r.dog.cut.Store(int32(why))
	r.vm.Interrupt(why)
}

// checkpoint is where a built-in running a long native loop lets a cut
// land: it throws, and the guard reports the cut.
func (r *Runtime) checkpoint() {
	if why := cut(r.dog.cut.Load()); why != 0 {
		r.pending = why
		panic(r.vm.NewGoError(errCut))
	}
}

var errCut = errors.New("the callback was cut short")

// stopWatchdog disarms the watchdog and says how much the heap grew during
// the callback.
func (r *Runtime) stopWatchdog() (grew int64) {
	w := &r.dog
	w.mu.Lock()
	defer w.mu.Unlock()
	w.armed = false
	w.timer.Stop()
	r.vm.ClearInterrupt()
	return heapBytes() - w.enter
}

// Interrupt stops the callback running now, if any, because the front end
// is stopping the app; it is safe to call from any goroutine.
func (r *Runtime) Interrupt() {
	w := &r.dog
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.armed {
		r.interrupt(stopped)
	}
}

// reserve is asked by the built-ins that allocate in proportion to an
// argument (limits.go) before they take bytes: a call the app has no room
// for stops the app as out of memory instead of allocating.
func (r *Runtime) reserve(bytes int64) {
	// The watchdog only reads enter; this goroutine wrote it, so no lock.
	need := bytes + max(heapBytes()-r.dog.enter, 0)
	if bytes <= r.mem.limit && (!r.mem.suspect(need) || !r.mem.over(need)) {
		return
	}
	r.pending = outOfMemory
	r.vm.Interrupt(outOfMemory)
	// The interrupt lands at the next instruction; the throw keeps the
	// built-in from allocating first.
	panic(r.vm.NewGoError(errCut))
}

// inVM runs a Go function as if called from JavaScript, so that the promise
// jobs it queues (resolving a promise-style API) run before it returns.
func (r *Runtime) inVM(what string, fn func()) {
	r.Call(what, r.helpers.invoke, goja.Undefined(), r.vm.ToValue(func() { fn() }))
}

// DefaultBudget is the real time a callback may run before it is
// interrupted.
const DefaultBudget = 2 * time.Second

func init() {
	// goja runs the regular expressions Go's regexp cannot (lookarounds,
	// backreferences) on regexp2, whose backtracking can take exponential
	// time in native code that no interrupt reaches. Past this timeout a
	// match fails (goja reads the failure as no match), and by then the
	// callback's budget has run out and the interrupt lands.
	regexp2.DefaultMatchTimeout = DefaultBudget
}
