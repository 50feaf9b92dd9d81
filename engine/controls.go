package engine

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"

	"miniphone/engine/jsrt"
	"miniphone/engine/wxml"
)

// Target names an element of the page shown: as a scenario step does, the
// Nth (from 1; 0 is 1) whose text contains Text; or, as a front end that
// drew the page does, by the element's Key.
type Target struct {
	Text string
	Nth  int
	Key  wxml.Key
}

func (t Target) String() string {
	if t.Nth > 1 {
		return fmt.Sprintf("%q #%d", t.Text, t.Nth)
	}
	return fmt.Sprintf("%q", t.Text)
}

// controlState is what the user did to one control: the attribute they
// changed, its value now, and the attribute as the page rendered it then.
// When the page renders the attribute otherwise (it set value, checked…),
// the page's value wins, as on a phone.
type controlState struct {
	attr        string
	value, base any
}

// pageControls is what the user did to the controls of one page instance.
type pageControls struct {
	state   map[wxml.Key]controlState // by control
	focused wxml.Key                  // the input typed into last
}

func (inst *instance) controlsOf(p *jsrt.Page) *pageControls {
	if inst.controls == nil {
		inst.controls = map[*jsrt.Page]*pageControls{}
	}
	pc, ok := inst.controls[p]
	if !ok {
		for q := range inst.controls {
			if !inst.isOpen(q) {
				delete(inst.controls, q)
			}
		}
		pc = &pageControls{state: map[wxml.Key]controlState{}}
		inst.controls[p] = pc
	}
	return pc
}

// isOpen reports whether p is on the page stack or a tab page kept.
func (inst *instance) isOpen(p *jsrt.Page) bool {
	return slices.Contains(inst.pages, p) || inst.tabs[p.Route] == p
}

// apply puts the user's changes into a fresh rendering of the page.
func (pc *pageControls) apply(elems []wxml.Element) {
	for i := range elems {
		e := &elems[i]
		if s, ok := pc.state[e.Key]; ok && e.Key != (wxml.Key{}) {
			if reflect.DeepEqual(e.Attrs[s.attr], s.base) {
				if e.Attrs == nil {
					e.Attrs = map[string]any{}
				}
				e.Attrs[s.attr] = s.value
			} else {
				delete(pc.state, e.Key)
			}
		}
		pc.apply(e.Children)
	}
}

// set records that the user changed attr of e to v, and writes it to the
// page's data when the attribute is bound two-way.
func (inst *instance) set(e wxml.Element, attr string, v any) {
	pc := inst.controlsOf(inst.top())
	base := e.Attrs[attr]
	if s, ok := pc.state[e.Key]; ok {
		base = s.base
	}
	pc.state[e.Key] = controlState{attr: attr, value: v, base: base}
	inst.dirty = true
	if path := e.Model[attr]; path != "" { // model:value writes back
		inst.top().Call("setData", map[string]any{path: v})
	}
}

// found is an element located on the page, with its ancestors, outermost
// first.
type found struct {
	e      wxml.Element
	within []wxml.Element
}

// enclosing is the nearest ancestor of f that is a tag, if any.
func (f found) enclosing(tag string) (wxml.Element, bool) {
	for i := len(f.within) - 1; i >= 0; i-- {
		if f.within[i].Tag == tag {
			return f.within[i], true
		}
	}
	return wxml.Element{}, false
}

// walk calls fn for each element a user sees, in page order, with its
// ancestors, until fn returns false: a swiper's items but the current
// one are out of sight.
func walk(elems []wxml.Element, within []wxml.Element, fn func(found) bool) bool {
	for _, e := range elems {
		if !fn(found{e, within}) {
			return false
		}
		kids := e.Children
		if e.Tag == "swiper" {
			kids = nil
			if len(e.Children) > 0 {
				kids = e.Children[wxml.SwiperCurrent(e)].Children
			}
		}
		if !walk(kids, append(within[:len(within):len(within)], e), fn) {
			return false
		}
	}
	return true
}

