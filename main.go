// Command miniphone is a terminal phone that runs WeChat-style
// mini-programs, to drive and watch the platform's update machinery.
//
//	miniphone                      the TUI on the embedded default world
//	miniphone --app DIR            the same, with your own mini-program
//	miniphone run FILE...          replay scenarios headless
//	miniphone serve [--addr A]     the fake platform alone
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"

	"miniphone/engine/scenario"
	"miniphone/fakeserver"
)

// Exit statuses of miniphone run.
const (
	exitOK      = 0
	exitFailed  = 1
	exitBadArgs = 2
)

func main() {
	os.Exit(realMain(os.Args[1:], os.Stdout, os.Stderr))
}

func realMain(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		switch args[0] {
		case "run":
			return runScenarios(args[1:], stdout, stderr)
		case "serve":
			return serve(args[1:], stdout, stderr)
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
		return exitBadArgs, false
	}
	return exitOK, true
}

func usage(fs *flag.FlagSet, text string) {
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), text)
		fs.PrintDefaults()
	}
}

func runScenarios(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	fs.SetOutput(stderr)
	usage(fs, "usage: miniphone run FILE...\n\nReplays scenario files headless; the transcript goes to stdout.\nExit status: 0 every expectation held, 1 one failed, 2 bad input.")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return exitBadArgs
	}
	var scripts []*scenario.Script
	bad := false
	for _, file := range fs.Args() {
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
		res, err := scenario.RunFile(s, stdout)
		if err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", s.File, err)
			return exitBadArgs
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

func serve(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:7001", "address to listen on; off loopback the admin API needs the printed token")
	usage(fs, "usage: miniphone serve [--addr HOST:PORT]\n\nRuns the fake platform alone, so that several emulators share it with --server URL.")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	srv, err := fakeserver.Start(*addr)
	if err != nil {
		fmt.Fprintln(stderr, "serve:", err)
		return exitFailed
	}
	defer srv.Close()
	fmt.Fprintf(stdout, "platform listening on %s\n", srv.URL)
	if srv.Token != "" {
		fmt.Fprintf(stdout, "admin token: %s\n", srv.Token)
	}
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt)
	<-stop
	return exitOK
}
