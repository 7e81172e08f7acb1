package bot

import (
	"context"
	"strings"

	"github.com/bwmarrin/discordgo"

	"sanctuaire/handlers"
	"sanctuaire/locales"
)

// sharePrefix starts the custom_id of the share buttons:
// "s|step|langs|command|sub|k=v&k=v", the view of the answer to share with,
// in place of its page, the step: shareAsk offers the two ways, shareNamed
// shares as the member, shareAnon has the bot post it.
const sharePrefix = "s"

// Steps of sharing an answer.
const (
	shareAsk   = "?"
	shareNamed = "n"
	shareAnon  = "x"
)

// shareID is the custom_id of a share button for the answer v shows.
func shareID(v view, step string) (string, bool) {
	v.Page = 0
	id, ok := v.encode()
	if !ok {
		return "", false
	}
	// "a|0|" becomes "s|step|": the rest of the view is the same.
	id = sharePrefix + "|" + step + "|" + strings.TrimPrefix(id, answerPrefix+"|0|")
	return id, runeCount(id) <= maxCustomID
}

// decodeShare reads a custom_id written by shareID.
func decodeShare(id string) (view, string, error) {
	prefix, rest, _ := strings.Cut(id, "|")
	step, rest, _ := strings.Cut(rest, "|")
	if prefix != sharePrefix || (step != shareAsk && step != shareNamed && step != shareAnon) {
		return view{}, "", errBadCustomID
	}
	v, err := decodeView(answerPrefix + "|0|" + rest)
	return v, step, err
}

// isShareID says whether a component is one of the share buttons.
func isShareID(i *discordgo.Interaction) bool {
	prefix, _, _ := strings.Cut(i.MessageComponentData().CustomID, "|")
	return prefix == sharePrefix
}

// shareable says whether an answer may be shared: the answer of a member
// command (not one about a server's own updates or settings), that knows
// what it was asked about. An answer that did not (an unknown name, an
// option it could not read) repeats what was typed, which the bot never posts.
func (r *Router) shareable(resp handlers.Response, req handlers.Request) bool {
	c, ok := Lookup(r.cmds, req.Command)
	if !ok || c.Permissions != nil || c.GuildOnly || resp.Modal != nil || resp.Private || len(resp.Answers) == 0 {
		return false
	}
	if c.OnMessage && resp.Rerun == nil {
		return false // its request holds someone else's words
	}
	for _, a := range resp.Answers {
		if a.Kind == handlers.NotFound {
			return false
		}
	}
	return true
}

// addShare puts a Share button on msg, a private answer to req, where it may
// be shared: on the row of the page and language buttons, or a row of its own.
// It is called for answers that req run again gives back (a command's, or a
// page or language button's), as sharing runs it again.
func (r *Router) addShare(i *discordgo.Interaction, msg *discordgo.InteractionResponseData, resp handlers.Response, req handlers.Request) {
	if !r.shareable(resp, req) || scopeOf(i).privateOnly {
		return
	}
	id, ok := shareID(answerView(resp, req, 0), shareAsk)
	if !ok {
		return
	}
	btn := discordgo.Button{Label: r.label(answerLangs(resp, req.Langs), "share_button"), Style: discordgo.SecondaryButton, CustomID: id}
	if len(msg.Components) > 0 {
		if row, ok := msg.Components[0].(discordgo.ActionsRow); ok && len(row.Components) < maxRowButtons && isNavRow(row) {
			row.Components = append(row.Components, btn)
			msg.Components[0] = row
			return
		}
	}
	if len(msg.Components) >= maxRows {
		return
	}
	msg.Components = append([]discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{btn}}}, msg.Components...)
}

// isNavRow says whether row holds the router's page and language buttons.
func isNavRow(row discordgo.ActionsRow) bool {
	for _, c := range row.Components {
		b, ok := c.(discordgo.Button)
		if !ok || !strings.HasPrefix(b.CustomID, answerPrefix+"|") {
			return false
		}
	}
	return len(row.Components) > 0
}

