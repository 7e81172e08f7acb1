package knowledge

import (
	"os"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// testBase is a small base written for the search tests, independent of
// the bundled data.
func testBase() *Base {
	tx := func(en, fr string) Text { return Text{EN: en, FR: fr} }
	return &Base{
		Places: []Place{
			{ID: "montreal", Name: tx("Montreal", "Montréal"), Aliases: []string{"MTL"}, Province: tx("Quebec", "Québec"),
				Status: Adopted, PolicyName: tx("Access to Municipal Services Without Fear", "Politique d'accès aux services municipaux sans peur"),
				Summary:  tx("Montreal declared itself a sanctuary city in February 2017.", "Montréal s'est déclarée ville sanctuaire en février 2017."),
				Excludes: tx("The policy does not cover the police.", "La politique ne couvre pas la police."),
				Forces:   []string{"spvm"}},
			{ID: "toronto", Name: tx("Toronto", "Toronto"), Province: tx("Ontario", "Ontario"), Status: Adopted,
				Summary: tx("Toronto was the first Canadian city to declare itself a sanctuary, in 2013.", "Toronto a été la première ville canadienne à se déclarer sanctuaire, en 2013."),
				Forces:  []string{"tps"}},
			{ID: "quebec-city", Name: tx("Quebec City", "Québec"), Aliases: []string{"Ville de Québec"}, Province: tx("Quebec", "Québec"),
				Status:  NotConfirmed,
				Summary: tx("No source confirms a sanctuary policy in Quebec City.", "Aucune source ne confirme de politique sanctuaire à Québec."),
				Forces:  []string{"spvq"}},
			{ID: "vancouver", Name: tx("Vancouver", "Vancouver"), Province: tx("British Columbia", "Colombie-Britannique"), Status: Adopted,
				Summary: tx("Vancouver adopted access to city services without fear in 2016.", "Vancouver a adopté l'accès sans peur aux services municipaux en 2016.")},
		},
		Forces: []Force{
			{ID: "spvm", Name: tx("Montreal police (SPVM)", "Service de police de la Ville de Montréal"), Acronyms: []string{"SPVM"}, Place: "montreal"},
			{ID: "tps", Name: tx("Toronto Police Service", "Service de police de Toronto"), Acronyms: []string{"TPS"}, Place: "toronto"},
			{ID: "sq", Name: tx("Sûreté du Québec", "Sûreté du Québec"), Acronyms: []string{"SQ"}, Aliases: []string{"Quebec provincial police"}},
			{ID: "spvq", Name: tx("Québec City police (SPVQ)", "Service de police de la Ville de Québec"), Acronyms: []string{"SPVQ"}, Place: "quebec-city"},
		},
		Stats: []Stat{
			{Force: "spvm", Year: 2017, Count: 3608, Measure: Calls},
			{Force: "tps", Year: 2017, Count: 3542, Measure: Calls},
		},
		Orgs: []Org{
			{ID: "fcj", Name: tx("FCJ Refugee Centre", "Centre pour réfugiés FCJ"), What: tx("Serves refugees and people without status in Toronto.", "Aide les réfugiés et les personnes sans statut à Toronto."), Place: "toronto"},
			{ID: "mdm", Name: tx("Doctors of the World Canada", "Médecins du Monde Canada"), What: tx("Clinic for migrants with precarious status not covered by RAMQ.", "Clinique pour les migrants à statut précaire sans RAMQ."), Place: "montreal"},
		},
		Topics: []Topic{
			{ID: "remain-silent", Title: tx("Your right to remain silent", "Votre droit de garder le silence"),
				Short: tx("In general you do not have to answer police questions.", "En général, vous n'êtes pas obligé de répondre aux questions des policiers.")},
			{ID: "detention", Title: tx("Immigration detention", "Détention d'immigration"),
				Short: tx("The CBSA may detain a person; a review takes place within 48 hours.", "L'ASFC peut détenir une personne ; un contrôle a lieu dans les 48 heures.")},
			{ID: "school", Title: tx("School for children without status", "L'école pour les enfants sans statut"),
				Short: tx("In Quebec, every child has the right to free schooling.", "Au Québec, tout enfant a droit à l'école gratuite.")},
			{ID: "police-cbsa", Title: tx("Can police ask about your status?", "La police peut-elle vérifier votre statut ?"),
				Short: tx("Police can call the CBSA to check a person's immigration status.", "La police peut appeler l'ASFC pour vérifier le statut d'immigration d'une personne.")},
		},
	}
}

func keys(hits []Hit) []string {
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = h.Key()
	}
	return out
}

