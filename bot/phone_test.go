package bot

import (
	"context"
	"encoding/json"
	"flag"
	"slices"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"sanctuaire/handlers"
	"sanctuaire/locales"
)

// TestColourByKind checks that an answer, a caution and "not found" are
// told apart by their embed's colour, as the handlers answer real requests.
func TestColourByKind(t *testing.T) {
	kb, cat := content(t)
	h := handlers.New(kb, cat, nil)
	ctx := context.Background()
	tests := []struct {
		name string
		run  handlers.Func
		opts map[string]string
		want int
	}{
		{"a city", h.City, map[string]string{"name": "montreal"}, colourInfo},
		{"an unknown city", h.City, map[string]string{"name": "Sherbrooke"}, colourNotFound},
		{"a year that cannot be read", h.Stats, map[string]string{"year": "last year"}, colourNotFound},
		{"uncertain figures", h.Stats, map[string]string{"year": "2017"}, colourCaution},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := tt.run(ctx, handlers.Request{Options: tt.opts, Langs: []locales.Lang{locales.FR}})
			if err != nil {
				t.Fatal(err)
			}
			rd := render(cat, resp, handlers.Request{})
			if len(rd.pages) == 0 || len(rd.pages[0]) == 0 {
				t.Fatal("no embed")
			}
			if got := rd.pages[0][0].Color; got != tt.want {
				t.Errorf("got colour %#06x, want %#06x", got, tt.want)
			}
		})
	}
}

// The most a first message may hold, in Discord's units (content, and the
// titles, descriptions, fields and footers of all its embeds): one phone
// screen. An answer in both languages may hold two short verdicts.
const (
	firstMessageMax     = 900
	firstMessageMaxBoth = 1600
)

// firstMessageCase is one request whose first message is measured.
type firstMessageCase struct {
	name string
	run  handlers.Func
	opts map[string]string
}

// firstMessageCases lists every command with representative options: every
// place, topic and force the knowledge base has, and names it does not know.
func firstMessageCases(t testing.TB) []firstMessageCase {
	kb, cat := content(t)
	h := handlers.New(kb, cat, nil)
	cases := []firstMessageCase{
		{"city unknown", h.City, map[string]string{"name": "Sherbrooke"}},
		{"city no name", h.City, map[string]string{}},
		{"stats", h.Stats, map[string]string{}},
		{"stats year 2017", h.Stats, map[string]string{"year": "2017"}},
		{"stats year 2023", h.Stats, map[string]string{"year": "2023"}},
		{"stats year 2005", h.Stats, map[string]string{"year": "2005"}},
		{"stats spvm tps", h.Stats, map[string]string{"force": "spvm", "compare": "tps"}},
		{"stats status checks", h.Stats, map[string]string{"measure": "status-checks"}},
		{"stats unknown force", h.Stats, map[string]string{"force": "gotham"}},
		{"support", h.Support, map[string]string{}},
		{"support unknown", h.Support, map[string]string{"city": "Sherbrooke"}},
		{"rights", h.Rights, map[string]string{}},
		{"rights unknown", h.Rights, map[string]string{"topic": "parking"}},
		{"question 911", h.Question, map[string]string{"text": "Can the police ask about my immigration status if I call 911?"}},
		{"question school", h.Question, map[string]string{"text": "Je n'ai pas de papiers, est-ce que mon enfant peut aller à l'école à Montréal?"}},
		{"question legal aid", h.Question, map[string]string{"text": "where can I find legal aid in Toronto"}},
		{"question unanswerable", h.Question, map[string]string{"text": "what is the weather tomorrow"}},
		{"about", h.About, map[string]string{}},
	}
	for _, pl := range kb.Places {
		cases = append(cases,
			firstMessageCase{"city " + pl.ID, h.City, map[string]string{"name": pl.ID}},
			firstMessageCase{"support " + pl.ID, h.Support, map[string]string{"city": pl.ID}})
	}
	for _, tp := range kb.Topics {
		cases = append(cases, firstMessageCase{"rights " + tp.ID, h.Rights, map[string]string{"topic": tp.ID}})
	}
	for _, f := range kb.Forces {
		cases = append(cases, firstMessageCase{"stats " + f.ID, h.Stats, map[string]string{"force": f.ID}})
	}
	return cases
}

// firstMessageSize measures the first message of resp as Discord counts it.
func firstMessageSize(cat *locales.Catalog, resp handlers.Response) int {
	rd := render(cat, resp, handlers.Request{})
	if len(rd.pages) == 0 {
		return 0
	}
	n := 0
	for _, e := range rd.pages[0] {
		n += size(e.Title) + size(e.Description)
		for _, f := range e.Fields {
			n += size(f.Name) + size(f.Value)
		}
		if e.Footer != nil {
			n += size(e.Footer.Text)
		}
	}
	return n
}

