package handlers_test

import (
	"context"
	"strings"
	"testing"

	"sanctuaire/handlers"
	"sanctuaire/locales"
)

// firstLine is the first paragraph of an answer's text.
func firstLine(a handlers.Answer) string {
	first, _, _ := strings.Cut(a.Body, "\n\n")
	return first
}

func askIn(t *testing.T, text string, chosen bool, langs ...locales.Lang) handlers.Response {
	t.Helper()
	resp, err := bundled(t).Question(context.Background(), handlers.Request{
		Command: "question", Options: map[string]string{"text": text}, Langs: langs, LangChosen: chosen,
	})
	if err != nil {
		t.Fatalf("%q: %v", text, err)
	}
	if len(resp.Answers) == 0 {
		t.Fatalf("%q: no answer", text)
	}
	return resp
}

// TestQuestionFirstLine checks that the first line answers what was asked,
// from the data, with its source and date.
func TestQuestionFirstLine(t *testing.T) {
	for _, tc := range []struct {
		text      string
		lang      locales.Lang
		want, not []string
	}{
		{"how many calls did the SPVM make to the CBSA in 2016, thanks", locales.EN,
			[]string{"2,872", "2016", "calls of all kinds", "HuffPost Canada", "29 March 2018"}, []string{"2,632"}},
		{"nombre de vérifications de statut de la police de Toronto en 2020 svp", locales.FR,
			[]string{"1\u00a0677", "2020", "vérifications de statut", "Journal Métro"}, nil},
		// A year with no figure of the measure asked: said, with the nearest
		// years of the same measure, never the other measure.
		{"SPVM calls to CBSA in 2019", locales.EN,
			[]string{"No figure", "2019", "2017: 3,608", "2023: 1,061"}, []string{"3,135"}},
		{"which police force contacted the CBSA the most in 2017", locales.EN,
			[]string{"2017", "Montreal police (SPVM)", "3,608", "Toronto Police Service", "3,542"}, []string{"2,592"}},
		{"spvm versus toronto police status checks 2018", locales.EN,
			[]string{"2018", "SPVM 3,010", "TPS 2,731"}, nil},
		{"did the SPVM's calls to the CBSA go up from 2015 to 2017", locales.EN,
			[]string{"up from 2,632 in 2015 to 3,608 in 2017", "+37.1%"}, nil},
		// Uncertain figures keep their caveat in the first line.
		{"York police CBSA calls 2017", locales.EN, []string{"517", "Uncertain"}, nil},
		{"depuis quand hamilton est une ville sanctuaire", locales.FR, []string{"Oui.", "12 février 2014"}, nil},
		{"is Ottawa a sanctuary city", locales.EN, []string{"No.", "Ottawa"}, nil},
		{"what does montreal's sanctuary policy cover", locales.EN, []string{"Covers:", "Excludes:"}, nil},
		{"telephone number of the FCJ Refugee Centre", locales.EN, []string{"416-469-9754"}, nil},
		// Which places have a policy: the first first, each with its date;
		// places without one are not listed.
		{"which city was the first sanctuary city in canada", locales.EN,
			[]string{"from the first: Toronto (February 2013), Hamilton (12 February 2014)", "and Kitchener (December 2022)"}, []string{"Ottawa", "Regina"}},
		{"c'est quoi la derniere ville a devenir sanctuaire", locales.FR,
			[]string{"Toronto (février 2013)", "et Kitchener (décembre 2022)"}, []string{"Ottawa"}},
	} {
		t.Run(tc.text, func(t *testing.T) {
			resp := askIn(t, tc.text, false, locales.EN)
			a := resp.Answers[0]
			if a.Lang != tc.lang {
				t.Errorf("got language %q, want %q", a.Lang, tc.lang)
			}
			line := firstLine(a)
			for _, w := range tc.want {
				if !strings.Contains(line, w) {
					t.Errorf("first line %q lacks %q", line, w)
				}
			}
			for _, w := range tc.not {
				if strings.Contains(line, w) {
					t.Errorf("first line %q has %q", line, w)
				}
			}
		})
	}
}

