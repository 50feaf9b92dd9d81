package scenario

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// token is one word of a step: bare, or a double-quoted string.
type token struct {
	text   string
	quoted bool
}

// splitLine cuts a line into tokens; # starts a comment outside quotes,
// unless a digit follows it: "#2" is tap's ordinal. Quoted strings take
// \" and \\ escapes.
func splitLine(line string) ([]token, error) {
	var toks []token
	i := 0
	for i < len(line) {
		c := line[i]
		switch {
		case c == ' ' || c == '\t' || c == '\r':
			i++
		case c == '#' && (i+1 == len(line) || line[i+1] < '0' || line[i+1] > '9'):
			return toks, nil
		case c == '"':
			var b strings.Builder
			i++
			closed := false
			for i < len(line) {
				ch := line[i]
				if ch == '\\' && i+1 < len(line) && (line[i+1] == '"' || line[i+1] == '\\') {
					b.WriteByte(line[i+1])
					i += 2
					continue
				}
				if ch == '"' {
					closed = true
					i++
					break
				}
				b.WriteByte(ch)
				i++
			}
			if !closed {
				return nil, fmt.Errorf("unterminated string")
			}
			toks = append(toks, token{text: b.String(), quoted: true})
		default:
			start := i
			for i < len(line) && line[i] != ' ' && line[i] != '\t' && line[i] != '\r' {
				if line[i] == '"' {
					return nil, fmt.Errorf("unexpected quote in %q", line[start:i+1])
				}
				i++
			}
			toks = append(toks, token{text: line[start:i]})
		}
	}
	return toks, nil
}

const maxDuration = 10 * 365 * 24 * time.Hour

var durationPart = regexp.MustCompile(`^(\d+)(ms|us|ns|d|h|m|s)`)

// parseDuration reads 90s, 5m, 12h, 7d, 1d12h, 250ms, and to the
// nanosecond (1s5us7ns) what a recording writes.
func parseDuration(s string) (time.Duration, error) {
	if s == "" {
		return 0, fmt.Errorf("empty duration")
	}
	units := map[string]time.Duration{
		"ns": time.Nanosecond, "us": time.Microsecond, "ms": time.Millisecond, "s": time.Second, "m": time.Minute, "h": time.Hour, "d": 24 * time.Hour,
	}
	var total time.Duration
	rest := s
	for rest != "" {
		m := durationPart.FindStringSubmatch(rest)
		if m == nil {
			return 0, fmt.Errorf("bad duration %q (want e.g. 90s, 5m, 12h, 7d, 1d12h)", s)
		}
		n, err := strconv.ParseInt(m[1], 10, 64)
		if err != nil || n > 100_000 {
			return 0, fmt.Errorf("duration %q is too large", s)
		}
		total += time.Duration(n) * units[m[2]]
		// Checked at every part: the sum of several large parts would
		// otherwise overflow into a negative duration.
		if total > maxDuration {
			return 0, fmt.Errorf("duration %q is longer than 10 years", s)
		}
		rest = rest[len(m[0]):]
	}
	return total, nil
}
