package protocol

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// TestInMemoryAnswersAsLoopbackDoes: for the same handler, a request in
// memory and one over a real socket bring the same status, body and the
// headers a client reads, including the type net/http's server sniffs for
// a handler that names none, and leaving out a header set after the
// status was written.
func TestInMemoryAnswersAsLoopbackDoes(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/typed", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Echo", r.URL.Query().Get("q")+" "+r.Header.Get("X-Ask"))
		w.Write([]byte(`{"ok":true}`))
	})
	mux.HandleFunc("/sniffed", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("<html><body>hi</body></html>"))
	})
	mux.HandleFunc("/late", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusTeapot)
		w.Header().Set("X-Late", "1")
		io.WriteString(w, "short and stout")
	})
	mux.HandleFunc("/empty", func(http.ResponseWriter, *http.Request) {})
	loop := httptest.NewServer(mux)
	defer loop.Close()
	mem := &http.Client{Transport: InMemory{Handler: mux}}
	for _, path := range []string{"/typed?q=a%20b", "/sniffed", "/late", "/empty", "/none"} {
		want := get(t, loop.Client(), loop.URL+path)
		got := get(t, mem, InProcessURL+path)
		if got != want {
			t.Errorf("%s in memory = %+v, over loopback %+v", path, got, want)
		}
	}
}

type answer struct {
	status            int
	body, ctype, echo string
	late              string
}

func get(t *testing.T, c *http.Client, url string) answer {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	req.Header.Set("X-Ask", "please")
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return answer{resp.StatusCode, string(body), resp.Header.Get("Content-Type"), resp.Header.Get("X-Echo"), resp.Header.Get("X-Late")}
}

// TestInMemoryHandsOnTheCallersContext: a handler that holds a request
// until its client gives up is let go when the caller's context ends.
func TestInMemoryHandsOnTheCallersContext(t *testing.T) {
	started := make(chan struct{})
	held := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(started)
		<-r.Context().Done()
		w.WriteHeader(http.StatusGatewayTimeout)
	})
	ctx, cancel := context.WithCancel(context.Background())
	go func() { <-started; cancel() }()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, InProcessURL+"/held", nil)
	done := make(chan error, 1)
	go func() {
		_, err := (&http.Client{Transport: InMemory{Handler: held}}).Do(req)
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil {
			t.Error("a request whose context ended brought an answer, not an error")
		}
	case <-time.After(time.Minute):
		t.Fatal("the held request did not end with its context")
	}
}
