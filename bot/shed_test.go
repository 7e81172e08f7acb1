package bot

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
)

func TestAdmissionAdaptsToSlowAnswers(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	a := newAdmission(16, 2*time.Second)
	a.now = func() time.Time { return now }
	past := now // acquire gives up at once: no wait

	a.observe(2500 * time.Millisecond)
	if _, limit := a.state(); limit != 12 {
		t.Fatalf("after a slow answer: got limit %d, want 12", limit)
	}
	a.observe(2500 * time.Millisecond)
	if _, limit := a.state(); limit != 12 {
		t.Errorf("a second slow answer of the same overload: got limit %d, want 12", limit)
	}
	for range 10 {
		now = now.Add(cutEvery)
		a.observe(3 * time.Second)
	}
	if _, limit := a.state(); limit != minLimit {
		t.Fatalf("after a long overload: got limit %d, want the floor %d", limit, minLimit)
	}
	for range minLimit {
		if !a.acquire(context.Background(), past) {
			t.Fatal("refused under the limit")
		}
	}
	if a.acquire(context.Background(), past) {
		t.Fatal("taken on over the limit")
	}
	a.observe(time.Second) // neither slow nor fast: no change
	if _, limit := a.state(); limit != minLimit {
		t.Errorf("after an answer in 1 s: got limit %d, want %d", limit, minLimit)
	}
	for range 200 {
		a.observe(10 * time.Millisecond)
	}
	if inflight, limit := a.state(); limit != 16 || inflight != minLimit {
		t.Errorf("after fast answers: got limit %d and %d in flight, want 16 and %d", limit, inflight, minLimit)
	}
	if !a.acquire(context.Background(), past) {
		t.Error("refused once the limit grew back")
	}
}

// TestAdmissionWaitsForAPlace: a request over the limit waits for a place
// freed before its time is up.
func TestAdmissionWaitsForAPlace(t *testing.T) {
	a := newAdmission(1, time.Second)
	if !a.acquire(context.Background(), time.Now()) {
		t.Fatal("refused with a free place")
	}
	got := make(chan bool)
	go func() { got <- a.acquire(context.Background(), time.Now().Add(time.Minute)) }()
	for {
		a.mu.Lock()
		w := a.waiting
		a.mu.Unlock()
		if w == 1 {
			break
		}
		time.Sleep(time.Millisecond)
	}
	a.release()
	if !<-got {
		t.Fatal("the waiting request was refused when a place was freed")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if a.acquire(ctx, time.Now().Add(time.Minute)) {
		t.Error("taken on over the limit after its request ended")
	}
}

// holding answers after a delay with a deferred answer whose place is held
// until release is closed.
type holding struct {
	delay   atomic.Int64 // nanoseconds before the initial response
	release chan struct{}
}

func (h *holding) Route(context.Context, *discordgo.Interaction) Reply {
	time.Sleep(time.Duration(h.delay.Load()))
	return Reply{
		Initial: &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource},
		Finish:  func(context.Context) { <-h.release },
	}
}

// TestInteractionsShedWhenAnswersAreSlow: after an initial response that
// came too close to Discord's deadline, the endpoint takes on fewer
// interactions and refuses the others at once with 503 and Retry-After,
// though places remain under MaxInFlight; fast answers restore the limit.
func TestInteractionsShedWhenAnswersAreSlow(t *testing.T) {
	s := newSigner(t)
	h := &holding{release: make(chan struct{})}
	logs := &gwLogs{}
	srv := NewInteractions(s.pub, h, slog.New(slog.NewTextHandler(logs, nil)), HTTPOptions{
		Now: func() time.Time { return testNow }, AnswerWithin: 1500 * time.Millisecond,
		MaxInFlight: 8, QueueWait: 20 * time.Millisecond,
	})
	send := func() *httptest.ResponseRecorder {
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, s.request(commandBody, testNow))
		return w
	}

	h.delay.Store(int64(1200 * time.Millisecond)) // over the 1 s target, under the deadline; a loaded machine stays well under it otherwise
	if w := send(); w.Code != http.StatusOK {
		t.Fatalf("slow answer: got %d, want 200", w.Code)
	}
	h.delay.Store(0)
	for n := 2; n <= 6; n++ {
		if w := send(); w.Code != http.StatusOK {
			t.Fatalf("interaction %d of 6: got %d, want 200", n, w.Code)
		}
	}
	w := send()
	if w.Code != http.StatusServiceUnavailable || w.Header().Get("Retry-After") == "" {
		t.Fatalf("7th interaction with 6 in flight of 8: got %d, Retry-After %q; want 503 with Retry-After", w.Code, w.Header().Get("Retry-After"))
	}
	if !strings.Contains(logs.String(), `reason="answers too slow`) {
		t.Errorf("got logs\n%s\nwant the refusal's reason", logs)
	}

	close(h.release)
	if err := srv.Drain(context.Background()); err != nil {
		t.Fatal(err)
	}
	for range 20 {
		if w := send(); w.Code != http.StatusOK {
			t.Fatalf("fast answers with nothing in flight: got %d, want 200", w.Code)
		}
	}
	if err := srv.Drain(context.Background()); err != nil {
		t.Fatal(err)
	}
	if inflight, limit := srv.admit.state(); inflight != 0 || limit != 8 {
		t.Errorf("after fast answers: got %d in flight and limit %d, want 0 and 8", inflight, limit)
	}
}
