package bot

import (
	"context"
	"log/slog"
	"time"
)

// trace is what the log line of one interaction carries: nothing a person typed.
type trace struct {
	start    time.Time
	kind     string
	command  string
	outcome  string
	deferred bool
	status   int // Discord's HTTP status when sending failed
}

func (r *Router) logTrace(t *trace) {
	attrs := []any{"kind", t.kind, "command", t.command, "outcome", t.outcome,
		"latency_ms", float64(time.Since(t.start).Microseconds()) / 1000}
	if t.deferred {
		attrs = append(attrs, "deferred", true)
	}
	if t.status != 0 {
		attrs = append(attrs, "status", t.status)
	}
	level := slog.LevelInfo
	switch t.outcome {
	case "ok":
	case "panic", "respond_failed", "edit_failed":
		level = slog.LevelError
	default:
		level = slog.LevelWarn
	}
	r.log.Log(context.Background(), level, "interaction", attrs...)
}
