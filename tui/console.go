package tui

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"miniphone/engine"
	"miniphone/fakeserver"
	"miniphone/protocol"
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
	hint     string // why the last key did nothing, until the next one

	// The fetch section's app: the selected one, or the one last selected
	// while a fault row is.
	fetchApp string
	// The phone shown, its user and its caches, for the fetch section.
	phone, user string
	caches      map[string]cachedFetch
}

func newConsole(c *Common) *Console {
	con := &Console{c: c, url: c.Backend.url}
	if con.url == protocol.InProcessURL {
		con.url = "in process"
	}
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
	c.answer, c.hint = o, ""
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
	c.hint = ""
	var cmd tea.Cmd
	switch {
	case key.Matches(k, keys.Up):
		c.selected = stepWithin(c.selected, -1, rows)
	case key.Matches(k, keys.Down):
		c.selected = stepWithin(c.selected, 1, rows)
	default:
		if a, ok := c.app(); ok {
			cmd = c.appKey(k, a)
		} else {
			c.faultKey(k, faultSteps[c.selected-len(c.state.Apps)])
		}
	}
	if c.hint != "" {
		// The hint takes the answer's place: once it goes, the answer it
		// covered must not come back looking like a new one.
		c.answer = outcomeMsg{}
	}
	c.render()
	return c, cmd
}

func (c *Console) appKey(k tea.KeyMsg, a fakeserver.AppState) tea.Cmd {
	keys, b := c.c.Keys, c.c.Backend
	id := a.AppID
	switch {
	case key.Matches(k, keys.Fleet):
		return c.c.OpenFleet(a)
	case key.Matches(k, keys.PublishPatch), key.Matches(k, keys.PublishMinor):
		// Publishing reaches every phone, and p means something else in
		// other panels: it asks first, with the version it would take.
		c.ask("Publish "+id+" to every phone", "version", nextVersion(a, key.Matches(k, keys.PublishMinor)),
			func(v string) { b.publish(id, v) })
	case key.Matches(k, keys.PreferLocal):
		b.preferLocal(id, !a.PreferLocal)
	case key.Matches(k, keys.Rollback):
		f := c.ask("Roll "+id+" back to", "version", a.Previous, func(v string) { b.rollback(id, v) })
		if known := rollbackTargets(a); len(known) > 0 {
			f.withNote("can go back to " + strings.Join(known, ", "))
		}
	case key.Matches(k, keys.Rollout):
		c.ask("Roll "+id+" "+a.Live+" out", "rollout", strconv.Itoa(a.Rollout), func(v string) { b.rollout(id, v) }).
			withNote("a percentage; PERCENT testers-first gives the testers it at any percentage; pause, resume or revert the release under way")
	case key.Matches(k, keys.MinVersion):
		c.ask("Minimum usable version of "+id, "version", a.MinVersion, func(v string) { b.minVersion(id, v) })
	case key.Matches(k, keys.MinBase):
		c.ask("Minimum base library of "+id, "version", a.MinBase, func(v string) { b.minBase(id, v) })
	default:
		c.fetchKey(k, a)
	}
	return nil
}

// ask opens a one-field form whose value goes to the platform as typed:
// checking it is the platform's job, and its refusal shows here.
func (c *Console) ask(title, label, value string, apply func(string)) *Form {
	f := newForm(c.c, title, []field{{label, value}}, func(v []string) {
		apply(strings.TrimSpace(v[0]))
	})
	c.c.OpenForm(f)
	return f
}

// rollbackTargets are the versions a rollback may reach: the latest
// published ones but the live one, newest first.
func rollbackTargets(a fakeserver.AppState) []string {
	var out []string
	for i := len(a.Versions) - 1; i >= 0 && i >= len(a.Versions)-fakeserver.RollbackDepth; i-- {
		if v := a.Versions[i].Version; v != a.Live {
			out = append(out, v)
		}
	}
	return out
}

// faultKey takes the keys of a fault row. An app's key there says why it
// does nothing, rather than nothing.
func (c *Console) faultKey(k tea.KeyMsg, step string) {
	keys := c.c.Keys
	cur := slices.Index(faultKinds, c.state.Faults[step])
	switch {
	case key.Matches(k, keys.NextFault):
		c.c.Backend.fault(step, faultKinds[(cur+1)%len(faultKinds)])
	case key.Matches(k, keys.PrevFault):
		c.c.Backend.fault(step, faultKinds[(cur+len(faultKinds)-1)%len(faultKinds)])
	default:
		for _, b := range c.appKeys() {
			if key.Matches(k, b) {
				h := b.Help()
				c.hint = fmt.Sprintf("%s (%s) needs an app row: %s selects one", h.Key, h.Desc, keys.Up.Help().Key)
				return
			}
		}
	}
}

