package fleet

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/guptarohit/asciigraph"
)

// WriteCSV writes the curve, one row per variant and hour after the
// release: the phones that opened the app in that hour, split by what
// they ran (the new version by each path, or not yet), the coverage, and
// how many phones had run the new version by the end of the hour. The
// bytes depend only on the result, so one seed gives one file.
func (r *Result) WriteCSV(w io.Writer) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("variant,hour,active,async,periodic,7-day,not_yet,coverage,reached\n")
	var line []byte
	for _, v := range r.Variants {
		for h := range r.Hours {
			line = append(line[:0], v.Variant.Name...)
			line = append(line, ',')
			line = strconv.AppendInt(line, int64(h), 10)
			line = append(line, ',')
			line = strconv.AppendInt(line, v.ActiveIn(h), 10)
			for _, n := range v.Hourly {
				line = append(line, ',')
				line = strconv.AppendInt(line, n[h], 10)
			}
			line = append(line, ',')
			line = strconv.AppendFloat(line, v.Share(h), 'f', 6, 64)
			line = append(line, ',')
			line = strconv.AppendInt(line, v.ReachedAt(h+1), 10)
			line = append(line, '\n')
			bw.Write(line)
		}
	}
	return bw.Flush()
}

// ChartOptions shape the terminal charts.
type ChartOptions struct {
	Width, Height int // the plot's columns and rows, axis labels aside
	// Hours is how many hours after the release to draw, 0 for all: the
	// curve's story is in its first days.
	Hours int
	Color bool
}

func (o ChartOptions) hours(r *Result) int {
	if o.Hours <= 0 || o.Hours > r.Hours {
		return r.Hours
	}
	return o.Hours
}

// seriesChars tell the series apart when there is no colour.
var seriesChars = []asciigraph.CharSet{
	asciigraph.DefaultCharSet,
	asciigraph.CreateCharSet("•"),
	asciigraph.CreateCharSet("+"),
	asciigraph.CreateCharSet("x"),
	asciigraph.CreateCharSet("o"),
	asciigraph.CreateCharSet("*"),
}

var seriesColors = []asciigraph.AnsiColor{
	asciigraph.Default, asciigraph.Red, asciigraph.Green, asciigraph.Blue, asciigraph.Yellow, asciigraph.Magenta,
}

// CoverageChart draws every variant's coverage, in percent, against the
// hours after the release.
func (r *Result) CoverageChart(o ChartOptions) string {
	var series [][]float64
	var names []string
	for i := range r.Variants {
		v := &r.Variants[i]
		series = append(series, columns(o, r, func(h int) (int64, int64) {
			return v.ActiveIn(h) - v.Hourly[NotYet][h], v.ActiveIn(h)
		}))
		names = append(names, v.Variant.Name)
	}
	return r.plot(series, names, "coverage: % of the phones opening the app that run the new version, by hour after the release", o)
}

// PathChart draws one variant's coverage split by path, stacked: the
// lowest line is the async path, the next adds the 24-hour check, the top
// one adds the 7-day rule and is the whole coverage.
func (r *Result) PathChart(variant int, o ChartOptions) string {
	v := &r.Variants[variant]
	var series [][]float64
	var names []string
	for _, upTo := range Paths() {
		series = append(series, columns(o, r, func(h int) (int64, int64) {
			n := int64(0)
			for p := PathAsync; p <= upTo; p++ {
				n += v.Hourly[p][h]
			}
			return n, v.ActiveIn(h)
		}))
		names = append(names, "+"+upTo.String())
	}
	names[0] = PathAsync.String()
	return r.plot(series, names, v.Variant.Name+": coverage by path, stacked", o)
}

// columns turns an hourly ratio into at most width points, each the
// ratio of the sums over its hours, in percent: a column is as many
// phones as it covers, not an average of hours with few and many.
func columns(o ChartOptions, r *Result, ratio func(h int) (n, of int64)) []float64 {
	hours := o.hours(r)
	cols := min(max(o.Width, 2), hours)
	out := make([]float64, cols)
	for c := range out {
		var n, of int64
		for h := c * hours / cols; h < (c+1)*hours/cols; h++ {
			a, b := ratio(h)
			n, of = n+a, of+b
		}
		out[c] = 100 * share(n, of)
	}
	return out
}

