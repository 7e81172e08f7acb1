package chart

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"sanctuaire/knowledge"
	"sanctuaire/locales"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// printers loads only the message files the charts use, so that another
// area's messages cannot break these tests.
func printers(t testing.TB) map[locales.Lang]*locales.Printer {
	t.Helper()
	fsys := fstest.MapFS{}
	for _, area := range []string{"common", "chart"} {
		for _, l := range locales.All {
			name := area + "." + string(l) + ".toml"
			data, err := os.ReadFile(filepath.Join("..", "locales", "messages", name))
			if err != nil {
				t.Fatal(err)
			}
			fsys[name] = &fstest.MapFile{Data: data}
		}
	}
	cat, err := locales.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	return map[locales.Lang]*locales.Printer{
		locales.EN: cat.Printer(locales.EN),
		locales.FR: cat.Printer(locales.FR),
	}
}

// The figures below are those of the project's sources (HuffPost, Métro),
// written out by hand so the tests do not depend on the bundled knowledge.
var (
	forces = map[string]knowledge.Force{
		"spvm":   {ID: "spvm", Acronyms: []string{"SPVM"}, Name: knowledge.Text{EN: "Montreal police (SPVM)", FR: "Police de Montréal (SPVM)"}},
		"tps":    {ID: "tps", Acronyms: []string{"TPS", "SPT"}, Name: knowledge.Text{EN: "Toronto Police Service", FR: "Service de police de Toronto"}},
		"peel":   {ID: "peel", Acronyms: []string{"PRP"}, Name: knowledge.Text{EN: "Peel Regional Police", FR: "Police régionale de Peel"}},
		"york":   {ID: "york", Acronyms: []string{"YRP"}, Name: knowledge.Text{EN: "York Regional Police", FR: "Police régionale de York"}},
		"sq":     {ID: "sq", Acronyms: []string{"SQ"}, Name: knowledge.Text{EN: "Sûreté du Québec", FR: "Sûreté du Québec"}},
		"opp":    {ID: "opp", Acronyms: []string{"OPP", "PPO"}, Name: knowledge.Text{EN: "Ontario Provincial Police", FR: "Police provinciale de l’Ontario"}},
		"spvq":   {ID: "spvq", Acronyms: []string{"SPVQ"}, Name: knowledge.Text{EN: "Québec City police (SPVQ)", FR: "Police de Québec (SPVQ)"}},
		"others": {ID: "others", Name: knowledge.Text{EN: "All other forces", FR: "Tous les autres corps policiers"}},
	}
	sources = []knowledge.Source{
		{ID: "huffpost-2018-03", Title: "Montreal Police Calls To CBSA Suggest It Is Far From A Real Sanctuary City", Publisher: "HuffPost Canada", Published: knowledge.Date{Year: 2018, Month: 3, Day: 29}, Language: "en"},
		{ID: "huffpost-2019-05", Title: "La police de Montréal menace les immigrants sans statut", Publisher: "HuffPost Québec", Published: knowledge.Date{Year: 2019, Month: 5}, Language: "fr"},
		{ID: "metro-2021-12", Title: "Le SPVM toujours aux trousses des sans-papiers", Publisher: "Métro", Published: knowledge.Date{Year: 2021, Month: 12}, Language: "fr"},
		{ID: "metro-2022-01", Title: "Le SPVM plus à la trousse des immigrants sans statut", Publisher: "Métro", Published: knowledge.Date{Year: 2022, Month: 1}, Language: "fr"},
	}
)

func calls(force string, year, count int) knowledge.Stat {
	return knowledge.Stat{Force: force, Year: year, Count: count, Measure: knowledge.Calls, Source: "huffpost-2018-03"}
}

func checks(force string, year, count int, source string) knowledge.Stat {
	return knowledge.Stat{Force: force, Year: year, Count: count, Measure: knowledge.StatusChecks, Source: source}
}

