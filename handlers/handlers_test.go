package handlers_test

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"sanctuaire/handlers"
	"sanctuaire/knowledge"
	"sanctuaire/locales"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

var (
	loadOnce sync.Once
	loaded   *handlers.Handlers
	loadErr  error
)

// bundled builds the handlers on the knowledge and messages the program ships.
func bundled(tb testing.TB) *handlers.Handlers {
	tb.Helper()
	loadOnce.Do(func() {
		kb, err := knowledge.Bundled()
		if err != nil {
			loadErr = err
			return
		}
		cat, err := locales.Bundled()
		if err != nil {
			loadErr = err
			return
		}
		loaded = handlers.New(kb, cat, nil)
	})
	if loadErr != nil {
		tb.Fatal(loadErr)
	}
	return loaded
}

func handler(h *handlers.Handlers, command string) handlers.Func {
	return map[string]handlers.Func{
		"city": h.City, "stats": h.Stats, "support": h.Support,
		"rights": h.Rights, "question": h.Question, "about": h.About,
	}[command]
}

// goldenCase is one command as a member would ask it, and what its answer
// must say whatever the golden file holds.
type goldenCase struct {
	command string
	name    string // the case, in the golden file's name
	options map[string]string
	want    map[locales.Lang][]string
	noSrc   bool // an answer that shows no fact needs no source
}

