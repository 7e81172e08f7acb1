package bot

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/url"
	"strconv"
	"strings"
	"sync"
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
}

// Router turns interactions into handler calls and their answers into
// Discord responses. It is shared by the gateway and the HTTP server.
type Router struct {
	cmds []Command
	cat  *locales.Catalog
	rest *discordgo.Session
	log  *slog.Logger
	opts RouterOptions
	wg   sync.WaitGroup
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
	return &Router{cmds: cmds, cat: cat, rest: rest, log: log, opts: opts}
}

// Wait blocks until every answer the router started has finished.
func (r *Router) Wait() { r.wg.Wait() }

// Handle answers one interaction: it calls respond exactly once with the
// initial response and, when the answer was deferred, finishes it by editing
// the original response through the REST session before returning.
func (r *Router) Handle(ctx context.Context, i *discordgo.Interaction, respond func(*discordgo.InteractionResponse) error) {
	// The moderator handlers learn from ctx who acted, and where.
	ctx = withActor(ctx, i)
	r.wg.Add(1)
	defer r.wg.Done()
	t := &trace{start: time.Now(), kind: "unknown", outcome: "ok"}
	defer func() { r.logTrace(t) }()
	switch i.Type {
	case discordgo.InteractionPing:
		t.kind = "ping"
		r.send(ctx, t, respond, &discordgo.InteractionResponse{Type: discordgo.InteractionResponsePong})
	case discordgo.InteractionApplicationCommand:
		t.kind = "command"
		r.command(ctx, t, i, respond)
	case discordgo.InteractionApplicationCommandAutocomplete:
		t.kind = "autocomplete"
		r.autocomplete(ctx, t, i, respond)
	case discordgo.InteractionMessageComponent:
		t.kind = "component"
		r.component(ctx, t, i, respond)
	case discordgo.InteractionModalSubmit:
		t.kind = "modal"
		r.modal(ctx, t, i, respond)
	default:
		t.outcome = "unknown_type"
		r.send(ctx, t, respond, r.errorResponse(locales.EN, false))
	}
}

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

// target is what answers a request: a command's or a subcommand's functions.
type target struct {
	cmd      Command
	handler  handlers.Func
	complete handlers.CompleteFunc
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
		return target{cmd: c, handler: s.Handler, complete: s.Complete, options: s.Options}, true
	}
	return target{cmd: c, handler: c.Handler, complete: c.Complete, options: c.Options}, true
}

// request translates a slash command or autocomplete interaction.
func (r *Router) request(i *discordgo.Interaction) (handlers.Request, target, bool) {
	data := i.ApplicationCommandData()
	req := handlers.Request{Options: map[string]string{}, Guild: i.GuildID}
	opts := data.Options
	if len(opts) == 1 && (opts[0].Type == discordgo.ApplicationCommandOptionSubCommand || opts[0].Type == discordgo.ApplicationCommandOptionSubCommandGroup) {
		req.Sub = opts[0].Name
		opts = opts[0].Options
		if len(opts) == 1 && opts[0].Type == discordgo.ApplicationCommandOptionSubCommand {
			req.Sub += " " + opts[0].Name
			opts = opts[0].Options
		}
	}
	tg, ok := r.find(data.Name, req.Sub)
	if !ok {
		return req, target{}, false
	}
	req.Command = tg.cmd.Name
	for _, o := range opts {
		name := o.Name
		if def, ok := LookupOption(tg.options, o.Name); ok {
			name = def.Name
		}
		if o.Focused {
			req.Focused = name
		}
		req.Options[name] = optionValue(o.Value)
	}
	r.setCommon(i, &req)
	return req, tg, true
}

