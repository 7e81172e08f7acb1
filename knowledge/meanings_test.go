package knowledge

import (
	"strings"
	"testing"
	"testing/fstest"
)

// Saskatoon's 2025 declaration uses the words "sanctuary city" for
// 2SLGBTQQIA+ people. It must never reach a member as an immigration
// policy: no search, question, autocomplete, ranking or list of places
// holds it, and Saskatoon stays "not adopted".
func TestOtherMeaningKeptApart(t *testing.T) {
	b := bundledBase(t)
	others := b.OtherMeanings("saskatoon")
	if len(others) != 1 || others[0].Date.String() != "2025-03-26" {
		t.Fatalf("Saskatoon's other meanings: got %+v, want the declaration of 26 March 2025", others)
	}
	m := others[0]
	for _, want := range []string{"not immigration status", "not an immigration sanctuary policy"} {
		if !strings.Contains(m.Text.EN, want) {
			t.Errorf("English text %q: missing %q", m.Text.EN, want)
		}
	}
	if !strings.Contains(m.Text.FR, "et non le statut d’immigration") {
		t.Errorf("French text %q: does not say it is not about immigration status", m.Text.FR)
	}

	p := mustPlace(t, b, "saskatoon")
	if p.Status == Adopted || !p.Adopted.IsZero() {
		t.Errorf("Saskatoon: status %q adopted %q, want no adoption", p.Status, p.Adopted)
	}

	// Nothing the search knows comes from the declaration.
	ix := b.search()
	for _, w := range []string{"2slgbtqqia", "2elgbtqqia", "jasmin"} {
		for _, tm := range ix.analyze(w, false) {
			if ix.df[tm.text] > 0 {
				t.Errorf("the index holds %q (from %q): the declaration was indexed", tm.text, w)
			}
		}
	}
	for _, d := range ix.docs {
		if d.id == m.ID {
			t.Errorf("the index holds an entry %s:%s", d.kind, d.id)
		}
	}

	// Questions about it find no adopted policy in Saskatoon.
	for _, q := range []string{
		"Saskatoon 2SLGBTQQIA+ sanctuary city",
		"is saskatoon a sanctuary city",
		"Saskatoon ville sanctuaire 2025",
		"ville sanctuaire LGBTQ Saskatoon Jasmin Parker",
	} {
		for _, h := range b.Ask(q, 5) {
			if h.Kind != KindPlace {
				continue
			}
			if pl, _ := b.Place(h.ID); pl.ID == "saskatoon" && pl.Status == Adopted {
				t.Errorf("Ask(%q) presents Saskatoon as adopted", q)
			}
		}
	}
	for _, match := range b.Complete(KindPlace, "sask", "en", 10) {
		if strings.Contains(strings.ToLower(match.Name), "lgbt") || match.ID == m.ID {
			t.Errorf("autocomplete offers %+v", match)
		}
	}
	for _, pl := range b.Places {
		if strings.Contains(placeText(pl, "en"), "2SLGBTQ") || strings.Contains(placeText(pl, "fr"), "2ELGBTQ") {
			t.Errorf("place %q speaks of the 2SLGBTQQIA+ declaration", pl.ID)
		}
	}
}

func TestOtherMeaningsValidated(t *testing.T) {
	files := mapFS(validFiles)
	files[MeaningsFile] = &fstest.MapFile{Data: []byte(`[[other_meaning]]
id = "x"
place = "nowhere"
sources = ["no-such-source"]
[other_meaning.text]
en = "Something."
`)}
	_, err := Load(files)
	if err == nil {
		t.Fatal("Load accepted an other meaning with no date, an unknown place and source, and no French")
	}
	for _, want := range []string{"other_meaning \"x\"", "place", "date", "no-such-source", "text.fr"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q: missing %q", err, want)
		}
	}
	delete(files, MeaningsFile)
	b, err := Load(files)
	if err != nil {
		t.Fatalf("Load without %s: %v", MeaningsFile, err)
	}
	if len(b.Others) != 0 {
		t.Errorf("others: got %d, want none", len(b.Others))
	}
}