// share answers a click on a share button.
func (r *Router) share(ctx context.Context, t *trace, i *discordgo.Interaction) Reply {
	v, step, err := decodeShare(i.MessageComponentData().CustomID)
	tg, req, ok := r.viewed(t, i, v, err)
	if !ok {
		return Reply{Initial: r.errorResponse(r.memberLang(i), false)}
	}
	req.Share = true
	req.LangChosen = true // the view holds the languages the answer was shown in
	p := r.cat.Printer(v.Langs[0])
	sc := scopeOf(i)
	switch {
	case step == shareNamed || step == shareAnon && !r.canPostIn(sc):
		return r.answer(ctx, t, i, tg, tg.handler, req, 0, false)
	case step == shareAnon:
		return r.postAnon(ctx, t, i, tg.handler, req, p)
	}
	// The two ways, on a private message of their own: the answer stays.
	named, _ := shareID(v, shareNamed)
	buttons := []discordgo.MessageComponent{discordgo.Button{Label: p.T("share_with_name"), Style: discordgo.PrimaryButton, CustomID: named}}
	text := p.T("share_choose_named_only")
	if r.canPostIn(sc) {
		anon, _ := shareID(v, shareAnon)
		buttons = append(buttons, discordgo.Button{Label: p.T("share_without_name"), Style: discordgo.SecondaryButton, CustomID: anon})
		text = p.T("share_choose")
	}
	return Reply{Initial: &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{
			Content: text, Flags: discordgo.MessageFlagsEphemeral, AllowedMentions: noMentions(),
			Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: buttons}},
		},
	}}
}

// canPostIn says whether the bot can post in the channel of an interaction
// from scope sc: in a server that added it, with a token to post with.
func (r *Router) canPostIn(sc scope) bool {
	return sc.serverInstall && r.rest != nil && r.rest.Token != ""
}

// anonPermissions are what the bot needs in a channel to post an answer.
const anonPermissions = discordgo.PermissionViewChannel | discordgo.PermissionSendMessages | discordgo.PermissionEmbedLinks

// postAnon has the bot post the answer to req in the channel as its own
// message, and tells the member privately how it went, in place of the
// message that offered the two ways. The post holds the answer's embeds and
// link buttons only: nothing typed, no button that runs a request again, no
// mention of anyone.
func (r *Router) postAnon(ctx context.Context, t *trace, i *discordgo.Interaction, h handlers.Func, req handlers.Request, p *locales.Printer) Reply {
	say := func(id string) Reply {
		return Reply{Initial: &discordgo.InteractionResponse{
			Type: discordgo.InteractionResponseUpdateMessage,
			Data: &discordgo.InteractionResponseData{Content: p.T(id), AllowedMentions: noMentions(), Components: []discordgo.MessageComponent{}},
		}}
	}
	if i.AppPermissions&anonPermissions != anonPermissions {
		t.outcome = "share_no_permission"
		return say("share_no_permission")
	}
	if !r.posts.allow(i.ChannelID) {
		t.outcome = "share_too_often"
		return say("share_too_often")
	}
	t.deferred = true
	return Reply{
		Initial: &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredMessageUpdate},
		Finish: func(ctx context.Context) {
			hctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), r.opts.Timeout)
			defer cancel()
			res := waitDeferred(ctx, hctx, call(hctx, h, req))
			note := "share_posted"
			switch {
			case res.failed() || !r.shareable(res.resp, req):
				t.outcome, note = "share_failed", "common_error_generic"
			default:
				if err := r.sendAnon(ctx, i.ChannelID, res.resp, req); err != nil {
					t.outcome, t.status, note = "share_failed", statusOf(err), "common_error_generic"
					if t.status == 403 {
						t.outcome, note = "share_no_permission", "share_no_permission"
					}
				}
			}
			text := p.T(note)
			r.edit(ctx, t, i, &discordgo.WebhookEdit{Content: &text, Components: &[]discordgo.MessageComponent{}, AllowedMentions: noMentions()}, nil)
		},
	}
}

// maxAnonPages bounds the messages one anonymous share posts.
const maxAnonPages = 3

// sendAnon posts the pages of resp to the channel, the first with the
// answer's files and link buttons.
func (r *Router) sendAnon(ctx context.Context, channelID string, resp handlers.Response, req handlers.Request) error {
	rd := render(r.cat, resp, req)
	pages := rd.pages
	if len(pages) > maxAnonPages {
		pages = pages[:maxAnonPages]
	}
	for n, embeds := range pages {
		m := &discordgo.MessageSend{Embeds: embeds, AllowedMentions: noMentions(), Components: []discordgo.MessageComponent{}}
		if n == 0 {
			m.Files = discordFiles(resp.Files)
			m.Components = append(m.Components, rd.links...)
		}
		err := retryRateLimited(ctx, r.opts.MaxRetries, func() error {
			rewind(m.Files)
			_, err := r.rest.ChannelMessageSendComplex(channelID, m, restOptions(ctx)...)
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}
