package fakeserver_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	"miniphone/fakeserver"
)

func TestClientDrivesThePlatform(t *testing.T) {
	ts := httptest.NewServer(fakeserver.New(fakeserver.Options{AdminToken: "secret"}))
	defer ts.Close()
	c := fakeserver.NewClient(ts.URL+"/", "secret", ts.Client())
	ctx := context.Background()

	must := func(_ fakeserver.AppState, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(c.RegisterApp(ctx, "demo", false))
	must(c.RegisterApp(ctx, "solo", true))
	must(c.Publish(ctx, "demo", "1.0.0", makePackage(t, "1")))
	must(c.Publish(ctx, "demo", "1.1.0", makePackage(t, "2")))
	must(c.SetRollout(ctx, "demo", 40, false))
	must(c.SetRollout(ctx, "demo", 100, false))
	must(c.Rollback(ctx, "demo", "1.0.0"))
	must(c.SetMinVersion(ctx, "demo", "1.0.0"))
	must(c.SetMinBase(ctx, "demo", "2.8.0"))
	must(c.SetPreferLocal(ctx, "demo", true))
	must(c.SetFetchURL(ctx, "demo", "https://x.example/api"))
	must(c.SetPrefetchURL(ctx, "demo", "https://x.example/pre"))
	must(c.SetGray(ctx, "demo", "https://x.example/gray", 10))
	must(c.AddTester(ctx, "demo", "u1"))
	for _, d := range []fakeserver.DataConfig{
		{URL: "https://x.example/api", Kind: "text", Template: ""},
		{URL: "https://x.example/big", Kind: "bytes", N: 0},
		{URL: "https://x.example/bin", Kind: "binary", N: 3},
		{URL: "https://x.example/down", Kind: "status", Code: 502},
	} {
		if err := c.SetData(ctx, d); err != nil {
			t.Fatalf("SetData(%+v): %v", d, err)
		}
	}
	if err := c.SetFault(ctx, "cdn", "slow"); err != nil {
		t.Fatal(err)
	}

	st, err := c.State(ctx)
	if err != nil {
		t.Fatal(err)
	}
	demo := st.Apps[0]
	if demo.Live != "1.0.0" || demo.Previous != "1.1.0" || demo.MinBase != "2.8.0" || !demo.PreferLocal ||
		demo.Fetch.GrayPercent != 10 || len(st.Data) != 4 || st.Faults["cdn"] != "slow" || !st.Apps[1].Personal {
		t.Fatalf("state after the client's calls: %+v", st)
	}
	entries, err := c.Log(ctx, 0)
	if err != nil || len(entries) != 19 {
		t.Fatalf("Log = %d entries, %v; want the 19 changes", len(entries), err)
	}
}

func TestClientReportsTheRefusal(t *testing.T) {
	ts := httptest.NewServer(fakeserver.New(fakeserver.Options{AdminToken: "secret"}))
	defer ts.Close()
	ctx := context.Background()

	c := fakeserver.NewClient(ts.URL, "secret", nil)
	if _, err := c.RegisterApp(ctx, "demo", false); err != nil {
		t.Fatal(err)
	}
	_, err := c.SetGray(ctx, "demo", "https://x.example/gray", 101)
	var apiErr *fakeserver.APIError
	if !errors.As(err, &apiErr) || apiErr.Status != http.StatusBadRequest || apiErr.Message != "percent must be 0 to 100, not 101" {
		t.Fatalf("err = %#v", err)
	}

	anonymous := fakeserver.NewClient(ts.URL, "", nil)
	if _, err := anonymous.State(ctx); !errors.As(err, &apiErr) || apiErr.Status != http.StatusUnauthorized {
		t.Fatalf("without the token: %v", err)
	}
}
