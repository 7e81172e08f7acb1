package bot

import (
	"github.com/bwmarrin/discordgo"
	// A drop-in for encoding/json, tested to decode as it does, at a third
	// of its cost: decoding was a sixth of an answer's CPU time.
	"github.com/segmentio/encoding/json"
)

// leanInteraction is the part of an interaction the router and the REST
// calls that finish an answer read; the rest of what Discord sends (the
// whole message a button sits on, the member's avatar, nick and join date,
// the entitlements) is skipped rather than decoded. Data is left encoded
// until the type says which kind it is.
type leanInteraction struct {
	ID                           string                                          `json:"id"`
	AppID                        string                                          `json:"application_id"`
	Type                         discordgo.InteractionType                       `json:"type"`
	Data                         json.RawMessage                                 `json:"data"`
	GuildID                      string                                          `json:"guild_id"`
	ChannelID                    string                                          `json:"channel_id"`
	Message                      *leanMessage                                    `json:"message"`
	AppPermissions               int64                                           `json:"app_permissions,string"`
	Member                       *leanMember                                     `json:"member"`
	User                         *leanUser                                       `json:"user"`
	Locale                       discordgo.Locale                                `json:"locale"`
	GuildLocale                  *discordgo.Locale                               `json:"guild_locale"`
	Context                      discordgo.InteractionContextType                `json:"context"`
	AuthorizingIntegrationOwners map[discordgo.ApplicationIntegrationType]string `json:"authorizing_integration_owners"`
	Token                        string                                          `json:"token"`
	Version                      int                                             `json:"version"`
}

// leanMessage is the message a button or menu sits on: whether it is
// ephemeral is all the router asks of it.
type leanMessage struct {
	ID    string                 `json:"id"`
	Flags discordgo.MessageFlags `json:"flags"`
}

type leanMember struct {
	User        *leanUser `json:"user"`
	Roles       []string  `json:"roles"`
	Permissions int64     `json:"permissions,string"`
}

type leanUser struct {
	ID string `json:"id"`
}

// unmarshalInteraction decodes the fields of body the router reads into a
// discordgo.Interaction, in one pass over the body and one over its data;
// they hold what discordgo's own decoding puts there.
func unmarshalInteraction(body []byte) (*discordgo.Interaction, error) {
	var w leanInteraction
	if err := json.Unmarshal(body, &w); err != nil {
		return nil, err
	}
	i := &discordgo.Interaction{
		ID:                           w.ID,
		AppID:                        w.AppID,
		Type:                         w.Type,
		GuildID:                      w.GuildID,
		ChannelID:                    w.ChannelID,
		AppPermissions:               w.AppPermissions,
		User:                         w.User.user(),
		Locale:                       w.Locale,
		GuildLocale:                  w.GuildLocale,
		Context:                      w.Context,
		AuthorizingIntegrationOwners: w.AuthorizingIntegrationOwners,
		Token:                        w.Token,
		Version:                      w.Version,
	}
	if m := w.Message; m != nil {
		i.Message = &discordgo.Message{ID: m.ID, Flags: m.Flags}
	}
	if m := w.Member; m != nil {
		i.Member = &discordgo.Member{User: m.User.user(), Roles: m.Roles, Permissions: m.Permissions}
	}
	var err error
	switch i.Type {
	case discordgo.InteractionApplicationCommand, discordgo.InteractionApplicationCommandAutocomplete:
		var v discordgo.ApplicationCommandInteractionData
		err = json.Unmarshal(w.Data, &v)
		i.Data = v
	case discordgo.InteractionMessageComponent:
		var v discordgo.MessageComponentInteractionData
		err = json.Unmarshal(w.Data, &v)
		i.Data = v
	case discordgo.InteractionModalSubmit:
		var v discordgo.ModalSubmitInteractionData
		err = json.Unmarshal(w.Data, &v)
		i.Data = v
	}
	if err != nil {
		return nil, err
	}
	return i, nil
}

func (u *leanUser) user() *discordgo.User {
	if u == nil {
		return nil
	}
	return &discordgo.User{ID: u.ID}
}
