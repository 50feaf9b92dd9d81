package fakeserver_test

import (
	"context"
	"testing"

	"miniphone/fakeserver"
)

func TestStartOnLoopbackNeedsNoToken(t *testing.T) {
	run, err := fakeserver.Start("")
	if err != nil {
		t.Fatal(err)
	}
	defer run.Close()
	if run.Token != "" {
		t.Errorf("a loopback platform got a token %q", run.Token)
	}
	c := fakeserver.NewClient(run.URL, "", nil)
	if _, err := c.RegisterApp(context.Background(), "demo", false); err != nil {
		t.Fatal(err)
	}
	if st := run.Server.State(); len(st.Apps) != 1 {
		t.Fatalf("the call over the socket did not reach Running.Server: %+v", st)
	}
	if err := run.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := c.State(context.Background()); err == nil {
		t.Fatal("the platform still answers after Close")
	}
}
