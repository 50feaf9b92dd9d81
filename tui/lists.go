package tui

// stepWithin moves a selection of n rows by delta and stops at the first
// and last rows: going round from the top to the bottom would move the
// selection somewhere the user did not look.
func stepWithin(i, delta, n int) int {
	return max(0, min(i+delta, n-1))
}
