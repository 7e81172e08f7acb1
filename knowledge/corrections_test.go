package knowledge

import (
	"slices"
	"strings"
	"testing"
)

// The corrections of the December 2026 review: each wrong or outdated claim
// is gone, in both languages, and the corrected one is there with its
// source. A later edit that brings an old claim back, or drops a new one,
// fails here.

// placeText is everything a place's answer says in lang.
func placeText(p Place, lang string) string {
	parts := []string{p.Name.In(lang), p.PolicyName.In(lang), p.Summary.In(lang), p.Covers.In(lang),
		p.Excludes.In(lang), p.Police.In(lang)}
	for _, e := range p.Events {
		parts = append(parts, claimText(e.Claim, lang))
	}
	for _, n := range p.Notes {
		parts = append(parts, claimText(n, lang))
	}
	return strings.Join(parts, "\n")
}

func claimText(c Claim, lang string) string { return c.Text.In(lang) + " " + c.Caveat.In(lang) }

func topicText(tp Topic, lang string) string {
	parts := []string{tp.Title.In(lang), tp.Short.In(lang)}
	for _, d := range tp.Details {
		parts = append(parts, claimText(d, lang))
	}
	return strings.Join(parts, "\n")
}

func forceText(f Force, lang string) string {
	var parts []string
	for _, n := range f.Notes {
		parts = append(parts, claimText(n, lang))
	}
	return strings.Join(parts, "\n")
}

// says checks that text holds every wanted phrase and none of the gone ones.
func says(t *testing.T, what, text string, want, gone []string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("%s: missing %q", what, w)
		}
	}
	for _, g := range gone {
		if strings.Contains(text, g) {
			t.Errorf("%s: still says %q", what, g)
		}
	}
}

// cites checks that an entry names source id and that the source exists.
func cites(t *testing.T, b *Base, what string, ids []string, id string) {
	t.Helper()
	if !slices.Contains(ids, id) {
		t.Errorf("%s: sources %v, want %q among them", what, ids, id)
	}
	if _, ok := b.Source(id); !ok {
		t.Errorf("%s: source %q does not exist", what, id)
	}
}

// must returns what a lookup found, and stops the test when it found nothing.
func must[T any](t *testing.T, what string, v T, ok bool) T {
	t.Helper()
	if !ok {
		t.Fatalf("%s missing", what)
	}
	return v
}

func mustPlace(t *testing.T, b *Base, id string) Place {
	t.Helper()
	v, ok := b.Place(id)
	return must(t, "place "+id, v, ok)
}

func mustTopic(t *testing.T, b *Base, id string) Topic {
	t.Helper()
	v, ok := b.Topic(id)
	return must(t, "topic "+id, v, ok)
}

func mustForce(t *testing.T, b *Base, id string) Force {
	t.Helper()
	v, ok := b.Force(id)
	return must(t, "force "+id, v, ok)
}

// placeCase is one corrected place: its status, adoption date, and what its
// text must and must no longer say in each language.
type placeCase struct {
	id               string
	status           Status
	adopted          string
	source           string
	wantEN, goneEN   []string
	wantFR, goneFR   []string
	eventOn, eventBy string // an event on this date, citing this source
}