// targetKind is what a step acts on: which elements, named how.
type targetKind struct {
	what   string // for errors: "no input \"x\" on …"
	ok     func(wxml.Element) bool
	labels func(wxml.Element) []string // what a Text target is matched against
}

// The kinds of targets of the steps and keys.
var (
	tappables = targetKind{"tappable", func(e wxml.Element) bool {
		return e.Tappable() && wxml.Label(e) != "" || isTag("navigator", "checkbox", "radio", "switch", "picker", "input", "textarea")(e)
	}, textOf}
	fields    = targetKind{"input", isTag("input", "textarea"), fieldNames}
	toggles   = targetKind{"checkbox, radio or switch", isTag("checkbox", "radio", "switch"), valueNames}
	adjusters = targetKind{"picker, slider or swiper", isTag("picker", "slider", "swiper"), textOf}
	// autoFocused are the inputs the page focuses (focus, auto-focus).
	autoFocused = targetKind{"focused input", func(e wxml.Element) bool {
		return fields.ok(e) && (e.Attrs["focus"] == true || e.Attrs["auto-focus"] == true)
	}, textOf}
)

// locate finds the element t names among those of kind k.
func (inst *instance) locate(t Target, k targetKind) (found, error) {
	return inst.locateIn(inst.elements(), t, k)
}

// locateIn is locate among elems, a part of the page.
func (inst *instance) locateIn(elems []wxml.Element, t Target, k targetKind) (found, error) {
	var hit found
	n, got := 0, false
	walk(elems, nil, func(f found) bool {
		if !k.ok(f.e) {
			return true
		}
		if t.Key != (wxml.Key{}) && f.e.Key == t.Key || t.Key == (wxml.Key{}) && matches(k.labels(f.e), t.Text) && !innerMatch(f.e, k, t.Text) {
			n++
			if n == max(t.Nth, 1) {
				hit, got = f, true
				return false
			}
		}
		return true
	})
	switch {
	case got:
		return hit, nil
	case t.Nth > 1 && n > 0:
		return found{}, fmt.Errorf("no %s %s on %s (there are %d)", k.what, t, inst.route(), n)
	}
	return found{}, fmt.Errorf("no %s %s on %s", k.what, t, inst.route())
}

// innerMatch reports whether an element inside e is of kind k and matches
// text: then that one is meant, as a touch on a row's text reaches the
// row, not the list around it that also binds tap.
func innerMatch(e wxml.Element, k targetKind, text string) bool {
	return !walk(e.Children, nil, func(f found) bool {
		return !(k.ok(f.e) && matches(k.labels(f.e), text))
	})
}

func matches(labels []string, text string) bool {
	for _, l := range labels {
		if strings.Contains(l, text) {
			return true
		}
	}
	return false
}

// address is how a step names the element key of kind k: the first of
// its labels that is not empty, and which of the elements matching it
// the element is, so that the step acts on that very element.
func (inst *instance) address(key wxml.Key, k targetKind) (Target, error) {
	var t Target
	n, got := 0, false
	var seen []wxml.Element
	walk(inst.elements(), nil, func(f found) bool {
		if !k.ok(f.e) {
			return true
		}
		seen = append(seen, f.e)
		if f.e.Key == key {
			for _, l := range k.labels(f.e) {
				if l != "" {
					t.Text = l
					break
				}
			}
			got = true
			return false
		}
		return true
	})
	if !got {
		return t, fmt.Errorf("no %s on %s is the one the key names", k.what, inst.route())
	}
	for _, e := range seen {
		if matches(k.labels(e), t.Text) {
			n++
		}
	}
	t.Nth = n
	return t, nil
}

func isTag(tags ...string) func(wxml.Element) bool {
	return func(e wxml.Element) bool {
		for _, t := range tags {
			if e.Tag == t {
				return true
			}
		}
		return false
	}
}

func textOf(e wxml.Element) []string { return []string{wxml.Label(e)} }

// valueNames are what a checkbox, radio or switch answers to: its label
// and its value.
func valueNames(e wxml.Element) []string { return []string{e.Text, wxml.AttrString(e, "value")} }

