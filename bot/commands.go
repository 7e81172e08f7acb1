// Package bot is the Discord adapter: the command table, and the translation
// between Discord interactions and the handlers' Requests and Responses.
package bot

import (
	"strings"

	"github.com/bwmarrin/discordgo"

	"sanctuaire/handlers"
	"sanctuaire/knowledge"
	"sanctuaire/locales"
)

// Option types used in the table.
const (
	String  = discordgo.ApplicationCommandOptionString
	Integer = discordgo.ApplicationCommandOptionInteger
	Boolean = discordgo.ApplicationCommandOptionBoolean
	Channel = discordgo.ApplicationCommandOptionChannel
	Role    = discordgo.ApplicationCommandOptionRole
)

// Names of the options every member command takes.
const (
	OptLanguage = "language"
	OptShare    = "share"
)

// Command is one slash command: its names, options and what answers it.
// Descriptions are message IDs, resolved through a locales.Catalog.
type Command struct {
	Name     string // canonical English name: what Discord sends and Request.Command holds
	NameFR   string // French name shown to French-speaking members
	Desc     string // message ID of the description
	Options  []Option
	Subs     []Subcommand // when set, the command takes one of these and no Options of its own
	Handler  handlers.Func
	Complete handlers.CompleteFunc // for options with Autocomplete
	Submit   handlers.Func         // a form (handlers.Modal) this command opened, sent
	Click    handlers.Func         // a button or menu (handlers.Click) of this command, used
	// Permissions is Discord's default_member_permissions bit set; nil lets everyone see the command.
	// It only hides the command: the handler checks the member again on the server side.
	Permissions *int64
	// GuildOnly registers the command for servers only: not in direct
	// messages, where default_member_permissions does not apply, and not as
	// an app added to a member's own account. Other commands are offered
	// everywhere (see reach).
	GuildOnly bool
	// OnMessage makes the command a message command, found on a message
	// under Apps rather than typed. It has no description and no options:
	// its handler gets the message's text as the OptText option.
	OnMessage bool
	// Guided marks a command whose answers are menus to choose from: the
	// command line gives their choices as options instead.
	Guided bool
	// Instant marks a command whose handlers answer from memory in
	// microseconds, never waiting on anything (no store, no network, no
	// chart): they run in the interaction's own goroutine, without the
	// deferral's budget and timer, which only slow answers need.
	Instant bool
}

// OptText is the option that carries the text of the message a message
// command was used on.
const OptText = "text"

// Subcommand is one subcommand of a Command, with the same shape.
type Subcommand struct {
	Name     string
	NameFR   string
	Desc     string
	Options  []Option
	Handler  handlers.Func
	Complete handlers.CompleteFunc
	Submit   handlers.Func
	Click    handlers.Func
}

// Option is one option of a command or subcommand.
type Option struct {
	Name         string // canonical English name: the key in Request.Options
	NameFR       string
	Desc         string // message ID
	Type         discordgo.ApplicationCommandOptionType
	Required     bool
	Autocomplete bool
	Choices      []Choice
	Min, Max     *int // bounds of an Integer option
	MaxLength    int  // of a String option; 0 for Discord's default
	// ChannelTypes restricts a Channel option.
	ChannelTypes []discordgo.ChannelType
}

// Choice is one fixed value of an option; its shown name is a message ID.
type Choice struct {
	Value string
	Label string // message ID
}