var goldenCases = []goldenCase{
	{command: "city", name: "montreal", options: map[string]string{"name": "Montréal"}, want: map[locales.Lang][]string{
		locales.EN: {"Montreal", "20 February 2017", "5 June 2019", "SPVM", "Politique d’accès aux services municipaux sans peur"},
		locales.FR: {"Montréal", "20 février 2017", "5 juin 2019", "SPVM"},
	}},
	{command: "city", name: "toronto", options: map[string]string{"name": "toronto"}, want: map[locales.Lang][]string{
		locales.EN: {"Toronto", "don’t tell", "2008"},
		locales.FR: {"Toronto", "don’t tell", "2008"},
	}},
	{command: "city", name: "london", options: map[string]string{"name": "London"}, want: map[locales.Lang][]string{
		locales.EN: {"London", "25 June 2018", "Free of Fear Services for All Policy", "CBSA, IRCC or the police", "Sources up to July 2023"},
		locales.FR: {"London", "25 juin 2018", "Free of Fear Services for All Policy", "à IRCC ni à la police", "Sources jusqu’en juillet 2023"},
	}},
	{command: "city", name: "saskatoon", options: map[string]string{"name": "Saskatoon"}, want: map[locales.Lang][]string{
		locales.EN: {"Status: not adopted", "Not an immigration policy", "2SLGBTQQIA+ sanctuary city", "not an immigration sanctuary policy", "Sources up to March 2025"},
		locales.FR: {"Statut\u00a0: aucune adoption", "Pas une politique d’immigration", "et non le statut d’immigration", "Sources jusqu’en mars 2025"},
	}},
	{command: "city", name: "quebec", options: map[string]string{"name": "Ville de Québec"}, want: map[locales.Lang][]string{
		locales.EN: {"Québec City"},
	}},
	{command: "city", name: "unknown", options: map[string]string{"name": "Montrael"}, noSrc: true, want: map[locales.Lang][]string{
		locales.EN: {"I have no information on “Montrael”", "Choose below one of the cities", "Choose a city\n- Montreal\n"},
		locales.FR: {"Montrael", "Montréal"},
	}},
	{command: "stats", name: "", noSrc: false, want: map[locales.Lang][]string{
		locales.EN: {"2017", "3,608", "12,095", "calls of all kinds", "not a national total"},
		locales.FR: {"2017", "3\u00a0608", "12\u00a0095", "pas un total national"},
	}},
	{command: "stats", name: "force-montreal", options: map[string]string{"force": "montreal"}, want: map[locales.Lang][]string{
		locales.EN: {"2,632", "2,872", "3,608", "+9.1%", "+25.6%", "2015 → 2017: +37.1%", "Status checks"},
		locales.FR: {"2\u00a0632", "+9,1\u00a0%", "+25,6\u00a0%", "De 2015 à 2017\u00a0: +37,1\u00a0%"},
	}},
	{command: "stats", name: "force-toronto", options: map[string]string{"force": "TPS"}, want: map[locales.Lang][]string{
		locales.EN: {"5,146", "3,542", "−31.2%"},
		locales.FR: {"5\u00a0146", "−31,2\u00a0%"},
	}},
	{command: "stats", name: "year-2017", options: map[string]string{"year": "2017"}, want: map[locales.Lang][]string{
		locales.EN: {"1. Montreal police (SPVM): 3,608", "12,095", "Forces listed", "not a national total"},
		locales.FR: {"12\u00a0095", "pas un total national"},
	}},
	{command: "stats", name: "compare-spvm-tps", options: map[string]string{"force": "spvm", "compare": "tps"}, want: map[locales.Lang][]string{
		locales.EN: {"2016: SPVM 2,872 · TPS 5,146", "2017: SPVM 3,608 · TPS 3,542", "Status checks"},
	}},
	{command: "stats", name: "compare-measures", options: map[string]string{"force": "peel", "compare": "vancouver"}, want: map[locales.Lang][]string{
		locales.EN: {"no figures of the same measure for the same year", "count different things"},
		locales.FR: {"pas de chiffres de la même mesure"},
	}},
	{command: "stats", name: "unknown", options: map[string]string{"force": "Gendarmerie de Paris"}, noSrc: true, want: map[locales.Lang][]string{
		locales.EN: {"I have no information on", "a police force I have figures for", "Choose a police force\n"},
	}},
	{command: "support", name: "", want: map[locales.Lang][]string{
		locales.EN: {"Solidarity Across Borders", "FCJ Refugee Centre"},
		locales.FR: {"Solidarité sans frontières"},
	}},
	{command: "support", name: "montreal", options: map[string]string{"city": "mtl"}, want: map[locales.Lang][]string{
		locales.EN: {"Montreal", "Médecins du Monde", "as of"},
		locales.FR: {"Montréal", "en date du"},
	}},
	{command: "rights", name: "", want: map[locales.Lang][]string{
		locales.EN: {"Know your rights", "not legal advice", "/support"},
		locales.FR: {"Connaître ses droits", "non un avis juridique", "/soutien"},
	}},
	{command: "rights", name: "police", options: map[string]string{"topic": "police questions"}, want: map[locales.Lang][]string{
		locales.EN: {"not legal advice", "/support", "Sources show no date"},
		locales.FR: {"non un avis juridique", "/soutien", "Sources sans date"},
	}},
	{command: "question", name: "fr", options: map[string]string{"text": "la police peut-elle me demander mon statut?"}, want: map[locales.Lang][]string{
		locales.FR: {"ASFC", "non un avis juridique"},
	}},
	{command: "question", name: "en", options: map[string]string{"text": "how many times did Montreal police call the CBSA in 2017?"}, want: map[locales.Lang][]string{
		locales.EN: {"3,608"},
	}},
	{command: "question", name: "unanswerable", options: map[string]string{"text": "what is the weather in Paris tomorrow"}, noSrc: true, want: map[locales.Lang][]string{
		locales.EN: {"I don't know", "/rights", "/support"},
		locales.FR: {"Je ne sais pas", "/droits", "/soutien"},
	}},
	{command: "about", name: "", want: map[locales.Lang][]string{
		locales.EN: {"About this bot", "private", "not legal advice", "HuffPost Canada, 29 March 2018", "last reviewed on 4 December 2026"},
		locales.FR: {"À propos", "privées", "29 mars 2018", "révisée pour la dernière fois le 4 décembre 2026"},
	}},
}

var missingMessage = regexp.MustCompile(`\[[a-z]+_[a-z0-9_]+\]`)