func (r *Result) plot(series [][]float64, names []string, caption string, o ChartOptions) string {
	caption += fmt.Sprintf(" (hours 0-%d)", o.hours(r))
	opts := []asciigraph.Option{
		asciigraph.Height(max(o.Height, 4)),
		asciigraph.LowerBound(0),
		asciigraph.UpperBound(100),
		asciigraph.Precision(0),
		asciigraph.XAxisRange(0, float64(o.hours(r))),
		asciigraph.XAxisTickCount(ticks(o.hours(r)) + 1),
		asciigraph.XAxisValueFormatter(func(h float64) string { return fmt.Sprintf("%.0fh", h) }),
		asciigraph.Caption(caption),
	}
	if o.Color {
		opts = append(opts, asciigraph.SeriesColors(seriesColors[:len(series)]...), asciigraph.SeriesLegends(names...))
		return asciigraph.PlotMany(series, opts...) + "\n"
	}
	opts = append(opts, asciigraph.SeriesChars(seriesChars[:len(series)]...))
	var legend []string
	for i, name := range names {
		legend = append(legend, seriesChars[i].Horizontal+" "+name)
	}
	return asciigraph.PlotMany(series, opts...) + "\n      " + strings.Join(legend, "   ") + "\n"
}

// ticks is how many intervals the x axis gets: 7 or 6, whichever divides
// the hours (whole days, so 6 always does), so that every tick falls on a
// whole hour.
func ticks(hours int) int {
	if hours%7 == 0 {
		return 7
	}
	return 6
}

// Most variants a chart can tell apart.
const maxSeries = 6

// WriteSummary writes, per variant, the hours coverage took to reach 50,
// 90 and 99 %, how many phones had run the new version by 24 hours, 7
// days and the end and by which path, and the figures behind the seeds'
// claims.
func (r *Result) WriteSummary(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "variant\tphones\tactive\t50%%\t90%%\t99%%\tran it by 24 h\tby 7 d\tby the end\tasync\tperiodic\t7-day\t\n")
	end := r.Hours
	for i := range r.Variants {
		v := &r.Variants[i]
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t%s\t%s\t%s\t%s\t%s", v.Variant.Name, v.Phones, v.Active,
			v.HoursToText(0.5), v.HoursToText(0.9), v.HoursToText(0.99),
			v.ReachedText(24), v.ReachedText(min(7*24, end)), v.ReachedText(end))
		for _, p := range Paths() {
			fmt.Fprintf(tw, "\t%s", v.PathText(p))
		}
		fmt.Fprintf(tw, "\t\n")
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "\n%% are of the phones that opened the app after the release (active); coverage is per hour, of the phones opening the app in that hour.\n")
	fmt.Fprintf(w, "\nThe seeds' claims, as this fleet bears them out:\n")
	for _, c := range []struct {
		seed, claim, measure string
		n, of                func(v *VariantResult) int64
	}{
		{"003", "最差情况下，也在发布之后 24 小时之内下发新版本信息", "of the phones used within 7 days before the release heard of it within 24 h",
			func(v *VariantResult) int64 { return v.HeardInDay }, func(v *VariantResult) int64 { return v.RecentAtRelease }},
		{"004", "新版本发布 24 小时后，所有小程序都能使用最新版本", "of the phones cold-starting the app from hour 24 on ran the new version the first time",
			func(v *VariantResult) int64 { return v.LatePhonesNew }, func(v *VariantResult) int64 { return v.LatePhones }},
		{"004", "超过7天没有打开过小程序 … 强制同步拉取新版本", "of the cold starts after more than 7 days away ran the new version",
			func(v *VariantResult) int64 { return v.StaleColdStartsNew }, func(v *VariantResult) int64 { return v.StaleColdStarts }},
	} {
		fmt.Fprintf(w, "  seed %s 「%s」\n", c.seed, c.claim)
		for i := range r.Variants {
			v := &r.Variants[i]
			fmt.Fprintf(w, "    %-24s %7s %s\n", v.Variant.Name, percentOf(c.n(v), c.of(v)), c.measure)
		}
	}
	return nil
}

// HoursToText is HoursTo as the reports write it: "12 h", or "never".
func (r *VariantResult) HoursToText(target float64) string {
	if h, ok := r.HoursTo(target); ok {
		return fmt.Sprintf("%d h", h)
	}
	return "never"
}

// ReachedText is the share of the active phones that had run the new
// version h hours after the release, as the reports write it: "62.2%".
func (r *VariantResult) ReachedText(h int) string { return percentOf(r.ReachedAt(h), r.Active) }

// PathText is the share of the active phones that had run the new version
// by the end of the run by path p, as the reports write it.
func (r *VariantResult) PathText(p Path) string {
	byEnd := r.Reached[p]
	return percentOf(byEnd[len(byEnd)-1], r.Active)
}

// percentOf rounds down, so that 99.96 % does not read as everyone.
func percentOf(n, of int64) string {
	if of == 0 {
		return "-"
	}
	return strconv.FormatFloat(math.Floor(1000*share(n, of))/10, 'f', 1, 64) + "%"
}
