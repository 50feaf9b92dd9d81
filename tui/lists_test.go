package tui

import (
	"slices"
	"strings"
	"testing"

	"miniphone/engine"
	"miniphone/fakeserver"
)

// TestListsStopAtTheEnds: ↑ on the first row and ↓ on the last leave the
// selection where it is, in the console and on the home screen.
func TestListsStopAtTheEnds(t *testing.T) {
	c := &Common{Styles: DefaultStyles(), Keys: DefaultKeyMap(), Backend: &Backend{}}
	con := newConsole(c)
	con.state.Apps = []fakeserver.AppState{{AppID: "demo"}, {AppID: "weather"}}
	con.Update(keyMsg("up"))
	if con.selected != 0 {
		t.Errorf("↑ on the console's first row went to row %d", con.selected)
	}
	last := len(con.state.Apps) + len(faultSteps) - 1
	for range last + 3 {
		con.Update(keyMsg("down"))
	}
	if con.selected != last {
		t.Errorf("↓ past the console's last row: row %d, want %d", con.selected, last)
	}

	p := newPhone(c)
	p.snap = engine.PhoneSnapshot{Apps: []engine.AppSummary{{AppID: "demo"}, {AppID: "weather"}}}
	p.homeKey(keyMsg("up"))
	if p.selected != 0 {
		t.Errorf("↑ on the home screen's first app went to %d", p.selected)
	}
	p.homeKey(keyMsg("down"))
	p.homeKey(keyMsg("down"))
	if p.selected != 1 {
		t.Errorf("↓ past the home screen's last app went to %d", p.selected)
	}
	p.sheetKey(keyMsg("up"), []string{"拍照", "从相册选择"})
	if p.item != 0 {
		t.Errorf("↑ on an action sheet's first item went to %d", p.item)
	}
}

// TestConsoleAnswerDoesNotComeBack: a hint replaces the last answer; when
// the hint goes, the old answer does not reappear as if it were new.
func TestConsoleAnswerDoesNotComeBack(t *testing.T) {
	c := &Common{Styles: DefaultStyles(), Keys: DefaultKeyMap(), Backend: &Backend{}}
	con := newConsole(c)
	con.state.Apps = []fakeserver.AppState{{AppID: "demo"}}
	con.SetAnswer(outcomeMsg{by: panelConsole, text: "demo: publish 1.0.1"})
	con.Update(keyMsg("down")) // the first fault row
	con.Update(keyMsg("p"))    // an app's key there: a hint
	if got := strings.Join(con.answerLines(80), ""); !strings.Contains(got, "needs an app row") {
		t.Fatalf("no hint on a fault row: %q", got)
	}
	con.Update(keyMsg("up"))
	if got := strings.Join(con.answerLines(80), ""); strings.Contains(got, "publish 1.0.1") {
		t.Errorf("the old answer came back after the hint: %q", got)
	}
}

// An action sheet's footer names the keys that move along its list.
func TestActionSheetFooter(t *testing.T) {
	c := &Common{Styles: DefaultStyles(), Keys: DefaultKeyMap(), Backend: &Backend{}}
	p := newPhone(c)
	p.snap = engine.PhoneSnapshot{Screen: engine.ScreenPage, Page: &engine.PageView{
		Modal: &engine.ModalView{Items: []string{"拍照", "从相册选择"}, ShowCancel: true}}}
	var help []string
	for _, b := range p.ShortHelp() {
		help = append(help, b.Help().Key)
	}
	if !slices.Contains(help, c.Keys.Up.Help().Key) || !slices.Contains(help, c.Keys.Down.Help().Key) {
		t.Errorf("action sheet footer %q, want ↑ and ↓", help)
	}
}