// setCommon reads the language, share and member of the interaction into req
// and removes language and share from its options.
func (r *Router) setCommon(i *discordgo.Interaction, req *handlers.Request) {
	if v, ok := req.Options[OptLanguage]; ok {
		if langs, ok := locales.ParseChoice(v); ok {
			req.Langs = langs
		}
		delete(req.Options, OptLanguage)
	}
	if len(req.Langs) == 0 {
		req.Langs = r.memberLangs(i)
	}
	if v, ok := req.Options[OptShare]; ok {
		req.Share = v == "true"
		delete(req.Options, OptShare)
	}
	if i.Member != nil && i.GuildID != "" {
		req.Moderator = r.opts.Moderator(i.GuildID, i.Member.Permissions, i.Member.Roles)
	}
}

// memberLangs is the language of the member's locale, else the server's
// choice (one language or both), else English.
func (r *Router) memberLangs(i *discordgo.Interaction) []locales.Lang {
	if l := locales.Match(string(i.Locale), ""); l != "" {
		return []locales.Lang{l}
	}
	if i.GuildID != "" {
		if langs := r.opts.GuildLanguage(i.GuildID); len(langs) > 0 {
			return langs
		}
	}
	return []locales.Lang{locales.EN}
}

// memberLang is the first of memberLangs, for one-line replies.
func (r *Router) memberLang(i *discordgo.Interaction) locales.Lang { return r.memberLangs(i)[0] }

func optionValue(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	case nil:
		return ""
	}
	return ""
}

func (r *Router) command(ctx context.Context, t *trace, i *discordgo.Interaction, respond func(*discordgo.InteractionResponse) error) {
	req, tg, ok := r.request(i)
	t.command = tg.cmd.Name
	if !ok || tg.handler == nil {
		t.command, t.outcome = "unknown", "unknown_command"
		r.send(ctx, t, respond, r.errorResponse(r.memberLang(i), false))
		return
	}
	r.answer(ctx, t, i, respond, tg.handler, req, 0, false)
}

// answer runs the handler and sends its answer, deferring when it is slow or
// carries files that may not go in the initial response. update is set for a
// button on an ephemeral answer, which is replaced in place.
func (r *Router) answer(ctx context.Context, t *trace, i *discordgo.Interaction, respond func(*discordgo.InteractionResponse) error,
	h handlers.Func, req handlers.Request, pageN int, update bool) {
	hctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), r.opts.Timeout)
	defer cancel()
	done := r.call(hctx, t, h, req)
	budget := time.NewTimer(r.opts.Budget)
	defer budget.Stop()
	var res result
	ready := false
	select {
	case res = <-done:
		ready = true
	case <-budget.C:
	}
	lang := req.Langs[0]
	ephemeral := !req.Share || update
	// Buttons that run the request again (pages, language) only go on
	// answers to a command or to such a button: running again the submission
	// of a form, or a click on one of a handler's own buttons, would repeat
	// what it did.
	rerun := i.Type == discordgo.InteractionApplicationCommand || i.Type == discordgo.InteractionMessageComponent && isAnswerID(i)
	if ready && res.failed() {
		t.outcome = res.outcome()
		r.send(ctx, t, respond, r.errorResponse(lang, false))
		return
	}
	if ready && res.resp.Modal != nil {
		r.send(ctx, t, respond, modalResponse(res.resp.Modal))
		return
	}
	if ready && (r.opts.InlineFiles || len(r.pageFiles(res.resp, pageN)) == 0) {
		msg, extra := r.message(res.resp, req, pageN, rerun)
		typ := discordgo.InteractionResponseChannelMessageWithSource
		if update {
			typ = discordgo.InteractionResponseUpdateMessage
		}
		if !ephemeral && !res.resp.Ephemeral {
			msg.Flags &^= discordgo.MessageFlagsEphemeral
		}
		if r.send(ctx, t, respond, &discordgo.InteractionResponse{Type: typ, Data: msg}) {
			r.followups(ctx, t, i, extra, msg.Flags)
		}
		return
	}
	// Slow, or files that must go in an edit: defer, then edit the original.
	t.deferred = true
	typ := discordgo.InteractionResponseDeferredChannelMessageWithSource
	if update {
		typ = discordgo.InteractionResponseDeferredMessageUpdate
	}
	data := &discordgo.InteractionResponseData{AllowedMentions: noMentions()}
	if ephemeral {
		data.Flags = discordgo.MessageFlagsEphemeral
	}
	if !r.send(ctx, t, respond, &discordgo.InteractionResponse{Type: typ, Data: data}) {
		return
	}
	if !ready {
		res = waitDeferred(ctx, hctx, done)
	}
	switch {
	case res.failed():
		t.outcome = res.outcome()
		msg := r.errorResponse(lang, false).Data
		r.edit(ctx, t, i, &discordgo.WebhookEdit{Content: &msg.Content, Embeds: &[]*discordgo.MessageEmbed{}, Components: &[]discordgo.MessageComponent{}, AllowedMentions: noMentions()}, nil)
	case res.resp.Modal != nil:
		// A form cannot follow a deferred answer.
		t.outcome = "late_modal"
		msg := r.errorResponse(lang, false).Data
		r.edit(ctx, t, i, &discordgo.WebhookEdit{Content: &msg.Content, AllowedMentions: noMentions()}, nil)
	default:
		msg, extra := r.message(res.resp, req, pageN, rerun)
		embeds, comps := msg.Embeds, msg.Components
		if r.edit(ctx, t, i, &discordgo.WebhookEdit{Embeds: &embeds, Components: &comps, AllowedMentions: noMentions()}, r.pageFiles(res.resp, pageN)) {
			r.followups(ctx, t, i, extra, data.Flags)
			return
		}
		// The answer could not be delivered: say so rather than leave the
		// deferred answer "thinking" until its token expires. The trace keeps
		// the first failure.
		failed := *t
		oops := r.errorResponse(lang, false).Data
		r.edit(ctx, t, i, &discordgo.WebhookEdit{Content: &oops.Content, Embeds: &[]*discordgo.MessageEmbed{}, Components: &[]discordgo.MessageComponent{}, AllowedMentions: noMentions()}, nil)
		t.outcome, t.status = failed.outcome, failed.status
	}
}

