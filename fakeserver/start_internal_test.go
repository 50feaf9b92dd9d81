package fakeserver

import (
	"net"
	"net/http"
	"testing"
)

// Binding a non-loopback address in a test would expose it to the network,
// so the decision that asks for a token is tested on its own.
func TestIsLoopback(t *testing.T) {
	tests := []struct {
		ip   string
		want bool
	}{
		{"127.0.0.1", true},
		{"127.1.2.3", true},
		{"::1", true},
		{"0.0.0.0", false},
		{"::", false},
		{"192.168.1.10", false},
	}
	for _, tt := range tests {
		if got := isLoopback(&net.TCPAddr{IP: net.ParseIP(tt.ip)}); got != tt.want {
			t.Errorf("isLoopback(%s) = %v, want %v", tt.ip, got, tt.want)
		}
	}
	if isLoopback(&net.UnixAddr{Name: "/tmp/x"}) {
		t.Error("a unix socket counted as loopback TCP")
	}
}

// Listening on every interface is shown as an unspecified address, which a
// client cannot dial; the URL printed must be one it can.
func TestUsableURL(t *testing.T) {
	for addr, want := range map[*net.TCPAddr]string{
		{IP: net.IPv4zero, Port: 7002}:                "http://127.0.0.1:7002",
		{IP: net.IPv6unspecified, Port: 7002}:         "http://127.0.0.1:7002",
		{IP: net.ParseIP("127.0.0.1"), Port: 80}:      "http://127.0.0.1:80",
		{IP: net.ParseIP("::1"), Port: 80}:            "http://[::1]:80",
		{IP: net.ParseIP("192.168.1.10"), Port: 7002}: "http://192.168.1.10:7002",
	} {
		if got := usableURL(addr); got != want {
			t.Errorf("usableURL(%v) = %q, want %q", addr, got, want)
		}
	}
}

func TestLoopbackHost(t *testing.T) {
	for host, want := range map[string]bool{
		"127.0.0.1:7001": true, "localhost:7001": true, "[::1]:7001": true, "127.0.0.1": true,
		"evil.example:7001": false, "evil.example": false, "10.0.0.1:7001": false, "": false,
	} {
		if got := loopbackHost(host); got != want {
			t.Errorf("loopbackHost(%q) = %v, want %v", host, got, want)
		}
	}
}

// A running loopback platform refuses requests that name another host, as
// a web page's would after DNS rebinding.
func TestStartRefusesForeignHosts(t *testing.T) {
	run, err := Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer run.Close()
	for host, want := range map[string]int{"evil.example": http.StatusMisdirectedRequest, "": http.StatusOK} {
		req, err := http.NewRequest(http.MethodGet, run.URL+"/admin/state", nil)
		if err != nil {
			t.Fatal(err)
		}
		if host != "" {
			req.Host = host
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("Host %q: status %d, want %d", host, resp.StatusCode, want)
		}
	}
}
