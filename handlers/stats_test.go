package handlers

import (
	"context"
	"strings"
	"testing"

	"sanctuaire/knowledge"
	"sanctuaire/locales"
)

// text is an answer as one string: title, body, fields and sections.
func text(a Answer) string {
	parts := []string{a.Title, a.Body}
	for _, f := range a.Fields {
		parts = append(parts, f.Name, f.Value)
	}
	for _, s := range a.Sections {
		for _, f := range s.Fields {
			parts = append(parts, f.Name, f.Value)
		}
	}
	return strings.Join(parts, "\n")
}

// checkText reports each of want that got lacks and each of notWant it holds.
func checkText(t *testing.T, got string, want, notWant []string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("got %q, want it to contain %q", got, w)
		}
	}
	for _, w := range notWant {
		if strings.Contains(got, w) {
			t.Errorf("got %q, want it without %q", got, w)
		}
	}
}

// TestNotComparable checks that the figures marked not comparable (Ottawa
// 2017, TPS and VPD 2023) are never ranked, set in a change or beside
// another force, and are listed apart with their caveat.
func TestNotComparable(t *testing.T) {
	h := shipped(t)
	tests := []struct {
		name    string
		options map[string]string
		want    []string
		notWant []string
	}{
		{"overview counts real comparable forces", nil,
			[]string{"Below, the ranking for 2017", "for the most forces (7)", "Also reported, not comparable", "Ottawa Police Service (OPS), 2017: 87"},
			[]string{"(9)", "(8)", "8. Ottawa"}},
		{"2017 ranking", map[string]string{"year": "2017"},
			[]string{"7. Québec City police (SPVQ): 244", "Also reported, not comparable", "Ottawa Police Service (OPS), 2017: 87 (HuffPost Québec, 2018)", "“requests”"},
			[]string{"8. Ottawa"}},
		{"2023 ranking", map[string]string{"year": "2023"},
			[]string{"1. Montreal police (SPVM): 1,061", "Toronto Police Service (TPS), 2023: 1,330", "Vancouver Police Department (VPD), 2023: 552", "does not say which kinds of contacts it counts"},
			[]string{"2. Toronto", "2. Vancouver", "Forces listed"}},
		{"a force's series", map[string]string{"force": "tps"},
			[]string{"2017: 3,542", "Toronto Police Service (TPS), 2023: 1,330"},
			[]string{"\n2023: 1,330", "from 2017"}},
		{"a force's rank for a year it is apart", map[string]string{"force": "tps", "year": "2023"},
			[]string{"2023: not ranked, as its figure is not comparable", "Toronto Police Service (TPS), 2023: 1,330"},
			[]string{"ranked 2", "ranked 1 of"}},
		{"a force with only its apart figure of a measure", map[string]string{"force": "ottawa", "year": "2017"},
			[]string{"Ottawa Police Service (OPS), 2017: 87", "2018: 75"},
			[]string{"ranked"}},
		{"comparison", map[string]string{"force": "spvm", "compare": "tps"},
			[]string{"2017: SPVM 3,608 · TPS 3,542", "Toronto Police Service (TPS), 2023: 1,330"},
			[]string{"2023: SPVM"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := h.Stats(context.Background(), Request{Command: "stats", Options: tt.options, Langs: en})
			if err != nil {
				t.Fatal(err)
			}
			checkText(t, text(resp.Answers[0]), tt.want, tt.notWant)
		})
	}
}

// TestCityLatestComparable checks that a city's latest figures are its
// latest comparable ones, and that a figure not comparable is listed apart,
// without a measure's name, with its caveat.
func TestCityLatestComparable(t *testing.T) {
	h := shipped(t)
	tests := []struct {
		lang    locales.Lang
		want    []string
		notWant []string
	}{
		{locales.EN, []string{"calls of all kinds to the CBSA, 2017: 3,542", "Also reported, not comparable\n", "Toronto Police Service (TPS), reported figure, 2023: 1,330 (Not comparable"},
			[]string{"CBSA, 2023: 1,330"}},
		{locales.FR, []string{"communications de tout type avec l’ASFC, 2017\u00a0: 3\u00a0542", "Service de police de Toronto (SPT), chiffre rapporté, 2023\u00a0: 1\u00a0330 (Non comparable"},
			[]string{"ASFC, 2023"}},
	}
	for _, tt := range tests {
		t.Run(string(tt.lang), func(t *testing.T) {
			resp, err := h.City(context.Background(), Request{Command: "city", Options: map[string]string{"name": "toronto"}, Langs: []locales.Lang{tt.lang}})
			if err != nil {
				t.Fatal(err)
			}
			checkText(t, text(resp.Answers[0]), tt.want, tt.notWant)
		})
	}
}

// TestCompareWithItself checks that a force compared with itself, under any
// of its names, gets a friendly refusal and no chart.
func TestCompareWithItself(t *testing.T) {
	h := shipped(t)
	tests := []struct {
		lang    locales.Lang
		force   string
		compare string
		want    string
	}{
		{locales.EN, "spvm", "mtl", "Nothing to compare: both options name the same force, Montreal police (SPVM)."},
		{locales.FR, "SPVM", "Montréal", "le même corps policier, Service de police de la Ville de Montréal (SPVM)."},
	}
	for _, tt := range tests {
		t.Run(string(tt.lang)+"/"+tt.compare, func(t *testing.T) {
			resp, err := h.Stats(context.Background(), Request{Command: "stats",
				Options: map[string]string{"force": tt.force, "compare": tt.compare}, Langs: []locales.Lang{tt.lang}})
			if err != nil {
				t.Fatal(err)
			}
			if got := resp.Answers[0].Body; !strings.Contains(got, tt.want) {
				t.Errorf("got %q, want it to contain %q", got, tt.want)
			}
			if len(resp.Files) != 0 {
				t.Errorf("got %d files, want none", len(resp.Files))
			}
		})
	}
}

// TestAcronym checks that a force with an English and a French acronym is
// named by the French one in French, and one with a single acronym by it in
// both languages.
func TestAcronym(t *testing.T) {
	tests := []struct {
		acronyms []string
		lang     string
		want     string
	}{
		{[]string{"TPS", "SPT"}, "en", "TPS"},
		{[]string{"TPS", "SPT"}, "fr", "SPT"},
		{[]string{"RCMP BC", "GRC C.-B."}, "fr", "GRC C.-B."},
		{[]string{"SPVM"}, "en", "SPVM"},
		{[]string{"SPVM"}, "fr", "SPVM"},
		{nil, "fr", ""},
	}
	for _, tt := range tests {
		t.Run(tt.lang+" "+strings.Join(tt.acronyms, ","), func(t *testing.T) {
			if got := acronym(knowledge.Force{Acronyms: tt.acronyms}, tt.lang); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