// TestFirstMessageFitsAPhone checks that the first message of every answer
// fits one phone screen, in each language and in both.
func TestFirstMessageFitsAPhone(t *testing.T) {
	_, cat := content(t)
	ctx := context.Background()
	langs := []struct {
		name  string
		langs []locales.Lang
		max   int
	}{
		{"fr", []locales.Lang{locales.FR}, firstMessageMax},
		{"en", []locales.Lang{locales.EN}, firstMessageMax},
		{"both", []locales.Lang{locales.FR, locales.EN}, firstMessageMaxBoth},
	}
	for _, c := range firstMessageCases(t) {
		for _, l := range langs {
			t.Run(c.name+" "+l.name, func(t *testing.T) {
				resp, err := c.run(ctx, handlers.Request{Options: c.opts, Langs: l.langs})
				if err != nil {
					t.Fatal(err)
				}
				n := firstMessageSize(cat, resp)
				if n == 0 {
					t.Fatal("empty first message")
				}
				if testing.Verbose() {
					t.Logf("first message: %d", n)
				}
				if n > l.max {
					t.Errorf("first message holds %d units, want at most %d", n, l.max)
				}
			})
		}
	}
}

// TestShowFirstMessage prints the first message of one case, to read it:
// go test ./bot -run TestShowFirstMessage -show "city montreal" -lang fr
func TestShowFirstMessage(t *testing.T) {
	if *showCase == "" {
		t.Skip("no -show case")
	}
	_, cat := content(t)
	langs := map[string][]locales.Lang{"fr": {locales.FR}, "en": {locales.EN}, "both": {locales.FR, locales.EN}}[*showLang]
	for _, c := range firstMessageCases(t) {
		if c.name != *showCase {
			continue
		}
		resp, err := c.run(context.Background(), handlers.Request{Options: c.opts, Langs: langs})
		if err != nil {
			t.Fatal(err)
		}
		rd := render(cat, resp, handlers.Request{})
		for _, e := range rd.pages[0] {
			t.Logf("TITLE %s\n%s", e.Title, e.Description)
			for _, f := range e.Fields {
				t.Logf("FIELD %s (%d)\n%s", f.Name, size(f.Name)+size(f.Value), f.Value)
			}
			if e.Footer != nil {
				t.Logf("FOOTER %s", e.Footer.Text)
			}
		}
		t.Logf("%d pages; first message %d", len(rd.pages), firstMessageSize(cat, resp))
	}
}

var (
	showCase = flag.String("show", "", "the case of TestShowFirstMessage to print")
	showLang = flag.String("lang", "fr", "its language: fr, en or both")
)

// TestSourcesView checks the view of an answer's sources: one line each with
// its link, a note's sentence that several sources share said once, after
// the list, and marked on each of them; a sentence of one source kept on it.
func TestSourcesView(t *testing.T) {
	_, cat := content(t)
	shared := "Title reconstructed from the web address; the exact wording may differ."
	sources := []handlers.Source{
		{Cite: "Report [one] — A, 2018", Note: "Archived copy. " + shared, URL: "https://example.org/1"},
		{Cite: "Report two — B, 2019", Note: shared, URL: "https://example.org/2"},
		{Cite: "Report three — C, 2020"},
	}
	name, value := sourcesView(cat.Printer(locales.EN), sources)
	if want := "Sources (3)"; name != want {
		t.Errorf("got name %q, want %q", name, want)
	}
	want := strings.Join([]string{
		"• [Report (one) — A, 2018 (Archived copy.)](https://example.org/1)¹",
		"• [Report two — B, 2019](https://example.org/2)¹",
		"• Report three — C, 2020",
		"¹ " + shared,
	}, "\n")
	if value != want {
		t.Errorf("got\n%s\nwant\n%s", value, want)
	}
}

// TestSectionMenu opens the sources of a city's answer from the menu of its
// sections: the answer comes back at the sources' page, the menu showing
// them as chosen, and the custom_id carries the view, not the page's text.
func TestSectionMenu(t *testing.T) {
	l := newLive(t, nil, RouterOptions{})
	menu := cityMenu(t, l, map[string]any{"name": "montreal"})
	var labels []string
	sources := ""
	for _, o := range menu.Options {
		labels = append(labels, o.Label)
		if strings.HasPrefix(o.Label, "Sources (") {
			sources = o.Value
		}
	}
	want := []string{"La réponse", "La politique en détail", "Chronologie", "Divergences entre sources et contexte", "Chiffres de la police"}
	if len(labels) != len(want)+1 || !slices.Equal(labels[:len(want)], want) || sources == "" {
		t.Fatalf("got options %q, want %q then the sources", labels, want)
	}
	if !menu.Options[0].Default {
		t.Errorf("the first view is not shown as chosen: %+v", menu.Options)
	}
	body, token := l.interaction(discordgo.InteractionMessageComponent, "fr",
		map[string]any{"custom_id": menu.CustomID, "component_type": discordgo.SelectMenuComponent, "values": []string{sources}})
	status, got := l.post(body)
	if status != 200 || got.Data == nil {
		t.Fatalf("choosing the sources: got %d %s", status, got.raw)
	}
	got, _ = l.finish(t, token, got)
	if len(got.Data.Embeds) != 1 || len(got.Data.Embeds[0].Fields) == 0 || !strings.HasPrefix(got.Data.Embeds[0].Fields[0].Name, "Sources (") {
		t.Fatalf("got %s, want the sources' view", got.raw)
	}
	menu, _ = sectionMenuOf(t, got.raw)
	for _, o := range menu.Options {
		if o.Default != (o.Value == sources) {
			t.Errorf("option %q shown as chosen: %v", o.Label, o.Default)
		}
	}
	bad, _ := l.interaction(discordgo.InteractionMessageComponent, "fr",
		map[string]any{"custom_id": menu.CustomID, "component_type": discordgo.SelectMenuComponent, "values": []string{"x"}})
	if status, got := l.post(bad); status != 200 || got.Data == nil || got.Data.Content == "" {
		t.Errorf("a value that is no page: got %d %s, want the friendly error", status, got.raw)
	}
}

