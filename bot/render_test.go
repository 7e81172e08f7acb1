package bot

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/google/go-cmp/cmp"

	"sanctuaire/bot/discordtest"
	"sanctuaire/handlers"
	"sanctuaire/locales"
)

func sentences(n int, word string) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "Sentence %d of the %s paragraph ends here. ", i, word)
	}
	return strings.TrimSpace(b.String())
}

func TestRenderStaysWithinDiscordLimits(t *testing.T) {
	cat := testCatalog(t)
	var paras []string
	for i := range 30 {
		paras = append(paras, sentences(12, fmt.Sprint(i)))
	}
	var manyFields []handlers.Field
	for i := range 60 {
		manyFields = append(manyFields, handlers.Field{Name: fmt.Sprintf("Field %d", i), Value: sentences(3, "field")})
	}
	var manySources []handlers.Source
	for i := range 40 {
		manySources = append(manySources, handlers.Source{Label: fmt.Sprintf("Source number %d, a report with a long title, 2019", i), URL: fmt.Sprintf("https://example.org/report/%d", i)})
	}
	var manyButtons []handlers.Button
	for i := range 30 {
		manyButtons = append(manyButtons, handlers.Button{Label: fmt.Sprintf("Link %d", i), URL: fmt.Sprintf("https://example.org/%d", i)})
	}
	tests := []struct {
		name    string
		answers []handlers.Answer
	}{
		{"short", []handlers.Answer{{Lang: locales.EN, Title: "T", Body: "One line."}}},
		{"long body", []handlers.Answer{{Lang: locales.EN, Title: "T", Body: strings.Join(paras, "\n\n")}}},
		{"one huge paragraph", []handlers.Answer{{Lang: locales.FR, Title: "T", Body: sentences(400, "huge")}}},
		{"one huge word", []handlers.Answer{{Lang: locales.FR, Title: "T", Body: strings.Repeat("x", 9000)}}},
		{"many fields", []handlers.Answer{{Lang: locales.EN, Title: "T", Fields: manyFields, Sources: manySources, Buttons: manyButtons}}},
		{"huge field", []handlers.Answer{{Lang: locales.EN, Title: strings.Repeat("Title ", 80), Fields: []handlers.Field{{Name: strings.Repeat("n", 300), Value: sentences(100, "field")}}, Footer: strings.Repeat("f", 3000)}}},
		{"both languages", []handlers.Answer{
			{Lang: locales.FR, Title: "Titre", Body: strings.Join(paras, "\n\n"), Fields: manyFields, Sources: manySources},
			{Lang: locales.EN, Title: "Title", Body: strings.Join(paras[:5], "\n\n"), Sources: manySources[:3]},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rd := render(cat, handlers.Response{Answers: tt.answers}, handlers.Request{})
			if len(rd.pages) == 0 {
				t.Fatal("no page")
			}
			var text []string
			byTitle := map[string][]string{}
			for n, embeds := range rd.pages {
				checkEmbeds(t, n, embeds)
				for _, e := range embeds {
					if e.Description != "" {
						text = append(text, e.Description)
						byTitle[e.Title] = append(byTitle[e.Title], e.Description)
					}
				}
			}
			// Nothing of the body is lost, and no sentence is cut in two.
			for _, a := range tt.answers {
				got := strings.Join(strings.Fields(strings.Join(byTitle[truncate(a.Title, maxTitle)], " ")), " ")
				if w := strings.Join(strings.Fields(a.Body), " "); got != w && tt.name != "one huge word" {
					t.Errorf("the pages' text differs from the answer's:\n%s", cmp.Diff(w, got))
				}
			}
			if tt.name != "one huge word" {
				for _, d := range text {
					if !strings.HasSuffix(d, ".") {
						t.Errorf("a page ends mid-sentence: …%q", d[max(0, len(d)-40):])
					}
				}
			}
			rows := 0
			for _, row := range rd.links {
				rows++
				if n := len(row.(discordgo.ActionsRow).Components); n > maxRowButtons {
					t.Errorf("%d buttons in a row", n)
				}
			}
			if rows > maxRows-1 {
				t.Errorf("%d link rows, want room for the navigation row", rows)
			}
		})
	}
}

