package keep

import (
	"encoding/json"
	"fmt"
	"testing"

	"miniphone/engine"
	"miniphone/fakeserver"
)

// FuzzDecode feeds states to the loader, in manifests whose SHA-256 holds
// (else the loader refuses them all before reading further): whatever a
// state folder holds, loading it and restoring the world and the platform
// from it refuse or succeed, and never crash the emulator.
func FuzzDecode(f *testing.F) {
	w := engine.NewWorld(engine.Config{Seed: 3, ServerURL: "http://127.0.0.1:1"})
	w.RegisterApp("app")
	if _, err := w.AddPhone(engine.PhoneConfig{Name: "phone", Network: "2g"}); err != nil {
		f.Fatal(err)
	}
	ws, err := w.Save()
	if err != nil {
		f.Fatal(err)
	}
	state, err := json.Marshal(State{World: ws, Platform: &fakeserver.Saved{}})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(state)
	f.Add([]byte(`{"world":{"phones":[{"name":"p","apps":[{"appid":"x","state":"foreground"}]}]},"platform":{}}`))
	f.Fuzz(func(t *testing.T, state []byte) {
		raw := fmt.Appendf(nil, `{"format":%d,"sha256":%q,"state":%s}`, Format, digest(state), state)
		st, err := decode(raw)
		if err != nil {
			return
		}
		if w, err := engine.Restore(engine.Config{ServerURL: "http://127.0.0.1:1"}, st.World); err == nil {
			w.Snapshot()
			w.Timeline()
		}
		_ = fakeserver.New(fakeserver.Options{}).Import(*st.Platform)
	})
}
