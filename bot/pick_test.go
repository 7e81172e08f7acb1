package bot

import (
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
)

// pickMenuOf finds a select menu that is not the menu of sections.
func pickMenuOf(t *testing.T, raw []byte) (discordgo.SelectMenu, bool) {
	t.Helper()
	return menuOf(t, raw, func(m discordgo.SelectMenu) bool {
		return len(m.Options) > 0 && !strings.HasPrefix(m.CustomID, sectionPrefix+"|")
	})
}

// An unknown place, force or topic, and rights with no topic, offer the
// entries in a menu; choosing one opens its answer in place.
func TestPickOpensAnswerInPlace(t *testing.T) {
	l := newLive(t, nil, RouterOptions{})
	cases := []struct {
		command, locale string
		opts            map[string]any
		placeholder     string
		label, value    string // the option to choose
		title           string // the answer it opens
	}{
		{"city", "fr", map[string]any{"name": "Montrael"}, "Choisir une ville", "Toronto", "toronto", "Toronto"},
		{"city", "en-US", map[string]any{"name": "Sherbrooke"}, "Choose a city", "Montreal", "montreal", "Montreal"},
		{"support", "fr", map[string]any{"city": "Sherbrooke"}, "Choisir une ville", "Montréal", "montreal", "Montréal"},
		{"stats", "fr", map[string]any{"force": "Gendarmerie de Paris"}, "Choisir un corps policier", "", "spvm", "SPVM"},
		{"rights", "en-US", map[string]any{"topic": "zzz"}, "Choose a topic", "", "remain-silent", "police"},
		{"rights", "fr", nil, "Choisir un sujet", "", "remain-silent", "police"},
	}
	for _, c := range cases {
		t.Run(c.command+"/"+c.locale, func(t *testing.T) {
			body, _ := l.command(c.command, c.locale, c.opts)
			status, got := l.post(body)
			if status != 200 || got.Data == nil {
				t.Fatalf("got %d %s", status, got.raw)
			}
			menu, ok := pickMenuOf(t, got.raw)
			if !ok {
				t.Fatalf("no menu to choose from in %s", got.raw)
			}
			if menu.Placeholder != c.placeholder {
				t.Errorf("placeholder %q, want %q", menu.Placeholder, c.placeholder)
			}
			i := slices.IndexFunc(menu.Options, func(o discordgo.SelectMenuOption) bool { return o.Value == c.value })
			if i < 0 || (c.label != "" && menu.Options[i].Label != c.label) {
				t.Fatalf("no option %q (%q) in %+v", c.value, c.label, menu.Options)
			}
			for _, e := range got.Data.Embeds {
				if strings.Contains(e.Description, "\n• ") {
					t.Errorf("the entries are still listed as text: %q", e.Description)
				}
			}
			body, token := l.interaction(discordgo.InteractionMessageComponent, c.locale,
				map[string]any{"custom_id": menu.CustomID, "component_type": discordgo.SelectMenuComponent, "values": []string{c.value}})
			body = onPrivateAnswer(t, body)
			status, got = l.post(body)
			if status != 200 || got.Data == nil && got.Type != discordgo.InteractionResponseDeferredMessageUpdate {
				t.Fatalf("choosing %q: got %d %s", c.value, status, got.raw)
			}
			if got.Type != discordgo.InteractionResponseUpdateMessage && got.Type != discordgo.InteractionResponseDeferredMessageUpdate {
				t.Errorf("choosing answers with type %d, want the answer updated in place", got.Type)
			}
			got, _ = l.finish(t, token, got)
			if len(got.Data.Embeds) == 0 || !strings.Contains(got.Data.Embeds[0].Title, c.title) {
				t.Fatalf("got %s, want the answer on %q", got.raw, c.title)
			}
			if _, still := pickMenuOf(t, got.raw); still && c.command != "rights" {
				t.Errorf("the answer chosen still offers the menu of entries")
			}
		})
	}
}

// onPrivateAnswer makes body a click on a private answer, which Discord
// sends with the message clicked.
func onPrivateAnswer(t *testing.T, body string) string {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(body), &m); err != nil {
		t.Fatal(err)
	}
	m["message"] = map[string]any{"id": "900000000000000077", "channel_id": "900000000000000002", "flags": discordgo.MessageFlagsEphemeral}
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

var customIDs = regexp.MustCompile(`"custom_id":"([^"]*)"`)

