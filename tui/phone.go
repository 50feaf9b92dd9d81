package tui

import (
	"slices"
	"strconv"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/progress"
	tea "github.com/charmbracelet/bubbletea"

	"miniphone/engine"
	"miniphone/engine/netsim"
	"miniphone/engine/tape"
	"miniphone/engine/wxml"
)

// Phone is the phone panel: the tabs of the phones, and the current
// phone's screen — home, splash or page — with its modal, toast and
// download. Its keys act on the phone the way a finger would.
type Phone struct {
	pane
	c *Common

	names []string // every phone, for the tabs
	snap  engine.PhoneSnapshot
	now   time.Time

	selected  int // the app selected on the home screen
	button    int // the focused button of the page
	scroll    int // lines the page is scrolled past where the focus puts it
	pageLines int // the lines of the page the screen shows, as last drawn
	// endScroll is the scroll that shows the page's end and atTop whether
	// its top shows, as last drawn; atEnd whether the view arrived at the
	// end since it last left it (onReachBottom fires once per arrival).
	endScroll    int
	atTop, atEnd bool
	page         string // which page button belongs to: a new page resets it
	confirm      bool   // the modal's focused answer
	item         int    // an action sheet's focused item; len(Items) is cancel
	modal        engine.ModalView
	targets      []wxml.Element // what the page's focus visits, as last drawn
	paused       bool           // the clock is paused: the splash says how to run it

	bar progress.Model
}

// phoneWidth is the width of the phone panel: a phone is narrow whatever
// the terminal, like the real one.
const phoneWidth = 44

func newPhone(c *Common) *Phone {
	p := &Phone{
		c:       c,
		confirm: true,
		bar:     newBar(),
	}
	p.draw = p.render
	return p
}

// SetPhone shows the phone named name of snap.
func (p *Phone) SetPhone(snap engine.Snapshot, name string) {
	if name != p.snap.Name { // another phone: nothing selected on it yet
		p.selected, p.button, p.page = 0, 0, ""
	}
	p.names = p.names[:0]
	for _, ps := range snap.Phones {
		p.names = append(p.names, ps.Name)
		if ps.Name == name {
			p.snap = ps
		}
	}
	p.now = snap.Now
	if m := p.openModal(); m != nil && !m.Equal(p.modal) {
		p.modal, p.confirm, p.item = *m, true, 0 // a new modal: focus its confirm button, or first item
	}
	if pg := p.snap.Page; pg != nil {
		if id := pg.AppID + "/" + pg.Route + "/" + strconv.Itoa(pg.Depth); id != p.page {
			p.page, p.button, p.scroll, p.atEnd = id, 0, 0, false
		}
	}
	p.render()
}

// Saw reads new transcript lines for the ones that matter to the focus:
// a page opened on the phone shown (a launch, a restart on a new version,
// a navigation) is a new page instance, whose focus starts at its first
// button even when its route is the one before; and a modal or action
// sheet opened is a new one, focused afresh even when it asks what the
// last one asked.
func (p *Phone) Saw(events []engine.Event) {
	for _, e := range events {
		if e.Phone != p.snap.Name {
			continue
		}
		switch e.Kind {
		case "page":
			p.page = ""
		case "modal", "action-sheet":
			p.modal = engine.ModalView{}
		}
	}
}

// SetPaused tells the phone whether the clock runs.
func (p *Phone) SetPaused(paused bool) {
	if paused != p.paused {
		p.paused = paused
		p.render()
	}
}

// openModal is the modal that owns the phone's keys, if any: WeChat's own
// before the mini-program's.
func (p *Phone) openModal() *engine.ModalView {
	if p.snap.SystemModal != nil {
		return p.snap.SystemModal
	}
	if p.snap.Page != nil {
		return p.snap.Page.Modal
	}
	return nil
}

