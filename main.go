// Command miniphone is a terminal phone that runs WeChat-style
// mini-programs, to drive and watch the platform's update machinery.
//
//	miniphone                      the TUI on the embedded default world
//	miniphone --app [ID=]DIR...    the same, with your own mini-programs
//	miniphone run FILE|DIR...      replay scenarios headless
//	miniphone play FILE            play a scenario beside the phone
//	miniphone serve [--addr A]     the fake platform alone
//	miniphone fleet [flags]        a release's reach over a simulated fleet
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"strings"

	"miniphone/engine/scenario"
	"miniphone/fakeserver"
)

// Exit statuses of miniphone run. When miniphone itself fails (a crash, a
// platform that cannot start) the status is its own, so that a script
// never takes a bug or a broken machine for a bad scenario. The Go
// runtime's fatal errors (running out of memory) cannot be caught and exit
// 2, as in every Go program; the bounds on scenario files and on the
// engine's memory are there so that they do not happen.
const (
	exitOK       = 0
	exitFailed   = 1
	exitBadArgs  = 2
	exitInternal = 3
)

func main() {
	paceCollections()
	os.Exit(realMain(os.Args[1:], os.Stdout, os.Stderr))
}

func realMain(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		switch args[0] {
		case "run":
			return runScenarios(args[1:], stdout, stderr)
		case "play":
			return playScenario(args[1:], stderr)
		case "serve":
			return serve(args[1:], stdout, stderr)
		case "fleet":
			return runFleet(args[1:], stdout, stderr)
		}
	}
	return runTUI(args, stderr)
}

// parseFlags parses a command's flags. Asking for help (-h) is not an
// error; a bad flag is.
func parseFlags(fs *flag.FlagSet, args []string) (code int, ok bool) {
	err := fs.Parse(args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return exitOK, false
	case err != nil:
		suggestFlag(fs, err)
		return exitBadArgs, false
	}
	return exitOK, true
}

// suggestFlag follows the flag package's "flag provided but not defined"
// with the flag that was meant, when the slip is a small one.
func suggestFlag(fs *flag.FlagSet, err error) {
	name, ok := strings.CutPrefix(err.Error(), "flag provided but not defined: ")
	if !ok {
		return
	}
	var names []string
	fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
	if near := scenario.Nearest(strings.TrimLeft(name, "-"), names); near != "" {
		fmt.Fprintf(fs.Output(), "did you mean --%s?\n", near)
	}
}

// command is the flag set of a subcommand whose usage is text.
func command(name string, stderr io.Writer, text string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	usage(fs, text)
	return fs
}

func usage(fs *flag.FlagSet, text string) {
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), text)
		fs.PrintDefaults()
	}
}

// runFile is a variable so that a test can make a run crash.
var runFile = scenario.RunFile

func runScenarios(args []string, stdout, stderr io.Writer) (code int) {
	defer reportCrash(stderr, &code)
	fs := command("run", stderr, "usage: miniphone run FILE|DIR...\n\n"+
		"Replays scenario files headless; the transcript goes to stdout.\n"+
		"A folder stands for every .tape file directly inside it, in name order.\n"+
		"Exit status: 0 every expectation held, 1 one failed, 2 bad input, 3 miniphone itself failed.")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return exitBadArgs
	}
	files, bad := tapeFiles(fs.Args(), stderr)
	var scripts []*scenario.Script
	for _, file := range files {
		s, err := scenario.Load(file)
		if err != nil {
			fmt.Fprintln(stderr, err)
			bad = true
			continue
		}
		scripts = append(scripts, s)
	}
	if bad {
		return exitBadArgs
	}
	passed, failed := 0, 0
	for _, s := range scripts {
		fmt.Fprintf(stdout, "# %s\n", s.File)
		res, err := runFile(s, stdout)
		if err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", s.File, err)
			return exitInternal
		}
		if res.Failure != "" {
			fmt.Fprintln(stderr, res.Failure)
			failed++
			continue
		}
		passed++
	}
	fmt.Fprintf(stderr, "scenarios: %d passed, %d failed\n", passed, failed)
	if failed > 0 {
		return exitFailed
	}
	return exitOK
}

// tapeFiles expands each folder among args into the .tape files directly
// inside it, sorted, so that a suite runs in the same order everywhere.
// A folder without one is bad input: running nothing would pass.
func tapeFiles(args []string, stderr io.Writer) (files []string, bad bool) {
	for _, arg := range args {
		info, err := os.Stat(arg)
		if err != nil || !info.IsDir() {
			files = append(files, arg) // Load reports a missing file with the others
			continue
		}
		entries, err := os.ReadDir(arg) // sorted by name
		var found []string
		for _, e := range entries {
			if !e.IsDir() && strings.HasSuffix(e.Name(), ".tape") {
				found = append(found, filepath.Join(arg, e.Name()))
			}
		}
		if err == nil && len(found) == 0 {
			err = errors.New("no .tape file in this folder")
		}
		if err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", arg, err)
			bad = true
			continue
		}
		files = append(files, found...)
	}
	return files, bad
}

// everyInterface reports whether addr listens on every interface, where
// the printed loopback URL serves this machine only.
func everyInterface(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	ip := net.ParseIP(host)
	return host == "" || (ip != nil && ip.IsUnspecified())
}

// reportCrash turns a panic into exit status 3, with the stack for the bug
// report. It must be deferred itself: recover stops a panic only there.
func reportCrash(stderr io.Writer, code *int) {
	if r := recover(); r != nil {
		fmt.Fprintf(stderr, "internal error: %v\n\n%s", r, debug.Stack())
		*code = exitInternal
	}
}

func serve(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:7001", "address to listen on; off loopback the admin API needs the printed token")
	usage(fs, "usage: miniphone serve [--addr HOST:PORT]\n\nRuns the fake platform alone, so that several emulators share it with --server URL.")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "serve: unexpected argument %q (the address goes in --addr)\n", fs.Arg(0))
		fs.Usage()
		return exitBadArgs
	}
	srv, err := fakeserver.Start(*addr)
	if err != nil {
		fmt.Fprintln(stderr, "serve:", err)
		return exitFailed
	}
	defer srv.Close()
	fmt.Fprintf(stdout, "platform listening on %s\n", srv.URL)
	if everyInterface(*addr) {
		fmt.Fprintln(stdout, "on every interface: from another machine, use this machine's address in its place")
	}
	if srv.Token != "" {
		fmt.Fprintf(stdout, "admin token: %s\n", srv.Token)
	}
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt)
	<-stop
	return exitOK
}
