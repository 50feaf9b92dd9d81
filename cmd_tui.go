package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"log/slog"
	"net"
	"net/http"
	neturl "net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"miniphone/engine/miniapp"
	"miniphone/fakeserver"
	"miniphone/protocol"
	"miniphone/tui"
)

// runTUI is miniphone without a subcommand: the terminal phone.
func runTUI(args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("miniphone", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var appArgs []string
	fs.Func("app", "a mini-program project `DIR` to register and publish as 1.0.0, app id the folder's name; ID=DIR chooses the id; repeat for several",
		func(arg string) error { appArgs = append(appArgs, arg); return nil })
	server := fs.String("server", "", "use the shared platform at `URL` (from miniphone serve) instead of one in-process")
	token := fs.String("token", "", "the admin `TOKEN` of the --server platform, if it printed one")
	seed := fs.Int64("seed", 1, "the world's random `N`: the same seed and keys give the same transcript")
	logFile := fs.String("log", "", "write the log to `FILE` (never to the terminal)")
	stateDir := fs.String("state", "", "restore the world saved in `DIR` (phones, packages, caches, clock, platform) and save it there on quit and at S")
	record := fs.String("record", "", "write the session to `FILE` as a scenario, step by step as you go (miniphone run FILE replays it)")
	usage(fs, "usage: miniphone [--app [ID=]DIR]... [--server URL [--token TOKEN] | --state DIR] [--seed N] [--log FILE] [--record FILE]\n"+
		"       miniphone run FILE|DIR...      replay scenarios headless (see miniphone run -h)\n"+
		"       miniphone play FILE            play a scenario beside the phone, step by step\n"+
		"       miniphone serve [--addr A]     the fake platform alone, for --server\n"+
		"       miniphone fleet [flags]        a release's reach over a simulated fleet (see miniphone fleet -h)\n\n"+
		"The terminal phone: the demo mini-programs (and yours) on a phone, the platform console and the event log.\n"+
		"Press ? inside for every key.")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "miniphone: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return exitBadArgs
	}

	apps := tui.DemoApps()
	mine, err := projectApps(appArgs, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "miniphone:", err)
		return exitBadArgs
	}
	for _, app := range mine {
		apps = withApp(apps, app)
	}

	logger, closeLog, err := openLog(*logFile)
	if err != nil {
		fmt.Fprintln(stderr, "miniphone:", err)
		return exitBadArgs
	}
	defer closeLog()

	url, tok := *server, *token
	if url != "" {
		if err := checkServerURL(url); err != nil {
			fmt.Fprintln(stderr, "miniphone: --server:", err)
			return exitBadArgs
		}
		if *stateDir != "" {
			fmt.Fprintln(stderr, "miniphone: --state keeps the in-process platform with the phones: it cannot be used with --server")
			return exitBadArgs
		}
	}
	var client *http.Client
	var platform *fakeserver.Server
	if url == "" {
		// The platform of this emulator alone lives in this process and is
		// reached in memory; miniphone serve is the one to share.
		url = protocol.InProcessURL
		platform = fakeserver.New(fakeserver.Options{})
		client = protocol.InProcessClient(platform)
	}
	backend, err := tui.Start(tui.Config{Seed: *seed, ServerURL: url, Token: tok, Client: client, Apps: apps, Logger: logger, State: *stateDir, Platform: platform})
	var refused *tui.StateError
	if errors.As(err, &refused) {
		fmt.Fprintln(stderr, "miniphone: --state:", err)
		fmt.Fprintln(stderr, "miniphone: the folder was left as it was")
		return exitBadArgs
	}
	if err != nil {
		fmt.Fprintln(stderr, "miniphone:", platformError(err, url, tok))
		return exitFailed
	}
	if *record != "" {
		if err := backend.StartRecording(*record); err != nil {
			backend.Close()
			fmt.Fprintln(stderr, "miniphone: --record:", err)
			return exitBadArgs
		}
	}
	if err := tui.Run(backend, tea.WithAltScreen()); err != nil {
		fmt.Fprintln(stderr, "miniphone:", err)
		return exitFailed
	}
	return exitOK
}

// platformError says what to do about a platform that would not start the
// session: a raw "dial tcp … connection refused" or a bare 401 leaves a
// first-time user guessing.
func platformError(err error, url, token string) error {
	var apiErr *fakeserver.APIError
	var opErr *net.OpError
	switch {
	case errors.As(err, &apiErr) && apiErr.Status == http.StatusUnauthorized && token == "":
		return fmt.Errorf("%w (pass the admin token that miniphone serve printed with --token)", err)
	case errors.As(err, &apiErr) && apiErr.Status == http.StatusUnauthorized:
		return fmt.Errorf("%w (check --token against the admin token that miniphone serve printed)", err)
	case errors.As(err, &opErr) && opErr.Op == "dial":
		return fmt.Errorf("is `miniphone serve` running at %s? nothing answers there (%v)", url, opErr.Err)
	}
	return err
}