func TestAnalyzeSynonyms(t *testing.T) {
	ix := NewIndex(testBase())
	// Each line must share its first term with the line's first phrase.
	tests := [][]string{
		{"police", "policier", "policières", "cops", "officer"},
		{"statut", "status", "STATUTS"},
		{"expulsion", "renvoi", "déportation", "deportation", "removal", "deported"},
		{"ASFC", "CBSA", "agence des services frontaliers", "border services", "border agency", "l'ASFC"},
		{"ville sanctuaire", "sanctuary city", "ville refuge"},
		{"sans papiers", "sans-papiers", "undocumented", "without status", "sans statut", "precarious status", "statut précaire", "pas de papiers", "no papers"},
		{"manquer", "manqué", "raté", "rater", "missed", "miss"},
		{"avocat", "lawyer", "counsel"},
		{"droit", "right", "rights"},
		{"mandat", "warrant"},
		{"détention", "detention", "detained"},
		{"école", "school", "scolarité"},
		{"santé", "health", "soins", "médecin"},
		{"aide", "help", "support", "soutien"},
		{"appel", "call", "communication", "appelle"},
		{"vérification", "check", "vérifier"},
	}
	for _, group := range tests {
		want := ix.analyze(group[0], false)
		if len(want) == 0 {
			t.Fatalf("analyze(%q) gives no term", group[0])
		}
		for _, p := range group[1:] {
			t.Run(p, func(t *testing.T) {
				got := ix.analyze(p, false)
				if len(got) == 0 || got[0].text != want[0].text {
					t.Errorf("analyze(%q) = %v, want first term %q (from %q)", p, got, want[0].text, group[0])
				}
			})
		}
	}
}

func TestAnalyzeDropsStopWords(t *testing.T) {
	ix := NewIndex(testBase())
	got := ix.analyze("what is the", false)
	if len(got) != 0 {
		t.Errorf("analyze(%q) = %v, want no terms", "what is the", got)
	}
	got = ix.analyze("est-ce que la police", false)
	if len(got) != 1 {
		t.Errorf("analyze(%q) = %v, want one term", "est-ce que la police", got)
	}
}

func TestCorrect(t *testing.T) {
	ix := NewIndex(testBase())
	tests := []struct {
		in, want string
		same     bool // sounds the same
	}{
		{"montral", "montreal", false},
		{"torono", "toronto", false},
		{"polise", "police", true},
		{"polisse", "police", true}, // two edits, but the same sound
		{"sanctuery", "sanctuary", false},
		{"detenion", "detention", false},
		{"abc", "", false},        // too short to correct
		{"zzzzzzzzzz", "", false}, // nothing near
		{"weather", "", false},    // not a typo of a known word
		{"immigraton", "immigration", false},
		{"imigration", "immigration", true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, same := ix.correct(tt.in)
			if got != tt.want || same != tt.same {
				t.Errorf("correct(%q) = %q, %v, want %q, %v", tt.in, got, same, tt.want, tt.same)
			}
		})
	}
}

func TestAsk(t *testing.T) {
	b := testBase()
	tests := []struct {
		question string
		want     string // the expected top hit
	}{
		{"can police ask my status?", "topic:police-cbsa"},
		{"est-ce que la police peut vérifier mon statut", "topic:police-cbsa"},
		{"do i have to answer the cops", "topic:remain-silent"},
		{"droit de garder le silence", "topic:remain-silent"},
		{"my friend was detained by cbsa what happens", "topic:detention"},
		{"ecole pour mon enfant sans papiers", "topic:school"},
		{"montreal ville sanctuaire", "place:montreal"},
		{"is toronto a sanctuary city", "place:toronto"},
		{"SPVM", "force:spvm"},
		{"combien d'appels du SPVM à l'ASFC en 2017", "force:spvm"},
		{"clinic for undocumented people montreal", "org:mdm"},
		{"Montral sanctuaire", "place:montreal"},
		{"refugee centre toronto", "org:fcj"},
		// Asking for help near a place finds that place's organisations.
		{"help toronto", "org:fcj"},
		{"aide a montreal", "org:mdm"},
		// A question that names a place prefers what is about that place.
		{"can the police call the cbsa in montreal", "force:spvm"},
		// but rights apply everywhere.
		{"silence montreal police", "topic:remain-silent"},
		{"can toronto police ask my status", "topic:police-cbsa"},
		// Words that sound the same are corrected.
		{"la polise peut apeler l'asfc", "topic:police-cbsa"},
	}
	for _, tt := range tests {
		t.Run(tt.question, func(t *testing.T) {
			hits := b.Ask(tt.question, 3)
			if len(hits) == 0 {
				t.Fatalf("Ask(%q) found nothing, want %q", tt.question, tt.want)
			}
			if got := hits[0].Key(); got != tt.want {
				t.Errorf("Ask(%q) top = %q, want %q (all: %q)", tt.question, got, tt.want, keys(hits))
			}
		})
	}
}