func TestGolden(t *testing.T) {
	h := bundled(t)
	choices := []struct {
		name  string
		langs []locales.Lang
	}{
		{"en", []locales.Lang{locales.EN}},
		{"fr", []locales.Lang{locales.FR}},
		{"both", []locales.Lang{locales.FR, locales.EN}},
	}
	for _, tc := range goldenCases {
		for _, ch := range choices {
			base := tc.command
			if tc.name != "" {
				base += "." + tc.name
			}
			file := base + "." + ch.name + ".golden"
			t.Run(file, func(t *testing.T) {
				resp, err := handler(h, tc.command)(context.Background(), handlers.Request{
					Command: tc.command, Options: tc.options, Langs: ch.langs, LangChosen: true,
				})
				if err != nil {
					t.Fatal(err)
				}
				if !resp.Ephemeral {
					t.Errorf("got a public answer, want an ephemeral one")
				}
				if got, want := len(resp.Answers), len(ch.langs); got != want {
					t.Fatalf("got %d answers, want %d", got, want)
				}
				for i, a := range resp.Answers {
					if a.Lang != ch.langs[i] {
						t.Errorf("answer %d: got language %q, want %q", i, a.Lang, ch.langs[i])
					}
					if !tc.noSrc && len(a.Sources) == 0 {
						t.Errorf("answer in %s cites no source", a.Lang)
					}
					if len(a.Buttons) > 25 {
						t.Errorf("%d buttons, at most 25", len(a.Buttons))
					}
					for _, b := range a.Buttons {
						if b.Label == "" || (b.Click == nil && !strings.HasPrefix(b.URL, "http")) {
							t.Errorf("got button %+v, want a label and a URL or a click", b)
						}
					}
					var one bytes.Buffer
					handlers.Plain(&one, handlers.Response{Answers: []handlers.Answer{a}})
					for _, w := range tc.want[a.Lang] {
						if !strings.Contains(one.String(), w) {
							t.Errorf("answer in %s lacks %q", a.Lang, w)
						}
					}
				}
				var buf bytes.Buffer
				handlers.Plain(&buf, resp)
				got := buf.String()
				if m := missingMessage.FindString(got); m != "" {
					t.Errorf("answer shows a missing message %s", m)
				}
				golden(t, filepath.Join("testdata", file), got)
			})
		}
	}
}

func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to write it)", err)
	}
	if got != string(want) {
		t.Errorf("answer differs from %s (go test -update rewrites it):\ngot:\n%s\nwant:\n%s", path, got, want)
	}
}

func TestShare(t *testing.T) {
	h := bundled(t)
	for _, share := range []bool{false, true} {
		resp, err := h.About(context.Background(), handlers.Request{Command: "about", Share: share})
		if err != nil {
			t.Fatal(err)
		}
		if resp.Ephemeral == share {
			t.Errorf("share %v: got ephemeral %v, want %v", share, resp.Ephemeral, !share)
		}
	}
}

// TestFiguresNeverMixMeasures checks that no line of figures names both
// measures: calls and status checks are never one series.
func TestFiguresNeverMixMeasures(t *testing.T) {
	h := bundled(t)
	cat, err := locales.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range locales.All {
		p := cat.Printer(lang)
		calls, checks := p.T("stats_measure_calls"), p.T("stats_measure_status_checks")
		for _, opts := range []map[string]string{{"name": "montreal"}, {"name": "toronto"}, {"name": "vancouver"}} {
			resp, err := h.City(context.Background(), handlers.Request{Command: "city", Options: opts, Langs: []locales.Lang{lang}})
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			handlers.Plain(&buf, resp)
			for _, line := range strings.Split(buf.String(), "\n") {
				if strings.Contains(line, calls) && strings.Contains(line, checks) {
					t.Errorf("%s %s: line mixes the measures: %q", lang, opts["name"], line)
				}
			}
		}
	}
}