// Commands returns the table of every command, each beside its handler: the
// member commands over h, then the moderator commands and `news` over m. m
// may be nil where only the definitions are needed; those commands then
// answer with the friendly error.
func Commands(h *handlers.Handlers, m *handlers.Moderation) []Command {
	return append([]Command{
		{
			Name: "city", NameFR: "ville", Desc: "commands_city_desc",
			Options: member(Option{
				Name: "name", NameFR: "nom", Desc: "commands_city_opt_name_desc",
				Type: String, Required: true, Autocomplete: true, MaxLength: 100,
			}),
			Handler: h.City, Complete: h.CompletePlace, Click: h.CityClick,
			Instant: true,
		},
		{
			Name: "stats", NameFR: "statistiques", Desc: "commands_stats_desc",
			Options: member(
				Option{
					Name: "force", NameFR: "force", Desc: "commands_stats_opt_force_desc",
					Type: String, Autocomplete: true, MaxLength: 100,
				},
				Option{
					Name: "year", NameFR: "année", Desc: "commands_stats_opt_year_desc",
					Type: Integer, Min: intp(2000), Max: intp(2100),
				},
				Option{
					Name: "compare", NameFR: "comparer", Desc: "commands_stats_opt_compare_desc",
					Type: String, Autocomplete: true, MaxLength: 100,
				},
				Option{
					Name: "measure", NameFR: "mesure", Desc: "commands_stats_opt_measure_desc",
					Type: String,
					Choices: []Choice{
						{Value: string(knowledge.Calls), Label: "commands_measure_calls"},
						{Value: string(knowledge.StatusChecks), Label: "commands_measure_status_checks"},
					},
				},
			),
			Handler: h.Stats, Complete: h.CompleteForce, Click: h.StatsClick,
		},
		{
			Name: "support", NameFR: "soutien", Desc: "commands_support_desc",
			Options: member(Option{
				Name: "city", NameFR: "ville", Desc: "commands_support_opt_city_desc",
				Type: String, Autocomplete: true, MaxLength: 100,
			}),
			Handler: h.Support, Complete: h.CompletePlace, Click: h.SupportClick,
			Instant: true,
		},
		{
			Name: "rights", NameFR: "droits", Desc: "commands_rights_desc",
			Options: member(Option{
				Name: "topic", NameFR: "sujet", Desc: "commands_rights_opt_topic_desc",
				Type: String, Autocomplete: true, MaxLength: 100,
			}),
			Handler: h.Rights, Complete: h.CompleteTopic, Click: h.RightsClick,
			Instant: true,
		},
		{
			Name: "question", NameFR: "question", Desc: "commands_question_desc",
			Options: member(Option{
				Name: "text", NameFR: "texte", Desc: "commands_question_opt_text_desc",
				Type: String, Required: true, Autocomplete: true, MaxLength: 300,
			}),
			Handler: h.Question, Complete: h.CompleteQuestion, Click: h.QuestionClick,
			Instant: true,
		},
		{
			Name: "about", NameFR: "a-propos", Desc: "commands_about_desc",
			Options: member(),
			Handler: h.About, Instant: true,
		},
		{
			Name: "help-me", NameFR: "aide", Desc: "commands_helpme_desc",
			Options: member(),
			Handler: h.HelpMe, Click: h.HelpMeClick, Guided: true, Instant: true,
		},
		{
			// Discord shows message commands by these names, capitals and spaces included.
			Name: "Check with sanctuaire", NameFR: "Vérifier avec sanctuaire", OnMessage: true,
			Handler: h.Check, Instant: true,
		},
	}, moderatorCommands(m)...)
}

// member appends the options every member command takes: language and share.
func member(opts ...Option) []Option {
	return append(opts,
		Option{
			Name: OptLanguage, NameFR: "langue", Desc: "commands_opt_language_desc", Type: String,
			Choices: []Choice{
				{Value: "en", Label: "commands_language_en"},
				{Value: "fr", Label: "commands_language_fr"},
				{Value: "both", Label: "commands_language_both"},
			},
		},
		Option{Name: OptShare, NameFR: "partager", Desc: "commands_opt_share_desc", Type: Boolean},
	)
}

func intp(n int) *int { return &n }

// Lookup finds a command by its English or French name, ignoring case and accents.
func Lookup(cmds []Command, name string) (Command, bool) {
	return byName(cmds, name, func(c Command) (string, string) { return c.Name, c.NameFR })
}

// Sub finds a subcommand by its English or French name.
func (c Command) Sub(name string) (Subcommand, bool) {
	return byName(c.Subs, name, func(s Subcommand) (string, string) { return s.Name, s.NameFR })
}

// Option finds one of the command's own options by its English or French name.
func (c Command) Option(name string) (Option, bool) { return LookupOption(c.Options, name) }

// Option finds one of the subcommand's options by its English or French name.
func (s Subcommand) Option(name string) (Option, bool) { return LookupOption(s.Options, name) }

// LookupOption finds an option by its English or French name, ignoring case and accents.
func LookupOption(opts []Option, name string) (Option, bool) {
	return byName(opts, name, func(o Option) (string, string) { return o.Name, o.NameFR })
}

// Choice finds a choice by its value, ignoring case and accents.
func (o Option) Choice(value string) (Choice, bool) {
	return byName(o.Choices, value, func(ch Choice) (string, string) { return ch.Value, "" })
}

// byName finds the item whose English or French name is name, ignoring
// case, accents and surrounding spaces. Discord sends the names exactly as
// registered, so an exact match is tried first and folding only when none
// matches.
func byName[T any](items []T, name string, names func(T) (en, fr string)) (T, bool) {
	var zero T
	name = strings.TrimSpace(name)
	if name == "" {
		return zero, false
	}
	for _, it := range items {
		if en, fr := names(it); name == en || name == fr {
			return it, true
		}
	}
	n := knowledge.Fold(name)
	if n == "" {
		return zero, false
	}
	for _, it := range items {
		en, fr := names(it)
		if n == knowledge.Fold(en) || n == knowledge.Fold(fr) {
			return it, true
		}
	}
	return zero, false
}

// Names lists the commands' English names, in table order.
func Names(cmds []Command) []string {
	out := make([]string, len(cmds))
	for i, c := range cmds {
		out[i] = c.Name
	}
	return out
}