func TestAskNotConfident(t *testing.T) {
	b := testBase()
	for _, q := range []string{
		"what is the weather tomorrow",
		"what is the capital of France",
		"recette de tarte aux pommes",
		"how do I file my tax return",
		"",
		"???",
		"the of and",
	} {
		t.Run(q, func(t *testing.T) {
			for _, h := range b.Ask(q, 3) {
				if h.Confident {
					t.Errorf("Ask(%q) is confident about %q, want no confident hit", q, h.Key())
				}
			}
		})
	}
}

func TestAskConfident(t *testing.T) {
	b := testBase()
	for _, q := range []string{
		"SPVM",
		"droit de garder le silence",
		"is toronto a sanctuary city",
		"école pour enfants sans statut",
		"polise can ask my statu?", // mistyped by ear: surely these words
		"help toronto",
	} {
		t.Run(q, func(t *testing.T) {
			hits := b.Ask(q, 1)
			if len(hits) == 0 || !hits[0].Confident {
				t.Errorf("Ask(%q) = %v, want a confident top hit", q, hits)
			}
		})
	}
	// Typos are fixed for the ranking but weigh less for confidence: a
	// question made only of corrected words is never sure.
	hits := b.Ask("Torono sanctuery", 1)
	if len(hits) == 0 || hits[0].Key() != "place:toronto" {
		t.Fatalf("Ask(Torono sanctuery) = %v, want place:toronto first", hits)
	}
	if hits[0].Confident {
		t.Errorf("Ask(Torono sanctuery) is confident, want not: every word was corrected")
	}
}

// TestAskMisreadings checks questions the search once read wrongly.
func TestAskMisreadings(t *testing.T) {
	b, err := Bundled()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		q, notFirst string
	}{
		// No papers is no status, not ID papers left at home.
		{"je n'ai pas de papiers", "topic:no-id-papers"},
		{"I have no papers", "topic:no-id-papers"},
		// "Données" and "donner" share a stem: "give your name" must not
		// stand for statistics.
		{"statistics", "topic:identification"},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			hits := b.Ask(tt.q, 1)
			if len(hits) > 0 && hits[0].Key() == tt.notFirst {
				t.Errorf("Ask(%q) first hit: got %q, want another entry", tt.q, hits[0].Key())
			}
		})
	}
	// Every word corrected, even to one that sounds the same: a guess.
	for _, h := range b.Ask("statistik", 3) {
		if h.Confident {
			t.Errorf("Ask(%q) is confident about %q, want no confident hit", "statistik", h.Key())
		}
	}
}

func TestAskBounds(t *testing.T) {
	b := testBase()
	if got := b.Ask("police", 0); got != nil {
		t.Errorf("Ask(n=0) = %v, want nil", got)
	}
	if got := b.Ask("police", 2); len(got) != 2 {
		t.Errorf("Ask(n=2) gave %d hits, want 2", len(got))
	}
	hits := b.Ask("police status montreal", 10)
	for i := 1; i < len(hits); i++ {
		if hits[i].Score > hits[i-1].Score {
			t.Errorf("hits out of order: %v", hits)
		}
	}
}

func TestAskCachesIndex(t *testing.T) {
	b := testBase()
	if b.search() != b.search() {
		t.Error("search() built two indexes for one Base, want one")
	}
}

