package bot

import (
	"strconv"

	"github.com/bwmarrin/discordgo"

	"sanctuaire/handlers"
	"sanctuaire/locales"
)

// request translates a slash command or autocomplete interaction.
func (r *Router) request(i *discordgo.Interaction) (handlers.Request, target, bool) {
	data := i.ApplicationCommandData()
	req := r.base(i)
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
	r.moderator(i, tg.cmd, &req)
	if tg.cmd.OnMessage {
		// Someone else's words: they go to the handler and nowhere else.
		req.Options[OptText] = targetText(data)
	}
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
	// Only a command that offers sharing may be shared: a moderator's
	// replies stay private whatever the interaction claims.
	if _, ok := LookupOption(tg.options, OptShare); !ok {
		delete(req.Options, OptShare)
	}
	r.setCommon(i, &req)
	return req, tg, true
}

// base is what every request carries: where, and who asked. The router only
// reads the answers it gets (it lays them out into its own embeds).
func (r *Router) base(i *discordgo.Interaction) handlers.Request {
	req := handlers.Request{Options: map[string]string{}, Guild: i.GuildID, Channel: i.ChannelID, ReadOnly: true}
	switch {
	case i.Member != nil && i.Member.User != nil:
		req.User = i.Member.User.ID
	case i.User != nil:
		req.User = i.User.ID
	}
	return req
}

// moderator checks the member for the commands only moderators may use,
// those with Permissions: the check may read the server's settings, which
// no other command needs.
func (r *Router) moderator(i *discordgo.Interaction, c Command, req *handlers.Request) {
	if c.Permissions != nil && i.Member != nil && i.GuildID != "" {
		req.Moderator = r.opts.Moderator(i.GuildID, i.Member.Permissions, i.Member.Roles)
	}
}

// targetText is the text of the message a message command was used on, which
// Discord sends resolved in the interaction (no Message Content intent
// needed); empty when it has none.
func targetText(data discordgo.ApplicationCommandInteractionData) string {
	if data.Resolved == nil {
		return ""
	}
	if m := data.Resolved.Messages[data.TargetID]; m != nil {
		return m.Content
	}
	return ""
}

// setCommon reads the language, share and member of the interaction into req
// and removes language and share from its options.
func (r *Router) setCommon(i *discordgo.Interaction, req *handlers.Request) {
	if v, ok := req.Options[OptLanguage]; ok {
		if langs, ok := locales.ParseChoice(v); ok {
			req.Langs = langs
			req.LangChosen = true
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
