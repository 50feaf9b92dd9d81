package fakeserver_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"miniphone/fakeserver"
)

// A platform imported from another's export answers as the other did, and
// exports the same state again.
func TestExportImportRoundTrip(t *testing.T) {
	h := world(t)
	h.publish("demo", "1.7.0")
	h.mustPost("/admin/apps/demo/rollout", `{"percent":30,"testersFirst":true}`)
	h.mustPost("/admin/apps/demo/phase", `{"action":"pause"}`)
	h.get("/login?appid=demo&user=u1&timestamp=1000")
	h.mustPost("/admin/faults", `{"step":"cdn","fault":"slow"}`)
	saved := h.s.Export()

	other := newHarness(t)
	if err := other.s.Import(roundTrip(t, saved)); err != nil {
		t.Fatal(err)
	}
	if got, want := other.stateJSON(), h.stateJSON(); got != want {
		t.Errorf("imported state\n%s\nwant\n%s", got, want)
	}
	if !reflect.DeepEqual(other.s.Export(), saved) {
		t.Error("the import exports differently")
	}
	for _, q := range []string{"appid=demo&user=u2&version=1.0.0", "appid=demo&user=u1&version=1.5.0"} {
		if got, want := other.check(q), h.check(q); got != want {
			t.Errorf("check %s: %+v, want %+v", q, got, want)
		}
	}
	// The next login code follows the ones handed out before the export.
	a, b := h.get("/login?appid=demo&user=u1&timestamp=2000"), other.get("/login?appid=demo&user=u1&timestamp=2000")
	if a.Body.String() != b.Body.String() {
		t.Errorf("login after import: %s, want %s", b.Body, a.Body)
	}
}

// roundTrip passes a state through JSON, as a saved one comes back, with
// its packages beside it.
func roundTrip(t *testing.T, st fakeserver.Saved) fakeserver.Saved {
	t.Helper()
	b, err := json.Marshal(st)
	if err != nil {
		t.Fatal(err)
	}
	var out fakeserver.Saved
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	out.Packages = st.Packages
	return out
}

// A state that does not hold together is refused, and the platform keeps
// what it had.
func TestImportRefusesAndChangesNothing(t *testing.T) {
	tests := []struct {
		name   string
		damage func(*fakeserver.Saved)
		want   string
	}{
		{"a package missing", func(s *fakeserver.Saved) { clear(s.Packages) }, "missing or damaged"},
		{"a package damaged", func(s *fakeserver.Saved) {
			for k, v := range s.Packages {
				s.Packages[k] = append([]byte("x"), v...)
			}
		}, "missing or damaged"},
		{"versions out of order", func(s *fakeserver.Saved) {
			r := s.Apps[0].Releases
			r[0], r[1] = r[1], r[0]
		}, "not newer"},
		{"live not a release", func(s *fakeserver.Saved) { s.Apps[0].Live = "9.9.9" }, `"9.9.9" is not a release`},
		{"a bad fault", func(s *fakeserver.Saved) { s.Faults["cdn"] = "melt" }, `fault "melt"`},
		{"a bad rollout", func(s *fakeserver.Saved) { s.Apps[0].Rollout = 101 }, "rollout 101%"},
		{"a bad app id", func(s *fakeserver.Saved) { s.Apps[0].AppID = "../x" }, "not an app id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := roundTrip(t, world(t).s.Export())
			packages := map[string][]byte{}
			for k, v := range st.Packages {
				packages[k] = v
			}
			st.Packages = packages
			tt.damage(&st)
			h := newHarness(t)
			h.register("mine", false)
			before := h.stateJSON()
			err := h.s.Import(st)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Import = %v, want %q", err, tt.want)
			}
			if h.stateJSON() != before {
				t.Error("a refused import changed the platform")
			}
		})
	}
}

// Export must carry everything the platform keeps. A field added to the
// platform's state without a place in Saved would be lost across runs of
// an emulator with --state: this lists the fields Export knows of, and
// fails when the platform grows one (add it to Saved, Export and Import,
// then here).
func TestExportKnowsEveryField(t *testing.T) {
	for _, tt := range []struct {
		of    any
		known string
	}{
		{fakeserver.Server{}, "token mux mu apps data requests faults log codes codeOrder codeSeq clock"},
		{fakeserver.AppForTest{}, "id personal releases live previous rollout phase minVersion minBase preferLocal fetch"},
		{fakeserver.PhasedForTest{}, "testersFirst paused"},
		{fakeserver.ReleaseForTest{}, "version pkg sha256 path"},
		{fakeserver.FetchConfig{}, "URL PrefetchURL GrayURL GrayPercent Testers"},
	} {
		var fields []string
		typ := reflect.TypeOf(tt.of)
		for i := range typ.NumField() {
			fields = append(fields, typ.Field(i).Name)
		}
		if got := strings.Join(fields, " "); got != tt.known {
			t.Errorf("%s has the fields\n  %s\nExport knows\n  %s", typ.Name(), got, tt.known)
		}
	}
}
