package bot

import (
	"context"
	"log/slog"
	"slices"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/google/go-cmp/cmp"

	"sanctuaire/handlers"
	"sanctuaire/locales"
)

func TestClickID(t *testing.T) {
	tests := []struct {
		name, command, sub string
		args               []string
		want               string
		ok                 bool
	}{
		{"subcommand and args", "update", "delete", []string{"confirm", "2"}, "update|delete|confirm|2", true},
		{"form without args", "update", "post", nil, "update|post", true},
		{"command's own", "news", "", []string{"show", "1"}, "news|show|1", true},
		{"separators escaped", "city", "", []string{"a|b", "50%"}, "city|a%7Cb|50%25", true},
		{"too long", "city", "", []string{strings.Repeat("x", 100)}, "", false},
		{"no command", "", "", []string{"x"}, "", false},
		{"the answers' prefix", answerPrefix, "", nil, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := clickID(tt.command, tt.sub, tt.args)
			if ok != tt.ok || ok && got != tt.want {
				t.Fatalf("got %q, %v; want %q, %v", got, ok, tt.want, tt.ok)
			}
			if !ok {
				return
			}
			parts, err := clickParts(got)
			want := append([]string{tt.command}, tt.args...)
			if tt.sub != "" {
				want = append([]string{tt.command, tt.sub}, tt.args...)
			}
			if err != nil || !slices.Equal(parts, want) {
				t.Errorf("read back %q, %v; want %q", parts, err, want)
			}
		})
	}
	for _, bad := range []string{"", "a|0|en|city||", "city|%zz", strings.Repeat("x", 101)} {
		if parts, err := clickParts(bad); err == nil {
			t.Errorf("%q: got %q, want an error", bad, parts)
		}
	}
}

// TestRouteClicks routes a handler's own components and forms to the
// Click and Submit handlers beside their command, with their arguments
// parsed: a menu on a private answer replaces it in place.
func TestRouteClicks(t *testing.T) {
	cat := testCatalog(t)
	var got []handlers.Request
	echo := func(_ context.Context, req handlers.Request) (handlers.Response, error) {
		got = append(got, req)
		return handlers.Response{Answers: []handlers.Answer{{Lang: req.Langs[0], Title: "Section " + strings.Join(req.Values, ",")}}}, nil
	}
	cmds := []Command{
		{Name: "guide", Handler: echo, Click: echo, Options: member()},
		{Name: "update", Subs: []Subcommand{{Name: "edit", Handler: echo, Submit: echo}}},
	}
	r := NewRouter(cmds, cat, nil, slog.New(slog.DiscardHandler), RouterOptions{})
	member := &discordgo.Member{User: &discordgo.User{ID: "42"}}
	tests := []struct {
		name     string
		i        *discordgo.Interaction
		wantType discordgo.InteractionResponseType
		want     handlers.Request
	}{
		{"menu on a private answer", &discordgo.Interaction{Type: discordgo.InteractionMessageComponent, Locale: "fr", GuildID: "1", ChannelID: "9", Member: member,
			Message: &discordgo.Message{Flags: discordgo.MessageFlagsEphemeral},
			Data:    discordgo.MessageComponentInteractionData{CustomID: "guide|open", ComponentType: discordgo.SelectMenuComponent, Values: []string{"rights"}}},
			discordgo.InteractionResponseUpdateMessage,
			handlers.Request{ReadOnly: true, Command: "guide", Options: map[string]string{}, Langs: []locales.Lang{locales.FR}, Guild: "1", Channel: "9", User: "42",
				Args: []string{"open"}, Values: []string{"rights"}}},
		{"button on a shared answer", &discordgo.Interaction{Type: discordgo.InteractionMessageComponent, Locale: "en-US", User: &discordgo.User{ID: "43"},
			Message: &discordgo.Message{},
			Data:    discordgo.MessageComponentInteractionData{CustomID: "guide|open|2", ComponentType: discordgo.ButtonComponent}},
			discordgo.InteractionResponseChannelMessageWithSource,
			handlers.Request{ReadOnly: true, Command: "guide", Options: map[string]string{}, Langs: []locales.Lang{locales.EN}, User: "43", Args: []string{"open", "2"}}},
		{"form of a subcommand", &discordgo.Interaction{Type: discordgo.InteractionModalSubmit, Locale: "en-GB", GuildID: "1", Member: member,
			Data: discordgo.ModalSubmitInteractionData{CustomID: "update|edit|5|3", Components: []discordgo.MessageComponent{
				&discordgo.ActionsRow{Components: []discordgo.MessageComponent{&discordgo.TextInput{CustomID: "text_en", Value: "Hello"}}}}}},
			discordgo.InteractionResponseChannelMessageWithSource,
			handlers.Request{ReadOnly: true, Command: "update", Sub: "edit", Options: map[string]string{}, Langs: []locales.Lang{locales.EN}, Guild: "1", User: "42",
				Args: []string{"5", "3"}, Form: map[string]string{"text_en": "Hello"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got = nil
			rep := r.Route(context.Background(), tt.i)
			rep.Complete(context.Background(), nil)
			if rep.Initial.Type != tt.wantType {
				t.Errorf("got response type %d, want %d", rep.Initial.Type, tt.wantType)
			}
			if len(got) != 1 {
				t.Fatalf("handler called %d times, want once", len(got))
			}
			if diff := cmp.Diff(tt.want, got[0]); diff != "" {
				t.Errorf("request (-want +got):\n%s", diff)
			}
		})
	}
	t.Run("no handler for the kind", func(t *testing.T) {
		got = nil
		i := &discordgo.Interaction{Type: discordgo.InteractionModalSubmit, Locale: "fr",
			Data: discordgo.ModalSubmitInteractionData{CustomID: "guide|open"}}
		rep := r.Route(context.Background(), i)
		if len(got) != 0 || rep.Initial.Data == nil || rep.Initial.Data.Content != cat.Printer(locales.FR).T("common_error_generic") {
			t.Errorf("got %d calls and %+v, want no call and the generic error", len(got), rep.Initial.Data)
		}
	})
}

// TestRenderMenus lays out a handler's menu as a select whose custom_id
// comes back to the command that answered.
func TestRenderMenus(t *testing.T) {
	cat := testCatalog(t)
	a := handlers.Answer{Lang: locales.EN, Title: "Guide", Body: "Choose a section.", Menus: []handlers.Menu{{
		Click: handlers.Click{Args: []string{"open"}}, Placeholder: "Sections",
		Options: []handlers.MenuOption{{Label: "Rights", Value: "rights", Default: true}, {Label: "", Value: "empty"}, {Label: "Support", Value: "support"}},
	}}}
	rd := render(cat, handlers.Response{Answers: []handlers.Answer{a}}, handlers.Request{Command: "guide"})
	want := []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{discordgo.SelectMenu{
		MenuType: discordgo.StringSelectMenu, CustomID: "guide|open", Placeholder: "Sections",
		Options: []discordgo.SelectMenuOption{{Label: "Rights", Value: "rights", Default: true}, {Label: "Support", Value: "support"}},
	}}}}
	if diff := cmp.Diff(want, rd.menus); diff != "" {
		t.Errorf("menus (-want +got):\n%s", diff)
	}
}
