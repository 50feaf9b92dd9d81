package engine

import (
	"fmt"
	"hash/fnv"
	"strings"
	"time"

	"miniphone/engine/jsrt"
	"miniphone/engine/vclock"
	"miniphone/engine/wxml"
)

// instance is a running mini-program: its JavaScript, page stack, modals
// and timers. It lives from a cold start until the app is destroyed.
type instance struct {
	r       *appRecord
	pkg     *pkg
	rt      *jsrt.Runtime
	opts    LaunchOptions
	pages   []*jsrt.Page
	modals  []*modal
	toast   *ToastView
	toastEv *vclock.Event
	timers  []*phoneTimer
	queued  []func() // tasks held while suspended, in order
	alive   bool
	manager *updateManager

	memoryListeners  listeners
	fetchListeners   listeners
	networkListeners listeners

	enter LaunchOptions          // how the app was last shown: wx.getEnterOptionsSync
	hot   bool                   // ... by a hot start, on the page it was left on
	bars  map[*jsrt.Page]*navBar // what each page set on its navigation bar
	tabs  map[string]*jsrt.Page  // tab pages that were opened, kept while hidden
	// tabBarHidden and badges are what wx.hideTabBar and setTabBarBadge
	// did to the tabBar: badges by the tab's index.
	tabBarHidden bool
	badges       map[int]string

	rendered     []wxml.Element
	dirty        bool
	renderQueued bool                      // a render is queued as a task; see PageChanged
	views        map[*jsrt.Page]*wxml.View // see pageView
	trees        map[*jsrt.Page]*pageTree  // see treeOf
	controls     map[*jsrt.Page]*pageControls
	// compTypes are the components that usingComponents entries name,
	// by the script beside the .json and the entry (see componentType).
	compTypes map[string]*compType

	tasks taskQueue
	// provisional cancels the tasks the callback running now queued, should
	// it be interrupted (see Hold).
	provisional []func()
	overruns    []time.Duration // when callbacks ran past their budget
}

func newInstance(r *appRecord, p *pkg, opts LaunchOptions) *instance {
	inst := &instance{r: r, pkg: p, opts: opts, enter: opts, alive: true, dirty: true,
		bars: map[*jsrt.Page]*navBar{}, tabs: map[string]*jsrt.Page{}, badges: map[int]string{}}
	inst.manager = &updateManager{inst: inst}
	inst.tasks.inst = inst
	return inst
}

func (inst *instance) startRoute() string {
	if inst.opts.Path != "" {
		return inst.opts.Path
	}
	return inst.pkg.project.Home()
}

// start runs app.js and opens the first page. It reports false when the app
// cannot run at all (no App(), a broken first page).
func (inst *instance) start() bool {
	w := inst.r.p.w
	rt, err := jsrt.New(jsrt.Options{
		Project:  inst.pkg.project,
		Host:     inst,
		Budget:   w.settings.CallbackBudget,
		Promises: inst.r.p.base.AtLeast(promiseBase),
		Now:      w.Now,
		Seed:     scriptSeed(w.seed, inst.r.p.name, inst.r.appid),

		MemoryLimit: w.settings.MemoryLimit,
		Interrupts:  w.interruptsOrNil(),
	})
	if err != nil {
		inst.Log("error", err.Error())
		return false
	}
	inst.rt = rt
	defineWX(inst)
	if !rt.LoadApp() {
		return false
	}
	launch := inst.launchInfo()
	rt.CallApp("onLaunch", launch)
	rt.CallApp("onShow", launch)
	// A callback can end the app (out of memory, too many overruns).
	if !inst.alive || !inst.pushPage(inst.startRoute(), inst.opts.Query) || !inst.alive {
		return false
	}
	inst.Log("ready", inst.route())
	return true
}

// scriptSeed seeds a mini-program's Math.random: the same world, phone
// and app give the same numbers on every replay.
func scriptSeed(seed int64, phone, appid string) int64 {
	h := fnv.New64a()
	fmt.Fprintf(h, "%d\x00%s\x00%s", seed, phone, appid)
	return int64(h.Sum64())
}

func (inst *instance) launchInfo() map[string]any {
	return map[string]any{
		"path":         inst.startRoute(),
		"query":        inst.rt.Object(inst.opts.Query),
		"scene":        inst.opts.Scene,
		"referrerInfo": map[string]any{},
	}
}