func TestComplete(t *testing.T) {
	b := testBase()
	tests := []struct {
		kind       Kind
		typed      string
		lang       string
		wantFirst  string
		wantAmong  []string
		wantAbsent []string
	}{
		{kind: KindPlace, typed: "mont", lang: "fr", wantFirst: "montreal"},
		{kind: KindPlace, typed: "MONTRÉAL", lang: "en", wantFirst: "montreal"},
		{kind: KindPlace, typed: "québ", lang: "fr", wantFirst: "quebec-city"},
		{kind: KindPlace, typed: "queb", lang: "en", wantFirst: "quebec-city"},
		{kind: KindForce, typed: "queb", lang: "fr", wantAmong: []string{"sq", "spvq"}},
		{kind: KindForce, typed: "spvm", lang: "fr", wantFirst: "spvm"},
		{kind: KindForce, typed: "sq", lang: "en", wantFirst: "sq"},
		{kind: KindPlace, typed: "mtl", lang: "en", wantFirst: "montreal"},
		{kind: KindPlace, typed: "torotno", lang: "en", wantFirst: "toronto"},           // typo
		{kind: KindPlace, typed: "vancuver", lang: "en", wantFirst: "vancouver"},        // typo
		{kind: KindPlace, typed: "ville de queb", lang: "fr", wantFirst: "quebec-city"}, // alias, partly typed
		{kind: KindOrg, typed: "medecins", lang: "fr", wantFirst: "mdm"},
		{kind: KindTopic, typed: "silence", lang: "fr", wantFirst: "remain-silent"},
		{kind: KindTopic, typed: "sans papiers ecole", lang: "fr", wantFirst: "school"}, // by text
		{kind: KindPlace, typed: "zzzz", lang: "fr", wantAbsent: []string{"montreal", "toronto"}},
	}
	for _, tt := range tests {
		t.Run(string(tt.kind)+"/"+tt.typed, func(t *testing.T) {
			got := b.Complete(tt.kind, tt.typed, tt.lang, 25)
			ids := make([]string, len(got))
			for i, m := range got {
				ids[i] = m.ID
			}
			if tt.wantFirst != "" && (len(ids) == 0 || ids[0] != tt.wantFirst) {
				t.Errorf("Complete(%q) = %q, want %q first", tt.typed, ids, tt.wantFirst)
			}
			for _, w := range tt.wantAmong {
				if !slices.Contains(ids, w) {
					t.Errorf("Complete(%q) = %q, want %q among them", tt.typed, ids, w)
				}
			}
			for _, w := range tt.wantAbsent {
				if slices.Contains(ids, w) {
					t.Errorf("Complete(%q) = %q, want no %q", tt.typed, ids, w)
				}
			}
		})
	}
}

func TestCompletePrefixBeforeFuzzy(t *testing.T) {
	b := &Base{Places: []Place{
		{ID: "laval", Name: Text{EN: "Laval", FR: "Laval"}},
		{ID: "lava", Name: Text{EN: "Lavaltrie", FR: "Lavaltrie"}},
		{ID: "lavel", Name: Text{EN: "Lavel", FR: "Lavel"}},
	}}
	got := b.Complete(KindPlace, "lavel", "en", 25)
	want := []Match{{"lavel", "Lavel"}, {"laval", "Laval"}, {"lava", "Lavaltrie"}}
	if !slices.Equal(got, want) {
		t.Errorf("Complete(lavel) = %v, want %v", got, want)
	}
}

func TestCompleteNames(t *testing.T) {
	b := testBase()
	got := b.Complete(KindForce, "", "fr", 25)
	want := []Match{
		{"spvm", "Service de police de la Ville de Montréal"},
		{"spvq", "Service de police de la Ville de Québec"},
		{"tps", "Service de police de Toronto"},
		{"sq", "Sûreté du Québec"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("Complete(force, empty, fr) = %v, want %v", got, want)
	}
	if got := b.Complete(KindForce, "", "en", 2); len(got) != 2 {
		t.Errorf("Complete(n=2) gave %d, want 2", len(got))
	}
	if got := b.Complete(KindForce, "spvm", "en", 0); got != nil {
		t.Errorf("Complete(n=0) = %v, want nil", got)
	}
}

func TestChoiceNameLength(t *testing.T) {
	long := strings.Repeat("é", 150)
	got := choiceName(Text{EN: long}, "en")
	if n := utf8.RuneCountInString(got); n > maxChoiceName {
		t.Errorf("choiceName gave %d characters, want at most %d", n, maxChoiceName)
	}
	if got := choiceName(Text{EN: "Toronto"}, "fr"); got != "Toronto" {
		t.Errorf("choiceName with no French = %q, want %q", got, "Toronto")
	}
}

func TestSuggest(t *testing.T) {
	b := testBase()
	tests := []struct {
		kind Kind
		name string
		want []string
	}{
		{KindPlace, "Montral", []string{"montreal"}},
		{KindPlace, "Torono", []string{"toronto"}},
		{KindPlace, "quebec", []string{"quebec-city"}},
		{KindForce, "SPMV", []string{"spvm"}},
		{KindPlace, "Winnipeg", nil},
		{KindPlace, "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := b.Suggest(tt.kind, tt.name, 3)
			if !slices.Equal(got, tt.want) {
				t.Errorf("Suggest(%q, %q) = %q, want %q", tt.kind, tt.name, got, tt.want)
			}
		})
	}
}