// waitDeferred waits for the handler of a deferred answer. A handler that
// overruns its timeout (hctx), or a server that stops waiting for work (ctx),
// turns the answer into an error, so that the deferred answer is always
// finished by an edit.
func waitDeferred(ctx, hctx context.Context, done <-chan result) result {
	select {
	case res := <-done:
		return res
	case <-hctx.Done():
		return result{err: hctx.Err()}
	case <-ctx.Done():
		return result{err: ctx.Err()}
	}
}

// result is what a handler returned, or that it panicked.
type result struct {
	resp     handlers.Response
	err      error
	panicked bool
}

func (res result) failed() bool {
	return res.panicked || res.err != nil || (len(res.resp.Answers) == 0 && res.resp.Modal == nil)
}

func (res result) outcome() string {
	switch {
	case res.panicked:
		return "panic"
	case res.err != nil:
		return "error"
	}
	return "empty"
}

// call runs h in its own goroutine, turning a panic into a result.
func (r *Router) call(ctx context.Context, t *trace, h handlers.Func, req handlers.Request) <-chan result {
	done := make(chan result, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				done <- result{panicked: true}
			}
		}()
		resp, err := h(ctx, req)
		done <- result{resp: resp, err: err}
	}()
	return done
}

// message renders page pageN of resp, with its buttons. extra holds the pages
// that must go as follow-ups because the request cannot run again from a
// button: it does not fit in a custom_id, or rerun is false.
func (r *Router) message(resp handlers.Response, req handlers.Request, pageN int, rerun bool) (*discordgo.InteractionResponseData, [][]*discordgo.MessageEmbed) {
	rd := render(r.cat, resp)
	files := r.pageFiles(resp, pageN)
	msg := &discordgo.InteractionResponseData{
		Flags:           discordgo.MessageFlagsEphemeral,
		AllowedMentions: noMentions(),
		Files:           discordFiles(files),
		Attachments:     attachments(files),
		Components:      []discordgo.MessageComponent{},
	}
	total := len(rd.pages)
	if total == 0 {
		return msg, nil
	}
	pageN = min(max(pageN, 0), total-1)
	msg.Embeds = rd.pages[pageN]
	v := view{Page: pageN, Langs: req.Langs, Command: req.Command, Sub: req.Sub, Options: req.Options}
	p := r.cat.Printer(rd.lang)
	var nav []discordgo.MessageComponent
	var extra [][]*discordgo.MessageEmbed
	_, fits := v.encode()
	fits = fits && rerun
	if total > 1 {
		if fits {
			prev, next := v, v
			prev.Page, next.Page = max(pageN-1, 0), min(pageN+1, total-1)
			prevID, _ := prev.encode()
			nextID, _ := next.encode()
			if pageN == 0 {
				prevID = answerPrefix + "|-"
			}
			if pageN == total-1 {
				nextID = answerPrefix + "|+"
			}
			nav = append(nav,
				discordgo.Button{Label: p.T("common_previous"), Style: discordgo.SecondaryButton, CustomID: prevID, Disabled: pageN == 0},
				discordgo.Button{Label: p.T("common_next"), Style: discordgo.SecondaryButton, CustomID: nextID, Disabled: pageN == total-1})
		} else if pageN == 0 {
			extra = rd.pages[1:]
		}
	}
	if fits && len(req.Langs) == 1 {
		sw := v
		sw.Page = 0
		sw.Langs = []locales.Lang{otherLang(req.Langs[0])}
		id, ok := sw.encode()
		if ok {
			nav = append(nav, discordgo.Button{Label: p.T("common_switch_lang"), Style: discordgo.SecondaryButton, CustomID: id})
		}
	}
	if len(nav) > 0 {
		msg.Components = append(msg.Components, discordgo.ActionsRow{Components: nav})
	}
	msg.Components = append(msg.Components, rd.actions...)
	msg.Components = append(msg.Components, rd.links...)
	return msg, extra
}

