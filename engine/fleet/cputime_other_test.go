//go:build !unix

package fleet

import "time"

func cpuTime() (time.Duration, bool) { return 0, false }
