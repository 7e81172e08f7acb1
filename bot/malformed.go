package bot

import "github.com/bwmarrin/discordgo"

// malformed says why an interaction cannot be answered, or "" when its shape
// is one the router reads safely. It runs before any of discordgo's accessors
// (ApplicationCommandData and the like), which panic on a payload of the
// wrong shape: an event that is null, a command without data, a form whose
// rows hold null. The reasons are fixed words, never a part of the payload.
func malformed(i *discordgo.Interaction) string {
	if i == nil {
		return "no interaction"
	}
	switch i.Type {
	case discordgo.InteractionPing:
		return ""
	case discordgo.InteractionApplicationCommand, discordgo.InteractionApplicationCommandAutocomplete:
		d, ok := i.Data.(discordgo.ApplicationCommandInteractionData)
		if !ok {
			return "command without data"
		}
		if d.Name == "" {
			return "command without a name"
		}
		if !optionsWellFormed(d.Options) {
			return "malformed options"
		}
	case discordgo.InteractionMessageComponent:
		d, ok := i.Data.(discordgo.MessageComponentInteractionData)
		if !ok {
			return "component without data"
		}
		if d.CustomID == "" {
			return "component without a custom_id"
		}
	case discordgo.InteractionModalSubmit:
		d, ok := i.Data.(discordgo.ModalSubmitInteractionData)
		if !ok {
			return "form without data"
		}
		if d.CustomID == "" {
			return "form without a custom_id"
		}
		if !componentsWellFormed(d.Components) {
			return "malformed form rows"
		}
	}
	// Other types are answered by the router with a short error.
	return ""
}

// optionsWellFormed checks that no option, at any depth, is null.
func optionsWellFormed(opts []*discordgo.ApplicationCommandInteractionDataOption) bool {
	for _, o := range opts {
		if o == nil || !optionsWellFormed(o.Options) {
			return false
		}
	}
	return true
}

// componentsWellFormed checks a form's rows: no row and no component in a
// row may be null, including a typed nil behind the interface.
func componentsWellFormed(rows []discordgo.MessageComponent) bool {
	for _, row := range rows {
		switch r := row.(type) {
		case nil:
			return false
		case *discordgo.ActionsRow:
			if r == nil {
				return false
			}
			for _, c := range r.Components {
				if c == nil {
					return false
				}
				if in, ok := c.(*discordgo.TextInput); ok && in == nil {
					return false
				}
			}
		case *discordgo.TextInput:
			if r == nil {
				return false
			}
		}
	}
	return true
}