func otherLang(l locales.Lang) locales.Lang {
	if l == locales.FR {
		return locales.EN
	}
	return locales.FR
}

func noMentions() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}

// pageFiles are the files sent with page pageN of resp: only the first page
// shows images, and a file sent with another page would be one more
// attachment under it.
func (r *Router) pageFiles(resp handlers.Response, pageN int) []handlers.File {
	if pageN > 0 {
		return nil
	}
	return resp.Files
}

// attachments is the message's full list of attachments: the files being
// uploaded with it, or none. Sent explicitly on every message and edit, it
// makes Discord replace the attachments of the message being edited or
// updated rather than keep the old ones beside the new.
func attachments(files []handlers.File) *[]*discordgo.MessageAttachment {
	list := make([]*discordgo.MessageAttachment, 0, len(files))
	for n, f := range files {
		list = append(list, &discordgo.MessageAttachment{ID: strconv.Itoa(n), Filename: f.Name})
	}
	return &list
}

func discordFiles(files []handlers.File) []*discordgo.File {
	var out []*discordgo.File
	for _, f := range files {
		out = append(out, &discordgo.File{Name: f.Name, ContentType: f.ContentType, Reader: bytes.NewReader(f.Data)})
	}
	return out
}

// rewind makes the files readable again before a retry.
func rewind(files []*discordgo.File) {
	for _, f := range files {
		if s, ok := f.Reader.(*bytes.Reader); ok {
			_, _ = s.Seek(0, 0)
		}
	}
}

func modalResponse(m *handlers.Modal) *discordgo.InteractionResponse {
	var rows []discordgo.MessageComponent
	for _, in := range m.Inputs {
		style := discordgo.TextInputShort
		if in.Long {
			style = discordgo.TextInputParagraph
		}
		rows = append(rows, discordgo.ActionsRow{Components: []discordgo.MessageComponent{discordgo.TextInput{
			CustomID: in.ID, Label: truncate(in.Label, 45), Style: style, Value: in.Value,
			Required: in.Required, MaxLength: in.MaxLength,
		}}})
	}
	return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseModal, Data: &discordgo.InteractionResponseData{
		CustomID: m.ID, Title: truncate(m.Title, 45), Components: rows,
	}}
}