func TestCompleteQuestion(t *testing.T) {
	b := testBase()
	tests := []struct {
		typed, lang, want string
	}{
		{"can police ask my stat", "en", "topic:police-cbsa"},
		{"droit de garder le sil", "fr", "topic:remain-silent"},
		{"ecole sans pap", "fr", "topic:school"},
		{"montr", "fr", "place:montreal"},
	}
	for _, tt := range tests {
		t.Run(tt.typed, func(t *testing.T) {
			got := b.CompleteQuestion(tt.typed, tt.lang, 5)
			if len(got) == 0 || got[0].ID != tt.want {
				t.Errorf("CompleteQuestion(%q) = %v, want %q first", tt.typed, got, tt.want)
			}
		})
	}
	empty := b.CompleteQuestion("", "fr", 25)
	if len(empty) == 0 || !strings.HasPrefix(empty[0].ID, "topic:") {
		t.Errorf("CompleteQuestion(empty) = %v, want topics first", empty)
	}
	if len(empty) != 4+4+4+2 {
		t.Errorf("CompleteQuestion(empty) gave %d entries, want all 14", len(empty))
	}
}

// TestCompleteQuestionUnderstood: while a question is typed, the entry the
// understanding is sure of comes first, where the plain ranking puts the
// city before its police, and the ranking's entries follow.
func TestCompleteQuestionUnderstood(t *testing.T) {
	b, err := Bundled()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ typed, first, then string }{
		{"la police de mtl a appelé l'asfc combien de fois en 20", "force:spvm", "place:montreal"},
		{"les flics de mtl appellent l'asfc cmb de fois", "force:spvm", "place:montreal"},
		{"is toronto a sanctuary ci", "place:toronto", "force:tps"},
	} {
		t.Run(tc.typed, func(t *testing.T) {
			got := b.CompleteQuestion(tc.typed, "fr", 25)
			if len(got) == 0 || got[0].ID != tc.first {
				t.Fatalf("got %v, want %s first", got, tc.first)
			}
			if !slices.ContainsFunc(got, func(m Match) bool { return m.ID == tc.then }) {
				t.Errorf("got %v, want %s among the choices", got, tc.then)
			}
		})
	}
}

func FuzzAsk(f *testing.F) {
	for _, s := range []string{"", "police", "sans-papiers à Montréal ?", "l'ASFC", "œœœ", "\xff\xfe", "a b c d e f g", "2017 2017 2017", strings.Repeat("x", 300)} {
		f.Add(s, 3)
	}
	b := testBase()
	f.Fuzz(func(t *testing.T, q string, n int) {
		n = n % 30
		hits := b.Ask(q, n)
		if len(hits) > max(n, 0) {
			t.Errorf("Ask(%q, %d) gave %d hits", q, n, len(hits))
		}
		for _, h := range hits {
			if h.Score <= 0 || h.ID == "" {
				t.Errorf("Ask(%q) gave hit %+v", q, h)
			}
		}
	})
}

func FuzzComplete(f *testing.F) {
	for _, s := range []string{"", "mont", "québ", "SPVM", "zz", "\xff", " ", "ville de queb", strings.Repeat("é", 200)} {
		f.Add(s, "fr", 25)
	}
	b := testBase()
	f.Fuzz(func(t *testing.T, typed, lang string, n int) {
		n = n % 30
		for _, k := range []Kind{KindPlace, KindForce, KindOrg, KindTopic, ""} {
			got := b.Complete(k, typed, lang, n)
			if len(got) > max(n, 0) {
				t.Errorf("Complete(%q, %d) gave %d", typed, n, len(got))
			}
			for _, m := range got {
				if m.ID == "" || utf8.RuneCountInString(m.Name) > maxChoiceName {
					t.Errorf("Complete(%q) gave %+v", typed, m)
				}
			}
			if s := b.Suggest(k, typed, n); len(s) > max(n, 0) {
				t.Errorf("Suggest(%q, %d) gave %d", typed, n, len(s))
			}
		}
		for _, m := range b.CompleteQuestion(typed, lang, n) {
			if !strings.Contains(m.ID, ":") || utf8.RuneCountInString(m.Name) > maxChoiceName {
				t.Errorf("CompleteQuestion(%q) gave %+v", typed, m)
			}
		}
	})
}

