package bot

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"runtime"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Limits of the interactions endpoint.
const (
	// MaxBodyBytes is the largest request body read. Discord's interactions
	// are a few kilobytes; anything larger is refused before it is read.
	MaxBodyBytes = 64 << 10
	// MaxClockSkew is how far X-Signature-Timestamp may be from the server's
	// clock: a signed request recorded earlier cannot be replayed later.
	MaxClockSkew = 5 * time.Minute
	// AnswerWithin is how long Discord waits for the initial response.
	AnswerWithin = 3 * time.Second
	// QueueWait is how long a request waits for a free slot when MaxInFlight
	// interactions are already being answered; it leaves the router time to
	// answer, or to defer, within AnswerWithin.
	QueueWait = time.Second
)

// Paths served by the endpoint.
const (
	PathInteractions = "/interactions"
	PathHealth       = "/healthz"
)

// Routes answers interactions with a Reply; *Router is one.
type Routes interface {
	Route(ctx context.Context, i *discordgo.Interaction) Reply
}

// HTTPOptions tunes an Interactions endpoint; the zero value is the production setting.
type HTTPOptions struct {
	Now          func() time.Time // the clock the timestamps are checked against; time.Now when nil
	AnswerWithin time.Duration    // wait for the initial response; AnswerWithin when 0
	// ApplicationID, when set, is the only application whose interactions are
	// answered; an interaction that names none is taken as addressed to it.
	ApplicationID string
	// MaxInFlight bounds the interactions being answered at once, deferred
	// ones included until their edit is sent; 32 per core when 0. A deferred
	// answer frees the HTTP response at once, so without a bound a burst of
	// slow answers (charts) would pile up in memory.
	MaxInFlight int
	QueueWait   time.Duration // wait for a free slot; QueueWait when 0
}

// Interactions answers the interactions Discord delivers as signed HTTP
// requests. It is stateless: any number of copies may run behind a load
// balancer, each with the application's public key.
type Interactions struct {
	key          ed25519.PublicKey
	r            Routes
	log          *slog.Logger
	now          func() time.Time
	answerWithin time.Duration
	appID        string
	admit        *admission
	queueWait    time.Duration

	// work outlives the request that started it: a deferred answer is
	// finished after the HTTP response has gone. It ends when draining gives up.
	work     context.Context
	stopWork context.CancelFunc
	inflight sync.WaitGroup

	bufs sync.Pool // *[]byte: timestamp followed by the body, and encoded answers
}

// NewInteractions returns the endpoint; key is the application's public key.
func NewInteractions(key ed25519.PublicKey, r Routes, log *slog.Logger, opts HTTPOptions) *Interactions {
	s := &Interactions{
		key:          key,
		r:            r,
		log:          log,
		now:          opts.Now,
		answerWithin: opts.AnswerWithin,
		appID:        opts.ApplicationID,
		bufs:         sync.Pool{New: func() any { b := make([]byte, 0, 4096); return &b }},
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.answerWithin <= 0 {
		s.answerWithin = AnswerWithin
	}
	n := opts.MaxInFlight
	if n <= 0 {
		n = 32 * runtime.GOMAXPROCS(0)
	}
	s.admit = newAdmission(n, s.answerWithin*2/3)
	s.queueWait = opts.QueueWait
	if s.queueWait <= 0 {
		s.queueWait = QueueWait
	}
	s.work, s.stopWork = context.WithCancel(context.Background())
	return s
}

// ParsePublicKey reads the application's public key as Discord's developer
// portal shows it: 64 hexadecimal digits.
func ParsePublicKey(s string) (ed25519.PublicKey, error) {
	if s == "" {
		return nil, errors.New("empty")
	}
	b, err := hex.DecodeString(s)
	if err != nil {
		return nil, errors.New("not hexadecimal")
	}
	if len(b) != ed25519.PublicKeySize {
		return nil, fmt.Errorf("%d bytes, want %d", len(b), ed25519.PublicKeySize)
	}
	return ed25519.PublicKey(b), nil
}

// Server returns an http.Server for the endpoint with every timeout set.
func (s *Interactions) Server() *http.Server {
	return &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      s.answerWithin + 10*time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    32 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelDebug),
	}
}

// Serve answers on ln until ctx ends. Then it stops accepting requests, lets
// those in flight finish and the deferred answers be completed, for at most
// grace, and returns nil once all is done.
func (s *Interactions) Serve(ctx context.Context, ln net.Listener, grace time.Duration) error {
	srv := s.Server()
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	s.log.Info("serve", "event", "draining")
	dctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	err := srv.Shutdown(dctx)
	<-served
	if derr := s.Drain(dctx); err == nil {
		err = derr
	}
	if err != nil {
		return fmt.Errorf("drain: %w", err)
	}
	s.log.Info("serve", "event", "stopped")
	return nil
}

// Drain waits until the work started by earlier requests (deferred answers
// being finished) is done. If ctx ends first, it cancels that work, waits for
// it to return and reports ctx's error.
func (s *Interactions) Drain(ctx context.Context) error {
	done := make(chan struct{})
	go func() { s.inflight.Wait(); close(done) }()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		s.stopWork()
		<-done
		return ctx.Err()
	}
}

// ServeHTTP routes the endpoint's two paths.
func (s *Interactions) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case PathInteractions:
		if r.Method != http.MethodPost {
			refuse(w, http.StatusMethodNotAllowed, "POST")
			return
		}
		s.interaction(w, r)
	case PathHealth:
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			refuse(w, http.StatusMethodNotAllowed, "GET, HEAD")
			return
		}
		w.WriteHeader(http.StatusOK)
	default:
		refuse(w, http.StatusNotFound, "")
	}
}

