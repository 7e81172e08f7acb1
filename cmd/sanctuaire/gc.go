package main

import "runtime/debug"

// The garbage collector's settings for serve, unless GOGC or GOMEMLIMIT say
// otherwise. An answer allocates a few kilobytes and the live heap is a few
// megabytes, so with Go's default (GOGC=100) the collector ran every few
// hundred answers and took about a tenth of the CPU. A collection when the
// heap is five times what is live makes it four times rarer; the soft limit
// keeps the process near where a burst of charts took it before, by
// collecting sooner when memory gets close to it.
const (
	serveGCPercent   = 400
	serveMemoryLimit = 80 << 20
)

// gcSettings applies serve's settings where the environment sets none, and
// returns the settings in force and a function that restores the previous ones.
func gcSettings(getenv func(string) string) (percent int, limit int64, restore func()) {
	oldPercent, oldLimit := -2, int64(-1)
	if getenv("GOGC") == "" {
		oldPercent = debug.SetGCPercent(serveGCPercent)
	}
	if getenv("GOMEMLIMIT") == "" {
		oldLimit = debug.SetMemoryLimit(serveMemoryLimit)
	}
	// Read back what is in force, from the environment or from above (-1:
	// the collector runs only at the limit).
	percent = debug.SetGCPercent(-1)
	debug.SetGCPercent(percent)
	limit = debug.SetMemoryLimit(-1)
	return percent, limit, func() {
		if oldPercent != -2 {
			debug.SetGCPercent(oldPercent)
		}
		if oldLimit != -1 {
			debug.SetMemoryLimit(oldLimit)
		}
	}
}