// evalQuestion is one labelled question of testdata/questions.toml.
type evalQuestion struct {
	Text         string   `toml:"text"`
	Lang         string   `toml:"lang"`
	Answers      []string `toml:"answers"` // "kind:id" of the entries that answer it
	Unanswerable bool     `toml:"unanswerable"`
}

// evalScore sums up how Ask did on the evaluation set.
type evalScore struct {
	answerable, unanswerable int
	top1, top3               int
	honest                   int      // unanswerable questions with no confident hit
	confidentRight           int      // answerable questions answered confidently and rightly
	confidentWrong           []string // unanswerable or answerable, answered confidently and wrongly
	confidentUnanswerable    int
	missed                   []string // answerable questions with no right entry in the top 3
}

func (s evalScore) rate(n, of int) float64 {
	if of == 0 {
		return 0
	}
	return float64(n) / float64(of)
}

func (s evalScore) top1Rate() float64   { return s.rate(s.top1, s.answerable) }
func (s evalScore) top3Rate() float64   { return s.rate(s.top3, s.answerable) }
func (s evalScore) honestRate() float64 { return s.rate(s.honest, s.unanswerable) }

// The evaluation sets: questions.toml, and questions_heldout.toml, written
// apart and never used to tune the search, to tell whether it works on
// questions it was not shaped on.
const (
	evalFile    = "testdata/questions.toml"
	heldOutFile = "testdata/questions_heldout.toml"
)

func loadEvalFile(tb testing.TB, name string) (*Base, []evalQuestion) {
	tb.Helper()
	b, err := Bundled()
	if err != nil {
		tb.Fatalf("load bundled knowledge: %v", err)
	}
	raw, err := os.ReadFile(name)
	if err != nil {
		tb.Fatal(err)
	}
	var f struct {
		Questions []evalQuestion `toml:"question"`
	}
	if _, err := toml.Decode(string(raw), &f); err != nil {
		tb.Fatalf("%s: %v", name, err)
	}
	return b, f.Questions
}

func evaluate(b *Base, qs []evalQuestion) evalScore {
	var s evalScore
	for _, q := range qs {
		hits := b.Ask(q.Text, 3)
		confident := len(hits) > 0 && hits[0].Confident
		if q.Unanswerable {
			s.unanswerable++
			if confident {
				s.confidentUnanswerable++
				s.confidentWrong = append(s.confidentWrong, q.Text+" → "+hits[0].Key())
			} else {
				s.honest++
			}
			continue
		}
		s.answerable++
		got := keys(hits)
		if len(got) > 0 && slices.Contains(q.Answers, got[0]) {
			s.top1++
			if confident {
				s.confidentRight++
			}
		} else if confident {
			s.confidentWrong = append(s.confidentWrong, q.Text+" → "+got[0])
		}
		if slices.ContainsFunc(got, func(k string) bool { return slices.Contains(q.Answers, k) }) {
			s.top3++
		} else {
			s.missed = append(s.missed, q.Text)
		}
	}
	return s
}

func TestQuestionSet(t *testing.T) {
	for _, tc := range []struct {
		file                     string
		answerable, unanswerable int
	}{
		{evalFile, 80, 10},
		{heldOutFile, 40, 8},
	} {
		t.Run(tc.file, func(t *testing.T) {
			b, qs := loadEvalFile(t, tc.file)
			checkQuestionSet(t, b, qs, tc.answerable, tc.unanswerable)
		})
	}
}

func checkQuestionSet(t *testing.T, b *Base, qs []evalQuestion, minAnswerable, minUnanswerable int) {
	t.Helper()
	var fr, en, unanswerable int
	for _, q := range qs {
		switch q.Lang {
		case "fr":
			fr++
		case "en":
			en++
		default:
			t.Errorf("question %q: lang %q, want fr or en", q.Text, q.Lang)
		}
		if q.Unanswerable {
			unanswerable++
			if len(q.Answers) > 0 {
				t.Errorf("question %q is unanswerable but lists answers", q.Text)
			}
			continue
		}
		if len(q.Answers) == 0 {
			t.Errorf("question %q has no answers", q.Text)
		}
		for _, a := range q.Answers {
			if !entryExists(b, a) {
				t.Errorf("question %q: no entry %q in the knowledge base", q.Text, a)
			}
		}
	}
	if answerable := len(qs) - unanswerable; answerable < minAnswerable || unanswerable < minUnanswerable {
		t.Errorf("%d answerable and %d unanswerable questions, want at least %d and %d",
			answerable, unanswerable, minAnswerable, minUnanswerable)
	}
	if diff := fr - en; diff > len(qs)/5 || diff < -len(qs)/5 {
		t.Errorf("%d French and %d English questions, want about half each", fr, en)
	}
}

