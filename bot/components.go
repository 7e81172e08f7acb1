package bot

import (
	"context"
	"strings"

	"github.com/bwmarrin/discordgo"

	"sanctuaire/handlers"
)

func (r *Router) autocomplete(ctx context.Context, t *trace, i *discordgo.Interaction) Reply {
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
	return Reply{Initial: &discordgo.InteractionResponse{
		Type: discordgo.InteractionApplicationCommandAutocompleteResult,
		Data: &discordgo.InteractionResponseData{Choices: choices},
	}}
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

func (r *Router) component(ctx context.Context, t *trace, i *discordgo.Interaction) Reply {
	id := i.MessageComponentData().CustomID
	prefix, _, _ := strings.Cut(id, "|")
	lang := r.memberLang(i)
	if prefix != answerPrefix {
		return r.routed(ctx, t, i, id, nil)
	}
	v, err := decodeView(id)
	if err != nil {
		t.command, t.outcome = "unknown", "bad_custom_id"
		return Reply{Initial: r.errorResponse(lang, false)}
	}
	tg, ok := r.find(v.Command, v.Sub)
	t.command = tg.cmd.Name
	if !ok || tg.handler == nil {
		t.command, t.outcome = "unknown", "unknown_command"
		return Reply{Initial: r.errorResponse(lang, false)}
	}
	req := handlers.Request{Command: tg.cmd.Name, Sub: v.Sub, Options: v.Options, Langs: v.Langs, Guild: i.GuildID}
	if i.Member != nil && i.GuildID != "" {
		req.Moderator = r.opts.Moderator(i.GuildID, i.Member.Permissions, i.Member.Roles)
	}
	// A button on one's own (ephemeral) answer turns its page in place; on a
	// shared answer it shows the clicker a private copy, leaving the shared one as it is.
	update := i.Message != nil && i.Message.Flags&discordgo.MessageFlagsEphemeral != 0
	return r.answer(ctx, t, i, tg.handler, req, v.Page, update)
}

// isAnswerID says whether a component is one of the router's own buttons on
// an answer (pages, language), which run the request again.
func isAnswerID(i *discordgo.Interaction) bool {
	prefix, _, _ := strings.Cut(i.MessageComponentData().CustomID, "|")
	return prefix == answerPrefix
}

func (r *Router) modal(ctx context.Context, t *trace, i *discordgo.Interaction) Reply {
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
	return r.routed(ctx, t, i, data.CustomID, values)
}

// routed answers a component or a modal whose custom_id is not an answer's
// button. Such a custom_id is "command|subcommand|anything": the command's (or
// subcommand's) handler gets it as the "custom_id" option, with the modal's
// text inputs as further options named by their IDs.
func (r *Router) routed(ctx context.Context, t *trace, i *discordgo.Interaction, id string, values map[string]string) Reply {
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
		return Reply{Initial: r.errorResponse(lang, false)}
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
	return r.answer(ctx, t, i, tg.handler, req, 0, update)
}
