package scenario

import (
	"io"

	"miniphone/engine"
	"miniphone/fakeserver"
)

// Player plays a script a step at a time, forwards and back, against a
// platform of its own on loopback. Stepping back replays the script from
// the start up to the step before: determinism makes that the world the
// step left, exactly.
//
// Like a Run, a Player and its world belong to one goroutine at a time.
type Player struct {
	script *Script
	srv    *fakeserver.Running
	run    *Run
	// Failures holds, for each step played, how it failed, or "" when
	// it held.
	Failures []string
}

// NewPlayer is a player before the script's first step.
func NewPlayer(s *Script) (*Player, error) {
	p := &Player{script: s}
	return p, p.reset()
}

// reset starts the world and its platform again, before the first step.
func (p *Player) reset() error {
	p.Close()
	srv, err := fakeserver.Start("127.0.0.1:0")
	if err != nil {
		return err
	}
	p.srv, p.run, p.Failures = srv, NewRun(p.script, srv.URL, srv.Token, io.Discard), nil
	return nil
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
func (p *Player) Back() error {
	return p.Seek(max(p.Played()-1, 0))
}

// Seek plays the script again from the start up to n steps.
func (p *Player) Seek(n int) error {
	if err := p.reset(); err != nil {
		return err
	}
	for p.Played() < min(n, len(p.script.Steps)) {
		p.Next()
	}
	return nil
}

// World is the world as the steps played so far left it.
func (p *Player) World() *engine.World { return p.run.World() }

// Phone is the phone the next step acts on.
func (p *Player) Phone() string { return p.run.Phone() }

// Close stops the player's platform.
func (p *Player) Close() {
	if p.srv != nil {
		p.srv.Close()
		p.srv = nil
	}
}
