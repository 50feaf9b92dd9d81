package main

import (
	"fmt"
	"io"

	tea "github.com/charmbracelet/bubbletea"

	"miniphone/engine/scenario"
	"miniphone/tui"
)

// playScenario is miniphone play: a scenario played visibly beside the
// phone, step by step, forwards and back.
func playScenario(args []string, stderr io.Writer) int {
	fs := command("play", stderr, "usage: miniphone play FILE\n\n"+
		"Plays a scenario beside the phone it drives: n plays the next step, space runs and pauses,\n"+
		"+ and - change the delay between steps, p steps back, q quits.\n"+
		"A pause \"CAPTION\" step shows its caption until a key.")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return exitBadArgs
	}
	s, err := scenario.Load(fs.Arg(0))
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitBadArgs
	}
	if err := tui.RunPlay(s, tea.WithAltScreen()); err != nil {
		fmt.Fprintln(stderr, "miniphone play:", err)
		return exitFailed
	}
	return exitOK
}
