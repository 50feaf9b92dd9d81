package tui

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/progress"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"miniphone/engine/fleet"
	"miniphone/engine/semver"
	"miniphone/fakeserver"
)

// Fleet is the fleet view: what `miniphone fleet` shows, for the release
// settings of an app in the console. It simulates the default fleet under
// the app's rollout and minimum version, with and without the 24-hour
// check, and draws the coverage curve and the hours it took to reach 50,
// 90 and 99 %. The simulation runs beside the world, never on its
// goroutine, and a bar shows how far it is.
type Fleet struct {
	pane
	c    *Common
	open bool

	// run is the simulation: fleet.Run, which tests replace to shrink the
	// fleet or hold a run where they want it.
	run fleetRunner

	app      fakeserver.AppState // as the console showed it when the view opened
	cfg      fleet.Config
	cur      *fleetRun // the run under way, nil once it ended
	progress fleet.Progress
	res      *fleet.Result
	err      error
	bar      progress.Model
}

// fleetRunner is fleet.Run's signature.
type fleetRunner func(context.Context, fleet.Config, func(fleet.Progress)) (*fleet.Result, error)

// fleetChartHours is how much of the run the chart shows, as `miniphone
// fleet` does: the curve's story is in its first days.
const fleetChartHours = 72

// chartAxis is what the chart takes left of its plot (the y axis' labels
// and line) and right of it (the last hour's label).
const chartAxis = 7

// minFleetRows is the least height the view draws in, border included.
const minFleetRows = 8

func newFleet(c *Common) *Fleet {
	f := &Fleet{c: c, run: fleet.Run, bar: newBar()}
	f.focused = true // it holds the keyboard whenever it is shown
	f.draw = f.render
	return f
}

// Open shows the fleet of app's release settings and starts simulating
// it; the command brings the run's progress, then its result.
func (f *Fleet) Open(app fakeserver.AppState) tea.Cmd {
	f.open, f.app, f.res, f.err = true, app, nil, nil
	f.cfg = fleetConfig(app, f.c.Backend.seed)
	f.progress = fleet.Progress{Total: f.cfg.Phones}
	f.cur = startFleetRun(f.run, f.cfg)
	f.c.Logger.Info("fleet", "app", app.AppID, "phones", f.cfg.Phones, "seed", f.cfg.Seed)
	f.render()
	return f.cur.next
}

// Close closes the view and stops the run under way: a run nobody will
// see would hold the cores for nothing.
func (f *Fleet) Close() {
	if f.cur != nil {
		f.cur.cancel()
		f.cur = nil
	}
	f.open = false
}

// fleetConfig is the default fleet, on the world's seed, releasing a
// version under app's settings; beside it the same release without the
// 24-hour check, the question behind the seeds.
func fleetConfig(app fakeserver.AppState, seed int64) fleet.Config {
	cfg := fleet.DefaultConfig()
	cfg.Seed = seed
	base := fleet.BaseVariant()
	base.Rollout = app.Rollout
	base.MinVersion = heldBelowMinimum(app)
	noCheck := base
	noCheck.Name, noCheck.Periodic = "no-periodic", false
	cfg.Variants = []fleet.Variant{base, noCheck}
	return cfg
}

// heldBelowMinimum reports whether the phones on the version before the
// live one are below the app's minimum usable version: the platform then
// serves the live version to every one of them, rollout or not
// (policy.ServesLive), which is what the fleet's MinVersion simulates.
// With nothing live before, the fleet's phones stand for any older
// version, and only a minimum at the live version is above them all.
func heldBelowMinimum(app fakeserver.AppState) bool {
	if app.MinVersion == "" {
		return false
	}
	if app.Previous != "" {
		c, err := semver.Compare(app.Previous, app.MinVersion)
		return err == nil && c < 0
	}
	c, err := semver.Compare(app.Live, app.MinVersion)
	return err == nil && c <= 0
}

