package knowledge

import (
	"strings"
	"testing"
)

func TestUnderstand(t *testing.T) {
	b, err := Bundled()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		text    string
		intent  Intent
		hits    string // keys of the first hits, joined by spaces
		year    int
		to      int
		measure Measure
		lang    string
	}{
		{"la police de mtl a appelé l'ASFC combien de fois en 2017 svp", AskFigure, "force:spvm", 2017, 2017, "", "fr"},
		{"police de Montréal appels ASFC 2016", AskFigure, "force:spvm", 2016, 2016, Calls, "fr"},
		{"status checks toronto police 2019 yo", AskFigure, "force:tps", 2019, 2019, StatusChecks, "en"},
		{"Surete du Quebec CBSA figures", AskFigure, "force:sq", 0, 0, "", ""},
		{"spvm cbsa calls from 2015 to 2017 went up?", AskTrend, "force:spvm", 2015, 2017, Calls, "en"},
		{"which police calls immigration the most", AskRanking, "force:spvm", 2017, 2017, Calls, "en"},
		{"SPVM vs Toronto police CBSA 2017", AskCompare, "force:spvm force:tps", 2017, 2017, "", ""},
		{"vancouver sanctuary city since when", AskPolicy, "place:vancouver", 0, 0, "", "en"},
		{"c quoi ca couvre la politique sans peur de montreal", AskCovers, "place:montreal", 0, 0, "", "fr"},
		{"IWC email pls", AskContact, "org:iwc", 0, 0, "", "en"},
		{"genre de l'aide à Toronto", AskHelp, "org:fcj-refugee-centre place:toronto", 0, 0, "", "fr"},
		{"la police de Toronto demande-t-elle le statut des témoins", AskPolice, "place:toronto", 0, 0, "", "fr"},
		{"if I call 911 as a witness will the cops check my status", AskEntry, "topic:police-cbsa", 0, 0, "", "en"},
		{"can the police check my status in their database", AskEntry, "topic:police-cbsa", 0, 0, "", "en"},
		{"les policiers peuvent tu checker mon statut dans leur ordinateur", AskEntry, "topic:police-cbsa", 0, 0, "", "fr"},
		// A person's rights in a situation: the situation (stopped,
		// arrested) is the setting, what is asked about it the subject;
		// "le droit de" only says that a right is asked about.
		{"la police m'a arrêté dans la rue, est-ce que je dois parler", AskEntry, "topic:remain-silent", 0, 0, "", "fr"},
		{"jai tu le droit de rien dire a la police", AskEntry, "topic:remain-silent", 0, 0, "", "fr"},
		{"do i have to tell police my name if they stop me on the street", AskEntry, "topic:identification", 0, 0, "", "en"},
		{"mon cousin est détenu par l'immigration, il a droit à une audience?", AskEntry, "topic:detention", 0, 0, "", "fr"},
		{"my wife got detained by immigration, will she see a judge", AskEntry, "topic:detention", 0, 0, "", "en"},
		{"si la police mararete est ce que jai droit a un avocat", AskEntry, "topic:lawyer", 0, 0, "", "fr"},
		// Where it happens ("at the airport") is not what is asked.
		{"the cbsa is detaining my friend at the airport can he have a lawyer", AskEntry, "topic:lawyer", 0, 0, "", "en"},
		{"mon chum est detenu a l'aeroport, y peut tu avoir un avocat", AskEntry, "topic:lawyer", 0, 0, "", "fr"},
		{"jsuis obligé de dire mon nom au flic?", AskEntry, "topic:identification", 0, 0, "", "fr"},
		{"jai manqué mon rdv avec lasfc quesse qui arrive", AskEntry, "topic:warrants", 0, 0, "", "fr"},
		// Pulled over is driving, where one must say who one is.
		{"the cops pulled me over, do i need to say who i am", AskEntry, "topic:identification", 0, 0, "", "en"},
		// Calling 911 is calling the police; "how fast" is a wait, not a
		// place; a kid is a "ptit"; questions the police ask about one's
		// status are about silence.
		{"jpeux tu appeler le 911 si jai pas de papiers", AskEntry, "topic:police-cbsa", 0, 0, "", "fr"},
		{"when cbsa detain someone how fast is the review", AskEntry, "topic:detention", 0, 0, "", "en"},
		{"mon ptit a pas de ramq, l'hopital va tu le soigner", AskEntry, "topic:health-quebec-children", 0, 0, "", "fr"},
		{"la police me pose des questions sur mon statut, je reponds tu", AskEntry, "topic:remain-silent", 0, 0, "", "fr"},
		// Beside a school, the papers asked for are the setting.
		{"Est-ce que l'école peut demander nos papiers?", AskEntry, "topic:school-quebec", 0, 0, "", "fr"},
		{"can the school ask for my papers", AskEntry, "topic:school-quebec", 0, 0, "", "en"},
		// "Les chiens m'ont arrêté": the police, in Québec slang.
		{"les chiens mont arrete hier jai tu droit a un avocat", AskEntry, "topic:lawyer", 0, 0, "", "fr"},
		// A word the base does not know, away from the subject, is neutral.
		{"how many times montreal cops called cbsa in 2015 bruh", AskFigure, "force:spvm", 2015, 2015, "", "en"},
		{"can asylum seekers get cheap daycare in quebec", AskEntry, "topic:daycare-quebec", 0, 0, "", "en"},
		// Where a person comes from is their story.
		{"ma fille est nee en haiti, elle peut avoir la ramq?", AskEntry, "topic:health-quebec-children", 0, 0, "", "fr"},
		// Plurals and verbs of the cues ("groupes", "aident").
		{"y'a tu des groupes qui aident les migrants à kitchener", AskHelp, "org:compass-refugee-centre place:kitchener", 0, 0, "", "fr"},
		// A place's police is its own force, not its transit police.
		{"Pouvez-vous me dire si la police de Vancouver partage des informations avec l'ASFC?", AskFigure, "force:vpd", 0, 0, "", "fr"},
		// "Which police" is a police word: the forces of the places named.
		{"which police made more status checks in 2021, montreal or toronto?", AskCompare, "force:spvm force:tps", 2021, 2021, StatusChecks, "en"},
		// Witnesses asked of a place's police: its practice, not its figures.
		{"la police de mtl elle appelle l'immigration pour les temoins", AskPolice, "place:montreal", 0, 0, "", "fr"},
		{"how many people are undocumented in canada", AskEntry, "topic:regularization", 0, 0, "", "en"},
		// A word cut short is the cue it begins; a victim of crime is a witness.
		{"polic in toronto they ask status to victim of crime?", AskPolice, "place:toronto", 0, 0, "", "en"},
		{"is it true montreal is sanctury city", AskPolicy, "place:montreal", 0, 0, "", "en"},
		// Which places have a policy.
		{"which city was the first sanctuary city in canada", AskPlaces, "topic:services-without-fear", 0, 0, "", "en"},
		{"quelles villes sont des villes sanctuaires au canada", AskPlaces, "topic:services-without-fear", 0, 0, "", "fr"},
		// A situation named ("l'école") wins over a topic found through looser words.
		{"est-ce que l'école peut demander notre statut", AskEntry, "topic:school-quebec", 0, 0, "", "fr"},
	} {
		t.Run(tc.text, func(t *testing.T) {
			u := b.Understand(tc.text)
			if !u.Sure {
				t.Fatalf("not sure: %+v", u)
			}
			var keys []string
			for _, h := range u.Hits {
				keys = append(keys, h.Key())
			}
			want := strings.Fields(tc.hits)
			if len(keys) < len(want) || strings.Join(keys[:len(want)], " ") != tc.hits {
				t.Errorf("got hits %q, want %q first", keys, tc.hits)
			}
			if u.Intent != tc.intent || u.Year != tc.year || u.To != tc.to || u.Measure != tc.measure {
				t.Errorf("got %s %d–%d %q, want %s %d–%d %q", u.Intent, u.Year, u.To, u.Measure, tc.intent, tc.year, tc.to, tc.measure)
			}
			if tc.lang != "" && u.Lang != tc.lang {
				t.Errorf("got language %q, want %q", u.Lang, tc.lang)
			}
			back, ok := b.Understood(u.Key())
			if !ok || back.Key() != u.Key() || !back.Sure {
				t.Errorf("key %q read back as %+v, %v", u.Key(), back, ok)
			}
		})
	}
}