// Update takes the keys of the phone. While a modal is open they go to the
// modal only: the page under it must not see them.
func (p *Phone) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return p, nil
	}
	// On a focused input, the device's letters are text.
	if !p.typing(k) && p.deviceKey(k) {
		p.render()
		return p, nil
	}
	switch m := p.openModal(); {
	case m != nil:
		p.modalKey(k, m)
	case p.snap.Screen == engine.ScreenHome:
		p.homeKey(k)
	case p.snap.Screen == engine.ScreenPage:
		p.pageKey(k)
	}
	p.render()
	return p, nil
}

func (p *Phone) modalKey(k tea.KeyMsg, m *engine.ModalView) {
	keys := p.c.Keys
	if m.Items != nil {
		p.sheetKey(k, m.Items)
		return
	}
	switch {
	case key.Matches(k, keys.Choose) && m.ShowCancel:
		p.confirm = !p.confirm
	case key.Matches(k, keys.Answer):
		confirm := p.confirm || !m.ShowCancel
		p.act(tape.Answer(confirm), func(ph *engine.Phone) error { return ph.Answer(confirm) })
	case key.Matches(k, keys.CancelModal) && m.ShowCancel:
		p.act(tape.Answer(false), func(ph *engine.Phone) error { return ph.Answer(false) })
	}
}

// sheetKey takes the keys of an action sheet of items: the focus moves
// over the items and cancel, enter answers with the focused one.
func (p *Phone) sheetKey(k tea.KeyMsg, items []string) {
	keys := p.c.Keys
	n := len(items)
	switch {
	case key.Matches(k, keys.Up), k.String() == "left", k.String() == "shift+tab":
		p.item = stepWithin(p.item, -1, n+1)
	case key.Matches(k, keys.Down), key.Matches(k, keys.Choose):
		p.item = stepWithin(p.item, 1, n+1)
	case key.Matches(k, keys.Answer) && p.item < n:
		item := p.item
		p.act(tape.Tap(items[item]), func(ph *engine.Phone) error { return ph.Choose(item) })
	case key.Matches(k, keys.Answer), key.Matches(k, keys.CancelModal):
		p.act(tape.Answer(false), func(ph *engine.Phone) error { return ph.Answer(false) })
	}
}

func (p *Phone) homeKey(k tea.KeyMsg) {
	keys := p.c.Keys
	n := len(p.snap.Apps)
	switch {
	case n == 0:
	case key.Matches(k, keys.Up), key.Matches(k, keys.PrevButton):
		p.selected = stepWithin(p.selected, -1, n)
	case key.Matches(k, keys.Down), key.Matches(k, keys.NextButton):
		p.selected = stepWithin(p.selected, 1, n)
	case key.Matches(k, keys.Open):
		appid := p.snap.Apps[min(p.selected, n-1)].AppID
		p.act(tape.Launch(appid), func(ph *engine.Phone) error { return ph.Launch(appid, engine.LaunchOptions{}) })
	}
}

