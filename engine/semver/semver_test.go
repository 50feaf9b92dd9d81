package semver

import (
	"strings"
	"testing"
)

func TestParseErrors(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"", "nothing given"},
		{"1..2", "empty part"},
		{".1", "empty part"},
		{"1.", "empty part"},
		{"1.2.3.4.5", "more than 4 parts"},
		{"01.2", "leading zero"},
		{"1.02", "leading zero"},
		{"1.2.x", "not a number"},
		{"v1.2.3", "not a number"},
		{"1.-2", "not a number"},
		{"1. 2", "not a number"},
		{"1.2.3-beta", "not a number"},
		{"1234567890.0", "too large"},
		{"abcdefghij", "is not a number"}, // as long as a part too large, but words
		{"+1", "not a number"},
		{"-0", "not a number"},
		{"1.+2", "not a number"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			v, err := Parse(tt.in)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Parse(%q) = %v, %v; want an error containing %q", tt.in, v, err, tt.want)
			}
			if !v.IsZero() {
				t.Errorf("Parse(%q) returned a non-zero Version with its error", tt.in)
			}
		})
	}
}

// A message says each thing once, even behind its caller's "version: ".
func TestParseErrorsSayItOnce(t *testing.T) {
	for in, want := range map[string]string{
		"":    "nothing given (want a number like 1.2.3)",
		"abc": `version "abc" is not a number`,
		"1.x": `version "1.x": "x" is not a number`,
	} {
		if _, err := Parse(in); err == nil || err.Error() != want {
			t.Errorf("Parse(%q) = %v, want %q", in, err, want)
		}
	}
}

func TestParseAccepts(t *testing.T) {
	for _, in := range []string{"0", "1.9.90", "8.0.50", "2.10.2", "1.2.3.4", "0.0.0", "999999999"} {
		v, err := Parse(in)
		if err != nil {
			t.Errorf("Parse(%q): %v", in, err)
			continue
		}
		if v.IsZero() || v.String() != in {
			t.Errorf("Parse(%q) = %q (zero %v)", in, v.String(), v.IsZero())
		}
	}
}

func TestCompare(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"2.10.2", "2.9.9", 1},
		{"2.9.9", "2.10.2", -1},
		{"2.8", "2.8.0", 0},
		{"2.8.0.0", "2.8", 0},
		{"1.9.90", "1.9.9", 1},
		{"1.0.0", "1.0.0", 0},
		{"1.0.1", "1.0.0.9", 1},
		{"6.6.3", "6.6.2", 1},
		{"0.0.1", "0", 1},
		{"10", "9.99.99", 1},
	}
	for _, tt := range tests {
		got, err := Compare(tt.a, tt.b)
		if err != nil || got != tt.want {
			t.Errorf("Compare(%q, %q) = %d, %v; want %d", tt.a, tt.b, got, err, tt.want)
		}
		va, vb := MustParse(tt.a), MustParse(tt.b)
		if va.Less(vb) != (tt.want < 0) || va.AtLeast(vb) != (tt.want >= 0) {
			t.Errorf("%q vs %q: Less %v, AtLeast %v disagree with Compare %d", tt.a, tt.b, va.Less(vb), va.AtLeast(vb), tt.want)
		}
	}
}

func TestCompareRefusesBadInput(t *testing.T) {
	for _, pair := range [][2]string{{"x", "1"}, {"1", ""}} {
		if _, err := Compare(pair[0], pair[1]); err == nil {
			t.Errorf("Compare(%q, %q) accepted a malformed version", pair[0], pair[1])
		}
	}
}

func TestMustParsePanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("MustParse of a malformed version did not panic")
		}
	}()
	MustParse("1..0")
}

func FuzzParse(f *testing.F) {
	for _, s := range [][2]string{
		{"2.10.2", "2.9.9"}, {"2.8", "2.8.0"}, {"1.9.90", ""}, {"01.2", "1.2.3.4.5"}, {"999999999.0", "x"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		va, errA := Parse(a)
		vb, errB := Parse(b)
		if errA != nil || errB != nil {
			return
		}
		if va.String() != a {
			t.Fatalf("Parse(%q).String() = %q", a, va.String())
		}
		again, err := Parse(va.String())
		if err != nil || again.Compare(va) != 0 {
			t.Fatalf("Parse(String()) of %q = %v, %v", a, again, err)
		}
		if ab, ba := va.Compare(vb), vb.Compare(va); ab != -ba {
			t.Fatalf("Compare not antisymmetric: %q vs %q = %d, reverse %d", a, b, ab, ba)
		}
		if va.Compare(va) != 0 {
			t.Fatalf("%q does not equal itself", a)
		}
	})
}
