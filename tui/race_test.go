//go:build race

package tui

// raceDetector reports whether the tests run under the race detector,
// which makes every step of them many times as dear.
const raceDetector = true
