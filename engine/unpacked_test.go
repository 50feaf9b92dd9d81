package engine

import "testing"

// A world restored while another holds the same release takes the
// project that one loaded: the phones of the process share it, whatever
// their world.
func TestRestoredWorldSharesLoadedProject(t *testing.T) {
	tw := newTestWorld(t, project("App({})", "Page({})", "<view>shared</view>"), Settings{}, PhoneConfig{})
	tw.launch()
	st, err := tw.Save()
	if err != nil {
		t.Fatal(err)
	}
	w, err := Restore(Config{ServerURL: tw.server}, st)
	if err != nil {
		t.Fatal(err)
	}
	p, ok := w.Phone("phone")
	if !ok {
		t.Fatal("the restored world has no phone")
	}
	if p.apps["app"].installed.project != tw.phone.apps["app"].installed.project {
		t.Error("the restored phone loaded the release again")
	}
}