// fieldNames are what an input answers to: its placeholder, name and id.
func fieldNames(e wxml.Element) []string {
	return []string{e.Text, wxml.AttrString(e, "name"), e.ID}
}

// enabled is locate for an action: a disabled control refuses it.
func (inst *instance) enabled(t Target, k targetKind) (found, error) {
	f, err := inst.locate(t, k)
	if err == nil && f.e.Attrs["disabled"] == true {
		err = fmt.Errorf("%s %q is disabled", f.e.Tag, f.e.Text)
	}
	return f, err
}

// tap taps the element t names: a button fires tap and does what its
// form-type and open-type say, a navigator navigates, a checkbox, radio or
// switch toggles, an input takes the focus, a picker shows its next
// option.
func (inst *instance) tap(t Target) error {
	f, err := inst.enabled(t, tappables)
	if err != nil {
		return err
	}
	inst.Log("tap", fmt.Sprintf("%q", wxml.Label(f.e)))
	switch f.e.Tag {
	case "checkbox", "radio", "switch":
		inst.toggleFound(f)
	case "input", "textarea":
		inst.controlsOf(inst.top()).focused = f.e.Key
	case "picker":
		inst.adjustFound(f, 1)
	case "navigator":
		inst.dispatchEvent(f.e, "tap", map[string]any{"x": 0, "y": 0})
		inst.navigator(f.e)
	case "label": // only a label for="ID" is tapped as itself
		return inst.tapLabelled(wxml.AttrString(f.e, "for"))
	default:
		inst.dispatchEvent(f.e, "tap", map[string]any{"x": 0, "y": 0})
		inst.buttonActs(f)
	}
	return nil
}

// tapLabelled taps the control whose id a label's for names, as a tap on
// the label does on a phone; nothing happens when there is none.
func (inst *instance) tapLabelled(id string) error {
	var key wxml.Key
	walk(inst.elements(), nil, func(f found) bool {
		if f.e.ID == id && (f.e.Kind == wxml.Control || f.e.Kind == wxml.Button) {
			key = f.e.Key
			return false
		}
		return true
	})
	if key == (wxml.Key{}) {
		inst.Log("warning", fmt.Sprintf("label for=%q: no control of the page has that id", id))
		return nil
	}
	return inst.tap(Target{Key: key})
}

// navigator follows a navigator's url as its open-type says. A navigation
// that fails is an error line, as nothing happens on a phone.
func (inst *instance) navigator(e wxml.Element) {
	url := wxml.AttrString(e, "url")
	var err error
	switch ot := wxml.AttrString(e, "open-type"); {
	case wxml.AttrString(e, "target") == "miniProgram":
		err = fmt.Errorf("opening another mini-program is not emulated in miniphone")
	case ot == "" || ot == "navigate":
		err = inst.navigateTo(url)
	case ot == "redirect":
		err = inst.redirectTo(url)
	case ot == "switchTab":
		err = inst.switchTab(url)
	case ot == "reLaunch":
		err = inst.reLaunch(url)
	case ot == "navigateBack":
		err = inst.navigateBack(int(wxml.AttrNumber(e, "delta", 1)))
	case ot == "exit":
		inst.r.p.Home()
	default:
		err = fmt.Errorf("open-type %q is none of navigate, redirect, switchTab, reLaunch, navigateBack, exit", ot)
	}
	if err != nil {
		inst.Log("error", fmt.Sprintf("navigator %q: %v", e.Text, err))
	}
}

// buttonActs does what a tapped button's form-type and open-type ask.
// Open types that need WeChat's servers or the user's account answer
// with a failure, as nothing here can grant them.
func (inst *instance) buttonActs(f found) {
	switch wxml.AttrString(f.e, "form-type") {
	case "submit":
		inst.submit(f)
	case "reset":
		inst.reset(f)
	}
	switch ot := wxml.AttrString(f.e, "open-type"); ot {
	case "":
	case "share":
		inst.top().Call("onShareAppMessage", map[string]any{
			"from": "button", "target": targetInfo(f.e.Target)})
	default:
		inst.dispatchEvent(f.e, strings.ToLower(ot), map[string]any{"errMsg": ot + ":fail not emulated in miniphone"})
	}
}

