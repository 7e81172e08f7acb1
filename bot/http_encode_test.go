package bot

import (
	"encoding/json"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/google/go-cmp/cmp"
)

// TestFlattenEncodesAsDiscordgo checks that a response written through its
// flat twin carries the same JSON as discordgo's own marshalling.
func TestFlattenEncodesAsDiscordgo(t *testing.T) {
	row := discordgo.ActionsRow{Components: []discordgo.MessageComponent{
		discordgo.Button{Label: "Page 2", Style: discordgo.SecondaryButton, CustomID: "page:2"},
		discordgo.Button{Label: "Sans style", CustomID: "x"},
		&discordgo.Button{Label: "Pointeur", Style: discordgo.DangerButton, CustomID: "y", Disabled: true},
		discordgo.Button{Label: "Source", Style: discordgo.LinkButton, URL: "https://example.org/a", Emoji: &discordgo.ComponentEmoji{Name: "📄"}},
	}}
	tests := []struct {
		name string
		resp *discordgo.InteractionResponse
	}{
		{"nil", nil},
		{"pong", &discordgo.InteractionResponse{Type: discordgo.InteractionResponsePong}},
		{"no components", &discordgo.InteractionResponse{
			Type: discordgo.InteractionResponseChannelMessageWithSource,
			Data: &discordgo.InteractionResponseData{Content: "« oui »", Flags: discordgo.MessageFlagsEphemeral},
		}},
		{"embeds and rows", &discordgo.InteractionResponse{
			Type: discordgo.InteractionResponseChannelMessageWithSource,
			Data: &discordgo.InteractionResponseData{
				Embeds:          []*discordgo.MessageEmbed{{Title: "Montréal", Description: "Ville sanctuaire"}},
				Components:      []discordgo.MessageComponent{row, &discordgo.ActionsRow{ID: 7, Components: row.Components[:1]}},
				AllowedMentions: &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}},
				Flags:           discordgo.MessageFlagsEphemeral,
			},
		}},
		{"empty row", &discordgo.InteractionResponse{
			Type: discordgo.InteractionResponseUpdateMessage,
			Data: &discordgo.InteractionResponseData{Components: []discordgo.MessageComponent{discordgo.ActionsRow{}}},
		}},
		{"other components kept", &discordgo.InteractionResponse{
			Type: discordgo.InteractionResponseModal,
			Data: &discordgo.InteractionResponseData{CustomID: "m", Title: "Titre", Components: []discordgo.MessageComponent{
				discordgo.ActionsRow{Components: []discordgo.MessageComponent{
					discordgo.TextInput{CustomID: "t", Label: "Texte", Style: discordgo.TextInputParagraph},
				}},
				discordgo.ActionsRow{Components: []discordgo.MessageComponent{
					discordgo.SelectMenu{CustomID: "s", Options: []discordgo.SelectMenuOption{{Label: "A", Value: "a"}}},
				}},
			}},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := decodeAny(t, tt.resp)
			got := decodeAny(t, flatten(tt.resp))
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("flat encoding differs (-discordgo +flat):\n%s", diff)
			}
		})
	}
}

func decodeAny(t *testing.T, v any) any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func BenchmarkEncodeResponse(b *testing.B) {
	var buttons []discordgo.MessageComponent
	for i := range 5 {
		buttons = append(buttons, discordgo.Button{Label: "Source", Style: discordgo.LinkButton, URL: "https://example.org/" + string(rune('a'+i))})
	}
	resp := &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{
			Embeds:     []*discordgo.MessageEmbed{{Title: "Montréal", Description: sentences(20, "encode")}},
			Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: buttons}, discordgo.ActionsRow{Components: buttons}},
		},
	}
	for _, tc := range []struct {
		name string
		v    func() any
	}{
		{"discordgo", func() any { return resp }},
		{"flat", func() any { return flatten(resp) }},
	} {
		b.Run(tc.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := json.Marshal(tc.v()); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
