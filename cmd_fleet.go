package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"

	"miniphone/engine/fleet"
)

// variantFlags collects repeated --variant flags.
type variantFlags []string

func (v *variantFlags) String() string     { return strings.Join(*v, " ") }
func (v *variantFlags) Set(s string) error { *v = append(*v, s); return nil }

// fleetUsage documents the usage patterns and variants next to the flags.
func fleetUsage() string {
	var b strings.Builder
	b.WriteString("usage: miniphone fleet [--phones N] [--days D] [--mix daily=60,weekly=25,rare=10,gone=5]\n" +
		"                       [--networks wifi=60,4g=30,3g=7,2g=3] [--old-clients PCT] [--rollout PCT] [--min-version]\n" +
		"                       [--package-kb N] [--variant NAME=FLAGS]... [--csv FILE] [--seed N]\n\n" +
		"Simulates a fleet of phones that have version 1.0.0 of an app when 1.1.0 is released (hour 0,\n" +
		"09:00 local time), with the engine's own update rules, and prints the coverage curve: of the\n" +
		"phones that open the app in each hour, the share that run the new version, split by how they\n" +
		"got it (async update then a later cold start; synchronous after the 24-hour check; synchronous\n" +
		"after more than 7 days away; not yet), the hours to 50/90/99 %, and the seeds' claims.\n\n" +
		"Usage patterns (--mix): visits come at random, spread over the day (quiet 1-5 h, busiest at\n" +
		"noon and 19-22 h); after leaving, a user may come back within minutes (a hot start while\n" +
		"WeChat keeps the app, 30 min), else the next open is a cold start. Each stays ~3 min.\n")
	for _, p := range fleet.Patterns {
		fmt.Fprintf(&b, "  %-7s %s\n", p.Name, p.About)
	}
	b.WriteString("\nNetworks (--networks): a phone keeps its network; a synchronous update that takes more than\n" +
		"10 s (a large package on 2g) launches the old version and the download goes on in the background.\n\n" +
		"Variants (--variant NAME=KEY:VALUE,...) run side by side on the same phones, changing the base:\n" +
		"  periodic:on|off      the 24-hour check of clients 6.6.3+ (off: the world before it)\n" +
		"  rollout:PCT          staged rollout percentage\n" +
		"  min-version:on|off   the new version is also the minimum usable version\n" +
		"  old-clients:PCT      share of clients below 6.6.3\n" +
		"e.g. --variant no-periodic=periodic:off --variant tenth=rollout:10\n\nFlags:")
	return b.String()
}