// TestQuestionLanguage: the language option wins; otherwise the question's
// own language; otherwise the member's.
func TestQuestionLanguage(t *testing.T) {
	for _, tc := range []struct {
		name   string
		text   string
		chosen bool
		asked  locales.Lang
		want   locales.Lang
	}{
		{"French question, English client", "la police peut-elle appeler l'ASFC si je suis témoin?", false, locales.EN, locales.FR},
		{"English question, French client", "can the police call the CBSA if I am a witness?", false, locales.FR, locales.EN},
		{"language option wins", "la police peut-elle appeler l'ASFC si je suis témoin?", true, locales.EN, locales.EN},
		{"no telling words", "SPVM", false, locales.FR, locales.FR},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := askIn(t, tc.text, tc.chosen, tc.asked).Answers[0].Lang; got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// TestQuestionRerunCarriesNoText: the options buttons rerun a question with
// are what was understood, never what was typed.
func TestQuestionRerunCarriesNoText(t *testing.T) {
	for _, text := range []string{
		"Bonjour, je m'appelle Amina, combien d'appels le SPVM a fait à l'ASFC en 2017?",
		"my name is Joe, what is the weather in Paris",
		"travailleur sans papiers montreal droits",
	} {
		t.Run(text, func(t *testing.T) {
			resp := askIn(t, text, false, locales.EN)
			if resp.Rerun == nil {
				t.Fatal("no Rerun: buttons would carry the typed text")
			}
			for k, v := range resp.Rerun {
				if strings.Contains(text, v) && v != "" {
					t.Errorf("Rerun[%q] = %q carries typed text", k, v)
				}
			}
			for _, b := range resp.Answers[0].Buttons {
				if b.Click == nil {
					continue
				}
				for _, arg := range b.Click.Args {
					if strings.Contains(strings.ToLower(text), strings.ToLower(arg)) {
						t.Errorf("button %q carries typed text %q", b.Label, arg)
					}
				}
			}
		})
	}
	resp := askIn(t, "Bonjour, je m'appelle Amina, combien d'appels le SPVM a fait à l'ASFC en 2017?", false, locales.EN)
	again := askIn(t, resp.Rerun["text"], true, locales.FR)
	if got, want := firstLine(again.Answers[0]), firstLine(resp.Answers[0]); got != want {
		t.Errorf("rerun from the key: got %q, want %q", got, want)
	}
}

// TestQuestionDidYouMean: an unsure answer offers the nearest entries as
// buttons, and a click answers the entry chosen.
func TestQuestionDidYouMean(t *testing.T) {
	h := bundled(t)
	resp := askIn(t, "city police school health lawyer", false, locales.FR)
	a := resp.Answers[0]
	if a.Title != "I don't know" {
		t.Fatalf("got title %q, want an unsure answer in English", a.Title)
	}
	if len(a.Buttons) < 2 || len(a.Buttons) > 3 {
		t.Fatalf("got %d buttons, want 2 or 3", len(a.Buttons))
	}
	b := a.Buttons[0]
	if b.Click == nil || b.Click.Command != "question" || len(b.Click.Args) != 1 {
		t.Fatalf("got button %+v, want a click back to question with one entry", b)
	}
	clicked, err := h.QuestionClick(context.Background(), handlers.Request{
		Command: "question", Args: b.Click.Args, Langs: []locales.Lang{locales.EN},
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := clicked.Answers[0].Title; got == "I don't know" || !strings.Contains(got, strings.TrimSuffix(b.Label, "…")) {
		t.Errorf("click on %q answered %q", b.Label, got)
	}
	for _, bad := range [][]string{nil, {"a", "b"}, {"topic:no-such-topic"}} {
		if _, err := h.QuestionClick(context.Background(), handlers.Request{Command: "question", Args: bad, Langs: []locales.Lang{locales.EN}}); err == nil {
			t.Errorf("args %q: got no error", bad)
		}
	}
}