func TestCorrectedPlaces(t *testing.T) {
	b := bundledBase(t)
	for _, tc := range []placeCase{
		{
			id: "london", status: Adopted, adopted: "2018-06-25", source: "london-free-of-fear",
			wantEN:  []string{"Free of Fear Services for All Policy", "25 June 2018", "CBSA, IRCC or the police", "CPOL.-275-266"},
			goneEN:  []string{"do not take London to be a sanctuary city", "No final adoption was found", "ever adopted a final policy"},
			wantFR:  []string{"Free of Fear Services for All Policy", "25 juin 2018", "CPOL.-275-266"},
			goneFR:  []string{"ne tenez pas London", "Aucune adoption définitive", "fini par adopter"},
			eventOn: "2018-06-25", eventBy: "london-free-of-fear",
		},
		{
			id: "vancouver", status: Adopted, adopted: "2016-04-06", source: "star-vpb-2018",
			wantEN:  []string{"approved", "19 July 2018", "VPD guidelines on police requests related to immigration status"},
			goneEN:  []string{"final approval was not confirmed", "Final approval of the guidelines by the police board was not confirmed"},
			wantFR:  []string{"a approuvé le 19 juillet 2018", "VPD guidelines on police requests related to immigration status"},
			goneFR:  []string{"n’a pas été confirmée"},
			eventOn: "2018-07-19", eventBy: "star-vpb-2018",
		},
		{
			id: "regina", status: NotAdopted, source: "prairiedog-2017",
			wantEN:  []string{"31 July 2017", "referred", "14 delegations", "provincial and federal governments"},
			goneEN:  []string{"The outcome was not found", "being discussed"},
			wantFR:  []string{"31 juillet 2017", "renvoyé", "14 délégations"},
			goneFR:  []string{"L’issue n’a pas été trouvée"},
			eventOn: "2017-07-31", eventBy: "prairiedog-2017",
		},
		{
			id: "saskatoon", status: NotAdopted, source: "starphoenix-saskatoon",
			wantEN: []string{"no sanctuary or access-without-fear policy", "no action followed"},
			goneEN: []string{"The outcome was not found", "2SLGBTQ", "2025"},
			wantFR: []string{"aucune mesure"},
			goneFR: []string{"L’issue n’a pas été trouvée", "2ELGBTQ", "2SLGBTQ", "2025"},
		},
		{
			id: "winnipeg", status: NotConfirmed, source: "metro-winnipeg-2017",
			wantEN:  []string{"Brian Bowman", "open to the idea"},
			goneEN:  []string{"being discussed in Winnipeg"},
			wantFR:  []string{"Brian Bowman", "ouvert à l’idée"},
			goneFR:  []string{"était alors discuté à Winnipeg"},
			eventOn: "2017-02-02", eventBy: "metro-winnipeg-2017",
		},
		{
			id: "montreal", status: Adopted, adopted: "2017-02-20", source: "ctv-spvm-2020",
			wantEN: []string{"no longer be allowed to call border agents", "wanted on a warrant"},
			goneEN: []string{"The text and exact date of those directives were not found"},
			wantFR: []string{"ne pourraient plus appeler les agents frontaliers", "visée par un mandat"},
			goneFR: []string{"Le texte et la date exacte de ces directives"},
		},
		{
			id: "toronto", status: Adopted, adopted: "2013-02", source: "cp-toronto-2006",
			wantEN:  []string{"February according to the Canadian Press", "May according to the Toronto Star"},
			goneEN:  []string{"in May 2006"},
			wantFR:  []string{"en février selon La Presse Canadienne", "en mai selon le Toronto Star"},
			goneFR:  []string{"en mai 2006"},
			eventOn: "2006", eventBy: "cp-toronto-2006",
		},
		{
			id: "ottawa", status: NotAdopted, source: "capitalcurrent-ottawa-2017",
			wantEN:  []string{"Community and Protective Services Committee", "ask the CBSA for help"},
			wantFR:  []string{"Comité des services communautaires et de protection", "demander l’aide de l’ASFC"},
			eventOn: "2017-03-30", eventBy: "capitalcurrent-ottawa-2017",
		},
	} {
		t.Run(tc.id, func(t *testing.T) {
			p := mustPlace(t, b, tc.id)
			if p.Status != tc.status {
				t.Errorf("status: got %q, want %q", p.Status, tc.status)
			}
			if got := p.Adopted.String(); got != tc.adopted {
				t.Errorf("adopted: got %q, want %q", got, tc.adopted)
			}
			cites(t, b, "place "+tc.id, p.Sources, tc.source)
			says(t, tc.id+" (en)", placeText(p, "en"), tc.wantEN, tc.goneEN)
			says(t, tc.id+" (fr)", placeText(p, "fr"), tc.wantFR, tc.goneFR)
			if tc.eventOn == "" {
				return
			}
			i := slices.IndexFunc(p.Events, func(e Event) bool { return e.Date.String() == tc.eventOn })
			if i < 0 {
				t.Fatalf("no event on %s", tc.eventOn)
			}
			cites(t, b, "event "+tc.eventOn, p.Events[i].Sources, tc.eventBy)
		})
	}
}

// TestTorontoMonthUncertain: the 2006 "don't ask" policy is dated to the
// year, with the two months the sources give as a caveat.
func TestTorontoMonthUncertain(t *testing.T) {
	p := mustPlace(t, bundledBase(t), "toronto")
	for _, e := range p.Events {
		if e.Date.String() == "2006-05" {
			t.Errorf("an event is still dated May 2006: %q", e.Text.EN)
		}
		if e.Date.String() == "2006" {
			if !e.Uncertain || !strings.Contains(e.Caveat.EN, "February") || !strings.Contains(e.Caveat.FR, "février") {
				t.Errorf("2006 event: uncertain %v, caveat %q / %q; want both months said in both languages", e.Uncertain, e.Caveat.EN, e.Caveat.FR)
			}
		}
	}
}

