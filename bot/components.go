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

func (r *Router) component(ctx context.Context, t *trace, i *discordgo.Interaction) Reply {
	data := i.MessageComponentData()
	// A component on one's own (ephemeral) answer replaces it in place: a
	// page turned, a section opened, a deletion confirmed. On a shared answer
	// it shows the clicker a private answer, leaving the shared one as it is.
	update := i.Message != nil && i.Message.Flags&discordgo.MessageFlagsEphemeral != 0
	if isShareID(i) {
		return r.share(ctx, t, i)
	}
	if !isAnswerID(i) {
		tg, req, ok := r.clicked(i, data.CustomID)
		t.command = tg.cmd.Name
		if !ok || tg.click == nil {
			t.command, t.outcome = "unknown", "unknown_component"
			return Reply{Initial: r.errorResponse(r.memberLang(i), false)}
		}
		req.Values = data.Values
		return r.answer(ctx, t, i, tg, tg.click, req, 0, update)
	}
	v, err := decodeView(data.CustomID)
	if isSectionID(i) {
		v, err = decodeSection(data.CustomID, data.Values)
	}
	tg, req, ok := r.viewed(t, i, v, err)
	if !ok {
		return Reply{Initial: r.errorResponse(r.memberLang(i), false)}
	}
	return r.answer(ctx, t, i, tg, tg.handler, req, v.Page, update)
}

// viewed finds what runs the request of view v again, decoded from a
// custom_id with err, and that request; ok is false, with the trace saying
// why, when there is none.
func (r *Router) viewed(t *trace, i *discordgo.Interaction, v view, err error) (target, handlers.Request, bool) {
	if err != nil {
		t.command, t.outcome = "unknown", "bad_custom_id"
		return target{}, handlers.Request{}, false
	}
	tg, ok := r.find(v.Command, v.Sub)
	t.command = tg.cmd.Name
	if !ok || tg.handler == nil {
		t.command, t.outcome = "unknown", "unknown_command"
		return target{}, handlers.Request{}, false
	}
	req := r.base(i)
	req.Command, req.Sub, req.Options, req.Langs = tg.cmd.Name, v.Sub, v.Options, v.Langs
	r.moderator(i, tg.cmd, &req)
	return tg, req, true
}

// isAnswerID says whether a component is one of the router's own on an
// answer (pages, language, sections), which run the request again.
func isAnswerID(i *discordgo.Interaction) bool {
	prefix, _, _ := strings.Cut(i.MessageComponentData().CustomID, "|")
	return prefix == answerPrefix || prefix == sectionPrefix
}

// isSectionID says whether a component is the menu of an answer's sections.
func isSectionID(i *discordgo.Interaction) bool {
	prefix, _, _ := strings.Cut(i.MessageComponentData().CustomID, "|")
	return prefix == sectionPrefix
}

func (r *Router) modal(ctx context.Context, t *trace, i *discordgo.Interaction) Reply {
	data := i.ModalSubmitData()
	tg, req, ok := r.clicked(i, data.CustomID)
	t.command = tg.cmd.Name
	if !ok || tg.submit == nil {
		t.command, t.outcome = "unknown", "unknown_component"
		return Reply{Initial: r.errorResponse(r.memberLang(i), false)}
	}
	req.Form = map[string]string{}
	for _, row := range data.Components {
		ar, ok := row.(*discordgo.ActionsRow)
		if !ok {
			continue
		}
		for _, c := range ar.Components {
			if in, ok := c.(*discordgo.TextInput); ok {
				req.Form[in.CustomID] = in.Value
			}
		}
	}
	return r.answer(ctx, t, i, tg, tg.submit, req, 0, false)
}

// clicked reads the custom_id of a handler's component or form (see
// clickID): the command or subcommand it comes back to, and the request
// with its Args.
func (r *Router) clicked(i *discordgo.Interaction, id string) (target, handlers.Request, bool) {
	parts, err := clickParts(id)
	if err != nil {
		return target{}, handlers.Request{}, false
	}
	c, ok := Lookup(r.cmds, parts[0])
	if !ok {
		return target{}, handlers.Request{}, false
	}
	req := r.base(i)
	req.Command, req.Args = c.Name, parts[1:]
	tg := target{cmd: c, handler: c.Handler, click: c.Click, submit: c.Submit, options: c.Options}
	if len(parts) > 1 {
		if s, ok := c.Sub(parts[1]); ok {
			tg = target{cmd: c, handler: s.Handler, click: s.Click, submit: s.Submit, options: s.Options}
			req.Sub, req.Args = s.Name, parts[2:]
		}
	}
	r.moderator(i, c, &req)
	r.setCommon(i, &req)
	return tg, req, true
}
