package bot

import (
	"context"
	"fmt"
	"log/slog"
	"runtime"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Gateway answers the interactions Discord delivers over the gateway websocket.
type Gateway struct {
	s   *discordgo.Session
	r   Routes
	log *slog.Logger
	// Drain bounds how long Run waits for answers in flight after ctx ends.
	Drain time.Duration
	// MaxInFlight bounds the interactions being answered at once, as in HTTP
	// mode (32 per core when 0); QueueWait is how long one waits for a place
	// (QueueWait when 0). Both are read when Run starts.
	MaxInFlight int
	QueueWait   time.Duration

	admit *admission

	mu      sync.Mutex
	closing bool
	wg      sync.WaitGroup
}

// NewGateway returns a gateway bot over the session; r (the router, or a
// wrapper around it) answers.
func NewGateway(s *discordgo.Session, r Routes, log *slog.Logger) *Gateway {
	return &Gateway{s: s, r: r, log: log, Drain: 30 * time.Second}
}

// Run connects and answers until ctx ends, then stops taking interactions,
// lets the answers in flight complete and closes the connection.
func (g *Gateway) Run(ctx context.Context) error {
	n := g.MaxInFlight
	if n <= 0 {
		n = 32 * runtime.GOMAXPROCS(0)
	}
	if g.QueueWait <= 0 {
		g.QueueWait = QueueWait
	}
	g.admit = newAdmission(n, AnswerWithin*2/3)
	// Answers in flight outlive ctx: a person waiting for one still gets it.
	answerCtx := context.WithoutCancel(ctx)
	defer g.s.AddHandler(func(s *discordgo.Session, ic *discordgo.InteractionCreate) {
		g.interaction(answerCtx, s, ic)
	})()
	defer g.s.AddHandler(func(*discordgo.Session, *discordgo.Ready) { g.log.Info("gateway", "event", "ready") })()
	defer g.s.AddHandler(func(*discordgo.Session, *discordgo.Resumed) { g.log.Info("gateway", "event", "resumed") })()
	defer g.s.AddHandler(func(*discordgo.Session, *discordgo.Disconnect) { g.log.Info("gateway", "event", "disconnected") })()

	if err := g.open(ctx); err != nil {
		return err
	}
	<-ctx.Done()
	g.mu.Lock()
	g.closing = true
	g.mu.Unlock()
	// No new interaction gets in once the connection is closed; the REST
	// session stays usable for the answers in flight. discordgo's heartbeat
	// may still see the closed socket and reconnect unless told not to.
	g.s.ShouldReconnectOnError = false
	if err := g.s.Close(); err != nil {
		g.log.Warn("gateway", "event", "close_failed")
	}
	drained := make(chan struct{})
	go func() {
		g.wg.Wait()
		close(drained)
	}()
	select {
	case <-drained:
		g.log.Info("gateway", "event", "stopped")
	case <-time.After(g.Drain):
		g.log.Warn("gateway", "event", "stopped", "outcome", "drain_timeout")
	}
	return nil
}

// interaction answers one INTERACTION_CREATE. discordgo runs each event's
// handler on a goroutine of its own, where a panic would end the process:
// every path is recovered here, as the HTTP server does for its requests,
// and an interaction of the wrong shape is dropped before anything reads it.
func (g *Gateway) interaction(ctx context.Context, s *discordgo.Session, ic *discordgo.InteractionCreate) {
	arrived := time.Now()
	g.mu.Lock()
	if g.closing {
		g.mu.Unlock()
		return
	}
	g.wg.Add(1)
	g.mu.Unlock()
	defer g.wg.Done()
	defer func() {
		if v := recover(); v != nil {
			g.log.Error("interaction handler panicked")
		}
	}()
	var i *discordgo.Interaction
	if ic != nil {
		i = ic.Interaction
	}
	if reason := malformed(i); reason != "" {
		g.log.Warn("interaction dropped", "reason", reason)
		return
	}
	if !g.admit.acquire(ctx, arrived.Add(g.QueueWait)) {
		g.refuse(ctx, s, i)
		return
	}
	defer g.admit.release()
	rep := g.r.Route(ctx, i)
	err := respond(ctx, s, i, rep)
	g.admit.observe(time.Since(arrived))
	rep.Complete(ctx, err)
}

// refuse answers an interaction that found no place in time with a short
// private message saying so, when the router can give one (an
// autocomplete gets nothing: the member's next keystroke asks again). The
// message is sent once, without retries: the bot is already overloaded.
func (g *Gateway) refuse(ctx context.Context, s *discordgo.Session, i *discordgo.Interaction) {
	reason := reasonBusy
	if _, limit := g.admit.state(); limit < g.admit.max {
		reason = reasonSlow
	}
	g.log.Warn("interaction refused", "reason", reason, "type", int(i.Type))
	b, ok := g.r.(interface {
		Busy(*discordgo.Interaction) *discordgo.InteractionResponse
	})
	if !ok {
		return
	}
	resp := b.Busy(i)
	if resp == nil {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, AnswerWithin)
	defer cancel()
	if err := s.InteractionRespond(i, resp, restOptions(ctx)...); err != nil {
		g.log.Warn("interaction refused", "outcome", "busy_reply_failed")
	}
}

// open connects, retrying with backoff while ctx lasts: Discord or the
// network may be briefly away when the bot starts.
func (g *Gateway) open(ctx context.Context) error {
	wait := time.Second
	for attempt := 1; ; attempt++ {
		err := g.s.Open()
		if err == nil {
			return nil
		}
		if attempt == 5 {
			return fmt.Errorf("open gateway: %s", describe(err))
		}
		g.log.Warn("gateway", "event", "open_failed", "attempt", attempt)
		select {
		case <-ctx.Done():
			return fmt.Errorf("open gateway: %w", ctx.Err())
		case <-time.After(wait):
		}
		wait *= 2
	}
}

// respond sends the initial response through the REST API, retrying when
// Discord asks to.
func respond(ctx context.Context, s *discordgo.Session, i *discordgo.Interaction, rep Reply) error {
	if rep.Initial == nil {
		return errUnanswered
	}
	var files []*discordgo.File
	if rep.Initial.Data != nil {
		files = rep.Initial.Data.Files
	}
	return retry(ctx, rep.retries(), func() error {
		rewind(files)
		return s.InteractionRespond(i, rep.Initial, restOptions(ctx)...)
	})
}