// errorResponse is the friendly reply to anything that went wrong; it never
// says what.
func (r *Router) errorResponse(lang locales.Lang, update bool) *discordgo.InteractionResponse {
	typ := discordgo.InteractionResponseChannelMessageWithSource
	if update {
		typ = discordgo.InteractionResponseUpdateMessage
	}
	return &discordgo.InteractionResponse{Type: typ, Data: &discordgo.InteractionResponseData{
		Content:         r.cat.Printer(lang).T("common_error_generic"),
		Flags:           discordgo.MessageFlagsEphemeral,
		AllowedMentions: noMentions(),
		Components:      []discordgo.MessageComponent{},
	}}
}

func (r *Router) autocomplete(ctx context.Context, t *trace, i *discordgo.Interaction, respond func(*discordgo.InteractionResponse) error) {
	req, tg, ok := r.request(i)
	t.command = tg.cmd.Name
	choices := []*discordgo.ApplicationCommandOptionChoice{}
	switch {
	case !ok:
		t.command, t.outcome = "unknown", "unknown_command"
	case tg.complete == nil:
		t.outcome = "no_completer"
	default:
		// Autocomplete cannot be deferred: a completer slower than the budget
		// gets no suggestions rather than a late answer Discord would drop.
		cctx, cancel := context.WithTimeout(ctx, r.opts.Budget)
		defer cancel()
		got, outcome := r.complete(cctx, tg.complete, req)
		t.outcome = outcome
		for _, c := range got {
			if len(choices) == maxChoices {
				break
			}
			if c.Value == "" || runeCount(c.Value) > maxChoiceValue || strings.TrimSpace(c.Name) == "" {
				continue
			}
			choices = append(choices, &discordgo.ApplicationCommandOptionChoice{Name: truncateRunes(c.Name, maxChoiceName), Value: c.Value})
		}
	}
	r.send(ctx, t, respond, &discordgo.InteractionResponse{
		Type: discordgo.InteractionApplicationCommandAutocompleteResult,
		Data: &discordgo.InteractionResponseData{Choices: choices},
	})
}

func (r *Router) complete(ctx context.Context, f handlers.CompleteFunc, req handlers.Request) ([]handlers.Choice, string) {
	type out struct {
		choices []handlers.Choice
		outcome string
	}
	done := make(chan out, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				done <- out{outcome: "panic"}
			}
		}()
		c, err := f(ctx, req)
		if err != nil {
			done <- out{outcome: "error"}
			return
		}
		done <- out{choices: c, outcome: "ok"}
	}()
	select {
	case o := <-done:
		return o.choices, o.outcome
	case <-ctx.Done():
		return nil, "timeout"
	}
}

func truncateRunes(s string, n int) string {
	if runeCount(s) <= n {
		return s
	}
	rs := []rune(s)
	return string(rs[:n-1]) + "…"
}

func (r *Router) component(ctx context.Context, t *trace, i *discordgo.Interaction, respond func(*discordgo.InteractionResponse) error) {
	id := i.MessageComponentData().CustomID
	prefix, _, _ := strings.Cut(id, "|")
	lang := r.memberLang(i)
	if prefix != answerPrefix {
		r.routed(ctx, t, i, respond, id, nil)
		return
	}
	v, err := decodeView(id)
	if err != nil {
		t.command, t.outcome = "unknown", "bad_custom_id"
		r.send(ctx, t, respond, r.errorResponse(lang, false))
		return
	}
	tg, ok := r.find(v.Command, v.Sub)
	t.command = tg.cmd.Name
	if !ok || tg.handler == nil {
		t.command, t.outcome = "unknown", "unknown_command"
		r.send(ctx, t, respond, r.errorResponse(lang, false))
		return
	}
	req := handlers.Request{Command: tg.cmd.Name, Sub: v.Sub, Options: v.Options, Langs: v.Langs, Guild: i.GuildID}
	if i.Member != nil && i.GuildID != "" {
		req.Moderator = r.opts.Moderator(i.GuildID, i.Member.Permissions, i.Member.Roles)
	}
	// A button on one's own (ephemeral) answer turns its page in place; on a
	// shared answer it shows the clicker a private copy, leaving the shared one as it is.
	update := i.Message != nil && i.Message.Flags&discordgo.MessageFlagsEphemeral != 0
	r.answer(ctx, t, i, respond, tg.handler, req, v.Page, update)
}