func (inst *instance) route() string {
	if len(inst.pages) == 0 {
		return ""
	}
	return inst.pages[len(inst.pages)-1].Route
}

func (inst *instance) top() *jsrt.Page {
	if len(inst.pages) == 0 {
		return nil
	}
	return inst.pages[len(inst.pages)-1]
}

// enterInfo is how the app was last shown, cold start or hot: a hot start
// with a path names it, one without names the page it was left on.
func (inst *instance) enterInfo() map[string]any {
	info := inst.launchInfo()
	switch {
	case inst.hot && inst.enter.Path != "":
		info["path"] = inst.enter.Path
	case inst.hot:
		info["path"] = inst.route()
	}
	info["query"] = inst.rt.Object(inst.enter.Query)
	info["scene"] = inst.enter.Scene
	return info
}

// show is a hot start: the app comes back to the foreground. Without a
// path its page stack is kept and the top page shown again; with one,
// that page is re-launched, as wx.reLaunch would.
func (inst *instance) show(opts LaunchOptions) {
	if opts.Path != "" && !inst.hasPage(opts.Path) {
		inst.Log("error", fmt.Sprintf("page %q is not in app.json: the page stack is kept", opts.Path))
		opts.Path, opts.Query = "", nil
	}
	inst.enter, inst.hot = opts, true
	inst.rt.CallApp("onShow", inst.enterInfo())
	if opts.Path != "" {
		inst.relaunch(opts.Path, opts.Query)
		return
	}
	if p := inst.top(); p != nil {
		inst.pageEvent(p, "onShow", "show")
	}
}

func (inst *instance) hide() {
	inst.rt.CallApp("onHide")
	if p := inst.top(); p != nil {
		inst.pageEvent(p, "onHide", "hide")
	}
}

func (inst *instance) stop() {
	inst.alive = false
	inst.rt.Close()
	inst.tasks.stop()
	inst.r.p.w.clock.Cancel(inst.toastEv)
	inst.queued = nil
}

// memoryWarning reaches the app's listeners like any event: a suspended
// app hears it only if it lives to come back.
func (inst *instance) memoryWarning() {
	inst.run(func() {
		inst.memoryListeners.call(inst.rt, "wx.onMemoryWarning", inst.rt.Value(map[string]any{"level": 10}))
	})
}

// Log implements jsrt.Host.
func (inst *instance) Log(kind, detail string) { inst.r.log(kind, detail) }

// Defer implements jsrt.Host: a task for the app, held while suspended.
func (inst *instance) Defer(fn func()) {
	cancel := inst.tasks.later(fn)
	inst.provisional = append(inst.provisional, cancel)
}

func (inst *instance) run(fn func()) {
	switch {
	case !inst.alive:
	case inst.r.state == Suspended:
		inst.queued = append(inst.queued, fn)
	default:
		fn()
	}
}

// Pages implements jsrt.Host.
func (inst *instance) Pages() []*jsrt.Page { return inst.pages }

// PageChanged implements jsrt.Host.
func (inst *instance) PageChanged(p *jsrt.Page) {
	if p != inst.top() {
		return
	}
	inst.dirty = true
	// A page with components renders soon after its data changes, not
	// when it is next looked at: rendering runs the components'
	// lifetimes and observers, which must not depend on who looks.
	if t, ok := inst.trees[p]; ok && len(t.nodes) > 0 && !inst.renderQueued {
		inst.renderQueued = true
		inst.Defer(func() { inst.elements() })
	}
}

// phoneTimer is a JavaScript timer on the phone's clock. While the app is
// suspended it holds its remaining time instead of an event.
type phoneTimer struct {
	ev        *vclock.Event
	remaining time.Duration
	fire      func()
}

// StartTimer implements jsrt.Host.
func (inst *instance) StartTimer(d time.Duration, fire func()) (stop func()) {
	t := &phoneTimer{remaining: d, fire: fire}
	inst.timers = append(inst.timers, t)
	if inst.r.state != Suspended {
		inst.arm(t)
	}
	return func() {
		inst.r.p.w.clock.Cancel(t.ev)
		inst.dropTimer(t)
	}
}

func (inst *instance) arm(t *phoneTimer) {
	t.ev = inst.r.p.w.clock.After(t.remaining, func() {
		inst.dropTimer(t)
		inst.tasks.now(t.fire)
	})
}

func (inst *instance) dropTimer(t *phoneTimer) {
	for i, x := range inst.timers {
		if x == t {
			inst.timers = append(inst.timers[:i], inst.timers[i+1:]...)
			return
		}
	}
}

