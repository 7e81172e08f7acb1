package bot

import (
	"context"
	"sync"
	"time"
)

// admission decides which interactions the endpoint takes on. Two bounds
// apply. MaxInFlight is fixed: it bounds memory, a deferred answer keeping
// its place until its edit is sent. Below it, the limit adapts to how fast
// the initial responses go out: when one takes longer than target (the CPU
// saturated, or a handler slow to defer), the limit is cut, so that
// interactions the server could not answer within Discord's deadline are
// refused at once with 503 and Retry-After rather than taken on and
// answered too late; fast responses raise it again, slowly.
type admission struct {
	max    int
	floor  float64       // the limit never goes below it
	target time.Duration // an initial response slower than this cuts the limit
	now    func() time.Time

	mu       sync.Mutex
	inflight int
	limit    float64
	lastCut  time.Time
	waiting  int
	released chan struct{} // closed when a place is freed while someone waits
}

// Tuning of the adaptive limit.
const (
	// cutFactor is what a slow response leaves of the limit.
	cutFactor = 0.75
	// cutEvery: slow responses closer together than this are one
	// overload, cut once; the responses of interactions taken on before
	// the cut would otherwise cut it again.
	cutEvery = 250 * time.Millisecond
	// minLimit is the smallest limit, so that a saturated server still
	// answers a few interactions at a time.
	minLimit = 4
)

func newAdmission(max int, target time.Duration) *admission {
	return &admission{
		max:      max,
		floor:    float64(min(minLimit, max)),
		target:   target,
		now:      time.Now,
		limit:    float64(max),
		released: make(chan struct{}),
	}
}

// acquire takes a place for one interaction, waiting until the time until
// at the latest, or until ctx ends.
func (a *admission) acquire(ctx context.Context, until time.Time) bool {
	var timer *time.Timer
	for {
		a.mu.Lock()
		if a.inflight < int(a.limit) {
			a.inflight++
			a.mu.Unlock()
			return true
		}
		wait := until.Sub(a.now())
		if wait <= 0 {
			a.mu.Unlock()
			return false
		}
		a.waiting++
		released := a.released
		a.mu.Unlock()
		if timer == nil {
			timer = time.NewTimer(wait)
			defer timer.Stop()
		}
		var ok bool
		select {
		case <-released:
			ok = true
		case <-timer.C:
		case <-ctx.Done():
		}
		a.mu.Lock()
		a.waiting--
		a.mu.Unlock()
		if !ok {
			return false
		}
	}
}

// release gives back the place of an interaction that is done.
func (a *admission) release() {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.inflight--
	if a.waiting > 0 {
		close(a.released)
		a.released = make(chan struct{})
	}
}

// observe adapts the limit to how long an initial response took, from the
// request's arrival to its response written.
func (a *admission) observe(took time.Duration) {
	a.mu.Lock()
	defer a.mu.Unlock()
	switch {
	case took > a.target:
		now := a.now()
		if now.Sub(a.lastCut) < cutEvery {
			return
		}
		a.lastCut = now
		a.limit = max(a.floor, a.limit*cutFactor)
	case took < a.target/2 && a.limit < float64(a.max):
		// One place more per limit-full of fast responses, as TCP grows its
		// window: a cut is not undone by the next two fast answers.
		a.limit = min(float64(a.max), a.limit+1/a.limit)
		if a.waiting > 0 {
			close(a.released)
			a.released = make(chan struct{})
		}
	}
}

// state reports the places taken and the current limit, for tests.
func (a *admission) state() (inflight, limit int) {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.inflight, int(a.limit)
}