func entryExists(b *Base, key string) bool {
	ix := b.search()
	for _, d := range ix.docs {
		if string(d.kind)+":"+d.id == key {
			return true
		}
	}
	return false
}

// TestQuestionEval measures Ask on the labelled questions: the right entry
// must be in the top 3 for at least 90% of answerable questions, and at
// most one unanswerable question may get a confident answer.
func TestQuestionEval(t *testing.T) {
	b, qs := loadEvalFile(t, evalFile)
	checkEval(t, b, qs)
}

// TestQuestionHeldOut holds the held-out questions to the same thresholds.
func TestQuestionHeldOut(t *testing.T) {
	b, qs := loadEvalFile(t, heldOutFile)
	checkEval(t, b, qs)
}

func checkEval(t *testing.T, b *Base, qs []evalQuestion) {
	t.Helper()
	s := evaluate(b, qs)
	t.Logf("top-1 %.1f%%, top-3 %.1f%% of %d answerable, %.1f%% answered confidently and rightly; honest \"I don't know\" %.1f%% of %d unanswerable",
		100*s.top1Rate(), 100*s.top3Rate(), s.answerable, 100*s.rate(s.confidentRight, s.answerable), 100*s.honestRate(), s.unanswerable)
	for _, m := range s.missed {
		t.Logf("missed: %s", m)
	}
	for _, w := range s.confidentWrong {
		t.Logf("confident and wrong: %s", w)
	}
	if s.top3Rate() < 0.9 {
		t.Errorf("top-3 accuracy %.1f%%, want at least 90%%", 100*s.top3Rate())
	}
	if s.confidentUnanswerable > 1 {
		t.Errorf("%d unanswerable questions got a confident answer, want at most 1", s.confidentUnanswerable)
	}
}

func BenchmarkQuestionEval(b *testing.B) {
	for _, name := range []string{evalFile, heldOutFile} {
		b.Run(strings.TrimSuffix(strings.TrimPrefix(name, "testdata/"), ".toml"), func(b *testing.B) {
			kb, qs := loadEvalFile(b, name)
			kb.search() // build the index outside the timing
			var s evalScore
			start := time.Now()
			for b.Loop() {
				s = evaluate(kb, qs)
			}
			per := time.Since(start) / time.Duration(max(b.N, 1)*len(qs))
			b.ReportMetric(100*s.top1Rate(), "top1%")
			b.ReportMetric(100*s.top3Rate(), "top3%")
			b.ReportMetric(100*s.honestRate(), "honest%")
			b.ReportMetric(100*s.rate(s.confidentRight, s.answerable), "sure-right%")
			b.ReportMetric(float64(per.Microseconds()), "µs/question")
		})
	}
}

func BenchmarkComplete(b *testing.B) {
	kb, err := Bundled()
	if err != nil {
		b.Fatal(err)
	}
	kb.search()
	for _, typed := range []string{"", "mont", "queb", "torotno", "service de police"} {
		b.Run(typed, func(b *testing.B) {
			for b.Loop() {
				kb.Complete(KindForce, typed, "fr", 25)
				kb.Complete(KindPlace, typed, "fr", 25)
			}
		})
	}
}

func BenchmarkCompleteQuestion(b *testing.B) {
	kb, err := Bundled()
	if err != nil {
		b.Fatal(err)
	}
	kb.search()
	for _, typed := range []string{"mont", "torotno pol", "combien d'appels le spvm en 20", "est-ce que la police de montr",
		"phone number of solidarity acr", "can the cops ask my status if i call 911 as a witn"} {
		b.Run(typed, func(b *testing.B) {
			for b.Loop() {
				kb.CompleteQuestion(typed, "fr", 25)
			}
		})
	}
}

func BenchmarkNewIndex(b *testing.B) {
	kb, err := Bundled()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		NewIndex(kb)
	}
}