var (
	spvmCalls = []knowledge.Stat{calls("spvm", 2015, 2632), calls("spvm", 2016, 2872), calls("spvm", 2017, 3608)}
	calls2017 = []knowledge.Stat{
		calls("spvm", 2015, 2632), calls("spvm", 2016, 2872), calls("tps", 2016, 5146), // other years: left out
		calls("others", 2017, 2592), calls("spvq", 2017, 244), calls("tps", 2017, 3542),
		calls("opp", 2017, 323), calls("spvm", 2017, 3608), calls("sq", 2017, 345),
		calls("york", 2017, 517), calls("peel", 2017, 924),
	}
	spvmChecks = []knowledge.Stat{
		checks("spvm", 2018, 3010, "huffpost-2019-05"), checks("spvm", 2019, 3135, "metro-2021-12"),
		checks("spvm", 2020, 2015, "metro-2021-12"), checks("spvm", 2021, 945, "metro-2022-01"),
	}
	tpsChecks = []knowledge.Stat{
		checks("tps", 2018, 2731, "huffpost-2019-05"), checks("tps", 2019, 2751, "metro-2021-12"),
		checks("tps", 2020, 1677, "metro-2021-12"), checks("tps", 2021, 2709, "metro-2022-01"),
	}
)

// charts builds every chart the golden files hold, in one language.
func charts(t testing.TB, p *locales.Printer) map[string]Chart {
	t.Helper()
	series, err := Series(p, forces["spvm"], knowledge.Calls, spvmCalls, sources)
	if err != nil {
		t.Fatal(err)
	}
	ranking, err := Ranking(p, 2017, knowledge.Calls, calls2017, forces, sources)
	if err != nil {
		t.Fatal(err)
	}
	compare, err := Compare(p, forces["spvm"], forces["tps"], knowledge.StatusChecks, spvmChecks, tpsChecks, sources)
	if err != nil {
		t.Fatal(err)
	}
	uncertain := []knowledge.Stat{spvmCalls[0], spvmCalls[1], spvmCalls[2]}
	uncertain[1].Uncertain = true
	uncertain[1].Caveat = knowledge.Text{EN: "One source gives another figure.", FR: "Une source donne un autre chiffre."}
	withCaveat, err := Series(p, forces["spvm"], knowledge.Calls, uncertain, sources)
	if err != nil {
		t.Fatal(err)
	}
	gap, err := Compare(p, forces["spvm"], forces["tps"], knowledge.Calls, spvmCalls, calls2017[2:3:3], sources)
	if err != nil {
		t.Fatal(err)
	}
	later, err := Series(p, forces["spvm"], knowledge.Calls, append(spvmCalls[:3:3], calls("spvm", 2020, 1061)), sources)
	if err != nil {
		t.Fatal(err)
	}
	// Neither force has a figure from 2018 to 2022: one place on the axis.
	bothGap, err := Compare(p, forces["spvm"], forces["tps"], knowledge.Calls,
		append(spvmCalls[:3:3], calls("spvm", 2023, 1061)),
		[]knowledge.Stat{calls("tps", 2016, 5146), calls("tps", 2017, 3542), calls("tps", 2023, 1330)}, sources)
	if err != nil {
		t.Fatal(err)
	}
	return map[string]Chart{
		"compare-both-gap": bothGap,
		"series-gap":       later,
		"series":           series,
		"ranking":          ranking,
		"compare":          compare,
		"series-uncertain": withCaveat,
		"compare-gap":      gap,
	}
}

func TestGolden(t *testing.T) {
	ps := printers(t)
	for _, l := range locales.All {
		for name, c := range charts(t, ps[l]) {
			t.Run(name+"."+string(l), func(t *testing.T) {
				got, err := json.MarshalIndent(c, "", "  ")
				if err != nil {
					t.Fatal(err)
				}
				// No-break spaces written as escapes, so a reader of the golden
				// file sees where French typography puts them.
				got = bytes.ReplaceAll(append(got, '\n'), []byte("\u00a0"), []byte(`\u00a0`))
				path := filepath.Join("testdata", name+"."+string(l)+".golden")
				if *update {
					if err := os.WriteFile(path, got, 0o644); err != nil {
						t.Fatal(err)
					}
				}
				want, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(got, want) {
					t.Errorf("%s differs (run with -update to accept):\n%s", path, cmp.Diff(string(want), string(got)))
				}
			})
		}
	}
}

