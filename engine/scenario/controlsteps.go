package scenario

import (
	"fmt"

	"miniphone/engine"
)

// parseType parses type "TEXT" [into "FIELD"]: without into, the text
// goes to the input typed into last.
func parseType(args []token, _ *parseState) (Step, error) {
	const usage = `type "TEXT" [into "FIELD"]`
	if len(args) != 1 && (len(args) != 3 || args[1].quoted || args[1].text != "into") {
		return Step{}, fmt.Errorf("usage: %s", usage)
	}
	text, err := quoted(args[0], "TEXT")
	if err != nil {
		return Step{}, err
	}
	var field engine.Target
	if len(args) == 3 {
		if field.Text, err = quoted(args[2], "FIELD"); err != nil {
			return Step{}, err
		}
	}
	return Step{run: func(r *Run) error {
		return r.act(fmt.Sprintf("to type %q", text), func(p *engine.Phone) error { return p.Type(field, text) })
	}}, nil
}

// parseLabelled makes the parser of the step verb "TEXT", which acts on
// what is labelled TEXT.
func parseLabelled(verb string, do func(*engine.Phone, engine.Target) error) stepParser {
	return func(args []token, _ *parseState) (Step, error) {
		if err := arity(args, 1, 1, verb+` "TEXT"`); err != nil {
			return Step{}, err
		}
		text, err := quoted(args[0], "TEXT")
		if err != nil {
			return Step{}, err
		}
		t := engine.Target{Text: text}
		return Step{run: func(r *Run) error {
			return r.act("to "+verb+" "+t.String(), func(p *engine.Phone) error { return do(p, t) })
		}}, nil
	}
}

// parseAdjust reads adjust "TEXT" [#N] left|right: ←/→ on a picker (its
// option), a slider (its step) or a swiper (its item).
func parseAdjust(args []token, _ *parseState) (Step, error) {
	const usage = `adjust "TEXT" [#N] left|right`
	if err := arity(args, 2, 3, usage); err != nil {
		return Step{}, err
	}
	text, err := quoted(args[0], "TEXT")
	if err != nil {
		return Step{}, err
	}
	t := engine.Target{Text: text}
	if len(args) == 3 {
		if t.Nth, err = nthArg(args[1], usage); err != nil {
			return Step{}, err
		}
	}
	delta := map[string]int{"left": -1, "right": 1}[args[len(args)-1].text]
	if delta == 0 || args[len(args)-1].quoted {
		return Step{}, fmt.Errorf("usage: %s", usage)
	}
	return Step{run: func(r *Run) error {
		return r.act("to adjust "+t.String(), func(p *engine.Phone) error { return p.Adjust(t, delta) })
	}}, nil
}

// parseErase reads erase [from "FIELD"]: backspace in the input FIELD
// names, or the one typed into last.
func parseErase(args []token, _ *parseState) (Step, error) {
	const usage = `erase [from "FIELD"]`
	if len(args) != 0 && (len(args) != 2 || args[0].quoted || args[0].text != "from") {
		return Step{}, fmt.Errorf("usage: %s", usage)
	}
	var field engine.Target
	if len(args) == 2 {
		var err error
		if field.Text, err = quoted(args[1], "FIELD"); err != nil {
			return Step{}, err
		}
	}
	return Step{run: func(r *Run) error {
		return r.act("to erase", func(p *engine.Phone) error { return p.Erase(field) })
	}}, nil
}