// fleetRun is a simulation under way on its own goroutine, and the way
// its progress and result come back to Update.
type fleetRun struct {
	cancel   context.CancelFunc
	progress chan fleet.Progress // the newest progress Update has not taken
	done     chan fleetDoneMsg
	percent  int // the last percent passed on; the run's goroutine's own
}

// fleetProgressMsg and fleetDoneMsg come from one run: a closed view's
// run still ends with a message, which the view then ignores.
type (
	fleetProgressMsg struct {
		run *fleetRun
		fleet.Progress
	}
	fleetDoneMsg struct {
		run *fleetRun
		res *fleet.Result
		err error
	}
)

func startFleetRun(run fleetRunner, cfg fleet.Config) *fleetRun {
	ctx, cancel := context.WithCancel(context.Background())
	r := &fleetRun{cancel: cancel, progress: make(chan fleet.Progress, 1), done: make(chan fleetDoneMsg, 1)}
	go func() {
		res, err := run(ctx, cfg, r.report)
		r.done <- fleetDoneMsg{run: r, res: res, err: err}
	}()
	return r
}

// report passes progress on by whole percents, so that Update hears at
// most a hundred times a run whatever the fleet's size. It never waits
// for Update, which would slow the run down to the screen's pace: a newer
// progress replaces one not yet taken.
func (r *fleetRun) report(p fleet.Progress) {
	percent := p.Done * 100 / p.Total
	if percent == r.percent {
		return
	}
	r.percent = percent
	select {
	case <-r.progress:
	default:
	}
	r.progress <- p
}

// next waits for the run's next progress or its end. Update asks again
// after each progress, so that they arrive one by one.
func (r *fleetRun) next() tea.Msg {
	select {
	case p := <-r.progress:
		return fleetProgressMsg{run: r, Progress: p}
	case d := <-r.done:
		return d
	}
}

// Update takes the run's messages and the view's keys.
func (f *Fleet) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case fleetProgressMsg:
		if msg.run == f.cur {
			f.progress = msg.Progress
			f.render()
			return f, f.cur.next
		}
	case fleetDoneMsg:
		if msg.run == f.cur {
			f.cur.cancel() // the context's resources
			f.cur, f.res, f.err = nil, msg.res, msg.err
			if msg.err != nil {
				f.c.Logger.Info("fleet failed", "err", msg.err)
			}
			f.render()
		}
	case tea.KeyMsg:
		if key.Matches(msg, f.c.Keys.CloseFleet) {
			f.Close()
		}
	}
	return f, nil
}

func (f *Fleet) render() {
	iw, ih, ok := f.inner(minFleetRows)
	if !ok {
		return
	}
	s := f.c.Styles
	w := iw - 1 // a margin along the left border
	top := f.settingsLines(w)
	var body []string
	switch {
	case f.cur != nil:
		body = f.progressLines(w)
	case f.err != nil:
		body = []string{"", s.Error.Render(clip("✗ the simulation failed: "+f.err.Error(), w))}
	case f.res != nil:
		table := f.table(w)
		chart := f.chart(w, ih-len(top)-len(table)-2)
		body = append(append(append([]string{""}, chart...), ""), table...)
	}
	lines := fitLines(append(top, body...), w, ih)
	for i, l := range lines {
		lines[i] = " " + l
	}
	f.box(s, "Fleet · "+f.app.AppID, lines)
}

// settingsLines say what is simulated: the app's settings as the
// platform has them, and the variants as `miniphone fleet` describes
// them.
func (f *Fleet) settingsLines(w int) []string {
	s := f.c.Styles
	a := f.app
	phones := f.progress.Total
	if f.res != nil {
		phones = f.res.Config.Phones
	}
	lines := []string{s.Bold.Render(clip(fmt.Sprintf("%s · live %s · rollout %d%% · minimum version %s",
		a.AppID, orDefault(a.Live, "-"), a.Rollout, orDefault(a.MinVersion, "-")), w))}
	lines = append(lines, wrap(fmt.Sprintf("A release with these settings, on %d simulated phones over %d days (seed %d):",
		phones, f.cfg.Days, f.cfg.Seed), w)...)
	for _, v := range f.cfg.Variants {
		lines = append(lines, clip(fmt.Sprintf("  %-12s %s", v.Name, v.Describe()), w))
	}
	return lines
}