// submit fires the submit event of the form around f, with the values of
// its named controls.
func (inst *instance) submit(f found) {
	form, ok := f.enclosing("form")
	if !ok {
		return
	}
	values := map[string]any{}
	walk(form.Children, nil, func(c found) bool {
		name := wxml.AttrString(c.e, "name")
		if name == "" {
			return true
		}
		switch c.e.Tag {
		case "input", "textarea":
			values[name] = wxml.AttrString(c.e, "value")
		case "switch":
			values[name] = c.e.Attrs["checked"] == true
		case "slider":
			values[name] = wxml.AttrNumber(c.e, "value", wxml.AttrNumber(c.e, "min", 0))
		case "picker":
			if mode := wxml.AttrString(c.e, "mode"); mode == "" || mode == "selector" {
				values[name] = wxml.AttrNumber(c.e, "value", 0)
			} else {
				values[name] = wxml.AttrString(c.e, "value")
			}
		case "checkbox-group", "radio-group":
			values[name] = groupValue(c.e)
		}
		return true
	})
	inst.Log("submit", formName(form))
	inst.dispatchEvent(form, "submit", map[string]any{"value": values})
}

func formName(form wxml.Element) string {
	if form.ID != "" {
		return "#" + form.ID
	}
	return "form"
}

// reset puts the controls of the form around f back as the page renders
// them, and fires its reset event.
func (inst *instance) reset(f found) {
	form, ok := f.enclosing("form")
	if !ok {
		return
	}
	pc := inst.controlsOf(inst.top())
	walk(form.Children, nil, func(c found) bool {
		delete(pc.state, c.e.Key)
		return true
	})
	inst.dirty = true
	inst.Log("reset", formName(form))
	inst.dispatchEvent(form, "reset", nil)
}

// groupValue is what a checkbox-group or radio-group gives its form and
// its change event: the values of its checked checkboxes, in page order,
// or the value of its checked radio ("" when none is).
func groupValue(group wxml.Element) any {
	values := checkedValues(group)
	if group.Tag != "radio-group" {
		return values
	}
	if len(values) == 0 {
		return ""
	}
	return values[0]
}

// checkedValues are the values of the checked checkboxes or radios of a
// group, in page order.
func checkedValues(group wxml.Element) []any {
	out := []any{}
	walk(group.Children, nil, func(c found) bool {
		if (c.e.Tag == "checkbox" || c.e.Tag == "radio") && c.e.Attrs["checked"] == true {
			out = append(out, wxml.AttrString(c.e, "value"))
		}
		return true
	})
	return out
}

// toggle flips the checkbox or switch t names, or selects the radio.
func (inst *instance) toggle(t Target) error {
	f, err := inst.enabled(t, toggles)
	if err != nil {
		return err
	}
	inst.Log("toggle", fmt.Sprintf("%q", f.e.Text))
	inst.toggleFound(f)
	return nil
}

func (inst *instance) toggleFound(f found) {
	on := f.e.Attrs["checked"] == true
	switch f.e.Tag {
	case "switch":
		inst.set(f.e, "checked", !on)
		inst.dispatchEvent(f.e, "change", map[string]any{"value": !on})
	case "checkbox":
		inst.set(f.e, "checked", !on)
		inst.groupChange(f, "checkbox-group")
	case "radio":
		if on { // a radio is unselected only by selecting another
			return
		}
		if group, ok := f.enclosing("radio-group"); ok {
			walk(group.Children, nil, func(c found) bool {
				if c.e.Tag == "radio" && c.e.Attrs["checked"] == true {
					inst.set(c.e, "checked", false)
				}
				return true
			})
		}
		inst.set(f.e, "checked", true)
		inst.groupChange(f, "radio-group")
	}
}

