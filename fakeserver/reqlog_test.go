package fakeserver_test

import (
	"fmt"
	"strings"
	"testing"

	"miniphone/fakeserver"
)

func readLog(h *harness, since int64) []fakeserver.LogEntry {
	h.t.Helper()
	var page fakeserver.LogPage
	decode(h.t, h.ok(h.get(fmt.Sprint("/admin/log?since=", since))), &page)
	return page.Entries
}

func TestLogRecordsRequestsAsReceived(t *testing.T) {
	h := newHarness(t)
	h.register("demo", false)
	h.get("/check?appid=demo&version=&user=u%201")
	h.get("/dev?url=https%3A%2F%2Fx.example%2Fapi&token=a%26b%3Dc")
	h.get("/cdn/demo/1.0.0.zip")
	h.get("/admin/state") // the console's polling is not logged
	h.post("/admin/apps", `{"appid":"demo"}`)

	got := readLog(h, 0)
	want := []fakeserver.LogEntry{
		{Seq: 1, Method: "POST", Path: "/admin/apps", Status: 200},
		{Seq: 2, Method: "GET", Path: "/check", Query: "appid=demo&version=&user=u%201", Status: 200, Note: "answer: nothing live"},
		{Seq: 3, Method: "GET", Path: "/dev", Query: "url=https%3A%2F%2Fx.example%2Fapi&token=a%26b%3Dc", Status: 404, Note: "no developer server is configured at https://x.example/api"},
		{Seq: 4, Method: "GET", Path: "/cdn/demo/1.0.0.zip", Status: 404, Note: "no package /cdn/demo/1.0.0.zip"},
		{Seq: 5, Method: "POST", Path: "/admin/apps", Status: 409, Note: `app "demo" is already registered`},
	}
	if len(got) != len(want) {
		t.Fatalf("log has %d entries, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("entry %d\n got %+v\nwant %+v", i, got[i], want[i])
		}
	}
	if later := readLog(h, 3); len(later) != 2 || later[0].Seq != 4 {
		t.Errorf("since=3 gave %+v", later)
	}
	if none := readLog(h, 5); len(none) != 0 {
		t.Errorf("since=last gave %+v", none)
	}
}

func TestLogKeepsTheLast1000(t *testing.T) {
	h := newHarness(t)
	for i := range 1100 {
		h.get(fmt.Sprint("/check?appid=a", i))
	}
	got := readLog(h, 0)
	if len(got) != 1000 || got[0].Seq != 101 || got[999].Seq != 1100 || !strings.HasSuffix(got[999].Query, "a1099") {
		t.Fatalf("log kept %d entries, first %+v, last %+v", len(got), got[0], got[len(got)-1])
	}
	if tail := readLog(h, 1095); len(tail) != 5 || tail[0].Seq != 1096 {
		t.Fatalf("since=1095 gave %d entries from %+v", len(tail), tail)
	}
	if far := readLog(h, 1<<62); len(far) != 0 {
		t.Fatalf("since beyond the end gave %d entries", len(far))
	}
}