// cityMenu is the menu of sections of a city's answer to a French client.
func cityMenu(t *testing.T, l *live, opts map[string]any) discordgo.SelectMenu {
	t.Helper()
	body, _ := l.command("city", "fr", opts)
	status, got := l.post(body)
	if status != 200 || got.Data == nil {
		t.Fatalf("got %d %s", status, got.raw)
	}
	menu, ok := sectionMenuOf(t, got.raw)
	if !ok {
		t.Fatalf("no menu of sections in %s", got.raw)
	}
	return menu
}

// sectionMenuOf finds the menu of sections in a raw response.
func sectionMenuOf(t *testing.T, raw []byte) (discordgo.SelectMenu, bool) {
	t.Helper()
	return menuOf(t, raw, func(m discordgo.SelectMenu) bool { return strings.HasPrefix(m.CustomID, sectionPrefix+"|") })
}

// menuOf finds the first select menu of a raw response that match accepts.
func menuOf(t *testing.T, raw []byte, match func(discordgo.SelectMenu) bool) (discordgo.SelectMenu, bool) {
	t.Helper()
	var msg struct {
		Data struct {
			Components []struct {
				Components []json.RawMessage `json:"components"`
			} `json:"components"`
		} `json:"data"`
	}
	if err := json.Unmarshal(raw, &msg); err != nil {
		t.Fatal(err)
	}
	for _, row := range msg.Data.Components {
		for _, c := range row.Components {
			var m discordgo.SelectMenu
			if json.Unmarshal(c, &m) == nil && m.CustomID != "" && match(m) {
				return m, true
			}
		}
	}
	return discordgo.SelectMenu{}, false
}

// TestSectionMenuInBothLanguages opens the sources of a city's answer in
// both languages from its menu: each view starts on the same page in both,
// so the sources come back in French and in English together.
func TestSectionMenuInBothLanguages(t *testing.T) {
	l := newLive(t, nil, RouterOptions{})
	menu := cityMenu(t, l, map[string]any{"name": "montreal", OptLanguage: "both"})
	if want := "Voir : la chronologie, les sources… / Show: the timeline, the sources…"; menu.Placeholder != strings.ReplaceAll(want, " :", "\u00a0:") {
		t.Errorf("placeholder %q, want %q", menu.Placeholder, want)
	}
	var labels []string
	sources, timeline := "", ""
	for _, o := range menu.Options {
		labels = append(labels, o.Label)
		switch {
		case strings.HasPrefix(o.Label, "Sources ("):
			sources = o.Value
		case o.Label == "Chronologie / Timeline":
			timeline = o.Value
		}
	}
	if len(labels) == 0 || labels[0] != "La réponse / The answer" || sources == "" || timeline == "" {
		t.Fatalf("got options %q, want the answer, the timeline and the sources, in both languages", labels)
	}
	for _, tt := range []struct{ value, fr, en string }{
		{sources, "Sources (", "Sources ("},
		{timeline, "Chronologie", "Timeline"},
	} {
		body, token := l.interaction(discordgo.InteractionMessageComponent, "fr",
			map[string]any{"custom_id": menu.CustomID, "component_type": discordgo.SelectMenuComponent, "values": []string{tt.value}})
		status, got := l.post(body)
		if status != 200 || got.Data == nil {
			t.Fatalf("choosing %s: got %d %s", tt.en, status, got.raw)
		}
		got, _ = l.finish(t, token, got)
		embeds := got.Data.Embeds
		if len(embeds) != 2 || len(embeds[0].Fields) == 0 || len(embeds[1].Fields) == 0 ||
			!strings.HasPrefix(embeds[0].Fields[0].Name, tt.fr) || !strings.HasPrefix(embeds[1].Fields[0].Name, tt.en) {
			t.Errorf("choosing %s: got %s, want that view in French then in English", tt.en, got.raw)
		}
	}
}
