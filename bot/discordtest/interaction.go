package discordtest

import (
	"strconv"
	"time"
)

// Interaction types, as Discord numbers them.
const (
	TypeCommand      = 2
	TypeComponent    = 3
	TypeAutocomplete = 4
	TypeModalSubmit  = 5
)

// Interaction describes an interaction to deliver to the bot.
type Interaction struct {
	Type    int // TypeCommand when zero
	Command string
	Sub     string // subcommand, if any
	Options []Option
	Locale  string // the member's client locale: "fr", "en-US", ...
	// GuildID is empty for a direct message; the user is then sent as "user"
	// rather than "member".
	GuildID     string
	GuildLocale string
	Permissions int64 // the member's permissions in the channel
	UserID      string
	Username    string
	ChannelID   string
	// CustomID of the clicked component or of the submitted modal.
	CustomID string
	// ModalValues are the submitted text inputs, by custom_id.
	ModalValues map[string]string
	// MessageFlags are the flags of the message a clicked component sits on.
	MessageFlags int
	// Installs are the authorizing integration owners, by installation
	// context: 0 the server's install (the server's ID, or "0" in the bot's
	// direct messages), 1 a member's own (that member's ID). None are sent
	// when nil.
	Installs map[int]string
	// Context is where the interaction happened: 0 a server, 1 the bot's
	// direct messages, 2 other direct or group messages. Sent with Installs.
	Context int
	// AppPermissions are the bot's permissions in the channel.
	AppPermissions int64
	// Target makes the command a message command used on this message,
	// which Discord sends resolved in the interaction.
	Target *Message
	// Values are the chosen options of a select menu; ComponentType is then
	// 3 (string select) unless set.
	Values        []string
	ComponentType int
}

// Message is a message someone posted, as a message command receives it.
type Message struct {
	ID, Content        string
	AuthorID, Username string
}

// Option is one option value; Value is a string, an int or a bool as Discord sends them.
type Option struct {
	Name    string
	Value   any
	Focused bool
}

// Sent identifies a delivered interaction.
type Sent struct {
	ID, Token string
	At        time.Time // when the INTERACTION_CREATE frame was written
}

// Interact delivers the interaction to the bot as INTERACTION_CREATE.
func (s *Server) Interact(in Interaction) (Sent, error) {
	id := s.id()
	token := "tok-" + id
	d := s.Payload(in, id, token)
	at, err := s.Dispatch("INTERACTION_CREATE", d)
	return Sent{ID: id, Token: token, At: at}, err
}

// Payload is the interaction as Discord's JSON would carry it.
func (s *Server) Payload(in Interaction, id, token string) map[string]any {
	typ := in.Type
	if typ == 0 {
		typ = TypeCommand
	}
	user := map[string]any{"id": or(in.UserID, "200000000000000002"), "username": or(in.Username, "someone"), "discriminator": "0", "global_name": or(in.Username, "someone")}
	d := map[string]any{
		"id": id, "application_id": s.AppID, "type": typ, "token": token, "version": 1,
		"locale": or(in.Locale, "en-US"), "channel_id": or(in.ChannelID, "300000000000000003"),
		"app_permissions": strconv.FormatInt(in.AppPermissions, 10),
	}
	if in.Installs != nil {
		owners := map[string]string{}
		for k, v := range in.Installs {
			owners[strconv.Itoa(k)] = v
		}
		d["authorizing_integration_owners"] = owners
		d["context"] = in.Context
	}
	if in.GuildID != "" {
		d["guild_id"] = in.GuildID
		d["guild_locale"] = or(in.GuildLocale, "en-US")
		d["member"] = map[string]any{"user": user, "roles": []string{}, "permissions": strconv.FormatInt(in.Permissions, 10), "joined_at": "2024-01-01T00:00:00Z"}
	} else {
		d["user"] = user
	}
	switch typ {
	case TypeCommand, TypeAutocomplete:
		opts := options(in.Options)
		if in.Sub != "" {
			opts = []map[string]any{{"name": in.Sub, "type": 1, "options": opts}}
		}
		data := map[string]any{"id": "400000000000000004", "name": in.Command, "type": 1, "options": opts}
		if m := in.Target; m != nil {
			author := map[string]any{"id": or(m.AuthorID, "200000000000000009"), "username": or(m.Username, "someone.else"), "discriminator": "0"}
			data = map[string]any{"id": "400000000000000005", "name": in.Command, "type": 3, "target_id": m.ID,
				"resolved": map[string]any{"messages": map[string]any{m.ID: map[string]any{
					"id": m.ID, "channel_id": d["channel_id"], "content": m.Content, "author": author,
					"embeds": []any{}, "attachments": []any{}, "timestamp": "2024-01-01T00:00:00Z",
				}}}}
		}
		d["data"] = data
	case TypeComponent:
		d["data"] = map[string]any{"custom_id": in.CustomID, "component_type": 2}
		if in.Values != nil || in.ComponentType != 0 {
			ct := in.ComponentType
			if ct == 0 {
				ct = 3
			}
			d["data"] = map[string]any{"custom_id": in.CustomID, "component_type": ct, "values": in.Values}
		}
		d["message"] = map[string]any{"id": "500000000000000005", "channel_id": d["channel_id"], "flags": in.MessageFlags, "content": "", "embeds": []any{}, "components": []any{}, "timestamp": "2024-01-01T00:00:00Z"}
	case TypeModalSubmit:
		var rows []map[string]any
		for k, v := range in.ModalValues {
			rows = append(rows, map[string]any{"type": 1, "components": []map[string]any{{"type": 4, "custom_id": k, "value": v}}})
		}
		d["data"] = map[string]any{"custom_id": in.CustomID, "components": rows}
	}
	return d
}

func options(in []Option) []map[string]any {
	out := []map[string]any{}
	for _, o := range in {
		t := 3
		switch o.Value.(type) {
		case int, int64:
			t = 4
		case bool:
			t = 5
		case float64:
			t = 10
		}
		m := map[string]any{"name": o.Name, "type": t, "value": o.Value}
		if o.Focused {
			m["focused"] = true
		}
		out = append(out, m)
	}
	return out
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
