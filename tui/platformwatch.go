package tui

import (
	"fmt"
	"slices"
	"strings"

	"miniphone/engine"
	"miniphone/fakeserver"
)

// On a platform shared by several emulators (miniphone serve), another
// emulator's console changes what every phone gets. Each emulator reads
// the platform as it runs; what changed since its last read, that it did
// not do itself, goes into its transcript as a platform line, so that its
// log tells the whole story whoever caused it.

// byOthers is the detail of a platform line this emulator did not cause.
const byOthers = "(by another emulator)"

// platformChange is one change of the platform, as the transcript writes
// the action: ("demo", "publish 1.0.1").
type platformChange struct {
	appid, action string
}

// platformChanges lists what differs from old to cur, app by app in cur's
// order, then the faults.
func platformChanges(old, cur *fakeserver.State) []platformChange {
	var out []platformChange
	add := func(appid, format string, args ...any) {
		out = append(out, platformChange{appid, fmt.Sprintf(format, args...)})
	}
	for _, a := range cur.Apps {
		i := slices.IndexFunc(old.Apps, func(o fakeserver.AppState) bool { return o.AppID == a.AppID })
		if i < 0 {
			add(a.AppID, "register")
			for _, v := range a.Versions {
				add(a.AppID, "publish %s", v.Version)
			}
			continue
		}
		was := old.Apps[i]
		published := false
		for _, v := range a.Versions {
			if !slices.ContainsFunc(was.Versions, func(o fakeserver.VersionInfo) bool { return o.Version == v.Version }) {
				add(a.AppID, "publish %s", v.Version)
				published = true
			}
		}
		if a.Live != was.Live && !published {
			add(a.AppID, "live %s (was %s)", a.Live, was.Live)
		}
		if a.Rollout != was.Rollout || a.TestersFirst != was.TestersFirst || a.Paused != was.Paused {
			add(a.AppID, "rollout %s", strings.TrimSpace(rolloutCell(a)))
		}
		if a.MinVersion != was.MinVersion {
			add(a.AppID, "min-version %s", orDefault(a.MinVersion, "none"))
		}
		if a.MinBase != was.MinBase {
			add(a.AppID, "min-base %s", orDefault(a.MinBase, "none"))
		}
		if a.PreferLocal != was.PreferLocal {
			add(a.AppID, "prefer-local %s", engine.OnOff(a.PreferLocal))
		}
	}
	for _, step := range faultSteps {
		if cur.Faults[step] != old.Faults[step] {
			add("-", "fault %s %s", step, cur.Faults[step])
		}
	}
	return out
}

// noticeOthers writes into the transcript what changed on the platform
// since the last read, and remembers st as the platform now.
func (b *Backend) noticeOthers(st *fakeserver.State) {
	if b.seen != nil {
		if changes := platformChanges(b.seen, st); len(changes) > 0 {
			b.session.Do(func(w *engine.World) {
				for _, c := range changes {
					w.Record("platform", c.appid, c.action, byOthers)
				}
			})
		}
	}
	b.seen = st
}
