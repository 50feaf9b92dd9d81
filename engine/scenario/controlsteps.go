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
