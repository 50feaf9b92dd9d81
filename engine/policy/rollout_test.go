package policy

import (
	"fmt"
	"hash/fnv"
	"testing"
)

// InRollout's bucket is FNV-1a of user NUL version, finished with
// murmur3's mixer; computed here independently of the platform's code.
func TestInRolloutBucket(t *testing.T) {
	for _, c := range []struct{ user, version string }{
		{"u1", "1.1.0"}, {"", ""}, {"张三", "2.0.0"}, {"user-42", "1.0.0.1"},
	} {
		h := fnv.New32a()
		h.Write([]byte(c.user + "\x00" + c.version))
		x := h.Sum32()
		x ^= x >> 16
		x *= 0x85ebca6b
		x ^= x >> 13
		x *= 0xc2b2ae35
		x ^= x >> 16
		bucket := int(x % 100)
		for percent := -1; percent <= 101; percent++ {
			if got, want := InRollout(c.user, c.version, percent), bucket < percent; got != want {
				t.Fatalf("InRollout(%q, %q, %d) = %v, want %v (bucket %d)", c.user, c.version, percent, got, want, bucket)
			}
		}
	}
}

func TestInRolloutShares(t *testing.T) {
	const users = 10000
	for _, percent := range []int{0, 10, 50, 100} {
		in := 0
		for i := range users {
			user := fmt.Sprintf("user%d", i)
			got := InRollout(user, "1.1.0", percent)
			if got != InRollout(user, "1.1.0", percent) {
				t.Fatalf("InRollout(%s) is not stable", user)
			}
			if got {
				in++
			}
		}
		// A fair hash gives the share within a few points over 10,000 users.
		if share := in * 100 / users; share < percent-3 || share > percent+3 {
			t.Errorf("%d%% rollout reached %d%% of users", percent, share)
		}
	}
}

func TestInRolloutDiffersByVersion(t *testing.T) {
	same := 0
	for i := range 1000 {
		user := fmt.Sprintf("user%d", i)
		if InRollout(user, "1.1.0", 50) == InRollout(user, "1.2.0", 50) {
			same++
		}
	}
	// Independent samples agree about half the time; the same sample always.
	if same > 600 {
		t.Fatalf("two releases picked the same half of the users (%d/1000 agree)", same)
	}
}

func TestServesLive(t *testing.T) {
	in, out := "", ""
	for i := 0; in == "" || out == ""; i++ {
		u := fmt.Sprint("user", i)
		if InRollout(u, "1.1.0", 10) {
			in = u
		} else {
			out = u
		}
	}
	cases := []struct {
		user             string
		previousBelowMin bool
		want             bool
	}{
		{in, false, true},
		{out, false, false},
		// Held back onto a version that may not run, the phone could only
		// retry: it gets the live one whatever its bucket.
		{out, true, true},
	}
	for _, tc := range cases {
		if got := ServesLive(tc.user, "1.1.0", 10, tc.previousBelowMin); got != tc.want {
			t.Errorf("ServesLive(%s, below min %t) = %t, want %t", tc.user, tc.previousBelowMin, got, tc.want)
		}
	}
}
