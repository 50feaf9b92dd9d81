package scenario

import (
	"io"

	"miniphone/engine"
	"miniphone/protocol"
)

// Player plays a script a step at a time, forwards and back, against a
// platform of its own in this process. Stepping back replays the script from
// the start up to the step before: determinism makes that the world the
// step left, exactly.
//
// Like a Run, a Player and its world belong to one goroutine at a time.
type Player struct {
	script *Script
	run    *Run
	// Failures holds, for each step played, how it failed, or "" when
	// it held.
	Failures []string
}

// NewPlayer is a player before the script's first step.
func NewPlayer(s *Script) *Player {
	p := &Player{script: s}
	p.reset()
	return p
}

// reset starts the world and its platform again, before the first step.
// The platform is reached in memory, as RunFile's is: a step back builds
// it anew, and a socket would be most of what that costs.
func (p *Player) reset() {
	p.run, p.Failures = newRun(p.script, protocol.InProcessURL, "", inProcessPlatform(), io.Discard), nil
}

// Played is how many steps have been played.
func (p *Player) Played() int { return len(p.Failures) }

// Next plays the next step and reports how it failed ("" held); false when
// every step has been played. A failure does not stop the player.
func (p *Player) Next() (string, bool) {
	i := p.Played()
	if i >= len(p.script.Steps) {
		return "", false
	}
	failure := p.run.Do(p.script.Steps[i])
	p.Failures = append(p.Failures, failure)
	return failure, true
}

// Back takes the last step back: the world is built again and the steps
// before it played.
func (p *Player) Back() {
	p.Seek(max(p.Played()-1, 0))
}

// Seek plays the script again from the start up to n steps.
func (p *Player) Seek(n int) {
	p.reset()
	for p.Played() < min(n, len(p.script.Steps)) {
		p.Next()
	}
}

// World is the world as the steps played so far left it.
func (p *Player) World() *engine.World { return p.run.World() }

// Phone is the phone the next step acts on.
func (p *Player) Phone() string { return p.run.Phone() }