// isAnswerID says whether a component is one of the router's own buttons on
// an answer (pages, language), which run the request again.
func isAnswerID(i *discordgo.Interaction) bool {
	prefix, _, _ := strings.Cut(i.MessageComponentData().CustomID, "|")
	return prefix == answerPrefix
}

func (r *Router) modal(ctx context.Context, t *trace, i *discordgo.Interaction, respond func(*discordgo.InteractionResponse) error) {
	data := i.ModalSubmitData()
	values := map[string]string{}
	for _, row := range data.Components {
		ar, ok := row.(*discordgo.ActionsRow)
		if !ok {
			continue
		}
		for _, c := range ar.Components {
			if in, ok := c.(*discordgo.TextInput); ok {
				values[in.CustomID] = in.Value
			}
		}
	}
	r.routed(ctx, t, i, respond, data.CustomID, values)
}

// routed answers a component or a modal whose custom_id is not an answer's
// button. Such a custom_id is "command|subcommand|anything": the command's (or
// subcommand's) handler gets it as the "custom_id" option, with the modal's
// text inputs as further options named by their IDs.
func (r *Router) routed(ctx context.Context, t *trace, i *discordgo.Interaction, respond func(*discordgo.InteractionResponse) error, id string, values map[string]string) {
	parts := strings.SplitN(id, "|", 3)
	sub := ""
	if len(parts) > 1 {
		sub = parts[1]
	}
	tg, ok := r.find(parts[0], sub)
	if !ok && sub != "" {
		tg, ok = r.find(parts[0], "")
		sub = ""
	}
	lang := r.memberLang(i)
	t.command = tg.cmd.Name
	if !ok || tg.handler == nil {
		t.command, t.outcome = "unknown", "unknown_component"
		r.send(ctx, t, respond, r.errorResponse(lang, false))
		return
	}
	req := handlers.Request{Command: tg.cmd.Name, Sub: sub, Options: map[string]string{}, Guild: i.GuildID}
	for k, v := range values {
		req.Options[k] = v
	}
	req.Options["custom_id"] = id
	r.setCommon(i, &req)
	// A handler's button on one's own (ephemeral) answer, such as a
	// confirmation, replaces that answer; elsewhere it answers privately.
	update := i.Type == discordgo.InteractionMessageComponent && i.Message != nil && i.Message.Flags&discordgo.MessageFlagsEphemeral != 0
	r.answer(ctx, t, i, respond, tg.handler, req, 0, update)
}

// followups sends the pages that could not be reached with buttons.
func (r *Router) followups(ctx context.Context, t *trace, i *discordgo.Interaction, pages [][]*discordgo.MessageEmbed, flags discordgo.MessageFlags) {
	if r.rest == nil {
		return
	}
	for _, embeds := range pages {
		params := &discordgo.WebhookParams{Embeds: embeds, Flags: flags, AllowedMentions: noMentions()}
		err := r.retry(ctx, func() error {
			_, err := r.rest.FollowupMessageCreate(i, false, params, restOptions(ctx)...)
			return err
		})
		if err != nil {
			t.outcome, t.status = "followup_failed", statusOf(err)
			return
		}
	}
}

// send delivers the initial response, retrying when Discord asks to; it
// reports whether the response was delivered.
func (r *Router) send(ctx context.Context, t *trace, respond func(*discordgo.InteractionResponse) error, resp *discordgo.InteractionResponse) bool {
	var files []*discordgo.File
	if resp.Data != nil {
		files = resp.Data.Files
	}
	err := r.retry(ctx, func() error {
		rewind(files)
		return respond(resp)
	})
	if err != nil {
		t.outcome, t.status = "respond_failed", statusOf(err)
		return false
	}
	return true
}

