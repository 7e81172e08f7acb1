package bot

import "github.com/bwmarrin/discordgo"

// maxUserFollowups is how many follow-up messages Discord accepts for one
// interaction that only a member's own install of the app authorised.
const maxUserFollowups = 5

// scope is what an interaction says about where it happened and what the
// app may do there. It holds no ID.
type scope struct {
	// inServer is set in a server; not in direct or group messages.
	inServer bool
	// serverInstall is set where the server added the app: its bot is a
	// member there and may post in the server's channels.
	serverInstall bool
	// memberOnly is set when only the member's own install authorised the
	// interaction: Discord then takes at most maxUserFollowups follow-ups.
	memberOnly bool
	// privateOnly is set in a server that did not add the app and does not
	// let its members' apps answer for everyone (Use External Apps off):
	// Discord shows every answer to the member alone.
	privateOnly bool
}

// scopeOf reads where i happened from its authorizing integration owners. An
// interaction that names none (as before apps could be added to accounts)
// counts as one from the server's install.
func scopeOf(i *discordgo.Interaction) scope {
	owners := i.AuthorizingIntegrationOwners
	_, server := owners[discordgo.ApplicationIntegrationGuildInstall]
	_, user := owners[discordgo.ApplicationIntegrationUserInstall]
	if len(owners) == 0 {
		server = true
	}
	r := scope{inServer: i.GuildID != "", serverInstall: server && i.GuildID != "", memberOnly: user && !server}
	if r.inServer && !r.serverInstall && i.Member != nil {
		r.privateOnly = i.Member.Permissions&discordgo.PermissionUseExternalApps == 0
	}
	return r
}