// TestUnderstandNotSure: questions the base cannot answer, however many of
// their words it knows.
func TestUnderstandNotSure(t *testing.T) {
	b, err := Bundled()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		text      string
		elsewhere bool
	}{
		{"is Kelowna a sanctuary city", true},
		{"la police de Sherbrooke appelle l'ASFC combien de fois", true},
		{"RCMP in Manitoba CBSA calls 2017", false},
		{"how many people live in Toronto", false},
		{"what time is it in Vancouver", false},
		{"combien de policiers à la SQ", false},
		{"recette de tourtière", false},
		{"quelles sont mes chances que ma demande d'asile soit acceptée", false},
		{"how do I get a work permit", false},
		{"combien de temps pour avoir ma residence permanente", false},
		{"what's the processing time for my refugee claim", false},
		{"delai pour mon dossier svp", false},
		// Where something happens is dropped only when a right is asked
		// about it.
		{"is there a cbsa office at the airport", false},
		{"les agents de l'asfc sont tu armés a l'aeroport", false},
		// A thing of one's own the topic does not speak of is what is asked.
		{"can police take my phone when they stop me", false},
		{"can cbsa come in my house without a warrant", false},
		// A price is what is asked, not a typo; dogs are dogs.
		{"combien ca coute un avocat en immigration", false},
		{"est-ce que les chiens sont acceptés dans les refuges", false},
		// Getting a licence is a procedure, not identifying yourself.
		{"est ce que je peux avoir un permis de conduire sans statut", false},
		// An unknown word where a place stands, or beside a place or a
		// province, is the place asked about.
		// A thing ranked or described after an article is the thing asked
		// about, even where a place only the text of a topic names follows.
		{"Quel est le meilleur restaurant de Laval ?", false},
		{"the best bar in Laval", false},
		{"c'est quoi le meilleur dentiste à Laval", false},
		{"c quoi le meilleur resto a laval", false},
		{"is london england a sanctuary city", false},
		{"victoria bc sanctuary city?", false},
		{"spvm salary 2017", false},
		// Two things it does not know: who threatens, and with what.
		{"mon proprietaire menace d'appeler l'immigration", false},
		// The thing asked about is a word the base does not know.
		{"how many parking tickets did montreal police give in 2017", false},
		{"can i bring my dog to the detention centre in laval", false},
		{"est-ce que toronto est une ville sanctuaire pour les chiens", false},
		// Sanctuary cities elsewhere.
		{"sanctuary cities in the usa list", false},
		{"which us cities are sanctuary cities", false},
		{"villes sanctuaires aux etats-unis", false},
	} {
		t.Run(tc.text, func(t *testing.T) {
			u := b.Understand(tc.text)
			if u.Sure {
				t.Errorf("got a sure %s answer %v, want none", u.Intent, u.Hits)
			}
			if u.Elsewhere != tc.elsewhere {
				t.Errorf("got elsewhere %v, want %v", u.Elsewhere, tc.elsewhere)
			}
		})
	}
}