// edit replaces the original response, with files when there are any.
func (r *Router) edit(ctx context.Context, t *trace, i *discordgo.Interaction, e *discordgo.WebhookEdit, files []handlers.File) bool {
	if r.rest == nil {
		t.outcome = "edit_failed"
		return false
	}
	e.Files = discordFiles(files)
	e.Attachments = attachments(files)
	err := r.retry(ctx, func() error {
		rewind(e.Files)
		_, err := r.rest.InteractionResponseEdit(i, e, restOptions(ctx)...)
		return transient(err)
	})
	if err != nil {
		t.outcome, t.status = "edit_failed", statusOf(err)
		return false
	}
	return true
}

// restOptions turn off discordgo's own retries on 429, which have no bound,
// and keep its immediate retries on 502 few: retry does the rest.
func restOptions(ctx context.Context) []discordgo.RequestOption {
	return []discordgo.RequestOption{
		discordgo.WithRetryOnRatelimit(false),
		discordgo.WithRestRetries(1),
		discordgo.WithContext(context.WithoutCancel(ctx)),
	}
}

// RESTResponder returns a respond function that sends the initial response
// through the REST API, as the gateway mode does.
func RESTResponder(ctx context.Context, s *discordgo.Session, i *discordgo.Interaction) func(*discordgo.InteractionResponse) error {
	return func(resp *discordgo.InteractionResponse) error {
		return s.InteractionRespond(i, resp, restOptions(ctx)...)
	}
}

// retry calls f until it succeeds, Discord answers something other than a
// rate limit or a server error, or MaxRetries retries were made.
func (r *Router) retry(ctx context.Context, f func() error) error {
	return retry(ctx, r.opts.MaxRetries, f)
}

func retry(ctx context.Context, maxRetries int, f func() error) error {
	backoff := 200 * time.Millisecond
	for attempt := 0; ; attempt++ {
		err := f()
		if err == nil {
			return nil
		}
		wait, ok := retryAfter(err)
		if !ok || attempt >= maxRetries {
			return err
		}
		if wait <= 0 {
			wait = backoff
			backoff *= 2
		}
		wait = min(wait, 10*time.Second)
		timer := time.NewTimer(wait)
		select {
		case <-timer.C:
		case <-ctx.Done():
			timer.Stop()
			return err
		}
	}
}

// retryAfter says whether err is worth another try, and after how long
// (zero: use the backoff).
func retryAfter(err error) (time.Duration, bool) {
	var rl *discordgo.RateLimitError
	if errors.As(err, &rl) && rl.RateLimit != nil && rl.TooManyRequests != nil {
		return rl.RetryAfter, true
	}
	var re *discordgo.RESTError
	if errors.As(err, &re) && re.Response != nil && re.Response.StatusCode >= 500 {
		return 0, true
	}
	var te transportError
	if errors.As(err, &te) {
		return 0, true
	}
	return 0, false
}

// transportError is a call that got no answer (refused, reset, timed out):
// worth another try when the call may be repeated, as an edit may.
type transportError struct{ error }

func (e transportError) Unwrap() error { return e.error }

// transient marks err as a transportError when the call got no HTTP answer,
// or got 502 twice: discordgo retries a 502 once by itself, then gives up
// with an error of no type.
func transient(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) || err != nil && strings.HasPrefix(err.Error(), "Exceeded Max retries HTTP 502") {
		return transportError{err}
	}
	return err
}

// statusOf is the HTTP status of a failed Discord call, 0 when there is none.
func statusOf(err error) int {
	var rl *discordgo.RateLimitError
	if errors.As(err, &rl) {
		return 429
	}
	var re *discordgo.RESTError
	if errors.As(err, &re) && re.Response != nil {
		return re.Response.StatusCode
	}
	return 0
}
