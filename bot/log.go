package bot

import (
	"context"
	"io"
	"log/slog"
	"sync"
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
	level := slog.LevelInfo
	switch t.outcome {
	case "ok":
	case "panic", "respond_failed", "edit_failed":
		level = slog.LevelError
	default:
		level = slog.LevelWarn
	}
	ctx := context.Background()
	if !r.log.Enabled(ctx, level) {
		return
	}
	// Attrs rather than key-value pairs: nothing to box or convert.
	attrs := make([]slog.Attr, 0, 6)
	attrs = append(attrs, slog.String("kind", t.kind), slog.String("command", t.command), slog.String("outcome", t.outcome),
		slog.Float64("latency_ms", float64(time.Since(t.start).Microseconds())/1000))
	if t.deferred {
		attrs = append(attrs, slog.Bool("deferred", true))
	}
	if t.status != 0 {
		attrs = append(attrs, slog.Int("status", t.status))
	}
	r.log.LogAttrs(ctx, level, "interaction", attrs...)
}

// LogBuffer gathers log lines and writes them to w in batches, at least
// every flushEvery: one write per line to a pipe or a terminal costs about
// as much as answering an interaction. Close writes what is left.
type LogBuffer struct {
	mu     sync.Mutex
	w      io.Writer
	buf    []byte
	closed bool
	stop   chan struct{}
	done   chan struct{}
}

// flushEvery bounds how long a log line waits in a LogBuffer.
const flushEvery = 100 * time.Millisecond

// maxLogBuffer is written at once when reached.
const maxLogBuffer = 64 << 10

// NewLogBuffer returns a LogBuffer over w; Close it before w.
func NewLogBuffer(w io.Writer) *LogBuffer {
	b := &LogBuffer{w: w, stop: make(chan struct{}), done: make(chan struct{})}
	go b.loop()
	return b
}

// Write keeps p for the next flush; slog writes one whole line per call.
func (b *LogBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.buf = append(b.buf, p...)
	if b.closed || len(b.buf) >= maxLogBuffer {
		b.flushLocked()
	}
	return len(p), nil
}

func (b *LogBuffer) flushLocked() {
	if len(b.buf) == 0 {
		return
	}
	_, _ = b.w.Write(b.buf)
	b.buf = b.buf[:0]
}

func (b *LogBuffer) loop() {
	defer close(b.done)
	t := time.NewTicker(flushEvery)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			b.mu.Lock()
			b.flushLocked()
			b.mu.Unlock()
		case <-b.stop:
			return
		}
	}
}

// Close stops the flushing and writes what is left; later lines are
// written at once.
func (b *LogBuffer) Close() error {
	select {
	case <-b.stop:
	default:
		close(b.stop)
		<-b.done
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.flushLocked()
	b.closed = true
	return nil
}
