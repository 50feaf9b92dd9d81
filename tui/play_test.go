package tui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"

	"miniphone/engine/scenario"
)

// startPlay plays the bundled story of seed 004 in teatest.
func startPlay(t *testing.T) *harness {
	t.Helper()
	s, err := scenario.Load("../assets/scenarios/update-story.tape")
	if err != nil {
		t.Fatal(err)
	}
	m := NewPlay(s, scenario.NewPlayer(s))
	tm := teatest.NewTestModel(t, probe{m}, teatest.WithInitialTermSize(120, 40))
	t.Cleanup(func() {
		tm.Quit()
		tm.WaitFinished(t, teatest.WithFinalTimeout(waitLimit))
	})
	h := &harness{t: t, tm: tm}
	h.waitFor("step 0/")
	return h
}

// TestPlayForwardAndBack: n plays a step at a time, a pause shows its
// caption until a key, expectations are marked where they are written,
// and p steps back to the screen the step before left.
func TestPlayForwardAndBack(t *testing.T) {
	h := startPlay(t)
	h.press("n")
	h.waitFor("any key goes on", "step 1/")
	h.press("x") // closes the caption
	for i := 2; i <= 8; i++ {
		h.press("n")
		h.waitFor(fmt.Sprintf("step %d/", i))
	}
	seven := h.waitFor("当前版本 1.0.0", `✓ expect screen "当前版本 1.0.0"`)
	h.press("n") // a pause step
	h.waitFor("step 9/", "any key goes on")
	golden.RequireEqual(t, []byte(h.screen()))
	h.press("p") // closes the caption and steps back
	h.waitFor("step 8/")
	if back := h.screen(); back != seven {
		t.Errorf("a step back does not show the screen of the step before:\n%s\nwant:\n%s", back, seven)
	}
}

// TestPlayRuns: space runs the steps on their own, a failure is marked ✗
// and does not stop the show, and a caption holds the run until a key.
func TestPlayRuns(t *testing.T) {
	h := startPlay(t)
	h.press("-", "-", "-", "-", "+", "+", "+", "+", " ") // the shortest delay
	h.waitFor("step 1/", "any key goes on", "▶ running")
	h.press("x")
	h.waitFor("step 9/", "any key goes on") // the caption of the second pause
	screen := h.waitFor("step 9/")
	if !strings.Contains(screen, "any key goes on") {
		t.Errorf("the run did not stop at the caption:\n%s", screen)
	}
	h.press(" ") // closes the caption and pauses the run
	h.waitFor("⏸ paused")
}
