package fleet

import (
	"bytes"
	"context"
	"errors"
	"math"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
	"unsafe"
)

func smallConfig(phones, days int, variants ...Variant) Config {
	cfg := DefaultConfig()
	cfg.Phones, cfg.Days = phones, days
	if len(variants) > 0 {
		cfg.Variants = variants
	}
	return cfg
}

func mustRun(t *testing.T, cfg Config) *Result {
	t.Helper()
	res, err := Run(context.Background(), cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func csvOf(t *testing.T, res *Result) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := res.WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// A seed gives one CSV, byte for byte, however many cores share the
// phones; another seed gives another.
func TestSameSeedSameCSVWhateverTheCores(t *testing.T) {
	cfg := smallConfig(6*chunk+17, 3, BaseVariant(), Variant{Name: "no-periodic", Rollout: 100, OldClients: 2})
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	var csvs [][]byte
	for _, procs := range []int{1, 2} {
		runtime.GOMAXPROCS(procs)
		csvs = append(csvs, csvOf(t, mustRun(t, cfg)))
	}
	cfg.Workers = 5
	csvs = append(csvs, csvOf(t, mustRun(t, cfg)))
	for i, c := range csvs[1:] {
		if !bytes.Equal(c, csvs[0]) {
			t.Errorf("run %d gave another CSV than GOMAXPROCS=1:\n%s", i+2, firstDifference(csvs[0], c))
		}
	}
	cfg.Seed++
	if bytes.Equal(csvOf(t, mustRun(t, cfg)), csvs[0]) {
		t.Error("another seed gave the same CSV")
	}
}

func firstDifference(a, b []byte) string {
	la, lb := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := range min(len(la), len(lb)) {
		if la[i] != lb[i] {
			return la[i] + "\n" + lb[i]
		}
	}
	return "one is a prefix of the other"
}

// The simulation's whole state for a phone fits in 64 bytes.
func TestPhoneStateIsCompact(t *testing.T) {
	if size := unsafe.Sizeof(phone{}); size > 64 {
		t.Errorf("a phone's state takes %d bytes, want at most 64", size)
	}
}

// Visits come at each pattern's rate, spread over the day as Hours says,
// run forwards or backwards.
func TestVisitsFollowThePattern(t *testing.T) {
	const days = 20000
	cal := newCalendar(0, days*24*time.Hour, 0, 9*time.Hour)
	var weights float64
	for _, w := range Hours {
		weights += w
	}
	for p, pat := range Patterns[:3] {
		r := rng{s: uint64(p)}
		var byHour [24]float64
		n := 0
		for at := cal.after(&r, p, 0); at != never; at = cal.after(&r, p, at) {
			byHour[(at+cal.clock0)/time.Hour%24]++
			n++
		}
		perDay := float64(n) / days
		if math.Abs(perDay-pat.VisitsPerDay)/pat.VisitsPerDay > 0.1 {
			t.Errorf("%s: %.3f visits a day, want about %.3f", pat.Name, perDay, pat.VisitsPerDay)
		}
		if p == 0 {
			for h, c := range byHour {
				if want := Hours[h] / weights; math.Abs(c/float64(n)-want) > 0.01 {
					t.Errorf("%s: %.3f of the visits at %d h, want about %.3f", pat.Name, c/float64(n), h, want)
				}
			}
		}
		// Backwards, from the end: the same process.
		r = rng{s: uint64(p) + 100}
		back := 0
		for at := cal.before(&r, p, cal.end); at >= 0; at = cal.before(&r, p, at) {
			back++
		}
		if math.Abs(float64(back-n))/float64(n) > 0.1 {
			t.Errorf("%s: %d visits backwards, %d forwards", pat.Name, back, n)
		}
	}
	gone := rng{}
	if at := cal.after(&gone, 3, 0); at != never {
		t.Errorf("a gone user visits at %s", at)
	}
}

// Each variant changes what it says it changes, and only that, on the
// same phones.
func TestVariants(t *testing.T) {
	base := BaseVariant()
	with := func(name string, f func(v *Variant)) Variant {
		v := base
		v.Name = name
		f(&v)
		return v
	}
	res := mustRun(t, smallConfig(10_000, 14,
		base,
		with("no-periodic", func(v *Variant) { v.Periodic = false }),
		with("all-old", func(v *Variant) { v.OldClients = 100 }),
		with("none", func(v *Variant) { v.Rollout = 0 }),
		with("tenth", func(v *Variant) { v.Rollout = 10 }),
		with("tenth-min", func(v *Variant) { v.Rollout = 10; v.MinVersion = true }),
	))
	byName := map[string]*VariantResult{}
	for i := range res.Variants {
		byName[res.Variants[i].Variant.Name] = &res.Variants[i]
	}
	end := res.Hours
	reached := func(name string) float64 { v := byName[name]; return share(v.ReachedAt(end), v.Active) }
	b, off := byName["base"], byName["no-periodic"]

	if n := off.Reached[PathPeriodic][end]; n != 0 {
		t.Errorf("without the 24-hour check, %d phones got the version by it", n)
	}
	if b.Reached[PathPeriodic][end] == 0 {
		t.Error("with the 24-hour check, no phone got the version by it")
	}
	// No client checking is no client checking, whatever the reason.
	off.Variant.Name = "all-old"
	var a, o bytes.Buffer
	(&Result{Hours: res.Hours, Variants: []VariantResult{*byName["all-old"]}}).WriteCSV(&a)
	(&Result{Hours: res.Hours, Variants: []VariantResult{*off}}).WriteCSV(&o)
	off.Variant.Name = "no-periodic"
	if !bytes.Equal(a.Bytes(), o.Bytes()) {
		t.Errorf("all clients old and the check off give different curves:\n%s", firstDifference(a.Bytes(), o.Bytes()))
	}
	// The check is what makes a late cold start a new one.
	if late, lateOff := share(b.LatePhonesNew, b.LatePhones), share(off.LatePhonesNew, off.LatePhones); late <= lateOff {
		t.Errorf("phones on the new version at their first cold start from hour 24 on: %.4f with the check, %.4f without", late, lateOff)
	}
	if heard, heardOff := share(b.HeardInDay, b.RecentAtRelease), share(off.HeardInDay, off.RecentAtRelease); heard < 0.95 || heard <= heardOff {
		t.Errorf("recent users who heard within 24 h: %.3f with the check, %.3f without", heard, heardOff)
	}
	if h90, _ := b.HoursTo(0.9); h90 > 24 {
		t.Errorf("the base release reached 90%% coverage only at hour %d", h90)
	}
	if got := reached("none"); got != 0 {
		t.Errorf("a 0%% rollout reached %.3f of the phones", got)
	}
	if got := reached("tenth"); got < 0.08 || got > 0.12 {
		t.Errorf("a 10%% rollout reached %.3f of the phones", got)
	}
	// A minimum version serves the new version to every phone, whatever
	// the rollout.
	if got := reached("tenth-min"); got < reached("base") {
		t.Errorf("a 10%% rollout with a minimum version reached %.3f, less than the full release's %.3f", got, reached("base"))
	}
	for _, v := range res.Variants {
		if v.Phones != 10_000 || v.Active != b.Active {
			t.Errorf("%s: %d phones, %d active; the base has %d active", v.Variant.Name, v.Phones, v.Active, b.Active)
		}
	}
}

func TestRunReportsProgressAndStops(t *testing.T) {
	cfg := smallConfig(10*chunk, 2)
	last := Progress{}
	calls := 0
	mustRun(t, cfg) // warm
	_, err := Run(context.Background(), cfg, func(p Progress) {
		if p.Done <= last.Done || p.Total != cfg.Phones {
			t.Errorf("progress %+v after %+v", p, last)
		}
		last = p
		calls++
	})
	if err != nil || last.Done != cfg.Phones || calls != 10 {
		t.Errorf("err %v, last progress %+v after %d calls", err, last, calls)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Run(ctx, cfg, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("a cancelled run returned %v", err)
	}
}

func TestParseShares(t *testing.T) {
	names := PatternNames()
	got, err := ParseShares("weekly=25, daily=60,rare=10,gone=5", names)
	if err != nil || got.String(names) != "daily=60,weekly=25,rare=10,gone=5" {
		t.Errorf("got %v, %v", got, err)
	}
	if got, err := ParseShares("daily=100", names); err != nil || got.String(names) != "daily=100" {
		t.Errorf("daily=100: got %v, %v", got, err)
	}
	for text, want := range map[string]string{
		"daily=60,weekly=25":         "add up to 85%",
		"daily=60,hourly=40":         `unknown name "hourly"`,
		"daily=50,daily=50":          "given twice",
		"daily":                      "want NAME=PERCENT",
		"daily=x":                    "not a percentage",
		"daily=101":                  "not a percentage",
		"daily=-5,weekly=105":        "not a percentage",
		"daily=60%,weekly=40%":       "",
		"daily=0,weekly=0,rare=0":    "add up to 0%",
		"":                           "want NAME=PERCENT",
		"daily=60,weekly=40,":        "want NAME=PERCENT",
		"daily=60,weekly=30,rare=10": "",
	} {
		_, err := ParseShares(text, names)
		if want == "" && err != nil || want != "" && (err == nil || !strings.Contains(err.Error(), want)) {
			t.Errorf("ParseShares(%q) = %v, want an error containing %q", text, err, want)
		}
	}
}

func TestParseVariant(t *testing.T) {
	base := BaseVariant()
	v, err := ParseVariant("staged=rollout:10,min-version:on,periodic:off,old-clients:50", base)
	want := Variant{Name: "staged", Rollout: 10, MinVersion: true, OldClients: 50}
	if err != nil || v != want {
		t.Errorf("got %+v, %v; want %+v", v, err, want)
	}
	for text, msg := range map[string]string{
		"no-periodic":      "want NAME=KEY:VALUE",
		"x=":               "want NAME=KEY:VALUE",
		"x=periodic":       "want KEY:VALUE",
		"x=periodic:maybe": "want on or off",
		"x=rollout:150":    "not a percentage",
		"x=speed:fast":     `unknown key "speed"`,
		"a b=periodic:off": "variant name",
		"=periodic:off":    "variant name",
		strings.Repeat("n", 25) + "=periodic:off": "variant name",
	} {
		if _, err := ParseVariant(text, base); err == nil || !strings.Contains(err.Error(), msg) {
			t.Errorf("ParseVariant(%q) = %v, want an error containing %q", text, err, msg)
		}
	}
}

func TestValidate(t *testing.T) {
	for _, tc := range []struct {
		change func(c *Config)
		want   string
	}{
		{func(c *Config) { c.Phones = 0 }, "phones"},
		{func(c *Config) { c.Phones = MaxPhones + 1 }, "phones"},
		{func(c *Config) { c.Days = 0 }, "days"},
		{func(c *Config) { c.Days = MaxDays + 1 }, "days"},
		{func(c *Config) { c.PackageBytes = 0 }, "package"},
		{func(c *Config) { c.Mix = Shares{100} }, "1 shares for 4 kinds"},
		{func(c *Config) { c.Networks = Shares{50, 0, 0, 0, 0} }, "add up to 50%"},
		{func(c *Config) { c.Variants = nil }, "no variant"},
		{func(c *Config) { c.Variants = append(c.Variants, BaseVariant()) }, "named twice"},
		{func(c *Config) {
			for range maxSeries {
				c.Variants = append(c.Variants, Variant{Name: "v" + string(rune('a'+len(c.Variants)))})
			}
		}, "at most 6"},
		{func(c *Config) { c.Settings.StaleAfter = 0 }, "positive durations"},
	} {
		cfg := DefaultConfig()
		tc.change(&cfg)
		if err := cfg.Validate(); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Validate() = %v, want an error containing %q", err, tc.want)
		}
		if _, err := Run(context.Background(), cfg, nil); err == nil {
			t.Errorf("Run ran a configuration Validate refuses (%s)", tc.want)
		}
	}
	cfg := DefaultConfig()
	if err := cfg.Validate(); err != nil {
		t.Errorf("the default configuration: %v", err)
	}
}

func TestReport(t *testing.T) {
	res := mustRun(t, smallConfig(5000, 3, BaseVariant(), Variant{Name: "no-periodic", Rollout: 100}))
	csv := string(csvOf(t, res))
	lines := strings.Split(strings.TrimSuffix(csv, "\n"), "\n")
	if lines[0] != "variant,hour,active,async,periodic,7-day,not_yet,coverage,reached" || len(lines) != 1+2*res.Hours {
		t.Fatalf("CSV header %q and %d lines, want %d", lines[0], len(lines), 1+2*res.Hours)
	}
	// Hour 30 of the base: the split adds up to the phones active then.
	v := res.Variants[0]
	want := strings.Join([]string{"base", "30", itoa(v.ActiveIn(30)), itoa(v.Hourly[0][30]), itoa(v.Hourly[1][30]),
		itoa(v.Hourly[2][30]), itoa(v.Hourly[3][30])}, ",") + ","
	if !strings.HasPrefix(lines[31], want) {
		t.Errorf("CSV line %q, want it to start %q", lines[31], want)
	}

	chart := res.CoverageChart(ChartOptions{Width: 40, Height: 8, Hours: 48})
	for _, want := range []string{"100 ┤", "48h", "(hours 0-48)", "─ base   • no-periodic"} {
		if !strings.Contains(chart, want) {
			t.Errorf("the chart lacks %q:\n%s", want, chart)
		}
	}
	if strings.Contains(chart, "\x1b[") {
		t.Errorf("a chart without colour has escape codes:\n%s", chart)
	}
	if chart := res.PathChart(0, ChartOptions{Width: 40, Height: 8, Color: true}); !strings.Contains(chart, "\x1b[") || !strings.Contains(chart, "+7-day") {
		t.Errorf("the path chart in colour:\n%s", chart)
	}

	var sum bytes.Buffer
	if err := res.WriteSummary(&sum); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"50%", "no-periodic", "24 小时之内", "强制同步", "of the phones cold-starting the app from hour 24 on ran the new version"} {
		if !strings.Contains(sum.String(), want) {
			t.Errorf("the summary lacks %q:\n%s", want, sum.String())
		}
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func TestPercentOfRoundsDown(t *testing.T) {
	for _, tc := range []struct {
		n, of int64
		want  string
	}{{9996, 10000, "99.9%"}, {1, 1, "100.0%"}, {0, 5, "0.0%"}, {1, 0, "-"}, {1, 3, "33.3%"}} {
		if got := percentOf(tc.n, tc.of); got != tc.want {
			t.Errorf("percentOf(%d, %d) = %s, want %s", tc.n, tc.of, got, tc.want)
		}
	}
}
