package main

import (
	"bytes"
	"errors"
	"io"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"miniphone/fakeserver"
)

// A --server with nothing listening asks whether the platform runs there
// instead of printing the dialer's words alone.
func TestServerNotRunning(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	url := "http://" + ln.Addr().String()
	ln.Close() // the port is now one where nothing listens
	var stderr bytes.Buffer
	code := realMain([]string{"--server", url}, io.Discard, &stderr)
	want := "miniphone: is `miniphone serve` running at " + url + "? nothing answers there ("
	if code != exitFailed || !strings.HasPrefix(stderr.String(), want) {
		t.Errorf("exit %d, stderr:\n%s\nwant exit %d and %q", code, stderr.String(), exitFailed, want)
	}
}

func TestPlatformErrorTellsAMissingTokenFromAWrongOne(t *testing.T) {
	refused := &fakeserver.APIError{Status: 401, Message: "admin token refused"}
	for token, want := range map[string]string{
		"":      "pass the admin token",
		"guess": "check --token",
	} {
		if got := platformError(refused, "http://127.0.0.1:7001", token).Error(); !strings.Contains(got, want) {
			t.Errorf("token %q: %q, want it to say %q", token, got, want)
		}
	}
	other := errors.New("something else")
	if got := platformError(other, "http://127.0.0.1:7001", ""); got != other {
		t.Errorf("an unrelated error became %q", got)
	}
}

func TestServeRefusesAnExtraArgument(t *testing.T) {
	var stderr bytes.Buffer
	code := realMain([]string{"serve", "extra"}, io.Discard, &stderr)
	if code != exitBadArgs || !strings.HasPrefix(stderr.String(), `serve: unexpected argument "extra"`) {
		t.Errorf("exit %d, stderr:\n%s\nwant exit %d and the argument named", code, stderr.String(), exitBadArgs)
	}
}

func TestEveryInterface(t *testing.T) {
	for addr, want := range map[string]bool{
		":7002": true, "0.0.0.0:7002": true, "[::]:7002": true,
		"127.0.0.1:7002": false, "192.168.1.10:7002": false, "localhost:7002": false, "nonsense": false,
	} {
		if got := everyInterface(addr); got != want {
			t.Errorf("everyInterface(%q) = %v, want %v", addr, got, want)
		}
	}
}

// project copies the demo project into a folder of the given name.
func project(t *testing.T, name string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), name)
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("assets", "apps", "demo"))); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestProjectAppsTakesSeveralAndSaysWhichID(t *testing.T) {
	plain, spaced, chinese := project(t, "shop"), project(t, "my app"), project(t, "待办")
	var notes bytes.Buffer
	apps, err := projectApps([]string{plain, spaced, chinese, "todo=" + chinese}, &notes)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, a := range apps {
		ids = append(ids, a.ID)
	}
	if got := strings.Join(ids, " "); got != "shop my-app app todo" {
		t.Errorf("ids %q, want every app, in order: shop my-app app todo", got)
	}
	want := "miniphone: --app " + spaced + `: app id "my-app", made from the folder's name (choose another with --app ID=` + spaced + ")\n" +
		"miniphone: --app " + chinese + `: app id "app", made from the folder's name (choose another with --app ID=` + chinese + ")\n"
	if apps[2].Note != `app id "app", made from the folder's name "待办" (choose another with --app ID=`+chinese+")" || apps[0].Note != "" || apps[3].Note != "" {
		t.Errorf("the event log's notes: %q, want one for the made-up ids only", []string{apps[0].Note, apps[1].Note, apps[2].Note, apps[3].Note})
	}
	if notes.String() != want {
		t.Errorf("notes:\n%s\nwant the two made-up ids announced, and nothing for a folder's own name or a chosen id:\n%s", notes.String(), want)
	}
}

func TestProjectAppsRefuses(t *testing.T) {
	demo := project(t, "demo")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"bad id=" + demo}, `--app bad id=` + demo + `: app id "bad id" may hold only letters, digits, _ and -, at most 64`},
		{[]string{"=" + demo}, `app id "" may hold only`},
		{[]string{"todo="}, `--app todo=: no folder after the app id (want --app ID=DIR)`},
		{[]string{demo, "x=" + demo, "demo=" + demo}, `--app demo=` + demo + `: app id "demo" is taken by --app ` + demo},
		{[]string{"x=" + filepath.Join(demo, "missing")}, "--app x=" + filepath.Join(demo, "missing") + ": stat "},
	} {
		if _, err := projectApps(tc.args, io.Discard); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("projectApps(%q) = %v, want %q", tc.args, err, tc.want)
		}
	}
}

// --app is repeatable: a second one adds to the first instead of replacing
// it, which shows as the clash of two chosen ids before anything starts.
func TestAppFlagRepeats(t *testing.T) {
	demo := project(t, "demo")
	var stderr bytes.Buffer
	code := realMain([]string{"--app", "x=" + demo, "--app", "x=" + demo}, io.Discard, &stderr)
	if code != exitBadArgs || !strings.Contains(stderr.String(), `app id "x" is taken by --app x=`) {
		t.Errorf("exit %d, stderr:\n%s\nwant exit %d and the clash", code, stderr.String(), exitBadArgs)
	}
}

func TestSplitAppArg(t *testing.T) {
	for arg, want := range map[string][3]string{
		"dir":      {"", "dir", "false"},
		"id=dir":   {"id", "dir", "true"},
		"./a=b":    {"", "./a=b", "false"},
		"id=./a=b": {"id", "./a=b", "true"},
		`C:\x=y`:   {"", `C:\x=y`, "false"},
		"=dir":     {"", "dir", "true"},
	} {
		id, dir, chosen := splitAppArg(arg)
		if got := [3]string{id, dir, strconv.FormatBool(chosen)}; got != want {
			t.Errorf("splitAppArg(%q) = %q, want %q", arg, got, want)
		}
	}
}
