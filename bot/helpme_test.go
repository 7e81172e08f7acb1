package bot

import (
	"regexp"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"sanctuaire/bot/discordtest"
	"sanctuaire/locales"
)

// helpIDs is what the custom_ids of the guided help may hold: its menus,
// naming a situation, and the answer's own buttons, naming a situation and a
// place. Nothing else, and never who asked.
var helpIDs = regexp.MustCompile(`^(help-me\|s|help-me\|c\|[a-z0-9]+|a\|[-+]|[asv]\|[0-9?nx]+\|(fr|en|fren)\|help-me\|\|((city=[a-z-]+&)?situation=[a-z0-9]+)?)$`)

// menu finds the select menu whose custom_id starts with prefix.
func menu(t *testing.T, msg *discordtest.MessageData, prefix string) discordtest.Component {
	t.Helper()
	for _, row := range msg.Components {
		for _, c := range row.Components {
			if c.Type == int(discordgo.SelectMenuComponent) && strings.HasPrefix(c.CustomID, prefix) {
				return c
			}
		}
	}
	t.Fatalf("no menu %s in %+v", prefix, msg.Components)
	return discordtest.Component{}
}

// TestGatewayHelpMe goes through the guided help on Discord: the command,
// the situation chosen in the menu, then the city, each replacing the
// private answer in place; and checks every custom_id on the way.
func TestGatewayHelpMe(t *testing.T) {
	b := shareBot(t, RouterOptions{})
	kb, cat := content(t)
	p := cat.Printer(locales.FR)
	ask := inServer(discordtest.Interaction{Command: "help-me"})
	_, start := b.ask(t, ask)
	if start.Data.Flags&int(discordgo.MessageFlagsEphemeral) == 0 || len(start.Data.Embeds) == 0 || start.Data.Embeds[0].Title != p.T("helpme_title") {
		t.Fatalf("got %+v, want the private menu", start.Data)
	}
	for _, btn := range start.Data.Buttons() {
		if btn.Label == p.T("share_button") {
			t.Errorf("the menu of situations offers Share")
		}
	}
	situations := menu(t, start.Data, "help-me|s")
	if len(situations.Options) != 7 || situations.Options[3].Value != "detained" || situations.Options[3].Label != p.T("helpme_situation_detained") {
		t.Fatalf("situations: got %+v", situations.Options)
	}
	pick := func(from *discordtest.MessageData, m discordtest.Component, value string) *discordtest.MessageData {
		in := ask
		in.Type, in.CustomID, in.Values, in.MessageFlags, in.Options = discordtest.TypeComponent, m.CustomID, []string{value}, from.Flags, nil
		_, resp := b.ask(t, in)
		if resp.Type != int(discordgo.InteractionResponseUpdateMessage) {
			t.Fatalf("choosing %s: got type %d, want the private answer replaced", value, resp.Type)
		}
		return resp.Data
	}
	detained := pick(start.Data, situations, "detained")
	if len(detained.Embeds) == 0 || !strings.HasPrefix(detained.Embeds[0].Description, p.T("helpme_first_detained")) {
		t.Errorf("detained: got %+v, want the emergency line first", detained.Embeds)
	}
	cities := menu(t, detained, "help-me|c|detained")
	mtl, _ := kb.Place("montreal")
	found := false
	for _, o := range cities.Options {
		found = found || o.Value == "montreal" && o.Label == mtl.Name.FR
	}
	if !found {
		t.Fatalf("cities: got %+v, want Montréal", cities.Options)
	}
	end := pick(detained, cities, "montreal")
	if len(end.Embeds) == 0 || !strings.Contains(end.Embeds[0].Title, mtl.Name.FR) {
		t.Errorf("end: got %+v, want the answer for Montréal", end.Embeds)
	}
	links, share := 0, false
	for _, msg := range []*discordtest.MessageData{start.Data, detained, end} {
		for _, row := range msg.Components {
			for _, c := range row.Components {
				switch {
				case c.URL != "":
					links++
				case !helpIDs.MatchString(c.CustomID):
					t.Errorf("custom_id %q holds more than a situation and a place", c.CustomID)
				}
				share = share || c.Label == p.T("share_button")
			}
		}
	}
	if links == 0 || !share {
		t.Errorf("got %d link buttons, share %v; want the organisations' links and Share", links, share)
	}
	waitLogLines(t, b, "command=help-me", 3)
	for _, w := range []string{sharerID, sharerName, "detained", "montreal"} {
		if strings.Contains(b.logs.String(), w) {
			t.Errorf("logs hold %q:\n%s", w, b.logs)
		}
	}
}

// TestHTTPHelpMe chooses a situation over signed HTTP, in English, in a
// direct message from the member's own install.
func TestHTTPHelpMe(t *testing.T) {
	l := newLive(t, nil, RouterOptions{})
	p := l.cat.Printer(locales.EN)
	in := discordtest.Interaction{Command: "help-me", Locale: "en-US", Installs: map[int]string{memberInstall: askerID}, Context: 1, UserID: askerID}
	start := l.signed(t, in)
	var id string
	for _, row := range start.Data.Components {
		for _, c := range row.Components {
			if strings.HasPrefix(c.CustomID, "help-me|s") {
				id = c.CustomID
			}
		}
	}
	if id == "" {
		t.Fatalf("no situation menu in %s", start.raw)
	}
	in.Type, in.CustomID, in.Values, in.MessageFlags = discordtest.TypeComponent, id, []string{"health"}, int(discordgo.MessageFlagsEphemeral)
	got := l.signed(t, in)
	if got.Type != discordgo.InteractionResponseUpdateMessage || len(got.Data.Embeds) == 0 || got.Data.Embeds[0].Title != p.T("helpme_situation_health") {
		t.Errorf("got type %d %s, want health care in place", got.Type, got.raw)
	}
}

// TestGatewayAboutOpensHelpMe: the button on `about` opens the guided help
// in place of the private answer.
func TestGatewayAboutOpensHelpMe(t *testing.T) {
	b := shareBot(t, RouterOptions{})
	_, cat := content(t)
	p := cat.Printer(locales.EN)
	ask := inServer(discordtest.Interaction{Command: "about"})
	ask.Locale = "en-GB"
	_, about := b.ask(t, ask)
	_, got := b.ask(t, clickOn(t, ask, about.Data, p.T("about_helpme_button")))
	if got.Type != int(discordgo.InteractionResponseUpdateMessage) || len(got.Data.Embeds) == 0 || got.Data.Embeds[0].Title != p.T("helpme_title") {
		t.Fatalf("got type %d %+v, want the guided help in place", got.Type, got.Data.Embeds)
	}
	menu(t, got.Data, "help-me|s")
}
