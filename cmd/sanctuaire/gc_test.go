package main

import (
	"runtime/debug"
	"testing"
)

// current reads the collector's settings without changing them.
func current() (percent int, limit int64) {
	percent = debug.SetGCPercent(-1)
	debug.SetGCPercent(percent)
	return percent, debug.SetMemoryLimit(-1)
}

// TestGCSettings: serve's settings apply where the environment sets none,
// leave alone what it sets, and are undone by restore.
func TestGCSettings(t *testing.T) {
	p0, l0 := current()
	tests := []struct {
		name        string
		env         map[string]string
		wantPercent int
		wantLimit   int64
	}{
		{"none set", nil, serveGCPercent, serveMemoryLimit},
		{"GOGC set", map[string]string{"GOGC": "150"}, p0, serveMemoryLimit},
		{"GOMEMLIMIT set", map[string]string{"GOMEMLIMIT": "1GiB"}, serveGCPercent, l0},
		{"both set", map[string]string{"GOGC": "off", "GOMEMLIMIT": "1GiB"}, p0, l0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			percent, limit, restore := gcSettings(func(k string) string { return tt.env[k] })
			if p, l := current(); p != percent || l != limit {
				t.Errorf("reported %d %d, in force %d %d", percent, limit, p, l)
			}
			restore()
			if percent != tt.wantPercent || limit != tt.wantLimit {
				t.Errorf("got GOGC %d, limit %d; want %d, %d", percent, limit, tt.wantPercent, tt.wantLimit)
			}
			if p, l := current(); p != p0 || l != l0 {
				t.Errorf("after restore: %d %d, want %d %d", p, l, p0, l0)
			}
		})
	}
}
