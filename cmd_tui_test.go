package main

import (
	"bytes"
	"errors"
	"io"
	"net"
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
