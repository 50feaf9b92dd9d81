// Package semver parses and compares the dotted version strings used for
// mini-program releases (1.1.0), WeChat clients (8.0.50) and base libraries
// (2.10.2). They are plain dotted numbers, compared part by part, so
// "2.10.2" is newer than "2.9.9".
package semver

import (
	"fmt"
	"strconv"
	"strings"
)

// maxParts bounds a version to what the platform uses (major.minor.patch
// plus one build part) so that a hostile string cannot allocate without end.
const maxParts = 4

// Version is a parsed dotted version. The zero Version is invalid.
type Version struct {
	parts []int
	text  string
}

// notANumber names the part of s that is not a number, unless it is the
// whole of s.
func notANumber(s, part string) error {
	if part == s {
		return fmt.Errorf("version %q is not a number", s)
	}
	return fmt.Errorf("version %q: %q is not a number", s, part)
}

// Parse reads a version such as "1.9.90". Every part must be a decimal
// number without sign or leading zeros, and there must be 1 to 4 parts.
func Parse(s string) (Version, error) {
	if s == "" {
		// Callers say what was empty ("version: …"): saying it again
		// read "version: version is empty".
		return Version{}, fmt.Errorf("nothing given (want a number like 1.2.3)")
	}
	fields := strings.Split(s, ".")
	if len(fields) > maxParts {
		return Version{}, fmt.Errorf("version %q has more than %d parts", s, maxParts)
	}
	parts := make([]int, len(fields))
	for i, f := range fields {
		if f == "" {
			return Version{}, fmt.Errorf("version %q has an empty part", s)
		}
		if len(f) > 1 && f[0] == '0' {
			return Version{}, fmt.Errorf("version %q has a leading zero in %q", s, f)
		}
		if strings.Trim(f, "0123456789") != "" {
			return Version{}, notANumber(s, f)
		}
		if len(f) > 9 {
			return Version{}, fmt.Errorf("version %q has a part too large: %q", s, f)
		}
		n, err := strconv.Atoi(f)
		if err != nil {
			return Version{}, notANumber(s, f)
		}
		parts[i] = n
	}
	return Version{parts: parts, text: s}, nil
}

// MustParse is Parse for versions written in the program's own source.
func MustParse(s string) Version {
	v, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return v
}

// String returns the version as it was written.
func (v Version) String() string { return v.text }

// IsZero reports whether v is the zero Version (nothing parsed).
func (v Version) IsZero() bool { return len(v.parts) == 0 }

// Compare returns -1, 0 or +1 as v is older than, equal to or newer than w.
// Missing parts count as zero, so "2.8" equals "2.8.0".
func (v Version) Compare(w Version) int {
	n := max(len(v.parts), len(w.parts))
	for i := 0; i < n; i++ {
		a, b := part(v.parts, i), part(w.parts, i)
		switch {
		case a < b:
			return -1
		case a > b:
			return 1
		}
	}
	return 0
}

// Less reports whether v is older than w.
func (v Version) Less(w Version) bool { return v.Compare(w) < 0 }

// AtLeast reports whether v is w or newer.
func (v Version) AtLeast(w Version) bool { return v.Compare(w) >= 0 }

func part(p []int, i int) int {
	if i < len(p) {
		return p[i]
	}
	return 0
}

// Compare parses and compares two version strings.
func Compare(a, b string) (int, error) {
	va, err := Parse(a)
	if err != nil {
		return 0, err
	}
	vb, err := Parse(b)
	if err != nil {
		return 0, err
	}
	return va.Compare(vb), nil
}
