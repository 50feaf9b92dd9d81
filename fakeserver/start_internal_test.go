package fakeserver

import (
	"net"
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
