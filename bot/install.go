package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"

	"github.com/bwmarrin/discordgo"
)

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

// MemberInstall asks Discord whether the application may be added to a
// member's own account (User Install in the developer portal). known is
// false when the answer does not say (no integration_types_config).
// discordgo reads that field under another name, so the answer is read here.
func MemberInstall(ctx context.Context, s *discordgo.Session) (offered, known bool, err error) {
	var body []byte
	err = retry(ctx, 3, func() error {
		var err error
		body, err = s.RequestWithBucketID("GET", discordgo.EndpointOAuth2Application("@me"), nil,
			discordgo.EndpointOAuth2Application(""), discordgo.WithContext(ctx), discordgo.WithRetryOnRatelimit(false))
		return err
	})
	if err != nil {
		return false, false, fmt.Errorf("get application: %s", describe(err))
	}
	var app struct {
		Config map[string]json.RawMessage `json:"integration_types_config"`
	}
	if err := json.Unmarshal(body, &app); err != nil {
		return false, false, fmt.Errorf("get application: %w", err)
	}
	if app.Config == nil {
		return false, false, nil
	}
	_, offered = app.Config[strconv.Itoa(int(discordgo.ApplicationIntegrationUserInstall))]
	return offered, true, nil
}

// Scoped returns defs fitted to where they are registered. Contexts and
// integration types are for global commands only: on one server (guildID
// set) they are left out. Globally, Discord refuses a command offered from
// a member's own install when the application does not offer that install:
// without it (memberInstall false), commands are offered from the server's
// install only, in servers and the bot's direct messages.
func Scoped(defs []*discordgo.ApplicationCommand, guildID string, memberInstall bool) []*discordgo.ApplicationCommand {
	out := make([]*discordgo.ApplicationCommand, len(defs))
	for i, d := range defs {
		c := *d
		switch {
		case guildID != "":
			c.Contexts, c.IntegrationTypes = nil, nil
		case !memberInstall && c.IntegrationTypes != nil && slices.Contains(*c.IntegrationTypes, discordgo.ApplicationIntegrationUserInstall):
			c.IntegrationTypes = &[]discordgo.ApplicationIntegrationType{discordgo.ApplicationIntegrationGuildInstall}
			if c.Contexts != nil {
				contexts := slices.DeleteFunc(slices.Clone(*c.Contexts), func(x discordgo.InteractionContextType) bool {
					return x == discordgo.InteractionContextPrivateChannel
				})
				c.Contexts = &contexts
			}
		}
		out[i] = &c
	}
	return out
}