func (p *Phone) pageKey(k tea.KeyMsg) {
	keys := p.c.Keys
	n := len(p.targets)
	focused := p.focusedTarget()
	at := engine.Target{Key: focused.Key}
	switch {
	case p.typing(k):
		if k.Type == tea.KeyBackspace {
			p.onElement("type", at, tape.Erase, func(ph *engine.Phone) error { return ph.Erase(at) })
		} else {
			text := string(k.Runes)
			if k.Type == tea.KeySpace {
				text = " "
			}
			p.onElement("type", at, func(t engine.Target) tape.Step { return tape.Type(text, t) },
				func(ph *engine.Phone) error { return ph.Type(at, text) })
		}
	case key.Matches(k, keys.Leave):
		p.act(tape.Home(), func(ph *engine.Phone) error { ph.Home(); return nil })
	case key.Matches(k, keys.Back):
		p.act(tape.Back(), (*engine.Phone).Back)
	case key.Matches(k, keys.NextTab) && p.snap.Page.TabBar != nil && !p.snap.Page.TabBar.Custom:
		tb := p.snap.Page.TabBar
		next := tb.Items[(tb.Selected+1)%len(tb.Items)]
		p.act(tape.Tab(next), func(ph *engine.Phone) error { return ph.Tab(next) })
	case key.Matches(k, keys.PageDownPhone),
		key.Matches(k, keys.NextButton) && k.String() != "tab" && p.button >= n-1: // ↓ past the last focus reads on
		p.pageDown()
	case key.Matches(k, keys.PageUpPhone):
		if p.atTop && p.snap.Page.PullDown { // past the top: the pull of pull-down refresh
			p.act(tape.PullDown(), (*engine.Phone).PullDown)
		}
		p.scroll -= max(p.pageLines-1, 1)
	case n == 0:
	case key.Matches(k, keys.NextButton):
		p.button, p.scroll = (p.button+1)%n, 0
	case key.Matches(k, keys.PrevButton):
		p.button, p.scroll = (p.button+n-1)%n, 0
	case key.Matches(k, keys.Tap) && isField(focused):
		p.act(tape.Answer(true), func(ph *engine.Phone) error { return ph.ConfirmInput(at) })
	case key.Matches(k, keys.Tap):
		p.onElement("tap", at, tape.TapAt, func(ph *engine.Phone) error { return ph.TapTarget(at) })
	case key.Matches(k, keys.Adjust) && isAdjustable(focused):
		delta := 1
		if k.String() == "left" {
			delta = -1
		}
		p.onElement("adjust", at, func(t engine.Target) tape.Step { return tape.Adjust(t, delta) },
			func(ph *engine.Phone) error { return ph.Adjust(at, delta) })
	}
}

// pageDown scrolls the page down a screen, a line of what was shown
// staying; arriving at its end, as a finger does, it fires the page's
// onReachBottom.
func (p *Phone) pageDown() {
	p.scroll += max(p.pageLines-1, 1)
	if p.scroll >= p.endScroll && !p.atEnd {
		p.atEnd = true
		p.act(tape.ScrollBottom(), (*engine.Phone).ScrollBottom)
	}
}

// typing reports whether k is text for the focused input: printable
// keys and backspace go to it rather than to the keys of the TUI.
func (p *Phone) typing(k tea.KeyMsg) bool {
	return p.takesText() && ((k.Type == tea.KeyRunes && !k.Alt) || k.Type == tea.KeySpace || k.Type == tea.KeyBackspace)
}

// takesText reports whether the focus is on an input of the page shown,
// which takes the printable keys as text.
func (p *Phone) takesText() bool {
	return p.openModal() == nil && p.snap.Screen == engine.ScreenPage && isField(p.focusedTarget())
}

// focusedTarget is the element the focus is on; none (the zero element)
// when the page has no focus stop.
func (p *Phone) focusedTarget() wxml.Element {
	if len(p.targets) == 0 {
		return wxml.Element{}
	}
	return p.targets[min(p.button, len(p.targets)-1)]
}

func isField(e wxml.Element) bool { return e.Tag == "input" || e.Tag == "textarea" }

func isAdjustable(e wxml.Element) bool {
	return e.Tag == "picker" || e.Tag == "slider" || e.Tag == "swiper"
}

// deviceKey handles the keys that act on the phone rather than on what it
// shows: the hardware's and the developer tools' (they work under a modal
// too, as the hardware and the tools' buttons do).
func (p *Phone) deviceKey(k tea.KeyMsg) bool {
	keys := p.c.Keys
	switch {
	case key.Matches(k, keys.Kill):
		if appid := p.currentApp(); appid != "" {
			p.c.Backend.kill(p.snap.Name, appid)
		}
	case key.Matches(k, keys.MemoryWarning):
		p.act(tape.MemoryWarning(), func(ph *engine.Phone) error { ph.MemoryWarning(); return nil })
	case key.Matches(k, keys.Network):
		next := nextOf(netsim.Names(), p.snap.Network)
		p.act(tape.Network(next), func(ph *engine.Phone) error { return ph.SetNetwork(next) })
	case key.Matches(k, keys.SimulateUpdate), key.Matches(k, keys.SimulateFailure):
		fail := key.Matches(k, keys.SimulateFailure)
		if appid := p.currentApp(); appid != "" {
			p.act(tape.SimulateUpdate(appid, fail), func(ph *engine.Phone) error { return ph.SimulateUpdate(appid, fail) })
		}
	case key.Matches(k, keys.PullFetch):
		if appid := p.currentApp(); appid != "" {
			p.c.Backend.pullFetch(p.snap.Name, appid)
		}
	case key.Matches(k, keys.ClearFetch):
		if appid := p.currentApp(); appid != "" {
			p.c.Backend.clearFetch(p.snap.Name, appid)
		}
	case key.Matches(k, keys.AddPhone):
		p.c.OpenForm(addPhoneForm(p.c, len(p.names)+1))
	case key.Matches(k, keys.EditPhone):
		p.c.OpenForm(editPhoneForm(p.c, p.snap))
	default:
		return false
	}
	return true
}