// Definition is the command as Discord registers it, with names and
// descriptions in French, US and British English.
func (c Command) Definition(cat *locales.Catalog) *discordgo.ApplicationCommand {
	if c.OnMessage {
		def := &discordgo.ApplicationCommand{
			Type:              discordgo.MessageApplicationCommand,
			Name:              c.Name,
			NameLocalizations: ptr(nameLocalizations(c.Name, c.NameFR)),
		}
		def.Contexts, def.IntegrationTypes = reach(c.GuildOnly)
		return def
	}
	desc, descLoc := localized(cat, c.Desc)
	def := &discordgo.ApplicationCommand{
		Type:                     discordgo.ChatApplicationCommand,
		Name:                     c.Name,
		NameLocalizations:        ptr(nameLocalizations(c.Name, c.NameFR)),
		Description:              desc,
		DescriptionLocalizations: &descLoc,
		DefaultMemberPermissions: c.Permissions,
		Options:                  []*discordgo.ApplicationCommandOption{},
	}
	def.Contexts, def.IntegrationTypes = reach(c.GuildOnly)
	for _, s := range c.Subs {
		d, dl := localized(cat, s.Desc)
		sub := &discordgo.ApplicationCommandOption{
			Type:                     discordgo.ApplicationCommandOptionSubCommand,
			Name:                     s.Name,
			NameLocalizations:        nameLocalizations(s.Name, s.NameFR),
			Description:              d,
			DescriptionLocalizations: dl,
		}
		for _, o := range s.Options {
			sub.Options = append(sub.Options, o.definition(cat))
		}
		def.Options = append(def.Options, sub)
	}
	for _, o := range c.Options {
		def.Options = append(def.Options, o.definition(cat))
	}
	return def
}

// reach is where Discord offers a command. A member command is offered
// everywhere: in servers, in the bot's direct messages and in other direct
// and group messages, whether the app was added to the server or to the
// member's own account. A command about one server is offered in servers that
// added the app only. Both are set explicitly: left out, they would follow a
// setting of the developer portal.
func reach(guildOnly bool) (*[]discordgo.InteractionContextType, *[]discordgo.ApplicationIntegrationType) {
	if guildOnly {
		return &[]discordgo.InteractionContextType{discordgo.InteractionContextGuild},
			&[]discordgo.ApplicationIntegrationType{discordgo.ApplicationIntegrationGuildInstall}
	}
	return &[]discordgo.InteractionContextType{
			discordgo.InteractionContextGuild, discordgo.InteractionContextBotDM, discordgo.InteractionContextPrivateChannel,
		},
		&[]discordgo.ApplicationIntegrationType{discordgo.ApplicationIntegrationGuildInstall, discordgo.ApplicationIntegrationUserInstall}
}

// Definitions returns the definitions of every command.
func Definitions(cmds []Command, cat *locales.Catalog) []*discordgo.ApplicationCommand {
	out := make([]*discordgo.ApplicationCommand, len(cmds))
	for i, c := range cmds {
		out[i] = c.Definition(cat)
	}
	return out
}

func (o Option) definition(cat *locales.Catalog) *discordgo.ApplicationCommandOption {
	d, dl := localized(cat, o.Desc)
	def := &discordgo.ApplicationCommandOption{
		Type:                     o.Type,
		Name:                     o.Name,
		NameLocalizations:        nameLocalizations(o.Name, o.NameFR),
		Description:              d,
		DescriptionLocalizations: dl,
		Required:                 o.Required,
		Autocomplete:             o.Autocomplete,
		MaxLength:                o.MaxLength,
		ChannelTypes:             o.ChannelTypes,
	}
	if o.Min != nil {
		v := float64(*o.Min)
		def.MinValue = &v
	}
	if o.Max != nil {
		def.MaxValue = float64(*o.Max)
	}
	for _, ch := range o.Choices {
		name, loc := localized(cat, ch.Label)
		def.Choices = append(def.Choices, &discordgo.ApplicationCommandOptionChoice{
			Name: name, NameLocalizations: loc, Value: ch.Value,
		})
	}
	return def
}

// nameLocalizations names a command, subcommand or option in French, US and
// British English; the English names repeat the default one, so that every
// locale the descriptions have, the names have too.
func nameLocalizations(en, fr string) map[discordgo.Locale]string {
	m := map[discordgo.Locale]string{discordgo.EnglishUS: en, discordgo.EnglishGB: en}
	if fr != "" {
		m[discordgo.French] = fr
	}
	return m
}

func ptr[T any](v T) *T { return &v }

// localized resolves a message ID into the default (English) text and its localizations.
func localized(cat *locales.Catalog, id string) (string, map[discordgo.Locale]string) {
	en := cat.Printer(locales.EN).T(id)
	return en, map[discordgo.Locale]string{
		discordgo.French:    cat.Printer(locales.FR).T(id),
		discordgo.EnglishUS: en,
		discordgo.EnglishGB: en,
	}
}