// TestChatWordsNeutral: filler words around a clear question change nothing.
func TestChatWordsNeutral(t *testing.T) {
	b, err := Bundled()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ plain, chat string }{
		{"email of the Immigrant Workers Centre", "yo actually email of the Immigrant Workers Centre pls"},
		{"la police peut-elle appeler l'ASFC", "svp genre finalement la police peut-elle appeler l'ASFC"},
		{"can police ask my status", "hi, pouvez-vous me dire, can police ask my status, j'habite à Laval"},
	} {
		t.Run(tc.chat, func(t *testing.T) {
			p, c := b.Understand(tc.plain), b.Understand(tc.chat)
			if !p.Sure || !c.Sure || p.Hits[0] != c.Hits[0] {
				t.Errorf("plain: %v %v; chat: %v %v", p.Sure, p.Hits, c.Sure, c.Hits)
			}
		})
	}
}

func TestUnderstoodRefuses(t *testing.T) {
	b, err := Bundled()
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{
		"", "topic:remain-silent", "q:entry:topic/no-such:0-0:", "q:nonsense:topic/remain-silent:0-0:",
		"q:figure:force/spvm:2017-2017:bananas", "q:figure:force/spvm:x-2017:", "q:figure::0-0:",
		"q:compare:force/spvm,force/tps,force/sq,force/opp:0-0:", "q:figure:force/spvm:99999-0:",
	} {
		if u, ok := b.Understood(key); ok {
			t.Errorf("key %q read as %+v", key, u)
		}
	}
}

