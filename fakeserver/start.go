package fakeserver

import (
	"crypto/rand"
	"errors"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// DefaultAddr is where Start listens when given no address: loopback only.
const DefaultAddr = "127.0.0.1:0"

// Running is a platform serving on a real socket.
type Running struct {
	URL    string  // http://host:port, without a trailing slash; loopback when listening everywhere
	Token  string  // the admin token; empty when listening on loopback only
	Server *Server // for in-process use, e.g. State()
	srv    *http.Server
}

// Start listens on addr (DefaultAddr when empty) and serves a new platform
// in a goroutine. Bound to anything but loopback, anyone on the network
// could publish or inject faults, so the admin API then requires a random
// token, returned in Running.Token for the caller to print.
func Start(addr string) (*Running, error) {
	if addr == "" {
		addr = DefaultAddr
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	var token string
	if !isLoopback(ln.Addr()) {
		token = rand.Text()
	}
	s := New(Options{AdminToken: token})
	var handler http.Handler = s
	if token == "" {
		handler = loopbackHostsOnly(s)
	}
	run := &Running{
		URL:    usableURL(ln.Addr()),
		Token:  token,
		Server: s,
		// Held requests under the timeout fault end with the client or
		// after holdLimit, so there is no write timeout; idle keep-alive
		// connections are closed so that nobody can hoard them.
		srv: &http.Server{Handler: handler, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: time.Minute, IdleTimeout: 2 * time.Minute},
	}
	go run.srv.Serve(ln)
	return run, nil
}

// Close stops listening and drops open connections, held ones included.
func (r *Running) Close() error {
	if err := r.srv.Close(); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// usableURL is the address a client on this host can dial: listening on
// every interface shows as "[::]" or "0.0.0.0", which is no place to
// connect to, so the URL names loopback instead.
func usableURL(addr net.Addr) string {
	if tcp, ok := addr.(*net.TCPAddr); ok && tcp.IP.IsUnspecified() {
		return "http://" + net.JoinHostPort("127.0.0.1", strconv.Itoa(tcp.Port))
	}
	return "http://" + addr.String()
}

// isLoopback reports whether only this host can reach addr; an unspecified
// address (":8080", "0.0.0.0") listens on every interface.
func isLoopback(addr net.Addr) bool {
	tcp, ok := addr.(*net.TCPAddr)
	return ok && tcp.IP.IsLoopback()
}

// loopbackHostsOnly guards the tokenless admin API of a loopback server
// from web pages: a browser tab may send requests to 127.0.0.1, and with
// DNS rebinding read the answers, but its Host header then names the
// page's own domain. Requests for other hosts are refused.
func loopbackHostsOnly(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !loopbackHost(r.Host) {
			writeError(w, refuse(http.StatusMisdirectedRequest, "host %q is not this loopback platform's; use 127.0.0.1, localhost or [::1]", r.Host))
			return
		}
		h.ServeHTTP(w, r)
	})
}

func loopbackHost(hostport string) bool {
	host, _, err := net.SplitHostPort(hostport)
	if err != nil {
		host = hostport
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(strings.Trim(host, "[]"))
	return ip != nil && ip.IsLoopback()
}
