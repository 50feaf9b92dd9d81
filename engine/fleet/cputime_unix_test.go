//go:build unix

package fleet

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time the process has used: on a machine other
// processes share, wall time would measure them too.
func cpuTime() (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
