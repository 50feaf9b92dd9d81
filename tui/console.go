package tui

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"miniphone/fakeserver"
)

// The steps a fault can be set on and the faults, in the order the
// console cycles through them (the platform's own lists are unexported).
var (
	faultSteps = []string{"check", "cdn", "data"}
	faultKinds = []string{"none", "fail", "timeout", "corrupt", "slow"}
)

// Console is the platform console: per app its versions, what is live, the
// rollout and the minimums; the faults of the three network steps; the
// background fetch of the selected app (see consolefetch.go); and the
// platform's answer to the last action, refusals included.
type Console struct {
	pane
	c *Common

	url      string
	state    fakeserver.State
	err      error // the last read of the platform failed
	selected int   // the selected row: the apps, then the fault steps
	answer   outcomeMsg

	// The fetch section's app: the selected one, or the one last selected
	// while a fault row is.
	fetchApp string
	// The phone shown, its user and its caches, for the fetch section.
	phone, user string
	caches      map[string]cachedFetch
}

func newConsole(c *Common) *Console {
	con := &Console{c: c, url: c.Backend.url}
	con.draw = con.render
	return con
}

// SetState shows the platform as last read, or why reading it failed.
func (c *Console) SetState(st *fakeserver.State, err error) {
	if st != nil {
		c.state = *st
	}
	c.err = err
	c.selected = min(c.selected, len(c.state.Apps)+len(faultSteps)-1)
	c.render()
}

// SetAnswer shows the platform's answer to the last console action.
func (c *Console) SetAnswer(o outcomeMsg) {
	c.answer = o
	c.render()
}

// SetPhone tells the console which phone is shown, for the fetch
// section. Frames bring the caches 30 times a second: only a change draws
// again.
func (c *Console) SetPhone(name, user string, caches map[string]cachedFetch) {
	if name == c.phone && user == c.user && maps.Equal(caches, c.caches) {
		return
	}
	c.phone, c.user, c.caches = name, user, caches
	c.render()
}

// Rows is how many lines the console wants inside its border.
func (c *Console) Rows() int {
	n := len(c.state.Apps) + len(faultSteps) + 4
	if len(c.state.Apps) > 0 {
		n += fetchRows
	}
	return n
}

// app is the selected app, if an app row is selected.
func (c *Console) app() (fakeserver.AppState, bool) {
	if c.selected < len(c.state.Apps) {
		return c.state.Apps[c.selected], true
	}
	return fakeserver.AppState{}, false
}

// Update takes the console's keys.
func (c *Console) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return c, nil
	}
	keys := c.c.Keys
	rows := len(c.state.Apps) + len(faultSteps)
	switch {
	case key.Matches(k, keys.Up):
		c.selected = (c.selected + rows - 1) % rows
	case key.Matches(k, keys.Down):
		c.selected = (c.selected + 1) % rows
	default:
		if a, ok := c.app(); ok {
			c.appKey(k, a)
		} else {
			c.faultKey(k, faultSteps[c.selected-len(c.state.Apps)])
		}
	}
	c.render()
	return c, nil
}

func (c *Console) appKey(k tea.KeyMsg, a fakeserver.AppState) {
	keys, b := c.c.Keys, c.c.Backend
	id := a.AppID
	switch {
	case key.Matches(k, keys.PublishPatch), key.Matches(k, keys.PublishMinor):
		b.publish(id, nextVersion(a, key.Matches(k, keys.PublishMinor)))
	case key.Matches(k, keys.PreferLocal):
		b.preferLocal(id, !a.PreferLocal)
	case key.Matches(k, keys.Rollback):
		c.ask("Roll "+id+" back to", "version", a.Previous, func(v string) { b.rollback(id, v) })
	case key.Matches(k, keys.Rollout):
		c.ask("Roll "+id+" "+a.Live+" out to", "percent", strconv.Itoa(a.Rollout), func(v string) { b.rollout(id, v) })
	case key.Matches(k, keys.MinVersion):
		c.ask("Minimum usable version of "+id, "version", a.MinVersion, func(v string) { b.minVersion(id, v) })
	case key.Matches(k, keys.MinBase):
		c.ask("Minimum base library of "+id, "version", a.MinBase, func(v string) { b.minBase(id, v) })
	default:
		c.fetchKey(k, a)
	}
}

// ask opens a one-field form whose value goes to the platform as typed:
// checking it is the platform's job, and its refusal shows here.
func (c *Console) ask(title, label, value string, apply func(string)) {
	c.c.OpenForm(newForm(c.c, title, []field{{label, value}}, func(v []string) {
		apply(strings.TrimSpace(v[0]))
	}))
}