// pause stops the clock of every timer: a suspended app's JS thread sleeps.
func (inst *instance) pause() {
	now := inst.r.p.w.clock.Now()
	for _, t := range inst.timers {
		if t.ev.Pending() {
			t.remaining = t.ev.At() - now
			inst.r.p.w.clock.Cancel(t.ev)
		}
	}
}

// resumeTimers restarts the timers a suspension stopped.
func (inst *instance) resumeTimers() {
	for _, t := range inst.timers {
		inst.arm(t)
	}
}

// runQueued runs the tasks that waited during a suspension, in order.
func (inst *instance) runQueued() {
	queued := inst.queued
	inst.queued = nil
	for _, fn := range queued {
		inst.run(fn)
	}
}

// modal is an open wx.showModal or wx.showActionSheet, or a system modal
// (which has no reply).
type modal struct {
	view  ModalView
	reply func(confirm bool) // a modal's answer
	pick  func(item int)     // an action sheet's: the item, or -1 for cancel
}

func (m *modal) sheet() bool { return m.view.Items != nil }

// answer confirms or cancels; an action sheet can only be cancelled, its
// items are chosen with choose.
func (m *modal) answer(p *Phone, appid string, confirm bool) {
	if m.sheet() {
		p.log(appid, "action-sheet.cancel", "")
		m.pick(-1)
		return
	}
	word := "cancel"
	if confirm {
		word = "confirm"
	}
	p.log(appid, "modal."+word, m.view.Title)
	if m.reply != nil {
		m.reply(confirm)
	}
}

func (m *modal) choose(p *Phone, appid string, item int) {
	p.log(appid, "action-sheet.tap", fmt.Sprintf("%d %q", item, m.view.Items[item]))
	m.pick(item)
}

func (p *Phone) showSystemModal(v ModalView) {
	p.system = &modal{view: v}
	p.log("-", "modal", modalDetail(v))
}

func modalDetail(v ModalView) string {
	return fmt.Sprintf("%q %q", v.Title, v.Content)
}

func (inst *instance) showModal(m *modal) {
	inst.modals = append(inst.modals, m)
	if m.sheet() {
		items := make([]string, len(m.view.Items))
		for i, item := range m.view.Items {
			items[i] = fmt.Sprintf("%q", item)
		}
		inst.Log("action-sheet", strings.Join(items, " "))
		return
	}
	inst.Log("modal", modalDetail(m.view))
}

func (inst *instance) topModal() *modal {
	if len(inst.modals) == 0 {
		return nil
	}
	return inst.modals[0]
}

// answerModal answers the modal on top. Confirming an action sheet means
// nothing: it wants an item.
func (inst *instance) answerModal(confirm bool) error {
	m := inst.modals[0]
	if m.sheet() && confirm {
		return fmt.Errorf("an action sheet is open: choose one of its items or cancel")
	}
	inst.modals = inst.modals[1:]
	m.answer(inst.r.p, inst.r.appid, confirm)
	return nil
}

// chooseItem answers the action sheet on top with its item'th item.
func (inst *instance) chooseItem(item int) error {
	m := inst.topModal()
	if m == nil || !m.sheet() {
		return fmt.Errorf("no action sheet is open")
	}
	if item < 0 || item >= len(m.view.Items) {
		return fmt.Errorf("the action sheet has no item %d", item)
	}
	inst.modals = inst.modals[1:]
	m.choose(inst.r.p, inst.r.appid, item)
	return nil
}

func (inst *instance) setToast(t *ToastView, d time.Duration) {
	clock := &inst.r.p.w.clock
	clock.Cancel(inst.toastEv)
	inst.toast, inst.toastEv = t, nil
	if t != nil && d > 0 {
		inst.toastEv = clock.After(d, func() { inst.toast = nil })
	}
}

// elements renders the top page, reusing the last rendering until setData.
func (inst *instance) elements() []wxml.Element {
	p := inst.top()
	if p == nil {
		return nil
	}
	if inst.dirty {
		inst.renderQueued = false // a queued render finds nothing to do; one a cut callback queued is gone
		node, ok := inst.pkg.project.Page(p.Route)
		if ok {
			inst.rendered = inst.treeOf(p).render(inst.pageView(p, node))
			inst.controlsOf(p).apply(inst.rendered)
		}
		inst.dirty = false
	}
	return inst.rendered
}