// BenchmarkUnderstand reads every question of the labelled sets, the chat
// set included (timed, never tuned on).
func BenchmarkUnderstand(b *testing.B) {
	kb, err := Bundled()
	if err != nil {
		b.Fatal(err)
	}
	kb.search()
	var texts []string
	for _, f := range []string{evalFile, heldOutFile, "testdata/questions_chat.toml", "testdata/questions_tune.toml"} {
		_, qs := loadEvalFile(b, f)
		for _, q := range qs {
			texts = append(texts, q.Text)
		}
	}
	b.ResetTimer()
	for b.Loop() {
		for _, t := range texts {
			kb.Understand(t)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(texts)), "µs/question")
}

func TestUnderstandElsewhere(t *testing.T) {
	b, err := Bundled()
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{"is Los Angeles a sanctuary city", "est-ce que Lyon est une ville sanctuaire"} {
		if u := b.Understand(text); !u.Elsewhere || u.Sure {
			t.Errorf("%q: got %+v, want a place the base does not cover", text, u)
		}
	}
	if u := b.Understand("is Toronto a sanctuary city"); u.Elsewhere || !u.Sure {
		t.Errorf("Toronto: got %+v, want its policy", u)
	}
}

func TestMistyped(t *testing.T) {
	for _, tc := range []struct {
		word string
		want bool
	}{
		{"hapen", true},    // happen
		{"becuse", true},   // because
		{"pleese", true},   // please
		{"tattoo", false},  // no common word near
		{"bitcoin", false}, // no common word near
		{"yo", false},      // too short to judge
	} {
		if got := mistyped(tc.word); got != tc.want {
			t.Errorf("mistyped(%q) = %v, want %v", tc.word, got, tc.want)
		}
	}
}

// TestUnderstandNear: not sure, but one entry stands well above the others
// despite a word the base does not know: it is offered ("did you mean").
func TestUnderstandNear(t *testing.T) {
	b, err := Bundled()
	if err != nil {
		t.Fatal(err)
	}
	u := b.Understand("is london england a sanctuary city")
	if u.Sure || !u.Near || len(u.Hits) == 0 || u.Hits[0].Key() != "place:london" {
		t.Errorf("got sure %v, near %v, hits %v; want London offered, not answered", u.Sure, u.Near, u.Hits)
	}
	u = b.Understand("what's the weather in vancouver tomorrow")
	if u.Sure || u.Near {
		t.Errorf("got sure %v, near %v, hits %v; want nothing offered", u.Sure, u.Near, u.Hits)
	}
}