func (c *Console) faultKey(k tea.KeyMsg, step string) {
	keys := c.c.Keys
	cur := slices.Index(faultKinds, c.state.Faults[step])
	switch {
	case key.Matches(k, keys.NextFault):
		c.c.Backend.fault(step, faultKinds[(cur+1)%len(faultKinds)])
	case key.Matches(k, keys.PrevFault):
		c.c.Backend.fault(step, faultKinds[(cur+len(faultKinds)-1)%len(faultKinds)])
	}
}

// nextVersion is the version a publish makes: the newest published one
// with its patch (or minor) number raised.
func nextVersion(a fakeserver.AppState, minor bool) string {
	if len(a.Versions) == 0 {
		return "1.0.0"
	}
	parts := strings.Split(a.Versions[len(a.Versions)-1].Version, ".")
	for len(parts) < 3 {
		parts = append(parts, "0")
	}
	at := 2
	if minor {
		at = 1
	}
	n, _ := strconv.Atoi(parts[at]) // the platform only accepts numbers
	parts[at] = strconv.Itoa(n + 1)
	for i := at + 1; i < len(parts); i++ {
		parts[i] = "0"
	}
	return strings.Join(parts, ".")
}

// columns lays out the table of apps (app ids are at most 64 characters,
// the ones people type are short).
const columns = "%-14s %-9s %-8s %-9s %-9s %-6s %s"

func (c *Console) render() {
	iw, ih, ok := c.inner(3)
	if !ok {
		return
	}
	s := c.c.Styles
	lines := []string{s.Dim.Render(fit("  "+fmt.Sprintf(columns,
		"APP", "LIVE", "ROLLOUT", "MIN VER", "MIN BASE", "LOCAL", "VERSIONS (newest first)"), iw))}
	for i, a := range c.state.Apps {
		versions := make([]string, len(a.Versions))
		for j, v := range a.Versions {
			versions[len(a.Versions)-1-j] = v.Version
		}
		local := "off"
		if a.PreferLocal {
			local = "on"
		}
		row := fmt.Sprintf(columns, a.AppID, dash(a.Live),
			strconv.Itoa(a.Rollout)+"%", dash(a.MinVersion), dash(a.MinBase), local, strings.Join(versions, " "))
		lines = append(lines, c.rowLine(i, row, iw))
	}
	lines = append(lines, "")
	for i, step := range faultSteps {
		row := fmt.Sprintf("fault %-8s %s", step, c.state.Faults[step])
		if c.state.Faults[step] != "none" {
			row = s.Error.Render(row)
		}
		lines = append(lines, c.rowLine(len(c.state.Apps)+i, row, iw))
	}
	// Below the rows the keys act on: a short terminal cuts it first.
	lines = append(lines, c.fetchLines(iw)...)
	answer := c.answerLines(iw)
	body := append(fitLines(lines, iw, ih-len(answer)), answer...)
	c.box(s, "2 Platform console · "+c.url, body)
}

// rowLine draws row i of the table, marked when selected.
func (c *Console) rowLine(i int, text string, w int) string {
	if i == c.selected {
		return "▸ " + c.c.Styles.Selected.Render(fit(text, w-2))
	}
	return fit("  "+text, w)
}

// answerLines is the platform's answer to the last action: a refusal in
// red with its reason, or what was done. It takes a second line when it
// needs one (the blank line above it, which Rows counts), so that a long
// URL does not push the reason out of sight; beyond two it is clipped.
func (c *Console) answerLines(w int) []string {
	s := c.c.Styles
	text, style := "", s.OK
	switch {
	case c.err != nil:
		text, style = "✗ cannot read the platform: "+c.err.Error(), s.Error
	case c.answer.err != nil:
		text, style = "✗ refused "+c.answer.text+": "+c.answer.err.Error(), s.Error
	case c.answer.text != "":
		text = "✓ " + c.answer.text
	default:
		return []string{spaces(w)}
	}
	lines := wrap(oneLine(text), w)
	if len(lines) > 2 {
		lines = []string{lines[0], strings.Join(lines[1:], " ")}
	}
	for i, l := range lines {
		lines[i] = style.Render(clip(l, w))
	}
	return lines
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// ShortHelp is the keys of the selected row.
func (c *Console) ShortHelp() []key.Binding {
	k := c.c.Keys
	if _, ok := c.app(); ok {
		return []key.Binding{k.Down, k.PublishPatch, k.PublishMinor, k.Rollback, k.Rollout}
	}
	return []key.Binding{k.Up, k.NextFault, k.PrevFault}
}

// FullHelp is every key of the console; the last group is the background
// fetch's.
func (c *Console) FullHelp() [][]key.Binding {
	k := c.c.Keys
	return [][]key.Binding{
		{k.Up, k.Down, k.PublishPatch, k.PublishMinor, k.Rollback, k.Rollout},
		{k.MinVersion, k.MinBase, k.PreferLocal, k.NextFault, k.PrevFault},
		c.fetchKeys(),
	}
}
