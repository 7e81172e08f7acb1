package bot

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
)

// lockedWriter counts the writes it gets.
type lockedWriter struct {
	mu     sync.Mutex
	b      strings.Builder
	writes int
}

func (w *lockedWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.writes++
	return w.b.Write(p)
}

func (w *lockedWriter) String() (string, int) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.String(), w.writes
}

// TestLogBuffer: lines are written in batches, in order, all of them by
// Close, and at once after it.
func TestLogBuffer(t *testing.T) {
	var w lockedWriter
	b := NewLogBuffer(&w)
	var want strings.Builder
	for n := range 100 {
		line := fmt.Sprintf("level=INFO msg=interaction n=%d\n", n)
		b.Write([]byte(line))
		want.WriteString(line)
	}
	for deadline := time.Now().Add(5 * time.Second); ; {
		if got, _ := w.String(); got == want.String() || time.Now().After(deadline) {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	got, writes := w.String()
	if got != want.String() {
		t.Fatalf("got %d bytes of %d within 5 s", len(got), want.Len())
	}
	if writes > 10 {
		t.Errorf("got %d writes for 100 lines, want them batched", writes)
	}
	b.Write([]byte("last before close\n"))
	b.Close()
	b.Write([]byte("after close\n"))
	if got, _ := w.String(); !strings.HasSuffix(got, "last before close\nafter close\n") {
		t.Errorf("got %q at the end, want the lines written by Close and after it", got[len(got)-40:])
	}
}