func TestCorrectedForces(t *testing.T) {
	b := bundledBase(t)
	spvm := mustForce(t, b, "spvm")
	says(t, "spvm (en)", forceText(spvm, "en"),
		[]string{"no longer be allowed to call border agents", "Rosannie Filato", "No count of SPVM contacts with the CBSA after 2023"},
		[]string{"The exact text and date of the SPVM directive were not found"})
	says(t, "spvm (fr)", forceText(spvm, "fr"),
		[]string{"ne pourraient plus appeler les agents frontaliers", "Aucun décompte"},
		[]string{"Le texte exact et la date de la directive"})
	tps := mustForce(t, b, "tps")
	says(t, "tps (en)", forceText(tps, "en"), []string{"more often than the SPVM in 2023"}, nil)
	says(t, "tps (fr)", forceText(tps, "fr"), []string{"plus souvent que le SPVM en 2023"}, nil)

	// La Converse's 2023 figures stay apart, with a caveat that says what
	// the source does claim.
	for _, force := range []string{"tps", "vpd"} {
		i := slices.IndexFunc(b.Stats, func(s Stat) bool { return s.Force == force && s.Year == 2023 })
		if i < 0 {
			t.Fatalf("%s 2023: missing", force)
		}
		s := b.Stats[i]
		if !s.NotComparable || s.Source != "laconverse-2024" {
			t.Errorf("%s 2023: not_comparable %v, source %q; want kept apart, from La Converse", force, s.NotComparable, s.Source)
		}
		says(t, force+" 2023 caveat", s.Caveat.EN+"\n"+s.Caveat.FR,
			[]string{"La Converse gives it beside", "La Converse le donne"},
			[]string{"the source does not say what this figure counts"})
	}
}

func TestCorrectedTopics(t *testing.T) {
	b := bundledBase(t)
	ec := mustTopic(t, b, "emergency-care-ontario")
	cites(t, b, "emergency-care-ontario", ec.Sources, "cp24-uninsured-2023")
	says(t, "emergency care (en)", topicText(ec, "en"),
		[]string{"life-threatening emergency", "31 March 2023", "1 April 2023", "75 Community Health Centres"},
		[]string{"This is an advocacy group’s statement, not an official rule"})
	says(t, "emergency care (fr)", topicText(ec, "fr"),
		[]string{"urgence vitale", "31 mars 2023", "1er avril 2023", "75 centres de santé communautaires"},
		[]string{"C’est la position d’un organisme de défense, et non une règle officielle"})

	det := mustTopic(t, b, "detention")
	cites(t, b, "detention", det.Sources, "ctv-edmonton-detention-2023")
	says(t, "detention (en)", topicText(det, "en"), []string{"Toronto, Laval and Surrey", "every province"}, nil)
	says(t, "detention (fr)", topicText(det, "fr"), []string{"Toronto, à Laval et à Surrey", "toutes les provinces"}, nil)
	// The 2014 list stays only as history, beside the current one.
	if s := det.Short.EN; strings.Contains(s, "Vancouver") {
		t.Errorf("detention short answer names Vancouver: %q", s)
	}

	prov := mustTopic(t, b, "detention-provinces")
	cites(t, b, "detention-provinces", prov.Sources, "cbc-nl-2024")
	says(t, "provinces (en)", topicText(prov, "en"),
		[]string{"all ten provinces", "31 March 2025", "8 August 2023", "31 July 2024", "30 September 2023"}, nil)
	says(t, "provinces (fr)", topicText(prov, "fr"),
		[]string{"les dix provinces", "31 mars 2025", "8 août 2023", "31 juillet 2024", "30 septembre 2023"}, nil)
}

func TestCorrectedSourcesAndContacts(t *testing.T) {
	b := bundledBase(t)
	s, ok := b.Source("refuge-2022")
	if !ok || s.Published.String() != "2022-09-28" {
		t.Errorf("refuge-2022 published: got %q, want 2022-09-28", s.Published)
	}
	o, ok := b.Org("solidarity-across-borders")
	if !ok || o.Contact == nil {
		t.Fatal("Solidarity Across Borders or its contact missing")
	}
	if !strings.Contains(o.Contact.Text, "514-809-0773") || o.Contact.AsOf.String() != "2020" {
		t.Errorf("contact: got %q as of %s, want the 2020 number as of 2020", o.Contact.Text, o.Contact.AsOf)
	}
	if strings.Contains(o.Contact.Text, "438-933-7654") {
		t.Errorf("contact still gives the 2015 number: %q", o.Contact.Text)
	}
	if !o.Contact.Uncertain || !strings.Contains(o.Contact.Caveat.EN, "2020") || !strings.Contains(o.Contact.Caveat.FR, "2020") {
		t.Errorf("contact caveat: %+v; want it to say the details date from 2020, in both languages", o.Contact.Caveat)
	}
}