// TestContent spells out what the golden files must say, so a wrong
// golden file cannot be accepted by -update unnoticed.
func TestContent(t *testing.T) {
	ps := printers(t)
	en, fr := charts(t, ps[locales.EN]), charts(t, ps[locales.FR])
	tests := []struct {
		name      string
		got, want any
	}{
		{"series labels", en["series"].Labels, []string{"2015", "2016", "2017"}},
		{"series values", en["series"].Series[0].Values, []float64{2632, 2872, 3608}},
		{"series texts en", en["series"].Series[0].Texts, []string{"2,632", "2,872", "3,608"}},
		{"series texts fr", fr["series"].Series[0].Texts, []string{"2\u00a0632", "2\u00a0872", "3\u00a0608"}},
		{"series title fr", fr["series"].Title, "SPVM\u00a0: communications de la police avec l’ASFC"},
		{"series source en", en["series"].SourceLine, "Source: HuffPost Canada, 29 March 2018"},
		{"series source fr", fr["series"].SourceLine, "Source\u00a0: HuffPost Canada, 29 mars 2018"},
		{"series caveats", en["series"].Caveats, []string(nil)},
		{"series ticks fr", fr["series"].Ticks[len(fr["series"].Ticks)-1], Tick{Value: 4000, Label: "4\u00a0000"}},
		{"ranking order", en["ranking"].Series[0].Values, []float64{3608, 3542, 2592, 924, 517, 345, 323, 244}},
		{"ranking first fr", fr["ranking"].Labels[0], "SPVM"},
		{"ranking title en", en["ranking"].Title, "Police contacts with the CBSA in 2017"},
		{"ranking axis en", en["ranking"].XLabel, "Calls in the year"},
		{"compare measure fr", fr["compare"].Measure, "Mesure\u00a0: vérifications de statut d’immigration demandées par la police à l’ASFC"},
		{"compare years", fr["compare"].Labels, []string{"2018", "2019", "2020", "2021"}},
		{"compare tps", en["compare"].Series[1].Texts, []string{"2,731", "2,751", "1,677", "2,709"}},
		{"compare sources fr", fr["compare"].SourceLine, "Sources\u00a0: HuffPost Québec, mai 2019\u00a0; Métro, décembre 2021\u00a0; Métro, janvier 2022"},
		{"compare sources en", en["compare"].SourceLine, "Sources: HuffPost Québec, May 2019; Métro, December 2021; Métro, January 2022"},
		{"uncertain mark", en["series-uncertain"].Series[0].Texts[1], "2,872†"},
		{"uncertain caveat fr", fr["series-uncertain"].Caveats, []string{"† Chiffre incertain\u00a0: Une source donne un autre chiffre."}},
		{"uncertain short en", en["series-uncertain"].CaveatShort, "† Uncertain figures: see the text answer for details"},
		{"gap", fr["compare-gap"].Series[1].Texts, []string{"aucun chiffre", "5\u00a0146", "aucun chiffre"}},
		{"gap missing", fr["compare-gap"].Series[1].Missing, []bool{true, false, true}},
		{"gap none missing", fr["compare-gap"].Series[0].Missing, []bool(nil)},
		{"series gap years", en["series-gap"].Labels, []string{"2015", "2016", "2017", "2018", "2019", "2020"}},
		{"series gap texts", en["series-gap"].Series[0].Texts, []string{"2,632", "2,872", "3,608", "no figure", "no figure", "1,061"}},
		{"series gap missing", en["series-gap"].Series[0].Missing, []bool{false, false, false, true, true, false}},
		{"series gap run", en["series-gap"].Gaps, []Gap{{First: 3, Last: 4, Label: "2018–2019"}}},
		{"series gap drawn", en["series-gap"].folded().Labels, []string{"2015", "2016", "2017", "2018–2019", "2020"}},
		{"series gap drawn texts", en["series-gap"].folded().Series[0].Texts, []string{"2,632", "2,872", "3,608", "no figure", "1,061"}},
		{"compare gap, no run", en["compare-gap"].Gaps, []Gap(nil)},
		{"both gap run fr", fr["compare-both-gap"].Gaps, []Gap{{First: 3, Last: 7, Label: "2018–2022"}}},
		{"both gap drawn fr", fr["compare-both-gap"].folded().Labels, []string{"2015", "2016", "2017", "2018–2022", "2023"}},
		{"both gap drawn spvm", fr["compare-both-gap"].folded().Series[0].Texts, []string{"2\u00a0632", "2\u00a0872", "3\u00a0608", "aucun chiffre", "1\u00a0061"}},
		{"both gap drawn tps", en["compare-both-gap"].folded().Series[1].Texts, []string{"no figure", "5,146", "3,542", "no figure", "1,330"}},
		{"both gap drawn tps missing", en["compare-both-gap"].folded().Series[1].Missing, []bool{true, false, false, true, false}},
		{"both gap drawn spvm missing", en["compare-both-gap"].folded().Series[0].Missing, []bool{false, false, false, true, false}},
		{"both gap years", en["compare-both-gap"].Labels, []string{"2015", "2016", "2017", "2018", "2019", "2020", "2021", "2022", "2023"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, tt.got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// TestMarks checks that figures with the same caveat share a mark and
// that each distinct caveat gets its own mark and its own footnote, in the
// order drawn, in both languages: a reader must tell which bar each
// footnote is about.
func TestMarks(t *testing.T) {
	only := knowledge.Text{EN: "Only one article gives this figure.", FR: "Seul un article donne ce chiffre."}
	// Long enough to take two lines, as a real caveat does.
	asked := knowledge.Text{
		EN: "Given by an inspector, not taken from the CBSA data, and not confirmed elsewhere. The source speaks of “requests”: they may not be counted the same way as the other calls.",
		FR: "Chiffre avancé par une inspectrice, et non tiré des données de l’ASFC, sans confirmation ailleurs. La source parle de «\u00a0demandes\u00a0»\u00a0: elles ne sont peut-être pas comptées comme les autres appels.",
	}
	uncertain := func(st knowledge.Stat, caveat knowledge.Text) knowledge.Stat {
		st.Uncertain, st.Caveat = true, caveat
		return st
	}
	stats := []knowledge.Stat{
		calls("spvm", 2017, 3608), calls("tps", 2017, 3542),
		uncertain(calls("peel", 2017, 924), only), uncertain(calls("york", 2017, 517), only),
		uncertain(calls("sq", 2017, 345), knowledge.Text{}), // a source that gives no reason
		uncertain(calls("opp", 2017, 87), asked), uncertain(calls("spvq", 2017, 244), only),
	}
	tests := []struct {
		lang        locales.Lang
		wantTexts   []string
		wantCaveats []string
		wantShort   string
	}{
		{
			lang:      locales.EN,
			wantTexts: []string{"3,608", "3,542", "924†", "517†", "345††", "244†", "87†††"},
			wantCaveats: []string{
				"† Uncertain figures: Only one article gives this figure.",
				"†† Uncertain figure",
				"††† Uncertain figure: " + asked.EN,
			},
			wantShort: "†, ††, ††† Uncertain figures: see the text answer for details",
		},
		{
			lang:      locales.FR,
			wantTexts: []string{"3\u00a0608", "3\u00a0542", "924†", "517†", "345††", "244†", "87†††"},
			wantCaveats: []string{
				"† Chiffres incertains\u00a0: Seul un article donne ce chiffre.",
				"†† Chiffre incertain",
				"††† Chiffre incertain\u00a0: " + asked.FR,
			},
			wantShort: "†, ††, ††† Chiffres incertains\u00a0: voir le détail dans la réponse écrite",
		},
	}
	ps := printers(t)
	for _, tt := range tests {
		t.Run(string(tt.lang), func(t *testing.T) {
			c, err := Ranking(ps[tt.lang], 2017, knowledge.Calls, stats, forces, sources)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.wantTexts, c.Series[0].Texts); diff != "" {
				t.Errorf("texts (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantCaveats, c.Caveats); diff != "" {
				t.Errorf("caveats (-want +got):\n%s", diff)
			}
			if c.CaveatShort != tt.wantShort {
				t.Errorf("got short %q, want %q", c.CaveatShort, tt.wantShort)
			}
			// Every mark on a bar has exactly one footnote, and every
			// footnote a bar.
			onBars := map[string]bool{}
			for _, s := range c.Series[0].Texts {
				if i := strings.Index(s, "†"); i >= 0 {
					onBars[s[i:]] = true
				}
			}
			inNotes := map[string]bool{}
			for _, n := range c.Caveats {
				m, _, _ := strings.Cut(n, " ")
				if inNotes[m] {
					t.Errorf("mark %q starts two footnotes", m)
				}
				inNotes[m] = true
			}
			if diff := cmp.Diff(onBars, inNotes); diff != "" {
				t.Errorf("marks on bars and in footnotes differ (-bars +footnotes):\n%s", diff)
			}
			checkLayout(t, c, 0, 0)
			checkLayout(t, c, 800, 450)
			if *keep != "" {
				data, err := c.PNG(0, 0)
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(*keep, "marks."+string(tt.lang)+".png"), data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

func TestTicks(t *testing.T) {
	p := printers(t)[locales.EN]
	tests := []struct {
		top       float64
		wantMax   float64
		wantTicks int
	}{
		{0, 2, 3},
		{1, 2, 3},
		{75, 80, 5},
		{945, 1000, 6},
		{3608, 4000, 5},
		{5146, 6000, 7},
		{12095, 15000, 4},
		{7_500_000, 8_000_000, 5},
	}
	for _, tt := range tests {
		got, max := ticks(p, tt.top)
		if max != tt.wantMax || len(got) != tt.wantTicks {
			t.Errorf("ticks(%v): got max %v and %d ticks, want %v and %d", tt.top, max, len(got), tt.wantMax, tt.wantTicks)
		}
		if len(got) > 7 || got[len(got)-1].Value != max || max < tt.top*1.05 {
			t.Errorf("ticks(%v): got %v up to %v", tt.top, got, max)
		}
	}
}

func TestRefused(t *testing.T) {
	p := printers(t)[locales.EN]
	mixed := append([]knowledge.Stat{calls("spvm", 2017, 3608)}, spvmChecks...)
	tests := []struct {
		name  string
		build func() (Chart, error)
		want  error
	}{
		{"compare, measures differ", func() (Chart, error) {
			return Compare(p, forces["spvm"], forces["tps"], knowledge.StatusChecks, spvmChecks, calls2017[2:3], sources)
		}, ErrMixedMeasure},
		{"compare, calls asked, checks given", func() (Chart, error) {
			return Compare(p, forces["spvm"], forces["tps"], knowledge.Calls, spvmCalls, tpsChecks, sources)
		}, ErrMixedMeasure},
		{"series, two measures", func() (Chart, error) {
			return Series(p, forces["spvm"], knowledge.StatusChecks, mixed, sources)
		}, ErrMixedMeasure},
		{"ranking, two measures", func() (Chart, error) {
			return Ranking(p, 2018, knowledge.StatusChecks, append(tpsChecks, calls("spvm", 2018, 1)), forces, sources)
		}, ErrMixedMeasure},
		{"series, another force", func() (Chart, error) {
			return Series(p, forces["tps"], knowledge.Calls, spvmCalls, sources)
		}, ErrWrongForce},
		{"series, same year twice", func() (Chart, error) {
			return Series(p, forces["spvm"], knowledge.Calls, append(spvmCalls, calls("spvm", 2017, 1)), sources)
		}, ErrDuplicate},
		{"series, nothing", func() (Chart, error) {
			return Series(p, forces["spvm"], knowledge.Calls, nil, sources)
		}, ErrNoData},
		{"ranking, no figure that year", func() (Chart, error) {
			return Ranking(p, 2030, knowledge.Calls, calls2017, forces, sources)
		}, ErrNoData},
		{"ranking, unknown force", func() (Chart, error) {
			return Ranking(p, 2017, knowledge.Calls, []knowledge.Stat{calls("nobody", 2017, 1)}, forces, sources)
		}, ErrUnknown},
		{"series, unknown source", func() (Chart, error) {
			return Series(p, forces["spvm"], knowledge.Calls, spvmCalls, nil)
		}, ErrUnknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := tt.build()
			if !errors.Is(err, tt.want) {
				t.Fatalf("got error %v, want %v", err, tt.want)
			}
			if c.Title != "" {
				t.Errorf("got title %q with an error, want an empty chart", c.Title)
			}
		})
	}
}