// Buttons of city, support, rights and stats carry the entry understood,
// never the option as typed.
func TestButtonsCarryEntryNotTyped(t *testing.T) {
	l := newLive(t, nil, RouterOptions{})
	cases := []struct {
		command string
		opts    map[string]any
		typed   []string // what must appear in no custom_id
		id      string   // what the buttons carry instead
	}{
		{"city", map[string]any{"name": "MTL "}, []string{"MTL"}, "montreal"},
		{"city", map[string]any{"name": "montréal"}, []string{"montréal"}, "montreal"},
		{"support", map[string]any{"city": "Montréal "}, []string{"Montréal"}, "montreal"},
		{"stats", map[string]any{"force": "SPVM ", "compare": "Toronto "}, []string{"SPVM", "Toronto"}, "spvm"},
		{"stats", map[string]any{"force": "Gendarmerie de Paris"}, []string{"Gendarmerie", "Paris"}, ""},
		{"city", map[string]any{"name": "Sherbrooke"}, []string{"Sherbrooke"}, ""},
		{"rights", map[string]any{"topic": "Garder le silence"}, []string{"Garder", "silence"}, "remain-silent"},
		// Refused options: the answer quotes them, its buttons do not.
		{"stats", map[string]any{"force": "SPVM ", "compare": "police de montréal"}, []string{"SPVM", "montréal"}, "spvm"},
		{"stats", map[string]any{"force": "spvm", "measure": "mesure bizarre"}, []string{"bizarre"}, ""},
	}
	for _, c := range cases {
		for _, locale := range []string{"fr", "en-US"} {
			body, token := l.command(c.command, locale, c.opts)
			status, got := l.post(body)
			if status != 200 {
				t.Fatalf("%s %v: got %d %s", c.command, c.opts, status, got.raw)
			}
			got, _ = l.finish(t, token, got)
			ids := customIDs.FindAllStringSubmatch(string(got.raw), -1)
			if len(ids) == 0 {
				t.Fatalf("%s %v: no buttons in %s", c.command, c.opts, got.raw)
			}
			found := c.id == ""
			for _, m := range ids {
				for _, typed := range c.typed {
					if strings.Contains(m[1], typed) || strings.Contains(m[1], strings.ToLower(typed)) && typed != strings.ToLower(typed) && c.id != strings.ToLower(typed) {
						t.Errorf("%s %v: custom_id %q carries what was typed (%q)", c.command, c.opts, m[1], typed)
					}
				}
				found = found || strings.Contains(m[1], "="+c.id)
			}
			if !found {
				t.Errorf("%s %v: no button carries %q: %q", c.command, c.opts, c.id, ids)
			}
		}
	}
}

// A city's answer opens its police's figures and its organisations in
// place; a topic of rights opens the organisations that help.
func TestCrossReferenceButtons(t *testing.T) {
	l := newLive(t, nil, RouterOptions{})
	cases := []struct {
		command, locale string
		opts            map[string]any
		label           string // the button, or how its label starts
		title           string // the answer it opens
	}{
		{"city", "fr", map[string]any{"name": "montreal"}, "Chiffres\u00a0: SPVM", "SPVM"},
		{"city", "en-US", map[string]any{"name": "toronto"}, "Organisations that help", "Toronto"},
		{"rights", "fr", map[string]any{"topic": "remain-silent"}, "Organismes qui aident", "Organismes"},
		{"question", "fr", map[string]any{"text": "combien d'appels le SPVM a fait à l'ASFC en 2017?"}, "Fiche complète\u00a0: ", "SPVM"},
	}
	for _, c := range cases {
		body, token := l.command(c.command, c.locale, c.opts)
		status, got := l.post(body)
		if status != 200 {
			t.Fatalf("%s: got %d %s", c.label, status, got.raw)
		}
		got, _ = l.finish(t, token, got)
		id := ""
		for _, row := range got.Data.Components {
			for _, b := range row.Components {
				if strings.HasPrefix(b.Label, c.label) {
					id = b.CustomID
				}
			}
		}
		if id == "" {
			t.Fatalf("no button %q in %s", c.label, got.raw)
		}
		body, token = l.interaction(discordgo.InteractionMessageComponent, c.locale,
			map[string]any{"custom_id": id, "component_type": discordgo.ButtonComponent})
		status, got = l.post(onPrivateAnswer(t, body))
		if status != 200 || got.Type != discordgo.InteractionResponseUpdateMessage && got.Type != discordgo.InteractionResponseDeferredMessageUpdate {
			t.Fatalf("%s: got %d %s, want the answer updated in place", c.label, status, got.raw)
		}
		got, _ = l.finish(t, token, got)
		if len(got.Data.Embeds) == 0 || !strings.Contains(got.Data.Embeds[0].Title, c.title) {
			t.Errorf("%s opens %s, want %q", c.label, got.raw, c.title)
		}
	}
}