// groupChange fires the change event of the group around f, with the
// values checked now.
func (inst *instance) groupChange(f found, tag string) {
	g, ok := f.enclosing(tag)
	if !ok {
		return
	}
	// The group as rendered now, with the change applied.
	now, err := inst.locate(Target{Key: g.Key}, targetKind{tag, isTag(tag), textOf})
	if err != nil {
		return
	}
	inst.dispatchEvent(now.e, "change", map[string]any{"value": groupValue(now.e)})
}

// maxInput is an input's maxlength when the page sets none.
const maxInput = 140

// typeText types text into the input t names, or into the focused one
// when t names none, a character at a time: each fires input, and a
// handler that returns a string makes it the field's value.
func (inst *instance) typeText(t Target, text string) error {
	f, err := inst.field(t)
	if err != nil {
		return err
	}
	inst.Log("type", fmt.Sprintf("%q into %q", text, f.e.Text))
	for _, c := range text {
		limit := int(wxml.AttrNumber(f.e, "maxlength", maxInput))
		v := []rune(wxml.AttrString(f.e, "value"))
		if limit >= 0 && len(v) >= limit {
			break
		}
		key := 0
		if c == '\n' { // a textarea's return key
			key = 13
		}
		inst.input(f.e, string(append(v, c)), key)
		if f, err = inst.field(Target{Key: f.e.Key}); err != nil {
			return nil // the handler took the input away
		}
	}
	return nil
}

// erase deletes the last character of the input t names, as backspace.
func (inst *instance) erase(t Target) error {
	f, err := inst.field(t)
	if err != nil {
		return err
	}
	v := []rune(wxml.AttrString(f.e, "value"))
	if len(v) > 0 {
		inst.input(f.e, string(v[:len(v)-1]), 8)
	}
	return nil
}

// input sets the value of an input as the user changed it and fires its
// input event.
func (inst *instance) input(e wxml.Element, value string, keyCode int) {
	inst.set(e, "value", value)
	ret := inst.dispatchEvent(e, "input", map[string]any{"value": value, "cursor": len([]rune(value)), "keyCode": keyCode})
	if s, ok := ret.(string); ok {
		inst.set(e, "value", s)
	}
}

// confirmInput fires the confirm event of the input t names, as enter on
// the keyboard.
func (inst *instance) confirmInput(t Target) error {
	f, err := inst.field(t)
	if err != nil {
		return err
	}
	if f.e.Tag == "textarea" && newlineOnEnter(f.e) {
		return inst.typeText(Target{Key: f.e.Key}, "\n")
	}
	inst.Log("confirm", fmt.Sprintf("%q", f.e.Text))
	value := map[string]any{"value": wxml.AttrString(f.e, "value")}
	inst.dispatchEvent(f.e, "confirm", value)
	// An input fires change as it loses the focus (DevTools' template
	// reads its nickname field so); here the user leaves it by enter.
	inst.dispatchEvent(f.e, "change", value)
	return nil
}

// newlineOnEnter reports whether enter in textarea e is a new line: its
// keyboard's return key, confirm-type "return" (the default); another
// confirm-type (send, done, …) makes it confirm, as an input's.
func newlineOnEnter(e wxml.Element) bool {
	t := wxml.AttrString(e, "confirm-type")
	return t == "" || t == "return"
}

// focusedInput reports whether an input of the page shown has the focus.
func (inst *instance) focusedInput() bool {
	p := inst.top()
	return p != nil && inst.controlsOf(p).focused != (wxml.Key{})
}

// field is the input or textarea t names, or the focused one, which it
// focuses.
func (inst *instance) field(t Target) (found, error) {
	pc := inst.controlsOf(inst.top())
	if t.Text == "" && t.Key == (wxml.Key{}) {
		if pc.focused == (wxml.Key{}) { // the page may focus one itself
			f, err := inst.locate(t, autoFocused)
			if err != nil {
				return found{}, fmt.Errorf("no input is focused on %s", inst.route())
			}
			pc.focused = f.e.Key
		}
		t.Key = pc.focused
	}
	f, err := inst.enabled(t, fields)
	if err != nil {
		return f, err
	}
	pc.focused = f.e.Key
	return f, nil
}