// progressLines are the bar and what it counts.
func (f *Fleet) progressLines(w int) []string {
	p := f.progress
	percent := fmt.Sprintf(" %3d%%", p.Done*100/max(p.Total, 1))
	// As wide as the chart that takes its place.
	f.bar.Width = max(min(w, fleetChartHours+chartAxis)-ansi.StringWidth(percent), 1)
	return []string{
		"",
		fmt.Sprintf("simulating… %d of %d phones", p.Done, p.Total),
		f.bar.ViewAs(float64(p.Done)/float64(max(p.Total, 1))) + percent,
		"",
		f.c.Styles.Dim.Render(f.c.Keys.CloseFleet.Help().Key + " stops the simulation and closes this view"),
	}
}

// chart is the coverage curve of every variant, at most rows lines of w
// cells.
func (f *Fleet) chart(w, rows int) []string {
	o := fleet.ChartOptions{Width: w - chartAxis, Height: rows, Hours: fleetChartHours, Color: f.c.Styles.ChartColor}
	lines := chartLines(f.res.CoverageChart(o), w)
	if over := len(lines) - rows; over > 0 { // the axes, caption and legend
		o.Height -= over
		lines = chartLines(f.res.CoverageChart(o), w)
	}
	return lines
}

// chartLines cuts a chart into lines of w cells. The plot fits (its width
// is chosen so); a line wider than w is the caption, wrapped under the
// plot.
func chartLines(chart string, w int) []string {
	var out []string
	for _, l := range strings.Split(strings.TrimRight(chart, "\n"), "\n") {
		if ansi.StringWidth(l) <= w {
			out = append(out, fit(l, w))
			continue
		}
		text := strings.TrimLeft(l, " ")
		indent := min(len(l)-len(text), chartAxis)
		for _, part := range wrap(text, w-indent) {
			out = append(out, fit(spaces(indent)+part, w))
		}
	}
	return out
}

// table is, per variant, the hours the coverage took to reach 50, 90 and
// 99 % and how many phones had run the new version by 24 hours and 7
// days, and by which path: the figures of `miniphone fleet`'s summary
// that fit on the screen.
func (f *Fleet) table(w int) []string {
	var b strings.Builder
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "variant\t50%\t90%\t99%\tran it by 24 h\tby 7 d")
	for _, p := range fleet.Paths() {
		fmt.Fprintf(tw, "\t%s", p)
	}
	fmt.Fprint(tw, "\t\n")
	for i := range f.res.Variants {
		v := &f.res.Variants[i]
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s", v.Variant.Name, v.HoursToText(0.5), v.HoursToText(0.9), v.HoursToText(0.99),
			v.ReachedText(24), v.ReachedText(min(7*24, f.res.Hours)))
		for _, p := range fleet.Paths() {
			fmt.Fprintf(tw, "\t%s", v.PathText(p))
		}
		fmt.Fprint(tw, "\t\n")
	}
	tw.Flush()
	var lines []string
	for _, l := range strings.Split(strings.TrimRight(b.String(), "\n"), "\n") {
		lines = append(lines, clip(l, w))
	}
	note := "50/90/99%: the hour the coverage reached it. The rest: of the phones that opened the app, " +
		"the share that had run the new version, and by the end by which path."
	for _, l := range wrap(note, w) {
		lines = append(lines, f.c.Styles.Dim.Render(fit(l, w)))
	}
	return lines
}

// ShortHelp is the view's keys: every other key waits until it closes.
func (f *Fleet) ShortHelp() []key.Binding {
	k := f.c.Keys
	return []key.Binding{k.CloseFleet, k.Quit}
}

// FullHelp is ShortHelp, for the help.KeyMap interface.
func (f *Fleet) FullHelp() [][]key.Binding { return [][]key.Binding{f.ShortHelp()} }