// unsafeID matches what an app id may not hold.
var unsafeID = regexp.MustCompile(`[^A-Za-z0-9_-]+`)

// projectApps loads each --app argument, DIR or ID=DIR. An id made from a
// folder's name that is not one ("my app", "待办") is announced on notes:
// the user will look for the app under the name they know.
func projectApps(args []string, notes io.Writer) ([]tui.App, error) {
	var apps []tui.App
	given := map[string]string{} // app id → the argument that took it
	for _, arg := range args {
		id, dir, chosen := splitAppArg(arg)
		if chosen && !fakeserver.ValidAppID(id) {
			return nil, fmt.Errorf("--app %s: app id %q may hold only letters, digits, _ and -, at most 64", arg, id)
		}
		if dir == "" { // "" would be the current folder, which was not asked for
			return nil, fmt.Errorf("--app %s: no folder after the app id (want --app ID=DIR)", arg)
		}
		app, folder, err := projectApp(dir)
		if err != nil {
			return nil, fmt.Errorf("--app %s: %v", arg, err)
		}
		switch {
		case chosen:
			app.ID = id
		case app.ID != folder:
			app.Note = fmt.Sprintf("app id %q, made from the folder's name %q (choose another with --app ID=%s)", app.ID, folder, dir)
			fmt.Fprintf(notes, "miniphone: --app %s: app id %q, made from the folder's name (choose another with --app ID=%s)\n", arg, app.ID, dir)
		}
		if other, taken := given[app.ID]; taken {
			return nil, fmt.Errorf("--app %s: app id %q is taken by --app %s; choose another with --app ID=%s", arg, app.ID, other, dir)
		}
		given[app.ID] = arg
		apps = append(apps, app)
	}
	return apps, nil
}

// splitAppArg reads ID=DIR, or DIR alone. A path with a separator before
// its "=" is a folder, so that ./a=b names the folder "a=b".
func splitAppArg(arg string) (id, dir string, chosen bool) {
	before, after, found := strings.Cut(arg, "=")
	if !found || strings.ContainsAny(before, `/\`) {
		return "", arg, false
	}
	return before, after, true
}

// projectApp checks a project folder and names it after the folder,
// returned too so that the caller can tell whether the name survived. A
// project that does not load is refused before the screen opens, with the
// loader's every problem.
func projectApp(dir string) (app tui.App, folder string, err error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return tui.App{}, "", err
	}
	if info, err := os.Stat(abs); err != nil {
		return tui.App{}, "", err
	} else if !info.IsDir() {
		return tui.App{}, "", fmt.Errorf("not a folder")
	}
	files := os.DirFS(abs)
	if _, err := miniapp.Load(files); err != nil {
		return tui.App{}, "", err
	}
	folder = filepath.Base(abs)
	id := unsafeID.ReplaceAllString(folder, "-")
	if len(id) > 64 {
		id = id[:64]
	}
	if id == "" || id == "-" {
		id = "app"
	}
	return tui.App{ID: id, Files: files, Dir: abs}, folder, nil
}

// withApp adds app, replacing a demo of the same id: the user's own
// project is what they came to see.
func withApp(apps []tui.App, app tui.App) []tui.App {
	out := []tui.App{}
	for _, a := range apps {
		if a.ID != app.ID {
			out = append(out, a)
		}
	}
	return append(out, app)
}

// openLog opens the log file, or discards the log without one. The
// standard logger goes there too: a stray log line on the terminal would
// tear the screen.
func openLog(file string) (*slog.Logger, func(), error) {
	if file == "" {
		log.SetOutput(io.Discard)
		return slog.New(slog.DiscardHandler), func() {}, nil
	}
	f, err := os.OpenFile(file, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, nil, fmt.Errorf("--log: %w", err)
	}
	logger := slog.New(slog.NewTextHandler(f, nil))
	slog.SetDefault(logger) // the standard logger now writes through it

	return logger, func() { f.Close() }, nil
}

// checkServerURL catches the usual slip of giving --server an address
// without its scheme, which would otherwise fail with a parser's riddle.
func checkServerURL(raw string) error {
	u, err := neturl.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("%q is not a platform URL: give it as http://HOST:PORT, as miniphone serve prints it", raw)
	}
	return nil
}
