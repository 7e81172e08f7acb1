package bot

import (
	"github.com/bwmarrin/discordgo"

	"sanctuaire/handlers"
)

// moderatorPermissions is default_member_permissions of the moderator
// commands: Manage Server. Discord then shows them only to members who have
// it (or Administrator); the handlers check the member again on every
// interaction, with the server's moderator role.
var moderatorPermissions = int64(discordgo.PermissionManageGuild)

// moderatorCommands are the commands over the store: `update` and `config`
// for moderators, `news` for members. All three are about one server, so
// Discord offers them in servers only. m may be nil when only the
// definitions are needed.
func moderatorCommands(m *handlers.Moderation) []Command {
	id := Option{
		Name: handlers.OptID, NameFR: "numero", Desc: "update_cmd_opt_id_desc",
		Type: Integer, Required: true, Min: intp(1),
	}
	return []Command{
		{
			Name: "update", NameFR: "annonce", Desc: "update_cmd_desc",
			Permissions: &moderatorPermissions, GuildOnly: true,
			Subs: []Subcommand{
				{Name: "post", NameFR: "publier", Desc: "update_cmd_post_desc", Handler: m.UpdatePost, Submit: m.UpdatePostSubmit},
				{Name: "list", NameFR: "liste", Desc: "update_cmd_list_desc", Handler: m.UpdateList},
				{
					Name: "edit", NameFR: "modifier", Desc: "update_cmd_edit_desc", Options: []Option{id},
					Handler: m.UpdateEdit, Submit: m.UpdateEditSubmit,
				},
				{
					Name: "delete", NameFR: "supprimer", Desc: "update_cmd_delete_desc", Options: []Option{id},
					Handler: m.UpdateDelete, Click: m.UpdateDeleteClick,
				},
			},
		},
		{
			Name: "config", NameFR: "configuration", Desc: "config_cmd_desc",
			Permissions: &moderatorPermissions, GuildOnly: true,
			Subs: []Subcommand{
				{Name: "show", NameFR: "afficher", Desc: "config_cmd_show_desc", Handler: m.ConfigShow},
				{
					Name: "language", NameFR: "langue", Desc: "config_cmd_language_desc", Handler: m.ConfigLanguage,
					// Not named "language": that option name sets the answer's language.
					Options: []Option{{
						Name: handlers.OptDefault, NameFR: "defaut", Desc: "config_cmd_opt_default_desc",
						Type: String, Required: true,
						Choices: []Choice{
							{Value: "en", Label: "config_choice_en"},
							{Value: "fr", Label: "config_choice_fr"},
							{Value: "both", Label: "config_choice_both"},
						},
					}},
				},
				{
					Name: "channel", NameFR: "salon", Desc: "config_cmd_channel_desc", Handler: m.ConfigChannel,
					Options: []Option{{
						Name: handlers.OptChannel, NameFR: "salon", Desc: "config_cmd_opt_channel_desc", Type: Channel,
						ChannelTypes: []discordgo.ChannelType{discordgo.ChannelTypeGuildText, discordgo.ChannelTypeGuildNews},
					}},
				},
				{
					Name: "role", NameFR: "role", Desc: "config_cmd_role_desc", Handler: m.ConfigRole,
					Options: []Option{{Name: handlers.OptRole, NameFR: "role", Desc: "config_cmd_opt_role_desc", Type: Role}},
				},
			},
		},
		{
			Name: "news", NameFR: "nouvelles", Desc: "news_cmd_desc",
			Options: member(),
			Handler: m.News, Click: m.NewsShow, GuildOnly: true,
		},
	}
}
