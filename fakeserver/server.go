// Package fakeserver is the emulated WeChat platform: version checks, the
// package CDN, the developer data server, background-fetch routing and the
// admin API that publishes, rolls back and injects faults. It is a plain
// http.Handler so that it runs on loopback for real phones, inside httptest
// for tests, or in-process behind the TUI.
//
// All state lives in memory behind one mutex, and no answer's content
// depends on the wall clock or on chance: the same calls give the same
// answers, which is what lets scenario transcripts be compared byte for
// byte. (Only the timeout fault, for clients not on a virtual clock, waits
// in real time.)
package fakeserver

import (
	"net/http"
	"sync"
)

// Options configures a Server.
type Options struct {
	// AdminToken, when set, is required as "Authorization: Bearer <token>"
	// on every /admin/ request. Empty leaves the admin API open, which is
	// only safe on loopback.
	AdminToken string
}

// Server is the platform. It is safe for concurrent use.
type Server struct {
	token string
	mux   *http.ServeMux

	mu       sync.Mutex
	apps     map[string]*app
	data     map[string]DataConfig    // developer URL → what it answers
	requests map[string]RequestConfig // developer URL → what wx.request gets
	faults   map[string]string        // step → fault
	log      requestLog

	codes     map[string]*loginCode // wx.login codes not yet expired
	codeOrder []string              // the same, oldest first
	codeSeq   int
	clock     int64 // the latest phone time heard of, ms
}

// New returns a platform with no apps, no faults and an empty log.
func New(opts Options) *Server {
	s := &Server{
		token:    opts.AdminToken,
		mux:      http.NewServeMux(),
		apps:     map[string]*app{},
		data:     map[string]DataConfig{},
		requests: map[string]RequestConfig{},
		codes:    map[string]*loginCode{},
		faults:   map[string]string{stepCheck: faultNone, stepCDN: faultNone, stepData: faultNone},
	}
	s.routes()
	return s
}

func (s *Server) routes() {
	s.mux.Handle("GET /check", s.withFault(stepCheck, http.HandlerFunc(s.handleCheck)))
	s.mux.Handle("GET /cdn/{appid}/{file}", s.withFault(stepCDN, http.HandlerFunc(s.handleCDN)))
	s.mux.Handle("GET /dev", s.withFault(stepData, http.HandlerFunc(s.handleDev)))
	s.mux.Handle("GET /fetch-route", public(s.fetchRoute))
	// wx.request in any method; it shares the data server's faults, being
	// the same developer server.
	s.mux.Handle("/dev/request", s.withFault(stepData, http.HandlerFunc(s.handleRequest)))
	s.mux.Handle("GET /login", public(s.login))
	s.mux.Handle("GET /sns/jscode2session", public(s.jscode2session))

	s.mux.Handle("POST /admin/apps", s.admin(s.registerApp))
	s.mux.Handle("POST /admin/apps/{appid}/versions", s.adminTaking(packageType, s.publish))
	s.mux.Handle("POST /admin/apps/{appid}/rollback", s.admin(s.rollback))
	s.mux.Handle("POST /admin/apps/{appid}/rollout", s.admin(s.setRollout))
	s.mux.Handle("POST /admin/apps/{appid}/phase", s.admin(s.setPhase))
	s.mux.Handle("POST /admin/apps/{appid}/min-version", s.admin(s.setMinVersion))
	s.mux.Handle("POST /admin/apps/{appid}/min-base", s.admin(s.setMinBase))
	s.mux.Handle("POST /admin/apps/{appid}/prefer-local", s.admin(s.setPreferLocal))
	s.mux.Handle("POST /admin/apps/{appid}/fetch-url", s.admin(s.setFetchURL))
	s.mux.Handle("POST /admin/apps/{appid}/prefetch-url", s.admin(s.setPrefetchURL))
	s.mux.Handle("POST /admin/apps/{appid}/gray", s.admin(s.setGray))
	s.mux.Handle("POST /admin/apps/{appid}/tester", s.admin(s.addTester))
	s.mux.Handle("POST /admin/faults", s.admin(s.setFault))
	s.mux.Handle("POST /admin/data", s.admin(s.setData))
	s.mux.Handle("POST /admin/request", s.admin(s.setRequest))
	s.mux.Handle("GET /admin/state", s.admin(s.state))
	s.mux.Handle("GET /admin/log", s.admin(s.readLog))

	// Without a catch-all the mux would answer unknown paths and wrong
	// methods in plain text; clients expect a JSON error everywhere.
	s.mux.Handle("/", public(func(r *http.Request) (any, error) {
		return nil, notFound("no endpoint %s %s", r.Method, r.URL.Path)
	}))
}

// ServeHTTP answers one request and records it in the request log.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	lw := &logWriter{ResponseWriter: w}
	s.mux.ServeHTTP(lw, r)
	if !isLogView(r) {
		s.record(r, lw)
	}
}