// appKeys are the keys that act on the selected app.
func (c *Console) appKeys() []key.Binding {
	k := c.c.Keys
	return append([]key.Binding{k.PublishPatch, k.PublishMinor, k.Rollback, k.Rollout,
		k.MinVersion, k.MinBase, k.PreferLocal, k.Fleet}, c.fetchKeys()...)
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

// appColumn is a column of the table of apps: its heading, and its value
// for an app, with the value that means "not set". A narrow console drops
// columns (drop: 1 first, 0 never), those that show nothing set first,
// rather than cut the versions off the right edge.
type appColumn struct {
	head  string
	value func(a fakeserver.AppState) string
	unset string
	drop  int
}

var appColumns = []appColumn{
	{"APP", func(a fakeserver.AppState) string { return a.AppID }, "", 0},
	{"LIVE", func(a fakeserver.AppState) string { return orDefault(a.Live, "-") }, "-", 0},
	{"ROLLOUT", rolloutCell, "100%", 4},
	{"MIN VER", func(a fakeserver.AppState) string { return orDefault(a.MinVersion, "-") }, "-", 2},
	{"MIN BASE", func(a fakeserver.AppState) string { return orDefault(a.MinBase, "-") }, "-", 1},
	{"LOCAL", func(a fakeserver.AppState) string { return engine.OnOff(a.PreferLocal) }, "off", 3},
}

// rolloutCell shows the share and how the phased release runs.
func rolloutCell(a fakeserver.AppState) string {
	cell := strconv.Itoa(a.Rollout) + "%"
	if a.TestersFirst {
		cell += " testers"
	}
	if a.Paused {
		cell += " paused"
	}
	return cell
}

// The table's last column, the published versions, takes the rest of the
// line.
const (
	versionsHead     = "VERSIONS"
	versionsHeadLong = "VERSIONS (newest first)"
	// minVersionsCells is what the versions are given before any column
	// is dropped for them: three versions.
	minVersionsCells = 17
	// maxAppCells bounds the app column (an id may be 64 characters).
	maxAppCells = 20
	columnGap   = 2
)

// appTable draws the heading and a row per app, w cells wide (the row
// marker excluded).
func (c *Console) appTable(w int) (head string, rows []string) {
	apps := c.state.Apps
	cells := make([][]string, len(apps))
	versions := make([]string, len(apps))
	widths := make([]int, len(appColumns))
	unset := make([]bool, len(appColumns))
	for j, col := range appColumns {
		widths[j], unset[j] = ansi.StringWidth(col.head), true
	}
	wantVersions := ansi.StringWidth(versionsHead)
	for i, a := range apps {
		cells[i] = make([]string, len(appColumns))
		for j, col := range appColumns {
			v := col.value(a)
			cells[i][j] = v
			widths[j] = max(widths[j], ansi.StringWidth(v))
			unset[j] = unset[j] && v == col.unset
		}
		versions[i] = newestFirst(a.Versions)
		wantVersions = max(wantVersions, ansi.StringWidth(versions[i]))
	}
	widths[0] = min(widths[0], maxAppCells)

	shown := make([]bool, len(appColumns))
	used := 0
	for j := range appColumns {
		shown[j] = true
		used += widths[j] + columnGap
	}
	for _, j := range dropOrder(unset) {
		if w-used >= min(wantVersions, minVersionsCells) {
			break
		}
		shown[j] = false
		used -= widths[j] + columnGap
	}
	rest := max(w-used, 0)

	line := func(values []string, last string) string {
		var b strings.Builder
		for j, v := range values {
			if shown[j] {
				b.WriteString(clip(v, widths[j]) + spaces(columnGap))
			}
		}
		return b.String() + clip(last, rest)
	}
	heads := make([]string, len(appColumns))
	for j, col := range appColumns {
		heads[j] = col.head
	}
	vh := versionsHead
	if ansi.StringWidth(versionsHeadLong) <= rest {
		vh = versionsHeadLong
	}
	head = line(heads, vh)
	for i := range apps {
		rows = append(rows, line(cells[i], versions[i]))
	}
	return head, rows
}

// dropOrder is the order in which columns go: those with nothing set on
// any app first, each group by drop.
func dropOrder(unset []bool) []int {
	var order []int
	for j, col := range appColumns {
		if col.drop > 0 {
			order = append(order, j)
		}
	}
	slices.SortStableFunc(order, func(a, b int) int {
		if unset[a] != unset[b] {
			if unset[a] {
				return -1
			}
			return 1
		}
		return appColumns[a].drop - appColumns[b].drop
	})
	return order
}

// newestFirst lists an app's versions, the newest first.
func newestFirst(vs []fakeserver.VersionInfo) string {
	out := make([]string, len(vs))
	for j, v := range vs {
		out[len(vs)-1-j] = v.Version
	}
	return strings.Join(out, " ")
}

func (c *Console) render() {
	iw, ih, ok := c.inner(3)
	if !ok {
		return
	}
	s := c.c.Styles
	head, rows := c.appTable(iw - 2)
	lines := []string{s.Dim.Render(fit("  "+head, iw))}
	for i, row := range rows {
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
	case c.hint != "":
		text, style = c.hint, s.Notice
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

// ShortHelp is the keys of the selected row.
func (c *Console) ShortHelp() []key.Binding {
	k := c.c.Keys
	if _, ok := c.app(); ok {
		return []key.Binding{k.Down, k.PublishPatch, k.PublishMinor, k.Rollback, k.Rollout, k.Fleet}
	}
	return []key.Binding{k.Up, k.NextFault, k.PrevFault}
}

// FullHelp is every key of the console; the last group is the background
// fetch's.
func (c *Console) FullHelp() [][]key.Binding {
	k := c.c.Keys
	return [][]key.Binding{
		{k.Up, k.Down, k.PublishPatch, k.PublishMinor, k.Rollback, k.Rollout},
		{k.MinVersion, k.MinBase, k.PreferLocal, k.Fleet, k.NextFault, k.PrevFault},
		c.fetchKeys(),
	}
}
