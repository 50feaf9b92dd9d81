package engine

import (
	"strconv"
	"strings"
	"testing"
	"time"
)

// limitedWorld is a test world whose app runs appJS under a callback budget
// and memory limit of the test's choosing.
func limitedWorld(t *testing.T, appJS string, budget time.Duration, memory int64) *testWorld {
	t.Helper()
	settings := DefaultSettings()
	settings.CallbackBudget = budget
	if memory > 0 {
		settings.MemoryLimit = memory
	}
	return newTestWorld(t, project(appJS, `Page({})`, `<view>page</view>`), settings, PhoneConfig{})
}

// mustEndAndGoOn checks that the app was destroyed for why, and that the
// phone goes on: the clock moves and the app opens again.
func (tw *testWorld) mustEndAndGoOn(why string) {
	tw.t.Helper()
	tw.Advance(2 * time.Second)
	tw.mustLog("destroyed " + why)
	if st, _ := tw.phone.State("app"); st != Destroyed {
		tw.t.Errorf("state = %s, want destroyed", st)
	}
	before := tw.Elapsed()
	tw.Advance(time.Minute)
	if tw.Elapsed() != before+time.Minute {
		tw.t.Errorf("the clock is stuck at %s", tw.Elapsed())
	}
}

// Memory: a phone kills a mini-program that outgrows its memory, and so
// does miniphone, before the emulator itself runs out — native built-ins
// that allocate in one call included.
func TestOutOfMemoryDestroysTheApp(t *testing.T) {
	cases := []struct {
		name   string
		appJS  string
		memory int64 // the app's limit; 0: the default 256 MB
	}{
		{"a huge array filled", `App({ onLaunch() { new Array(2e8).fill(0) } })`, 0},
		{"an array filled past the limit", `App({ onLaunch() { var a = []; a.length = 2e7; a.fill(0) } })`, 0},
		{"a repeated string of 2 GB", `App({ onLaunch() { 'x'.repeat(Math.pow(2, 31)) } })`, 0},
		{"padding to 1 GB", `App({ onLaunch() { ''.padEnd(1 << 30, 'ab') } })`, 0},
		{"a join of a sparse array", `App({ onLaunch() { var a = []; a.length = 1e9; a.join('xyz') } })`, 0},
		{"a typed array of 2 GB", `App({ onLaunch() { new Float64Array(1 << 28) } })`, 0},
		{"apply with a huge array-like", `App({ onLaunch() { Math.max.apply(null, { length: 1e9 }) } })`, 0},
		{"caught and ignored", `App({ onLaunch() { try { 'x'.repeat(1 << 30) } catch (e) {} console.log('survived') } })`, 0},
		{
			name:   "an interval keeping big strings",
			appJS:  `var keep = []; App({ onLaunch() { setInterval(function () { keep.push('x'.repeat(4 << 20) + keep.length) }, 10) } })`,
			memory: 32 << 20,
		},
		{
			name:   "a loop of small objects",
			appJS:  `App({ onLaunch() { var a = []; for (;;) a.push({ n: a.length, s: 'item' + a.length }) } })`,
			memory: 32 << 20,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tw := limitedWorld(t, tc.appJS, time.Minute, tc.memory)
			tw.launch()
			tw.mustEndAndGoOn(OutOfMemoryText)
			tw.mustNotLog("survived")
			if m := tw.phone.systemModal(); m == nil || m.Content != OutOfMemoryText {
				t.Errorf("the phone shows %+v, want the out-of-memory modal", m)
			}
		})
	}
}

// A limit is no reason to refuse what fits in it.
func TestAllocationsWithinTheLimitRun(t *testing.T) {
	tw := limitedWorld(t, `App({ onLaunch() {
  var a = new Array(1e5).fill(7), s = 'ab'.repeat(1e5), b = new Uint8Array(1 << 20)
  var parts = s.split(''), joined = parts.join('-')
  console.log(a.length, a[99999], s.length, b.length, parts.length, joined.length, [].concat(a, a).length,
    Array.from({ length: 5 }).length, 'x'.padStart(3e5).length, Math.max.apply(null, [1, 9, 3]))
} })`, time.Minute, 0)
	tw.launch()
	tw.mustLog("console.log 100000 7 200000 1048576 200000 399999 200000 5 300000 9")
	tw.mustNotLog("destroyed")
}

// A callback that never ends is interrupted each time; the third time
// within a minute of phone time, the app is destroyed, and the phone goes on.
func TestRunawayAppIsDestroyed(t *testing.T) {
	tw := limitedWorld(t, `App({ onLaunch() { setInterval(function () { while (true) {} }, 10) } })`, 50*time.Millisecond, 0)
	tw.launch()
	tw.mustEndAndGoOn("interrupted 3 times within 1m0s")
	if n := strings.Count(tw.lines(), "setInterval interrupted after running past 50ms"); n != 3 {
		t.Errorf("%d interruptions logged, want 3", n)
	}
}

// Timers take their turn with every other task: ten thousand intervals
// cannot run more than the per-moment budget allows, so a minute of phone
// time costs what that budget costs.
func TestTimerFloodIsThrottled(t *testing.T) {
	tw := limitedWorld(t, `var n = 0
App({ onLaunch() {
  for (var i = 0; i < 9999; i++) setInterval(function () { n++ }, 0)
  setTimeout(function () { console.log('ran', n) }, 1000)
} })`, time.Minute, 0)
	tw.launch()
	start := tw.Elapsed()
	tw.Advance(5 * time.Second)
	for _, e := range tw.Transcript(0) {
		ran, found := strings.CutPrefix(e.Detail, "ran ")
		if e.Kind != "console.log" || !found {
			continue
		}
		n, _ := strconv.Atoi(ran)
		// At most 100 callbacks per 10 ms, the timeout's own wait in the
		// queue included.
		most := int((e.At-start)/(10*time.Millisecond))*100 + 100
		if n < 100 || n > most {
			t.Errorf("%d interval callbacks ran in %s, want 100..%d", n, e.At-start, most)
		}
		return
	}
	t.Fatalf("the timeout never ran:\n%s", tw.lines())
}

