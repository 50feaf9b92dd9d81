package wxs

import (
	"errors"
	"fmt"
	"runtime/metrics"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dop251/goja"
)

// The limits of a call besides its time. An interrupt lands only between
// instructions, so the built-ins whose native loops can run long (join,
// JSON.stringify) check the watchdog themselves, and those that allocate
// in proportion to an argument refuse a result past maxOutput.
const (
	watchPeriod = 5 * time.Millisecond
	// maxGrowth is how much the heap may grow during one call: far more
	// than formatting a page takes, far less than a phone holds.
	maxGrowth = 128 << 20
	maxOutput = 32 << 20 // bytes of one string a built-in makes
)

// cut is why the watchdog interrupted a call.
type cut int32

const (
	overBudget cut = iota + 1
	outOfMemory
)

// watchdog interrupts a call past its deadline or its heap growth. Its
// timer runs on another goroutine, hence the lock.
type watchdog struct {
	mu       sync.Mutex
	vm       *goja.Runtime
	armed    bool
	deadline time.Time
	heap0    int64 // heap when first checked in this call; 0 until then
	timer    *time.Timer
	cut      atomic.Int32
}

func (w *watchdog) arm(budget time.Duration) {
	w.mu.Lock()
	defer w.mu.Unlock()
	// An interrupt that landed after the last call ended must not cut
	// this one.
	w.vm.ClearInterrupt()
	w.armed, w.heap0 = true, 0
	w.cut.Store(0)
	w.deadline = time.Now().Add(budget)
	if w.timer == nil {
		w.timer = time.AfterFunc(min(watchPeriod, budget), w.tick)
	} else {
		w.timer.Reset(min(watchPeriod, budget))
	}
}

func (w *watchdog) disarm() cut {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.armed = false
	w.timer.Stop()
	return cut(w.cut.Load())
}

func (w *watchdog) tick() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.armed {
		return
	}
	// Measured from the first tick, not at arm: most calls end before
	// it, and so never pay for reading the heap.
	heap := heapBytes()
	if w.heap0 == 0 {
		w.heap0 = heap
	}
	now := time.Now()
	switch {
	case !now.Before(w.deadline):
		w.interrupt(overBudget)
	case heap-w.heap0 > maxGrowth:
		w.interrupt(outOfMemory)
	default:
		w.timer.Reset(min(watchPeriod, w.deadline.Sub(now)))
	}
}

func (w *watchdog) interrupt(why cut) {
	w.cut.Store(int32(why))
	w.vm.Interrupt(why)
}

// heapBytes is the size of the heap's objects, garbage included.
func heapBytes() int64 {
	s := [1]metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s[:])
	return int64(s[0].Value.Uint64())
}

// run is the one way into JavaScript: body runs under the watchdog, a
// panic (a throwing getter, a bug of ours) becomes an error, and a call cut
// short stops the runtime for good.
func (r *Runtime) run(body func() (any, error)) (v any, err error) {
	if r.stopped != nil {
		return nil, r.stopped
	}
	r.dog.arm(r.opts.Budget)
	broken := false
	func() {
		defer func() {
			if p := recover(); p != nil {
				broken, err = panicError(p)
			}
		}()
		v, err = body()
	}()
	why := r.dog.disarm()
	if broken {
		// A panic that is no throw left goja's stacks as they were when
		// it unwound them: run nothing more there.
		r.stopped = fmt.Errorf("%v: %w", err, ErrStopped)
		return nil, r.stopped
	}
	if why == 0 && !isInterrupt(err) {
		return v, err
	}
	switch why {
	case outOfMemory:
		r.stopped = fmt.Errorf("a call grew the heap past %d MB: %w", maxGrowth>>20, ErrStopped)
	default:
		r.stopped = fmt.Errorf("a call ran past %s: %w", r.opts.Budget, ErrStopped)
	}
	return nil, r.stopped
}

func isInterrupt(err error) bool {
	var ie *goja.InterruptedError
	return errors.As(err, &ie)
}

// panicError says whether a recovered panic was something other than a
// throw or an interruption, and gives its error.
func panicError(p any) (broken bool, err error) {
	switch p := p.(type) {
	case *goja.Exception:
		return false, p
	case *goja.InterruptedError:
		return false, p
	case goja.Value:
		return false, errors.New(p.String())
	case error:
		return true, p
	}
	return true, fmt.Errorf("panic: %v", p)
}

// checkpoint lets a cut land inside a native loop: it throws once the
// watchdog has cut the call, and the interrupt follows.
func (r *Runtime) checkpoint() {
	if r.dog.cut.Load() != 0 {
		r.throw("Error", ErrStopped.Error())
	}
}
