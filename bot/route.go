package bot

import (
	"context"
	"log/slog"
	"time"

	"github.com/bwmarrin/discordgo"

	"sanctuaire/handlers"
	"sanctuaire/locales"
)

// RouterOptions tune a Router.
type RouterOptions struct {
	// InlineFiles lets files go in the initial response (gateway mode, where
	// the response is an API call); when false (HTTP mode) a response with
	// files is deferred and the files sent by editing it.
	InlineFiles bool
	// GuildLanguage is the server's default language, or both languages, in
	// the order shown, used when the member's locale is neither French nor
	// English; English when nil or empty.
	GuildLanguage func(guildID string) []locales.Lang
	// Moderator says whether a member may use moderator commands; by default,
	// members with the Manage Server or Administrator permission.
	Moderator func(guildID string, permissions int64, roles []string) bool
	// Budget is how long a handler may run before the answer is deferred; 1.5 s when zero.
	Budget time.Duration
	// Timeout bounds a handler's run after deferral; 60 s when zero.
	Timeout time.Duration
	// MaxRetries bounds the retries of a response or an edit that Discord
	// answers with 429 or a server error; 3 when zero.
	MaxRetries int
	// SharesPerChannel bounds the answers shared without a name in one
	// channel over ShareWindow; 3 in 10 minutes when zero.
	SharesPerChannel int
	ShareWindow      time.Duration
}

// Router turns interactions into handler calls and their answers into
// Discord responses. It is shared by the gateway and the HTTP server.
type Router struct {
	cmds []Command
	cat  *locales.Catalog
	rest *discordgo.Session
	log  *slog.Logger
	opts RouterOptions
	// posts limits the answers posted without a name, by channel.
	posts *channelLimit
	kept  keptReplies
}

// NewRouter returns a router over the command table; rest sends the edits
// and follow-ups of deferred answers.
func NewRouter(cmds []Command, cat *locales.Catalog, rest *discordgo.Session, log *slog.Logger, opts RouterOptions) *Router {
	if opts.Budget == 0 {
		opts.Budget = 1500 * time.Millisecond
	}
	if opts.Timeout == 0 {
		opts.Timeout = 60 * time.Second
	}
	if opts.MaxRetries == 0 {
		opts.MaxRetries = 3
	}
	if opts.GuildLanguage == nil {
		opts.GuildLanguage = func(string) []locales.Lang { return nil }
	}
	if opts.Moderator == nil {
		opts.Moderator = func(_ string, perms int64, _ []string) bool {
			return perms&(discordgo.PermissionManageGuild|discordgo.PermissionAdministrator) != 0
		}
	}
	if opts.SharesPerChannel == 0 {
		opts.SharesPerChannel = 3
	}
	if opts.ShareWindow == 0 {
		opts.ShareWindow = 10 * time.Minute
	}
	return &Router{cmds: cmds, cat: cat, rest: rest, log: log, opts: opts,
		posts: newChannelLimit(opts.SharesPerChannel, opts.ShareWindow)}
}

// Reply is the router's answer to an interaction: the initial response and,
// when there is more to do once it is delivered (the edit that completes a
// deferred answer, the follow-ups of a long one), the work that does it.
//
// A transport sends Initial (HTTP: as the response body; gateway: through the
// REST callback), then calls Complete with how that went. Complete runs
// Finish when Initial was delivered and writes the interaction's log line.
type Reply struct {
	Initial *discordgo.InteractionResponse
	// Finish completes the answer; nil when Initial is all of it.
	Finish func(ctx context.Context)

	t       *trace
	r       *Router
	encoded []byte // Initial as the HTTP endpoint writes it, when kept
	release func() // frees what a deferred handler holds once Finish will not run
}

// Complete runs Finish when sent is nil (Initial was delivered) and logs the
// interaction. A transport calls it once, on the goroutine it lets outlive
// the request when Finish is set.
func (rep Reply) Complete(ctx context.Context, sent error) {
	if rep.release != nil {
		defer rep.release()
	}
	switch {
	case sent != nil && rep.t != nil:
		rep.t.outcome, rep.t.status = "respond_failed", statusOf(sent)
	case sent == nil && rep.Finish != nil:
		rep.Finish(ctx)
	}
	if rep.r != nil && rep.t != nil {
		rep.r.logTrace(rep.t)
	}
}

// retries is how many times a transport retries Initial when Discord asks to.
func (rep Reply) retries() int {
	if rep.r == nil {
		return 3
	}
	return rep.r.opts.MaxRetries
}

// Route answers one interaction. It returns within the router's Budget (and
// the time to render): a handler still running then is left to Finish.
func (r *Router) Route(ctx context.Context, i *discordgo.Interaction) Reply {
	t := &trace{start: time.Now(), kind: "unknown", outcome: "ok"}
	var rep Reply
	switch i.Type {
	case discordgo.InteractionPing:
		t.kind = "ping"
		rep = Reply{Initial: &discordgo.InteractionResponse{Type: discordgo.InteractionResponsePong}}
	case discordgo.InteractionApplicationCommand:
		t.kind = "command"
		rep = r.command(ctx, t, i)
	case discordgo.InteractionApplicationCommandAutocomplete:
		t.kind = "autocomplete"
		rep = r.autocomplete(ctx, t, i)
	case discordgo.InteractionMessageComponent:
		t.kind = "component"
		rep = r.component(ctx, t, i)
	case discordgo.InteractionModalSubmit:
		t.kind = "modal"
		rep = r.modal(ctx, t, i)
	default:
		t.outcome = "unknown_type"
		rep = Reply{Initial: r.errorResponse(locales.EN, false)}
	}
	rep.t, rep.r = t, r
	return rep
}

// target is what answers a request: a command's or a subcommand's functions.
type target struct {
	cmd      Command
	handler  handlers.Func
	complete handlers.CompleteFunc
	submit   handlers.Func
	click    handlers.Func
	options  []Option
}

func (r *Router) find(name, sub string) (target, bool) {
	c, ok := Lookup(r.cmds, name)
	if !ok {
		return target{}, false
	}
	if sub != "" {
		s, ok := c.Sub(sub)
		if !ok {
			return target{}, false
		}
		return target{cmd: c, handler: s.Handler, complete: s.Complete, submit: s.Submit, click: s.Click, options: s.Options}, true
	}
	return target{cmd: c, handler: c.Handler, complete: c.Complete, submit: c.Submit, click: c.Click, options: c.Options}, true
}

func (r *Router) command(ctx context.Context, t *trace, i *discordgo.Interaction) Reply {
	req, tg, ok := r.request(i)
	t.command = tg.cmd.Name
	if !ok || tg.handler == nil {
		t.command, t.outcome = "unknown", "unknown_command"
		return Reply{Initial: r.errorResponse(r.memberLang(i), false)}
	}
	return r.answer(ctx, t, i, tg, tg.handler, req, 0, false)
}