// How far an interrupted callback got depends on the machine; what it
// logged and the timers it started are dropped, so two runs give the same
// transcript.
func TestInterruptedCallbackLeavesOneLine(t *testing.T) {
	run := func() string {
		tw := limitedWorld(t, `App({ onLaunch() {
  setTimeout(function () { console.log('late') }, 10)
  var i = 0; while (true) console.log(i++)
} })`, 50*time.Millisecond, 0)
		tw.launch()
		tw.Advance(time.Second)
		return tw.lines()
	}
	first, second := run(), run()
	if first != second {
		t.Errorf("transcripts differ:\n%s\n---\n%s", first, second)
	}
	if strings.Contains(first, "console.log") {
		t.Errorf("the interrupted callback's lines were kept:\n%s", first)
	}
	if n := strings.Count(first, "App.onLaunch interrupted after running past 50ms"); n != 1 {
		t.Errorf("%d interruption lines, want 1:\n%s", n, first)
	}
}

// A front end can stop a runaway callback at once, from its own goroutine,
// instead of waiting for the budget: the session's InterruptScripts reaches
// the runtime.
func TestInterruptScriptsStopsARunawayCallback(t *testing.T) {
	tw := limitedWorld(t, `while (true) {}`, time.Hour, 0)
	s := NewSession(tw.World)
	defer s.Close()
	launched := make(chan struct{})
	go func() {
		defer close(launched)
		s.Do(func(*World) { tw.launch() })
	}()
	// Ask until the launch returns: the launch may not have started yet.
	for {
		s.InterruptScripts()
		select {
		case <-launched:
			s.Do(func(*World) {
				tw.mustLog("error app.js stopped: the phone was needed", "destroyed the app failed to start")
				tw.mustNotLog("interrupted")
			})
			return
		case <-time.After(time.Millisecond):
		}
	}
}

// A regular expression that backtracks for ever runs in native code the
// interrupt cannot reach; its match gives up, and the callback is cut.
func TestCatastrophicRegexpIsInterrupted(t *testing.T) {
	tw := limitedWorld(t, `App({ onLaunch() {
  /^(?=a)(a+)+$/.test('a'.repeat(40) + 'b')
  console.log('after')
} })`, 50*time.Millisecond, 0)
	tw.launch()
	tw.mustLog("error App.onLaunch interrupted after running past 50ms", "ready pages/index/index")
	tw.mustNotLog("console.log after")
}

// Output that explodes from a small input is built in one native loop;
// the built-ins that build it let the cut land, whether memory or time
// runs out first.
func TestExplodingOutputIsCut(t *testing.T) {
	cases := []struct {
		name, expr string
		budget     time.Duration
		want       string
	}{
		{"JSON.stringify", "JSON.stringify(a)", time.Minute, "destroyed " + OutOfMemoryText},
		{"with a replacer and indent", "JSON.stringify(a, function (k, v) { return v }, 2)", time.Minute, "destroyed " + OutOfMemoryText},
		{"String, slower than it grows", "String(a)", 50 * time.Millisecond, "error App.onLaunch interrupted after running past 50ms"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tw := limitedWorld(t, `App({ onLaunch() {
  var a = ['x']
  for (var i = 0; i < 40; i++) a = [a, a]
  console.log(`+tc.expr+`.length)
} })`, tc.budget, 32<<20)
			tw.launch()
			tw.Advance(time.Second)
			tw.mustLog(tc.want)
			tw.mustNotLog("console.log")
		})
	}
}

// The counting replacer is invisible: the script's replacer, its
// property lists and indentation give what they always gave (the
// expected lines are Node's).
func TestStringifyUnchanged(t *testing.T) {
	tw := limitedWorld(t, `App({ onLaunch() {
  var o = { b: 1, a: [1, 'two', null, { c: true }], d: undefined, e: function () {}, t: { toJSON: function () { return 'T' } } }
  console.log(JSON.stringify(o))
  console.log(JSON.stringify(o, ['a', 'b']))
  console.log(JSON.stringify(o, function (k, v) { return typeof v === 'number' ? v * 10 : v }, '\t').length)
  console.log(JSON.stringify(o, null, 2).length, JSON.stringify(undefined), JSON.stringify('s'))
} })`, time.Minute, 0)
	tw.launch()
	tw.mustLog(
		`console.log {"b":1,"a":[1,"two",null,{"c":true}],"t":"T"}`,
		`console.log {"a":[1,"two",null,{}],"b":1}`,
		"console.log 79",
		`console.log 94 undefined "s"`,
	)
}

// An array's length can be set to 2^32-1 in one statement; whatever the
// app then does with it natively asks for the memory a copy would take.
func TestHugeLengthArrays(t *testing.T) {
	for _, expr := range []string{"a.sort()", "a.slice()", "[...a]", "a.reverse()", "a.indexOf(1)", "a.map(String)", "Array.from(a)", "Math.max.apply(null, a)"} {
		t.Run(expr, func(t *testing.T) {
			tw := limitedWorld(t, `App({ onLaunch() { var a = []; a.length = 4294967295; console.log(`+expr+`) } })`, time.Minute, 0)
			tw.launch()
			tw.mustEndAndGoOn(OutOfMemoryText)
		})
	}
}