func runFleet(args []string, stdout, stderr io.Writer) (code int) {
	defer reportCrash(stderr, &code)
	base := fleet.DefaultConfig()
	bv := fleet.BaseVariant()
	fs := flag.NewFlagSet("fleet", flag.ContinueOnError)
	fs.SetOutput(stderr)
	phones := fs.Int("phones", base.Phones, fmt.Sprintf("simulate `N` phones (at most %d)", fleet.MaxPhones))
	days := fs.Int("days", base.Days, fmt.Sprintf("for `D` days after the release (at most %d)", fleet.MaxDays))
	mix := fs.String("mix", base.Mix.String(fleet.PatternNames()), "usage patterns as `NAME=PCT,...`, adding up to 100")
	networks := fs.String("networks", base.Networks.String(fleet.NetworkNames()), "networks ("+strings.Join(fleet.NetworkNames(), ", ")+") as `NAME=PCT,...`, adding up to 100")
	oldClients := fs.Int("old-clients", bv.OldClients, "`PCT` of phones on a WeChat client below 6.6.3 (no 24-hour check)")
	rollout := fs.Int("rollout", bv.Rollout, "staged rollout `PCT`")
	minVersion := fs.Bool("min-version", false, "make the new version the minimum usable version")
	packageKB := fs.Int64("package-kb", base.PackageBytes>>10, "the new package's size in `KB`")
	seed := fs.Int64("seed", base.Seed, "random `N`: the same seed gives the same curve and CSV")
	csvFile := fs.String("csv", "", "also write the curve to `FILE` as CSV")
	var variants variantFlags
	fs.Var(&variants, "variant", "run `NAME=FLAGS` beside the base (repeatable; see above)")
	usage(fs, fleetUsage())
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	bad := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "miniphone fleet: "+format+"\n", a...)
		return exitBadArgs
	}
	if fs.NArg() > 0 {
		return bad("unexpected argument %q", fs.Arg(0))
	}
	cfg := base
	cfg.Phones, cfg.Days, cfg.Seed, cfg.PackageBytes = *phones, *days, *seed, *packageKB<<10
	if *packageKB < 1 || *packageKB > fleet.MaxPackageKB {
		return bad("--package-kb: %d, want 1 to %d", *packageKB, fleet.MaxPackageKB)
	}
	var err error
	if cfg.Mix, err = fleet.ParseShares(*mix, fleet.PatternNames()); err != nil {
		return bad("--mix: %v", err)
	}
	if cfg.Networks, err = fleet.ParseShares(*networks, fleet.NetworkNames()); err != nil {
		return bad("--networks: %v", err)
	}
	for name, pct := range map[string]int{"old-clients": *oldClients, "rollout": *rollout} {
		if pct < 0 || pct > 100 {
			return bad("--%s: %d, want a percentage from 0 to 100", name, pct)
		}
	}
	bv.OldClients, bv.Rollout, bv.MinVersion = *oldClients, *rollout, *minVersion
	cfg.Variants = []fleet.Variant{bv}
	for _, text := range variants {
		v, err := fleet.ParseVariant(text, bv)
		if err != nil {
			return bad("--variant %v", err)
		}
		cfg.Variants = append(cfg.Variants, v)
	}
	if err := cfg.Validate(); err != nil {
		return bad("%v", err)
	}
	if *csvFile != "" {
		if fi, err := os.Stat(filepath.Dir(*csvFile)); err != nil || !fi.IsDir() {
			return bad("--csv %s: no such folder", *csvFile)
		}
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	res, err := fleet.Run(ctx, cfg, progressLine(stderr))
	if err != nil {
		fmt.Fprintln(stderr, "\nminiphone fleet:", err)
		return exitFailed
	}
	printFleet(stdout, res, colorful(stdout))
	if *csvFile != "" {
		if err := writeCSV(*csvFile, res); err != nil {
			fmt.Fprintln(stderr, "miniphone fleet:", err)
			return exitFailed
		}
		fmt.Fprintf(stdout, "\nCSV: %s\n", *csvFile)
	}
	return exitOK
}

func printFleet(w io.Writer, res *fleet.Result, color bool) {
	cfg := res.Config
	fmt.Fprintf(w, "%d phones × %d days, seed %d; %s released to phones on %s at hour 0 (09:00)\n",
		cfg.Phones, cfg.Days, cfg.Seed, fleet.NewVersion, fleet.OldVersion)
	fmt.Fprintf(w, "usage %s · networks %s · package %d KB\n",
		cfg.Mix.String(fleet.PatternNames()), cfg.Networks.String(fleet.NetworkNames()), cfg.PackageBytes>>10)
	for _, v := range cfg.Variants {
		fmt.Fprintf(w, "  %-24s %s\n", v.Name, v.Describe())
	}
	opts := fleet.ChartOptions{Width: 72, Height: 12, Hours: 72, Color: color}
	fmt.Fprintf(w, "\n%s", res.CoverageChart(opts))
	for i := range res.Variants {
		fmt.Fprintf(w, "\n%s", res.PathChart(i, opts))
	}
	fmt.Fprintln(w)
	res.WriteSummary(w)
}

func writeCSV(file string, res *fleet.Result) error {
	f, err := os.Create(file)
	if err != nil {
		return err
	}
	if err := res.WriteCSV(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// terminal reports whether w is a terminal.
func terminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// colorful: colours on a terminal, unless NO_COLOR says otherwise.
func colorful(w io.Writer) bool { return terminal(w) && os.Getenv("NO_COLOR") == "" }

// progressLine shows the run's progress on a terminal, by whole percents.
func progressLine(w io.Writer) func(fleet.Progress) {
	if !terminal(w) {
		return nil
	}
	last := -1
	return func(p fleet.Progress) {
		pct := p.Done * 100 / p.Total
		if pct != last {
			last = pct
			fmt.Fprintf(w, "\rsimulating %d phones… %3d%%", p.Total, pct)
		}
		if p.Done == p.Total {
			fmt.Fprint(w, "\r\033[K")
		}
	}
}
