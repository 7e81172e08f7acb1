package bot

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"sanctuaire/bot/discordtest"
	"sanctuaire/handlers"
	"sanctuaire/locales"
)

// A message someone else posted, and what of it must go nowhere but the
// handler: its words, its ID, its author.
var (
	checked = &discordtest.Message{
		ID:       "610000000000000061",
		Content:  "Maxime : la police appelle l'ASFC !", // short enough for a custom_id
		AuthorID: "620000000000000062", Username: "maxime.autre",
	}
	checkedWords = []string{"Maxime", checked.ID, checked.AuthorID, checked.Username}
)

// TestGatewayCheckMessage uses "Check with sanctuaire" on a message, in a
// server and from a member's own install in a direct message: the answer is
// the base's entry, private, with buttons that carry what was understood of
// the message and none of its words, and the logs hold none of it.
func TestGatewayCheckMessage(t *testing.T) {
	kb, cat := content(t)
	b := startGateway(t, Commands(handlers.New(kb, cat, nil), nil), RouterOptions{InlineFiles: true})
	topic, _ := kb.Topic("police-cbsa")
	tests := []struct {
		name string
		in   discordtest.Interaction
		lang locales.Lang
	}{
		{"server, French", discordtest.Interaction{GuildID: "1", Locale: "fr"}, locales.FR},
		{"direct message, own install, English", discordtest.Interaction{Locale: "en-GB", Installs: map[int]string{memberInstall: "200000000000000002"}, Context: 2}, locales.EN},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := tt.in
			in.Command, in.Target = "Check with sanctuaire", checked
			_, call, resp := b.callback(t, in)
			if resp.Type != int(discordgo.InteractionResponseChannelMessageWithSource) || resp.Data.Flags&int(discordgo.MessageFlagsEphemeral) == 0 {
				t.Fatalf("got type %d flags %d, want a private message", resp.Type, resp.Data.Flags)
			}
			p := cat.Printer(tt.lang)
			if len(resp.Data.Embeds) == 0 || resp.Data.Embeds[0].Title != topic.Title.In(string(tt.lang)) ||
				!strings.HasPrefix(resp.Data.Embeds[0].Description, p.T("check_found")) {
				t.Errorf("got embed %+v, want the topic %q introduced by check_found", resp.Data.Embeds[0], topic.Title.In(string(tt.lang)))
			}
			for _, w := range checkedWords {
				if strings.Contains(string(call.JSON), w) {
					t.Errorf("the answer holds %q of the message:\n%s", w, call.JSON)
				}
			}
			// The language button carries what was understood: the same
			// entry comes back in the other language.
			other := otherLang(tt.lang)
			var sw string
			for _, btn := range resp.Data.Buttons() {
				if btn.Label == cat.Printer(other).T("common_lang_self") {
					sw = btn.CustomID
				}
			}
			if sw == "" {
				t.Fatalf("no language button in %+v", resp.Data.Buttons())
			}
			click := tt.in
			click.Type, click.CustomID, click.MessageFlags = discordtest.TypeComponent, sw, int(discordgo.MessageFlagsEphemeral)
			_, again := b.ask(t, click)
			if len(again.Data.Embeds) == 0 || again.Data.Embeds[0].Title != topic.Title.In(string(other)) {
				t.Errorf("after the language button %q: got %s, want the topic in %s", sw, again.Data.Embeds[0].Title, other)
			}
		})
	}
	waitLogLines(t, b, "command=\"Check with sanctuaire\"", 2*len(tests))
	for _, w := range checkedWords {
		if strings.Contains(b.logs.String(), w) {
			t.Errorf("logs hold %q of the message:\n%s", w, b.logs)
		}
	}
}

// TestHTTPCheckMessage does the same over signed HTTP, with a message the
// base has nothing sure on and one with no text.
func TestHTTPCheckMessage(t *testing.T) {
	l := newLive(t, nil, RouterOptions{})
	tests := []struct {
		name    string
		message *discordtest.Message
		title   string // message ID
	}{
		{"nothing sure", &discordtest.Message{ID: "610000000000000071", Content: "Maxime a vu des licornes voter zzz qqq"}, "check_unknown_title"},
		{"no text", &discordtest.Message{ID: "610000000000000072"}, "check_no_text_title"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := l.signed(t, discordtest.Interaction{Command: "Check with sanctuaire", Target: tt.message, Locale: "fr", GuildID: guildID, UserID: askerID, Username: askerName})
			checkMessage(t, got, true)
			if want := l.cat.Printer(locales.FR).T(tt.title); len(got.Data.Embeds) == 0 || got.Data.Embeds[0].Title != want {
				t.Errorf("got embeds %+v, want the title %q", got.Data.Embeds, want)
			}
			for _, w := range []string{"Maxime", "licornes", tt.message.ID} {
				if strings.Contains(string(got.raw), w) {
					t.Errorf("the answer holds %q of the message:\n%s", w, got.raw)
				}
			}
		})
	}
	if err := l.srv.Drain(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"Maxime", "licornes", "610000000000000071", askerID, askerName} {
		if strings.Contains(l.logs.String(), w) {
			t.Errorf("logs hold %q:\n%s", w, l.logs)
		}
	}
}

// waitLogLines waits until the gateway's logs hold n lines with s: an
// interaction's line is written once its answer is sent.
func waitLogLines(t *testing.T, b *gwBot, s string, n int) {
	t.Helper()
	for deadline := time.Now().Add(gwWait); strings.Count(b.logs.String(), s) < n; {
		if time.Now().After(deadline) {
			t.Fatalf("want %d log lines with %s, got:\n%s", n, s, b.logs)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// A message command whose handler does not say what it understood gets no
// button that runs it again: its request holds the message's words.
func TestGatewayMessageCommandButtonsNeverCarryTheMessage(t *testing.T) {
	echo := func(_ context.Context, req handlers.Request) (handlers.Response, error) {
		return handlers.Response{Ephemeral: true, Answers: []handlers.Answer{{Lang: req.Langs[0], Title: "Seen", Body: "Short."}}}, nil
	}
	b := startGateway(t, []Command{{Name: "Echo", OnMessage: true, Handler: echo}}, RouterOptions{InlineFiles: true})
	_, call, resp := b.callback(t, discordtest.Interaction{Command: "Echo", Target: &discordtest.Message{ID: "1", Content: "Maxime"}, Locale: "fr"})
	if len(resp.Data.Embeds) != 1 || resp.Data.Embeds[0].Title != "Seen" {
		t.Fatalf("got %s, want the answer", call.JSON)
	}
	if strings.Contains(string(call.JSON), "Maxime") || len(resp.Data.Buttons()) != 0 {
		t.Errorf("got buttons %+v in %s, want none", resp.Data.Buttons(), call.JSON)
	}
}