// adjust moves the picker, slider or swiper t names by delta steps: the
// next or previous option, step, day, minute or item.
func (inst *instance) adjust(t Target, delta int) error {
	f, err := inst.enabled(t, adjusters)
	if err != nil {
		return err
	}
	inst.adjustFound(f, delta)
	return nil
}

func (inst *instance) adjustFound(f found, delta int) {
	e := f.e
	switch e.Tag {
	case "picker":
		var v any
		switch wxml.AttrString(e, "mode") {
		case "", "selector":
			n := len(wxml.PickerOptions(e))
			if n == 0 {
				return
			}
			if n == 1 { // one option: nothing to change to
				return
			}
			v = int64(((int(wxml.AttrNumber(e, "value", 0))+delta)%n + n) % n)
		case "date":
			v = shiftTime(wxml.AttrString(e, "value"), "2006-01-02", func(t time.Time) time.Time { return t.AddDate(0, 0, delta) })
		case "time":
			v = shiftTime(wxml.AttrString(e, "value"), "15:04", func(t time.Time) time.Time { return t.Add(time.Duration(delta) * time.Minute) })
		case "multiSelector":
			turned := inst.turnColumns(e, delta)
			if turned == nil {
				return
			}
			v = turned
		default: // a region picker: the phone has no list of regions to step through
			return
		}
		inst.set(e, "value", v)
		inst.Log("pick", fmt.Sprintf("%q %v", e.Text, v))
		inst.dispatchEvent(e, "change", map[string]any{"value": v})
	case "slider":
		lo, hi := wxml.AttrNumber(e, "min", 0), wxml.AttrNumber(e, "max", 100)
		step := wxml.AttrNumber(e, "step", 1)
		was := wxml.AttrNumber(e, "value", lo)
		v := min(max(was+float64(delta)*step, lo), hi)
		if v == was { // at an end of its range
			return
		}
		inst.set(e, "value", v)
		inst.Log("slide", fmt.Sprintf("%q %g", e.Text, v))
		inst.dispatchEvent(e, "change", map[string]any{"value": v})
	case "swiper":
		n := len(e.Children)
		if n == 0 {
			return
		}
		was := wxml.SwiperCurrent(e)
		cur := was + delta
		if e.Attrs["circular"] == true {
			cur = (cur%n + n) % n
		}
		cur = min(max(cur, 0), n-1)
		if cur == was { // at an end: the swiper does not move, and says nothing
			return
		}
		inst.set(e, "current", int64(cur))
		inst.Log("swipe", fmt.Sprintf("%d/%d", cur+1, n))
		inst.dispatchEvent(e, "change", map[string]any{"current": cur, "source": "touch"})
	}
}

// turnColumns moves a multiSelector picker by delta options counted as
// an odometer's: the last column turns, carrying into the one before;
// each column that moved fires columnchange, as the user turning it
// does. Its new value, nil when it has no options.
func (inst *instance) turnColumns(e wxml.Element, delta int) []any {
	cols := wxml.PickerColumns(e)
	idx := wxml.PickerIndexes(e, cols)
	for _, c := range cols {
		if len(c) == 0 {
			return nil
		}
	}
	if len(cols) == 0 {
		return nil
	}
	old := slices.Clone(idx)
	carry := delta
	for i := len(idx) - 1; i >= 0 && carry != 0; i-- {
		n := len(cols[i])
		sum := idx[i] + carry
		idx[i] = (sum%n + n) % n
		carry = (sum - idx[i]) / n
	}
	v := make([]any, len(idx))
	for i, n := range idx {
		v[i] = int64(n)
		if n != old[i] {
			inst.dispatchEvent(e, "columnchange", map[string]any{"column": i, "value": n})
		}
	}
	return v
}

// shiftTime moves a date or time value; a value that does not parse
// starts from the phone's epoch.
func shiftTime(value, layout string, by func(time.Time) time.Time) string {
	t, err := time.Parse(layout, value)
	if err != nil {
		t = Epoch
	}
	return by(t).Format(layout)
}