func refuse(w http.ResponseWriter, code int, allow string) {
	if allow != "" {
		w.Header().Set("Allow", allow)
	}
	http.Error(w, http.StatusText(code), code)
}

// Reasons a request is refused, as logged.
const (
	reasonTooLarge  = "body too large"
	reasonUnsigned  = "missing or malformed signature"
	reasonSignature = "bad signature"
	reasonStale     = "timestamp out of range"
	reasonRead      = "body unreadable"
	reasonJSON      = "malformed interaction"
	reasonType      = "unknown interaction type"
	reasonApp       = "interaction for another application"
	reasonBusy      = "too many interactions in flight"
	reasonSlow      = "answers too slow: fewer interactions taken on"
)

func (s *Interactions) reject(w http.ResponseWriter, code int, reason string) {
	s.log.Debug("interaction refused", "status", code, "reason", reason)
	http.Error(w, http.StatusText(code), code)
}

// interaction checks one POST /interactions and answers it. The signature is
// checked before the body is used in any way.
func (s *Interactions) interaction(w http.ResponseWriter, r *http.Request) {
	arrived := time.Now()
	if r.ContentLength > MaxBodyBytes {
		s.reject(w, http.StatusRequestEntityTooLarge, reasonTooLarge)
		return
	}
	ts := r.Header.Get("X-Signature-Timestamp")
	sig, ok := decodeSignature(r.Header.Get("X-Signature-Ed25519"))
	if !ok || ts == "" || len(ts) > 32 {
		s.reject(w, http.StatusUnauthorized, reasonUnsigned)
		return
	}

	bufp := s.bufs.Get().(*[]byte)
	defer s.bufs.Put(bufp)
	// The signed message is the timestamp followed by the body: read the body
	// right after the timestamp and verify the buffer as it is.
	msg := append((*bufp)[:0], ts...)
	msg, err := readBody(msg, http.MaxBytesReader(w, r.Body, MaxBodyBytes))
	*bufp = msg[:0]
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			s.reject(w, http.StatusRequestEntityTooLarge, reasonTooLarge)
			return
		}
		s.reject(w, http.StatusBadRequest, reasonRead)
		return
	}
	if !ed25519.Verify(s.key, msg, sig[:]) {
		s.reject(w, http.StatusUnauthorized, reasonSignature)
		return
	}
	if !s.fresh(ts) {
		s.reject(w, http.StatusUnauthorized, reasonStale)
		return
	}

	i, code, reason := decode(msg[len(ts):])
	if code != 0 {
		s.reject(w, code, reason)
		return
	}
	switch {
	case s.appID == "":
	case i.AppID == "":
		i.AppID = s.appID
	case i.AppID != s.appID:
		s.reject(w, http.StatusBadRequest, reasonApp)
		return
	}
	if i.Type == discordgo.InteractionPing {
		writeJSON(w, pong)
		return
	}
	s.dispatch(w, r, i, arrived)
}

var pong = []byte(`{"type":1}`)

// errUnanswered: the router returned no initial response.
var errUnanswered = errors.New("interaction left unanswered")

// dispatch routes the interaction, writes the initial response as the HTTP
// response and, when the answer has more to do (a deferred answer to
// finish), lets it go on under the server's lifetime rather than the
// request's; Drain waits for it. Route returns within the router's budget,
// well before Discord's deadline.
func (s *Interactions) dispatch(w http.ResponseWriter, r *http.Request, i *discordgo.Interaction, arrived time.Time) {
	// The wait for a place counts from the request's arrival: Discord's
	// deadline runs from there.
	if !s.admit.acquire(r.Context(), arrived.Add(s.queueWait)) {
		reason := reasonBusy
		if _, limit := s.admit.state(); limit < s.admit.max {
			reason = reasonSlow
		}
		s.log.Warn("interaction refused", "status", http.StatusServiceUnavailable, "reason", reason, "type", int(i.Type))
		w.Header().Set("Retry-After", "1")
		http.Error(w, http.StatusText(http.StatusServiceUnavailable), http.StatusServiceUnavailable)
		return
	}
	rep, ok := s.route(i)
	if !ok || rep.Initial == nil {
		s.admit.release()
		s.log.Error("interaction left unanswered", "type", int(i.Type))
		http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
		return
	}
	var err error
	if rep.encoded != nil {
		err = writeJSON(w, rep.encoded)
	} else {
		err = s.write(w, rep.Initial)
	}
	s.admit.observe(time.Since(arrived))
	if rep.Finish == nil {
		defer s.admit.release()
		rep.Complete(s.work, err)
		return
	}
	s.inflight.Add(1)
	go func() {
		defer s.inflight.Done()
		defer s.admit.release()
		defer func() {
			if v := recover(); v != nil {
				s.log.Error("interaction handler panicked", "type", int(i.Type))
			}
		}()
		rep.Complete(s.work, err)
	}()
}

// route calls the router, turning a panic into ok == false.
func (s *Interactions) route(i *discordgo.Interaction) (rep Reply, ok bool) {
	defer func() {
		if v := recover(); v != nil {
			s.log.Error("interaction handler panicked", "type", int(i.Type))
			ok = false
		}
	}()
	return s.r.Route(s.work, i), true
}