func checkEmbeds(t *testing.T, n int, embeds []*discordgo.MessageEmbed) {
	t.Helper()
	if len(embeds) > maxEmbeds {
		t.Errorf("page %d: %d embeds", n, len(embeds))
	}
	total := 0
	for _, e := range embeds {
		total += embedSize(e)
		if size(e.Title) > maxTitle || size(e.Description) > maxDescription || len(e.Fields) > maxFields {
			t.Errorf("page %d: title %d, description %d, %d fields", n, size(e.Title), size(e.Description), len(e.Fields))
		}
		if e.Footer != nil && size(e.Footer.Text) > maxFooter {
			t.Errorf("page %d: footer of %d", n, size(e.Footer.Text))
		}
		for _, f := range e.Fields {
			if size(f.Name) > maxFieldName || size(f.Value) > maxFieldValue || f.Name == "" || f.Value == "" {
				t.Errorf("page %d: field name %d, value %d", n, size(f.Name), size(f.Value))
			}
		}
	}
	if total > maxEmbedsTotal {
		t.Errorf("page %d: %d characters in all embeds", n, total)
	}
}

// TestRenderSections checks the order of an answer's pages: the first view
// alone, each section from a page of its own, then the sources.
func TestRenderSections(t *testing.T) {
	cat := testCatalog(t)
	a := handlers.Answer{Lang: locales.FR, Title: "T", Body: "Verdict.",
		Fields: []handlers.Field{{Name: "Clé", Value: "Fait clé."}},
		Sections: []handlers.Section{
			{Key: "timeline", Name: "Chronologie", Fields: []handlers.Field{{Name: "Chronologie", Value: strings.Repeat(sentences(10, "x")+"\n", 20)}}},
			{Key: "notes", Name: "Notes", Fields: []handlers.Field{{Name: "Notes", Value: "Une note."}}},
		},
		Sources: []handlers.Source{{Cite: "Rapport [annuel], 2019", URL: "https://example.org/r"}, {Cite: "Sans lien"}}}
	rd := render(cat, handlers.Response{Answers: []handlers.Answer{a}}, handlers.Request{})
	var got []string
	for _, embeds := range rd.pages {
		var names []string
		for _, f := range embeds[0].Fields {
			names = append(names, f.Name)
		}
		got = append(got, embeds[0].Description+"|"+strings.Join(names, ","))
	}
	more := strings.Repeat(",Chronologie (suite)", 6)
	want := []string{"Verdict.|Clé", "|Chronologie" + more, "|Chronologie (suite),Chronologie (suite),Chronologie (suite)", "|Notes", "|Sources (2)"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("pages (-want +got):\n%s", diff)
	}
	for n, embeds := range rd.pages {
		if got, want := embeds[0].Footer.Text, fmt.Sprintf("Page %d sur %d", n+1, len(rd.pages)); got != want {
			t.Errorf("footer %q, want %q", got, want)
		}
	}
}

func TestSplit(t *testing.T) {
	tests := []struct {
		name, text string
		limit      int
		want       []string
	}{
		{"fits", "One. Two.", 20, []string{"One. Two."}},
		{"lines first", "Line one.\nLine two.", 12, []string{"Line one.", "Line two."}},
		{"sentences", "First sentence. Second one. Third.", 20, []string{"First sentence.", "Second one. Third."}},
		{"words last", "aaaa bbbb cccc", 9, []string{"aaaa bbbb", "cccc"}},
		{"accents count once", "Éé. Àà.", 4, []string{"Éé.", "Àà."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, split(tt.text, tt.limit)); diff != "" {
				t.Errorf("split(%q, %d) (-want +got):\n%s", tt.text, tt.limit, diff)
			}
		})
	}
}

func TestViewRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		v    view
		fits bool
	}{
		{"simple", view{Page: 2, Langs: []locales.Lang{locales.FR}, Command: "city", Options: map[string]string{"name": "Montréal"}}, true},
		{"both and sub", view{Page: 0, Langs: []locales.Lang{locales.FR, locales.EN}, Command: "update", Sub: "show", Options: map[string]string{}}, true},
		{"separators", view{Langs: []locales.Lang{locales.EN}, Command: "question", Options: map[string]string{"text": "a|b&c=d%e"}}, true},
		{"too long", view{Langs: []locales.Lang{locales.EN}, Command: "question", Options: map[string]string{"text": strings.Repeat("é", 120)}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id, fits := tt.v.encode()
			if fits != tt.fits {
				t.Fatalf("encode %q: fits %v, want %v", id, fits, tt.fits)
			}
			got, err := decodeView(id)
			if err != nil {
				t.Fatalf("decode %q: %v", id, err)
			}
			if diff := cmp.Diff(tt.v, got, cmp.Comparer(func(a, b map[string]string) bool {
				return len(a) == len(b) && cmp.Equal(a, b) || len(a) == 0 && len(b) == 0
			})); diff != "" {
				t.Errorf("round trip of %q (-want +got):\n%s", id, diff)
			}
		})
	}
	for _, bad := range []string{"", "a", "a|x|en|city||", "a|0|de|city||", "a|0|en|||", "a|0|en|city||k", "a|0|en|city||k=%4", "b|0|en|city||"} {
		if _, err := decodeView(bad); err == nil {
			t.Errorf("decodeView(%q) accepted", bad)
		}
	}
}

