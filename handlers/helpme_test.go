package handlers_test

import (
	"context"
	"strings"
	"testing"

	"sanctuaire/handlers"
	"sanctuaire/knowledge"
	"sanctuaire/locales"
)

// helpStart is `help-me` as a member asks it.
func helpStart(lang locales.Lang) handlers.Request {
	return handlers.Request{Command: "help-me", Options: map[string]string{}, Langs: []locales.Lang{lang}}
}

// choose is a choice in one of the guided help's menus.
func choose(t *testing.T, h *handlers.Handlers, lang locales.Lang, args []string, value string) handlers.Response {
	t.Helper()
	req := helpStart(lang)
	req.Args, req.Values = args, []string{value}
	resp, err := h.HelpMeClick(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Answers) != 1 {
		t.Fatalf("got %d answers, want 1", len(resp.Answers))
	}
	return resp
}

// TestHelpMeFlow goes through the guided help to the end: a menu of
// situations, the situation's rights and organisations, then a city.
func TestHelpMeFlow(t *testing.T) {
	h := bundled(t)
	kb, err := knowledge.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	cat, err := locales.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range locales.All {
		p := cat.Printer(lang)
		t.Run(string(lang), func(t *testing.T) {
			start, err := h.HelpMe(context.Background(), helpStart(lang))
			if err != nil {
				t.Fatal(err)
			}
			a := start.Answers[0]
			if a.Title != p.T("helpme_title") || len(a.Menus) != 1 || len(a.Menus[0].Options) != 7 {
				t.Fatalf("start: got %q with menus %+v, want the seven situations", a.Title, a.Menus)
			}
			for _, o := range a.Menus[0].Options {
				if o.Label == "" || o.Description == "" || strings.HasPrefix(o.Label, "helpme_") {
					t.Errorf("situation %s: label %q, description %q", o.Value, o.Label, o.Description)
				}
			}

			// Someone was detained: emergency help first.
			detained := choose(t, h, lang, []string{"s"}, "detained")
			a = detained.Answers[0]
			if !strings.HasPrefix(a.Body, p.T("helpme_first_detained")) {
				t.Errorf("detained: body %.100q..., want the emergency line first", a.Body)
			}
			first, _ := kb.Org("legal-aid-ontario")
			if len(a.Fields) == 0 || a.Fields[0].Name != first.Name.In(string(lang)) {
				t.Errorf("detained: first field %+v, want the organisation %q", a.Fields[0], first.Name.In(string(lang)))
			}
			detention, _ := kb.Topic("detention")
			if !hasField(a, detention.Title.In(string(lang))) {
				t.Errorf("detained: no field on %q", detention.Title.In(string(lang)))
			}
			if !strings.HasPrefix(a.Footer, p.T("common_not_legal_advice")) || len(a.Sources) == 0 || len(a.Buttons) == 0 {
				t.Errorf("detained: footer %q, %d sources, %d link buttons", a.Footer, len(a.Sources), len(a.Buttons))
			}
			if len(a.Menus) != 2 || strings.Join(a.Menus[1].Click.Args, "|") != "c|detained" {
				t.Fatalf("detained: menus %+v, want the situations and the city", a.Menus)
			}
			if got := detained.Rerun; got["situation"] != "detained" || len(got) != 1 {
				t.Errorf("detained: rerun %v", got)
			}

			// Then Montréal: its organisations first, the police's practice
			// where it matters, contacts with their date.
			mtl, _ := kb.Place("montreal")
			city := choose(t, h, lang, []string{"c", "police"}, "montreal")
			a = city.Answers[0]
			if !strings.Contains(a.Title, mtl.Name.In(string(lang))) {
				t.Errorf("police in Montréal: title %q", a.Title)
			}
			if !hasField(a, p.T("helpme_police_in", "City", mtl.Name.In(string(lang)))) {
				t.Errorf("police in Montréal: no field on the city's police")
			}
			if got := city.Rerun; got["situation"] != "police" || got["city"] != "montreal" {
				t.Errorf("police in Montréal: rerun %v", got)
			}
			talk := choose(t, h, lang, []string{"c", "talk"}, "montreal").Answers[0]
			sab, _ := kb.Org("solidarity-across-borders")
			if v := fieldValue(talk, sab.Name.In(string(lang))); !strings.Contains(v, "514-809-0773") || !strings.Contains(v, "2020") {
				t.Errorf("talk in Montréal: got %q, want the contact with its date", v)
			}
		})
	}
}

// TestHelpMeBadChoices: a choice that names no situation or place, as a
// forged custom_id could, goes back to the menu or leaves the city out.
func TestHelpMeBadChoices(t *testing.T) {
	h := bundled(t)
	cat, _ := locales.Bundled()
	p := cat.Printer(locales.EN)
	if a := choose(t, h, locales.EN, []string{"s"}, "nope").Answers[0]; a.Title != p.T("helpme_title") {
		t.Errorf("unknown situation: got %q, want the menu", a.Title)
	}
	if a := choose(t, h, locales.EN, []string{"x"}, "police").Answers[0]; a.Title != p.T("helpme_title") {
		t.Errorf("unknown menu: got %q, want the menu", a.Title)
	}
	resp := choose(t, h, locales.EN, []string{"c", "health"}, "atlantis")
	if resp.Answers[0].Title != p.T("helpme_situation_health") || resp.Rerun["city"] != "" {
		t.Errorf("unknown city: got %q, rerun %v; want health care without a city", resp.Answers[0].Title, resp.Rerun)
	}
}

func hasField(a handlers.Answer, name string) bool { return fieldValue(a, name) != "" }

func fieldValue(a handlers.Answer, name string) string {
	for _, f := range a.Fields {
		if f.Name == name {
			return f.Value
		}
	}
	return ""
}

// BenchmarkHelpMe builds the end of the guided help: someone detained, in Montréal.
func BenchmarkHelpMe(b *testing.B) {
	h := bundled(b)
	req := helpStart(locales.FR)
	req.Options = map[string]string{"situation": "detained", "city": "montreal"}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := h.HelpMe(context.Background(), req); err != nil {
			b.Fatal(err)
		}
	}
}