// TestCompleteBundled checks autocomplete on the bundled knowledge.
func TestCompleteBundled(t *testing.T) {
	b, err := Bundled()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		kind      Kind
		typed     string
		wantFirst string
		wantAmong []string
	}{
		{kind: KindPlace, typed: "mont", wantFirst: "montreal"},
		{kind: KindPlace, typed: "Mtl", wantFirst: "montreal"},
		{kind: KindPlace, typed: "québ", wantFirst: "quebec-city"},
		{kind: KindPlace, typed: "queb", wantFirst: "quebec-city"},
		{kind: KindForce, typed: "québ", wantAmong: []string{"sq", "spvq"}},
		{kind: KindForce, typed: "queb", wantAmong: []string{"sq", "spvq"}},
		{kind: KindForce, typed: "spvm", wantFirst: "spvm"},
		{kind: KindForce, typed: "SPVM", wantFirst: "spvm"},
		{kind: KindForce, typed: "montreal", wantFirst: "spvm"},
		{kind: KindForce, typed: "grc", wantFirst: "rcmp-bc"},
		{kind: KindPlace, typed: "toront", wantFirst: "toronto"},
		{kind: KindPlace, typed: "torotno", wantFirst: "toronto"},
		{kind: KindPlace, typed: "vancuver", wantFirst: "vancouver"},
		{kind: KindTopic, typed: "avocat", wantFirst: "lawyer"},
		{kind: KindTopic, typed: "silence", wantFirst: "remain-silent"},
		{kind: KindTopic, typed: "ecole", wantFirst: "school-quebec"},
		{kind: KindOrg, typed: "fcj", wantFirst: "fcj-refugee-centre"},
		{kind: KindOrg, typed: "medecins", wantFirst: "medecins-du-monde"},
	}
	for _, tt := range tests {
		for _, lang := range []string{"fr", "en"} {
			t.Run(string(tt.kind)+"/"+tt.typed+"/"+lang, func(t *testing.T) {
				got := b.Complete(tt.kind, tt.typed, lang, 25)
				ids := make([]string, len(got))
				for i, m := range got {
					ids[i] = m.ID
					if m.Name == "" || utf8.RuneCountInString(m.Name) > maxChoiceName {
						t.Errorf("choice %+v: name empty or longer than %d", m, maxChoiceName)
					}
				}
				if tt.wantFirst != "" && (len(ids) == 0 || ids[0] != tt.wantFirst) {
					t.Errorf("Complete(%q) = %q, want %q first", tt.typed, ids, tt.wantFirst)
				}
				for _, w := range tt.wantAmong {
					if !slices.Contains(ids[:min(3, len(ids))], w) {
						t.Errorf("Complete(%q) = %q, want %q in the first three", tt.typed, ids, w)
					}
				}
			})
		}
	}
	for _, k := range kinds {
		if got := b.Complete(k, "", "fr", 25); len(got) == 0 || len(got) > 25 {
			t.Errorf("Complete(%s, empty) gave %d choices, want 1 to 25", k, len(got))
		}
	}
}

func TestSuggestBundled(t *testing.T) {
	b, err := Bundled()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		kind      Kind
		name      string
		wantFirst string
	}{
		{KindPlace, "Montral", "montreal"},
		{KindPlace, "Torono", "toronto"},
		{KindPlace, "Vancover", "vancouver"},
		{KindPlace, "quebec", "quebec-city"},
		{KindForce, "SPMV", "spvm"},
		{KindTopic, "avocats", "lawyer"},
		{KindPlace, "Calgary", ""},
		{KindPlace, "Paris", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := b.Suggest(tt.kind, tt.name, 3)
			if tt.wantFirst == "" {
				if len(got) > 0 {
					t.Errorf("Suggest(%q) = %q, want nothing", tt.name, got)
				}
				return
			}
			if len(got) == 0 || got[0] != tt.wantFirst {
				t.Errorf("Suggest(%q) = %q, want %q first", tt.name, got, tt.wantFirst)
			}
		})
	}
}

// BenchmarkAskLong measures a question as long as a Discord option allows,
// made of words the base does not know.
func BenchmarkAskLong(b *testing.B) {
	kb, err := Bundled()
	if err != nil {
		b.Fatal(err)
	}
	kb.search()
	q := strings.Repeat("qwertyuiop asdfghjkl zxcvbnm ", 6000/30)
	for b.Loop() {
		kb.Ask(q, 3)
		kb.CompleteQuestion(q, "fr", 25)
	}
}