// TestBothLanguagesLabelButtonsInBoth renders real answers given in both
// languages: a button or link the two answers share is shown once,
// labelled in both languages when the labels differ.
func TestBothLanguagesLabelButtonsInBoth(t *testing.T) {
	kb, cat := content(t)
	h := handlers.New(kb, cat, nil)
	both := []locales.Lang{locales.FR, locales.EN}
	for _, tt := range []struct {
		name string
		run  handlers.Func
		opts map[string]string
	}{
		{"city", h.City, map[string]string{"name": "montreal"}},
		{"support", h.Support, map[string]string{"city": "montreal"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			req := handlers.Request{Command: tt.name, Options: tt.opts, Langs: both}
			resp, err := tt.run(context.Background(), req)
			if err != nil {
				t.Fatal(err)
			}
			fr := map[string]string{}
			for _, b := range resp.Answers[0].Buttons {
				if b.Click != nil {
					id, _ := customID(b.Click, req)
					fr[id] = b.Label
				} else {
					fr[b.URL] = b.Label
				}
			}
			want := map[string]string{}
			for _, b := range resp.Answers[1].Buttons {
				key := b.URL
				if b.Click != nil {
					key, _ = customID(b.Click, req)
				}
				if l, ok := fr[key]; ok && l != b.Label && len([]rune(l+" / "+b.Label)) <= maxButtonLabel {
					want[key] = l + " / " + b.Label
				}
			}
			if len(want) == 0 {
				t.Fatal("the two answers share no button with different labels: nothing to check")
			}
			rows := append(actionRow(resp.Answers, req), linkRows(resp.Answers, 5)...)
			for _, row := range rows {
				for _, c := range row.(discordgo.ActionsRow).Components {
					b := c.(discordgo.Button)
					key := b.CustomID
					if key == "" {
						key = b.URL
					}
					if w, ok := want[key]; ok {
						if b.Label != w {
							t.Errorf("button %q labelled %q, want %q", key, b.Label, w)
						}
						delete(want, key)
					}
				}
			}
			for key, w := range want {
				t.Errorf("button %q (%q) not shown", key, w)
			}
		})
	}
	if got := bothLabels("Français / English", "English / Français", maxButtonLabel); got != "Français / English" {
		t.Errorf("a label already in both languages became %q", got)
	}
	if got := bothLabels(strings.Repeat("a", 60), strings.Repeat("b", 30), maxButtonLabel); got != strings.Repeat("a", 60) {
		t.Errorf("labels too long together became %q", got)
	}
}

// TestBothLanguagesLabelTheBotsButtons checks the buttons the bot adds
// itself (pages, Share) on a real answer in both languages, through the
// gateway.
func TestBothLanguagesLabelTheBotsButtons(t *testing.T) {
	b := shareBot(t, RouterOptions{})
	both := []discordtest.Option{{Name: "name", Value: "montreal"}, {Name: "language", Value: "both"}}
	_, resp := b.ask(t, inServer(discordtest.Interaction{Command: "city", Options: both}))
	var labels []string
	for _, btn := range resp.Data.Buttons() {
		labels = append(labels, btn.Label)
	}
	for _, want := range []string{"Précédent / Previous", "Suivant / Next", "Partager / Share"} {
		if !slices.Contains(labels, want) {
			t.Errorf("no button %q in %q", want, labels)
		}
	}
	_, one := b.ask(t, inServer(discordtest.Interaction{Command: "city", Options: both[:1]}))
	for _, btn := range one.Data.Buttons() {
		if strings.Contains(btn.Label, " / ") && btn.Label != "Français / English" {
			t.Errorf("an answer in one language has a button in two: %q", btn.Label)
		}
	}
}