func TestComplete(t *testing.T) {
	h := bundled(t)
	tests := []struct {
		name  string
		fn    handlers.CompleteFunc
		typed string
		lang  locales.Lang
		want  string // a name among the choices
	}{
		{"place fr", h.CompletePlace, "mont", locales.FR, "Montréal"},
		{"place en", h.CompletePlace, "queb", locales.EN, "Québec City"},
		{"force", h.CompleteForce, "spv", locales.EN, "Montreal police (SPVM)"},
		{"topic fr", h.CompleteTopic, "deten", locales.FR, "détention"},
		{"question", h.CompleteQuestion, "silence", locales.EN, "police questions"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.fn(context.Background(), handlers.Request{
				Options: map[string]string{"x": tt.typed}, Focused: "x", Langs: []locales.Lang{tt.lang},
			})
			if err != nil {
				t.Fatal(err)
			}
			if len(got) == 0 || len(got) > 25 {
				t.Fatalf("got %d choices, want 1 to 25", len(got))
			}
			var names []string
			found := false
			for _, c := range got {
				names = append(names, c.Name)
				if strings.Contains(c.Name, tt.want) {
					found = true
				}
				if c.Value == "" {
					t.Errorf("choice %q has no value", c.Name)
				}
			}
			if !found {
				t.Errorf("got choices %q, want one containing %q", names, tt.want)
			}
		})
	}
}

func benchmark(b *testing.B, command string, opts map[string]string, langs ...locales.Lang) {
	h := bundled(b)
	fn := handler(h, command)
	req := handlers.Request{Command: command, Options: opts, Langs: langs}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := fn(ctx, req); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCity(b *testing.B) {
	benchmark(b, "city", map[string]string{"name": "Montréal"}, locales.FR, locales.EN)
}

func BenchmarkStatsForce(b *testing.B) {
	benchmark(b, "stats", map[string]string{"force": "spvm"}, locales.FR, locales.EN)
}

func BenchmarkStatsYear(b *testing.B) {
	benchmark(b, "stats", map[string]string{"year": "2017"}, locales.FR, locales.EN)
}

func BenchmarkStatsOverview(b *testing.B) { benchmark(b, "stats", nil, locales.FR, locales.EN) }

func BenchmarkSupport(b *testing.B) { benchmark(b, "support", nil, locales.FR, locales.EN) }

func BenchmarkRights(b *testing.B) {
	benchmark(b, "rights", map[string]string{"topic": "police questions"}, locales.FR, locales.EN)
}

func BenchmarkQuestion(b *testing.B) {
	benchmark(b, "question", map[string]string{"text": "la police peut-elle me demander mon statut?"}, locales.FR, locales.EN)
}

func BenchmarkAbout(b *testing.B) { benchmark(b, "about", nil, locales.FR, locales.EN) }

func BenchmarkPlain(b *testing.B) {
	h := bundled(b)
	resp, err := h.City(context.Background(), handlers.Request{Options: map[string]string{"name": "montreal"}, Langs: locales.All})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		handlers.Plain(&bytes.Buffer{}, resp)
	}
}

// TestNames checks that names are matched with or without accents and case,
// through aliases and acronyms, and that IDs from autocomplete work too.
func TestNames(t *testing.T) {
	h := bundled(t)
	tests := []struct {
		command, option, value string
		want                   string // in the English answer
	}{
		{"city", "name", "montreal", "Montreal (Quebec)"},
		{"city", "name", "MONTRÉAL", "Montreal (Quebec)"},
		{"city", "name", "MTL", "Montreal (Quebec)"},
		{"city", "name", "Ville de Québec", "Québec City"},
		{"city", "name", "quebec city", "Québec City"},
		{"city", "name", "london", "London"},
		{"stats", "force", "spvm", "3,608"},
		{"stats", "force", "Surete du Quebec", "345"},
		{"stats", "force", "SQ", "345"},
		{"stats", "force", "toronto police", "5,146"},
		{"support", "city", "montréal", "Solidarity Across Borders"},
		{"rights", "topic", "detention", "48 hours"},
		{"question", "text", "topic:remain-silent", "right to remain silent"},
		{"question", "text", "force:spvm", "3,608"},
	}
	for _, tt := range tests {
		t.Run(tt.command+" "+tt.value, func(t *testing.T) {
			resp, err := handler(h, tt.command)(context.Background(), handlers.Request{
				Command: tt.command, Options: map[string]string{tt.option: tt.value}, Langs: []locales.Lang{locales.EN},
			})
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			handlers.Plain(&buf, resp)
			if !strings.Contains(buf.String(), tt.want) {
				t.Errorf("answer lacks %q:\n%s", tt.want, buf.String())
			}
		})
	}
}
