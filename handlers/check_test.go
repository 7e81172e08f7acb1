package handlers_test

import (
	"context"
	"strings"
	"testing"

	"sanctuaire/handlers"
	"sanctuaire/locales"
)

// TestCheck runs "Check with sanctuaire" on messages a member might see: the
// answer is private whatever was asked, never repeats the message, and ends
// on where to get help and the not-legal-advice line.
func TestCheck(t *testing.T) {
	h := bundled(t)
	cat, err := locales.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, text string
		lang       locales.Lang
		title      string // what the title holds: a message ID, or the entry's title
		body       string // message ID the body starts with
	}{
		{"a claim the base covers, French", "la police peut appeler l'immigration pour vérifier ton statut", locales.FR,
			"La police peut-elle contacter l’immigration", "check_found"},
		{"a claim the base covers, English", "police can call CBSA to check your status", locales.EN,
			"Can the police contact immigration", "check_found"},
		{"a claim wrapped in a sentence of its own", "Attention Maxime ! La police peut demander ton statut et appeler l'immigration.", locales.FR,
			"La police peut-elle contacter l’immigration", "check_found"},
		{"a claim in chat words", "heads up Maxime!! cops can call CBSA on u, check ur status", locales.EN,
			"Can the police contact immigration", "check_found"},
		// A name it does not know, away from the claim, leaves the claim clear.
		{"a claim with a name in it", "Maxime dit que la police peut appeler l'immigration", locales.FR,
			"La police peut-elle contacter l’immigration", "check_found"},
		// Words it does not know where a place would stand make it unsure: it says so rather than guess.
		{"a claim about a place it does not know", "la police de Kelowna peut appeler l'immigration", locales.FR, "check_unknown_title", "check_unknown"},
		{"a claim it does not cover", "zzz qqq les licornes de Maxime votent demain", locales.FR, "check_unknown_title", "check_unknown"},
		{"no text", "   ", locales.EN, "check_no_text_title", "check_no_text"},
		{"a very long message", strings.Repeat("la police peut-elle appeler l'ASFC ", 400), locales.FR,
			"La police peut-elle contacter l’immigration", "check_found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := cat.Printer(tt.lang)
			resp, err := h.Check(context.Background(), handlers.Request{
				Command: "Check with sanctuaire", Options: map[string]string{"text": tt.text},
				Langs: []locales.Lang{tt.lang}, Share: true,
			})
			if err != nil {
				t.Fatal(err)
			}
			if !resp.Ephemeral || len(resp.Answers) != 1 {
				t.Fatalf("got ephemeral %v and %d answers, want one private answer", resp.Ephemeral, len(resp.Answers))
			}
			a := resp.Answers[0]
			if want := p.T(tt.title); !strings.Contains(a.Title, want) && !strings.Contains(a.Title, tt.title) {
				t.Errorf("got title %q, want %q", a.Title, want)
			}
			if want := p.T(tt.body); !strings.HasPrefix(a.Body, want) {
				t.Errorf("got body %.120q..., want it to start with %q", a.Body, want)
			}
			if !strings.HasPrefix(a.Footer, p.T("common_not_legal_advice")) {
				t.Errorf("got footer %q, want the not-legal-advice line", a.Footer)
			}
			help := false
			for _, f := range a.Fields {
				help = help || f.Name == p.T("question_unknown_support_title")
			}
			if !help {
				t.Errorf("no field on where to get help in %+v", a.Fields)
			}
			var b strings.Builder
			handlers.Plain(&b, resp)
			plain := b.String()
			for _, w := range []string{"Maxime", "heads up", "licornes", "ton statut", "ur status"} {
				if strings.Contains(tt.text, w) && strings.Contains(plain, w) {
					t.Errorf("the answer repeats the message's words %q:\n%s", w, plain)
				}
			}
		})
	}
}

// BenchmarkCheck reads a message the engine is sure of at once, and one of
// 300 characters in many sentences it is sure of nowhere: the worst case,
// one reading of the whole and one for each of its first sentences.
func BenchmarkCheck(b *testing.B) {
	h := bundled(b)
	for _, bm := range []struct{ name, text string }{
		{"sure", "la police peut appeler l'ASFC pour vérifier ton statut"},
		{"unsure-300", strings.Repeat("Zzz qqq les licornes. Elles votent ! ", 9)},
	} {
		b.Run(bm.name, func(b *testing.B) {
			req := handlers.Request{Command: "Check with sanctuaire", Options: map[string]string{"text": bm.text}, Langs: []locales.Lang{locales.FR}}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := h.Check(context.Background(), req); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