// currentApp is the app a device key acts on: the one in the foreground,
// else the one selected on the home screen.
func (p *Phone) currentApp() string {
	switch {
	case p.snap.Page != nil:
		return p.snap.Page.AppID
	case p.snap.Splash != nil:
		return p.snap.Splash.AppID
	case len(p.snap.Apps) > 0:
		return p.snap.Apps[min(p.selected, len(p.snap.Apps)-1)].AppID
	}
	return ""
}

// act runs fn, which is step, on the phone shown.
func (p *Phone) act(step tape.Step, fn func(*engine.Phone) error) {
	p.c.Backend.onPhone(p.snap.Name, step, fn)
}

// onElement is act on the page's element at, recorded as the step (tap,
// type) that names that element as a scenario does.
func (p *Phone) onElement(kind string, at engine.Target, step func(engine.Target) tape.Step, fn func(*engine.Phone) error) {
	p.c.Backend.onElement(p.snap.Name, kind, at, step, fn)
}

// nextOf is the item after cur in list, wrapping around.
func nextOf(list []string, cur string) string {
	if len(list) == 0 {
		return cur
	}
	return list[(slices.Index(list, cur)+1)%len(list)]
}

// ShortHelp is the keys the phone takes in its present state.
func (p *Phone) ShortHelp() []key.Binding {
	k := p.c.Keys
	switch m := p.openModal(); {
	case m != nil && len(m.Items) > 0: // an action sheet: a list
		return []key.Binding{k.Up, k.Down, k.Answer, k.CancelModal}
	case m != nil && m.ShowCancel:
		return []key.Binding{k.Choose, k.Answer, k.CancelModal}
	case m != nil:
		return []key.Binding{k.Answer}
	case p.takesText():
		// q, space and the other global keys are text here: ctrl+c quits.
		return []key.Binding{k.TypeText, k.EraseText, k.ConfirmText, k.QuitTyping, k.NextButton, k.Leave}
	case p.snap.Screen == engine.ScreenPage:
		help := []key.Binding{k.NextButton, k.Tap}
		if p.snap.Page != nil && p.snap.Page.Depth > 1 {
			help = append(help, k.Back)
		}
		if p.snap.Page != nil && p.snap.Page.TabBar != nil && !p.snap.Page.TabBar.Custom {
			help = append(help, k.NextTab)
		}
		return append(help, k.Leave, k.Kill)
	case p.snap.Screen == engine.ScreenHome:
		return []key.Binding{k.Down, k.Open, k.Kill}
	}
	return []key.Binding{k.Kill}
}

// FullHelp is every key of the phone: its screen, the device, a modal,
// and the developer tools.
func (p *Phone) FullHelp() [][]key.Binding {
	k := p.c.Keys
	return [][]key.Binding{
		{k.Up, k.Down, k.Open, k.NextButton, k.PrevButton, k.Tap, k.Back, k.NextTab, k.Adjust, k.TypeText, k.PageDownPhone, k.PageUpPhone, k.Leave},
		{k.Kill, k.MemoryWarning, k.Network, k.AddPhone, k.EditPhone},
		{k.Choose, k.Answer, k.CancelModal},
		{k.SimulateUpdate, k.SimulateFailure, k.PullFetch, k.ClearFetch},
	}
}
