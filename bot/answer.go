package bot

import (
	"context"
	"time"

	"github.com/bwmarrin/discordgo"

	"sanctuaire/handlers"
	"sanctuaire/locales"
)

// answer is the one deferral wrapper around a handler. It runs h for req and
// waits up to the Budget: an answer ready by then is the initial response
// itself; otherwise the initial response defers, and Finish waits for the
// answer and edits it in. An answer with files that may not go in the
// initial response is deferred too. update is set for a button on an
// ephemeral answer, which is replaced in place.
func (r *Router) answer(ctx context.Context, t *trace, i *discordgo.Interaction, tg target, h handlers.Func, req handlers.Request, pageN int, update bool) Reply {
	var (
		res    result
		ready  bool
		hctx   context.Context
		cancel = func() {}
		done   <-chan result
	)
	if tg.cmd.Instant {
		// Answered from memory: no budget to wait on, nothing to defer.
		res, ready = callNow(context.WithoutCancel(ctx), h, req), true
	} else {
		hctx, cancel = context.WithTimeout(context.WithoutCancel(ctx), r.opts.Timeout)
		done = call(hctx, h, req)
		budget := time.NewTimer(r.opts.Budget)
		select {
		case res = <-done:
			ready = true
		case <-budget.C:
		}
		budget.Stop()
	}
	lang := req.Langs[0]
	// Where Discord shows answers to the member alone, a shared answer says
	// why it is private.
	forced := req.Share && !update && scopeOf(i).privateOnly
	ephemeral := !req.Share || update || forced
	// Buttons that run the request again (pages, language, share) only go on
	// answers to a command or to such a button, or on answers that say how
	// to show them again (Rerun): running again the submission of a form, or
	// a click on one of a handler's own buttons, would repeat what it did.
	rerun := i.Type == discordgo.InteractionApplicationCommand || i.Type == discordgo.InteractionMessageComponent && (isAnswerID(i) || isShareID(i))
	if ready {
		cancel()
		switch {
		case res.failed():
			t.outcome = res.outcome()
			return Reply{Initial: r.errorResponse(lang, false)}
		case res.resp.Modal != nil:
			return Reply{Initial: modalResponse(res.resp.Modal, req)}
		case r.opts.InlineFiles || len(pageFiles(res.resp, pageN)) == 0:
			key, keep := keptKey(i, req, res.resp, pageN, update, ephemeral, forced, rerun)
			if kr, ok := r.kept.get(key); keep && ok {
				return Reply{Initial: kr.resp, encoded: kr.body}
			}
			msg, extra := r.message(res.resp, req, pageN, rerun || res.resp.Rerun != nil)
			typ := discordgo.InteractionResponseChannelMessageWithSource
			if update {
				typ = discordgo.InteractionResponseUpdateMessage
			}
			if !ephemeral && !res.resp.Ephemeral {
				msg.Flags &^= discordgo.MessageFlagsEphemeral
			}
			if forced {
				msg.Content = r.cat.Printer(lang).T("common_private_here")
			}
			if (rerun || res.resp.Rerun != nil) && msg.Flags&discordgo.MessageFlagsEphemeral != 0 {
				r.addShare(i, msg, res.resp, req)
			}
			rep := Reply{Initial: &discordgo.InteractionResponse{Type: typ, Data: msg}}
			if len(extra) > 0 {
				rep.Finish = func(ctx context.Context) { r.followups(ctx, t, i, extra, msg.Flags, lang) }
			} else if keep {
				rep.encoded = r.kept.put(key, rep.Initial)
			}
			return rep
		}
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
	return Reply{
		Initial: &discordgo.InteractionResponse{Type: typ, Data: data},
		Finish: func(ctx context.Context) {
			if !ready {
				res = waitDeferred(ctx, hctx, done)
			}
			r.finish(ctx, t, i, res, req, pageN, rerun, data.Flags, forced)
		},
		release: cancel,
	}
}

// finish edits a deferred answer into what the handler returned.
func (r *Router) finish(ctx context.Context, t *trace, i *discordgo.Interaction, res result, req handlers.Request, pageN int, rerun bool, flags discordgo.MessageFlags, forced bool) {
	lang := req.Langs[0]
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
		msg, extra := r.message(res.resp, req, pageN, rerun || res.resp.Rerun != nil)
		if (rerun || res.resp.Rerun != nil) && flags&discordgo.MessageFlagsEphemeral != 0 {
			r.addShare(i, msg, res.resp, req)
		}
		embeds, comps := msg.Embeds, msg.Components
		e := &discordgo.WebhookEdit{Embeds: &embeds, Components: &comps, AllowedMentions: noMentions()}
		if forced {
			note := r.cat.Printer(lang).T("common_private_here")
			e.Content = &note
		}
		if r.edit(ctx, t, i, e, pageFiles(res.resp, pageN)) {
			r.followups(ctx, t, i, extra, flags, lang)
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

// call runs h in its own goroutine, the only one a handler call takes,
// turning a panic into a result.
func call(ctx context.Context, h handlers.Func, req handlers.Request) <-chan result {
	done := make(chan result, 1)
	go func() { done <- callNow(ctx, h, req) }()
	return done
}

// callNow runs h in the caller's goroutine, turning a panic into a result.
func callNow(ctx context.Context, h handlers.Func, req handlers.Request) (res result) {
	defer func() {
		if p := recover(); p != nil {
			res = result{panicked: true}
		}
	}()
	resp, err := h(ctx, req)
	return result{resp: resp, err: err}
}

// followups sends the pages that could not be reached with buttons: as many
// as Discord takes, the last one saying so when some are left out.
func (r *Router) followups(ctx context.Context, t *trace, i *discordgo.Interaction, pages [][]*discordgo.MessageEmbed, flags discordgo.MessageFlags, lang locales.Lang) {
	if r.rest == nil {
		return
	}
	capped := scopeOf(i).memberOnly && len(pages) > maxUserFollowups
	if capped {
		pages = pages[:maxUserFollowups]
	}
	for n, embeds := range pages {
		params := &discordgo.WebhookParams{Embeds: embeds, Flags: flags, AllowedMentions: noMentions()}
		if capped && n == len(pages)-1 {
			params.Content = r.cat.Printer(lang).T("common_answer_cut")
		}
		err := retry(ctx, r.opts.MaxRetries, func() error {
			_, err := r.rest.FollowupMessageCreate(i, false, params, restOptions(ctx)...)
			return err
		})
		if err != nil {
			t.outcome, t.status = "followup_failed", statusOf(err)
			return
		}
	}
	if capped {
		t.outcome = "followups_capped"
	}
}

// edit replaces the original response, with files when there are any.
func (r *Router) edit(ctx context.Context, t *trace, i *discordgo.Interaction, e *discordgo.WebhookEdit, files []handlers.File) bool {
	if r.rest == nil {
		t.outcome = "edit_failed"
		return false
	}
	e.Files = discordFiles(files)
	e.Attachments = attachments(files)
	err := retry(ctx, r.opts.MaxRetries, func() error {
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
