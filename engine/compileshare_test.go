package engine

import (
	"fmt"
	"testing"
	"testing/fstest"
	"time"

	"miniphone/engine/compile"
)

// The platform compiles a package when it checks it; the phones that then
// install it compile nothing, however many they are, and share the one
// project the first of them loaded.
func TestPhonesShareCompiledScripts(t *testing.T) {
	// Content no other test has compiled, so that the shared cache has
	// not seen it.
	stamp := fmt.Sprintf("%p", t)
	files := project("App({})\n// "+stamp+"\n",
		"import { twice } from '../../utils/twice'\nPage({ data: { n: twice(21) } })\n// "+stamp+"\n",
		"<view>n={{n}}</view>")
	files["utils/twice.ts"] = &fstest.MapFile{Data: []byte("export const twice = (n: number): number => 2 * n // " + stamp + "\n")}
	tw := newTestWorld(t, files, Settings{}, PhoneConfig{})
	before := compile.Shared.Stats()
	phones := []*Phone{tw.phone}
	for _, name := range []string{"second", "third"} {
		p, err := tw.AddPhone(PhoneConfig{Name: name})
		if err != nil {
			t.Fatal(err)
		}
		phones = append(phones, p)
	}
	for _, p := range phones {
		if err := p.Launch("app", LaunchOptions{}); err != nil {
			t.Fatal(err)
		}
		if !tw.RunUntil(func() bool { return !p.Starting() }, tw.Elapsed()+time.Minute) {
			t.Fatalf("%s did not start", p.name)
		}
		tw.RunDue()
	}
	tw.mustLog("phone app ready pages/index/index", "second app ready pages/index/index", "third app ready pages/index/index")
	after := compile.Shared.Stats()
	if got := after.Compiles - before.Compiles; got != 0 {
		t.Errorf("the phones compiled %d scripts; the platform's check had compiled them all", got)
	}
	if got := after.Hits - before.Hits; got != 3 {
		t.Errorf("the phones took %d scripts from the shared cache, want 3: those of the one project they share", got)
	}
	first := phones[0].apps["app"].installed.project
	for _, p := range phones[1:] {
		if p.apps["app"].installed.project != first {
			t.Errorf("%s loaded a project of its own", p.name)
		}
	}
}
