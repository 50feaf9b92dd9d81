package semver

// ParseOptional reads a version that may be left out: "" is the zero
// Version, as the zero Version's String is "".
func ParseOptional(s string) (Version, error) {
	if s == "" {
		return Version{}, nil
	}
	return Parse(s)
}
