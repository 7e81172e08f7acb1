package knowledge

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
)

func bundledBase(tb testing.TB) *Base {
	tb.Helper()
	b, err := Bundled()
	if err != nil {
		tb.Fatalf("Bundled: %v", err)
	}
	return b
}

func TestBundledCounts(t *testing.T) {
	b := bundledBase(t)
	for _, tt := range []struct {
		kind     string
		got, min int
	}{
		{"sources", len(b.Sources), 80},
		{"places", len(b.Places), 9},
		{"forces", len(b.Forces), 11},
		{"stats", len(b.Stats), 26},
		{"orgs", len(b.Orgs), 20},
		{"topics", len(b.Topics), 10},
	} {
		if tt.got < tt.min {
			t.Errorf("%s: got %d, want at least %d", tt.kind, tt.got, tt.min)
		}
	}
}

// TestSeedFigures pins every figure of the founding article and the later
// series: a change to any of them must be deliberate.
func TestSeedFigures(t *testing.T) {
	b := bundledBase(t)
	tests := []struct {
		force     string
		year      int
		measure   Measure
		count     int
		source    string
		uncertain bool
	}{
		{"spvm", 2015, Calls, 2632, "huffpost-en-2018", false},
		{"spvm", 2016, Calls, 2872, "huffpost-en-2018", false},
		{"spvm", 2017, Calls, 3608, "huffpost-en-2018", false},
		{"tps", 2016, Calls, 5146, "huffpost-en-2018", false},
		{"tps", 2017, Calls, 3542, "huffpost-en-2018", false},
		{"peel", 2017, Calls, 924, "huffpost-en-2018", true},
		{"york", 2017, Calls, 517, "huffpost-en-2018", true},
		{"sq", 2017, Calls, 345, "huffpost-en-2018", true},
		{"opp", 2017, Calls, 323, "huffpost-en-2018", true},
		{"spvq", 2017, Calls, 244, "huffpost-en-2018", true},
		{"other", 2017, Calls, 2592, "huffpost-en-2018", true},
		{"ottawa", 2017, Calls, 87, "huffpost-qc-spvm-2018", true},
		{"spvm", 2023, Calls, 1061, "laconverse-2024", false},
		{"tps", 2023, Calls, 1330, "laconverse-2024", false},
		{"vpd", 2023, Calls, 552, "laconverse-2024", false},
		{"spvm", 2018, StatusChecks, 3010, "huffpost-qc-2019", false},
		{"tps", 2018, StatusChecks, 2731, "huffpost-qc-2019", false},
		{"vpd", 2018, StatusChecks, 398, "huffpost-qc-2019", false},
		{"ottawa", 2018, StatusChecks, 75, "huffpost-qc-2019", false},
		{"spvm", 2019, StatusChecks, 3135, "metro-2021", false},
		{"tps", 2019, StatusChecks, 2751, "metro-2021", false},
		{"spvm", 2020, StatusChecks, 2015, "metro-2021", false},
		{"tps", 2020, StatusChecks, 1677, "metro-2021", false},
		{"spvm", 2021, StatusChecks, 945, "metro-2022", false},
		{"tps", 2021, StatusChecks, 2709, "metro-2022", false},
		{"rcmp-bc", 2021, StatusChecks, 1250, "metro-2022", false},
	}
	if got, want := len(b.Stats), len(tests); got != want {
		t.Errorf("got %d stats, want %d", got, want)
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s %s %d", tt.force, tt.measure, tt.year), func(t *testing.T) {
			i := slices.IndexFunc(b.Stats, func(s Stat) bool {
				return s.Force == tt.force && s.Year == tt.year && s.Measure == tt.measure
			})
			if i < 0 {
				t.Fatal("missing")
			}
			s := b.Stats[i]
			if s.Count != tt.count {
				t.Errorf("count: got %d, want %d", s.Count, tt.count)
			}
			if s.Source != tt.source {
				t.Errorf("source: got %q, want %q", s.Source, tt.source)
			}
			if s.Uncertain != tt.uncertain {
				t.Errorf("uncertain: got %v, want %v", s.Uncertain, tt.uncertain)
			}
		})
	}
}

func TestSeedSumsAndChanges(t *testing.T) {
	b := bundledBase(t)
	sum := 0
	for _, s := range b.Ranking(2017, Calls) {
		if s.Source == "huffpost-en-2018" {
			sum += s.Count
		}
	}
	if sum != 12095 {
		t.Errorf("2017 calls of the forces listed by HuffPost: got %d, want 12095", sum)
	}
	if top := b.Ranking(2017, Calls)[0]; top.Force != "spvm" {
		t.Errorf("2017 highest: got %q, want spvm", top.Force)
	}

	change := func(force string, from, to int) float64 {
		var a, z int
		for _, s := range b.Series(force, Calls) {
			switch s.Year {
			case from:
				a = s.Count
			case to:
				z = s.Count
			}
		}
		return math.Round((float64(z)-float64(a))/float64(a)*1000) / 10
	}
	for _, tt := range []struct {
		force    string
		from, to int
		want     float64
	}{
		{"spvm", 2015, 2016, 9.1},
		{"spvm", 2016, 2017, 25.6},
		{"spvm", 2015, 2017, 37.1},
		{"tps", 2016, 2017, -31.2},
	} {
		if got := change(tt.force, tt.from, tt.to); got != tt.want {
			t.Errorf("%s %d→%d: got %+.1f%%, want %+.1f%%", tt.force, tt.from, tt.to, got, tt.want)
		}
	}
}

// TestUncertainHaveCaveats walks every fact that can be uncertain: the
// validator enforces this, and the test keeps the bundled data honest even
// if a rule is loosened.
func TestUncertainHaveCaveats(t *testing.T) {
	b := bundledBase(t)
	check := func(where string, uncertain bool, caveat Text) {
		if uncertain && (strings.TrimSpace(caveat.EN) == "" || strings.TrimSpace(caveat.FR) == "") {
			t.Errorf("%s: uncertain without a caveat in both languages", where)
		}
	}
	claims := func(where string, cs []Claim) {
		for i, c := range cs {
			check(fmt.Sprintf("%s[%d]", where, i), c.Uncertain, c.Caveat)
		}
	}
	n := 0
	for _, p := range b.Places {
		for i, e := range p.Events {
			check(fmt.Sprintf("place %s events[%d]", p.ID, i), e.Uncertain, e.Caveat)
			if e.Uncertain {
				n++
			}
		}
		claims("place "+p.ID+" notes", p.Notes)
	}
	for _, f := range b.Forces {
		claims("force "+f.ID+" notes", f.Notes)
	}
	for _, s := range b.Stats {
		check(fmt.Sprintf("stat %s %d %s", s.Force, s.Year, s.Measure), s.Uncertain, s.Caveat)
	}
	for _, o := range b.Orgs {
		check("org "+o.ID, o.Uncertain, o.Caveat)
		if o.Contact != nil {
			check("org "+o.ID+" contact", o.Contact.Uncertain, o.Contact.Caveat)
		}
	}
	for _, tp := range b.Topics {
		claims("topic "+tp.ID, tp.Details)
	}
	if n == 0 {
		t.Error("no uncertain event found: the Toronto 2013 vote date is uncertain")
	}
}

// TestHonestStatuses pins what the sources allow us to say about each place.
func TestHonestStatuses(t *testing.T) {
	b := bundledBase(t)
	tests := []struct {
		place   string
		status  Status
		adopted string
	}{
		{"montreal", Adopted, "2017-02-20"},
		{"toronto", Adopted, "2013-02"},
		{"hamilton", Adopted, "2014-02-12"},
		{"london", Adopted, "2018-06-25"},
		{"vancouver", Adopted, "2016-04-06"},
		{"ajax", Adopted, "2017-06-26"},
		{"edmonton", Adopted, "2018-09"},
		{"ottawa", NotAdopted, ""},
		{"quebec-city", NotConfirmed, ""},
	}
	for _, tt := range tests {
		t.Run(tt.place, func(t *testing.T) {
			p, ok := b.Place(tt.place)
			if !ok {
				t.Fatal("missing")
			}
			if p.Status != tt.status {
				t.Errorf("status: got %q, want %q", p.Status, tt.status)
			}
			if got := p.Adopted.String(); got != tt.adopted {
				t.Errorf("adopted: got %q, want %q", got, tt.adopted)
			}
		})
	}
}

func TestMontrealEvents(t *testing.T) {
	b := bundledBase(t)
	p, _ := b.Place("montreal")
	var got []string
	for _, e := range p.Events {
		got = append(got, e.Date.String())
	}
	want := []string{"2017-02-20", "2018-12", "2019-06-05", "2019", "2021-02", "2021", "2023-01"}
	if !slices.Equal(got, want) {
		t.Errorf("event dates: got %q, want %q", got, want)
	}
	if !strings.Contains(p.Excludes.EN, "SPVM") || !strings.Contains(p.Excludes.FR, "SPVM") {
		t.Errorf("excludes: got %q / %q, want the SPVM named", p.Excludes.EN, p.Excludes.FR)
	}
	if got, want := p.PolicyName.FR, "Politique d’accès aux services municipaux sans peur"; got != want {
		t.Errorf("policy name: got %q, want %q", got, want)
	}
}

// TestDisagreementsCiteBothSides checks the notes where the founding article
// and later sources differ name both.
func TestDisagreementsCiteBothSides(t *testing.T) {
	b := bundledBase(t)
	tests := []struct {
		place, word string
		sources     []string
	}{
		{"toronto", "don’t tell", []string{"huffpost-en-2018", "star-2008"}},
		{"montreal", "Bill 144", []string{"huffpost-en-2018", "collectif-education-2018"}},
		{"quebec-city", "Bill 144", []string{"huffpost-en-2018", "collectif-education-2018"}},
	}
	for _, tt := range tests {
		t.Run(tt.place, func(t *testing.T) {
			p, _ := b.Place(tt.place)
			i := slices.IndexFunc(p.Notes, func(c Claim) bool { return strings.Contains(c.Text.EN, tt.word) })
			if i < 0 {
				t.Fatalf("no note mentions %q", tt.word)
			}
			for _, s := range tt.sources {
				if !slices.Contains(p.Notes[i].Sources, s) {
					t.Errorf("note %q: sources %q lack %q", p.Notes[i].Text.EN, p.Notes[i].Sources, s)
				}
			}
		})
	}
}

func TestEverySourceCited(t *testing.T) {
	b := bundledBase(t)
	cited := map[string]bool{}
	cite := func(ids ...string) {
		for _, id := range ids {
			cited[id] = true
		}
	}
	claims := func(cs []Claim) {
		for _, c := range cs {
			cite(c.Sources...)
		}
	}
	for _, p := range b.Places {
		cite(p.Sources...)
		claims(p.Notes)
		for _, e := range p.Events {
			cite(e.Sources...)
		}
	}
	for _, f := range b.Forces {
		claims(f.Notes)
	}
	for _, s := range b.Stats {
		cite(s.Source)
	}
	for _, o := range b.Orgs {
		cite(o.Sources...)
		if o.Contact != nil {
			cite(o.Contact.Sources...)
		}
	}
	for _, tp := range b.Topics {
		cite(tp.Sources...)
		claims(tp.Details)
	}
	for _, m := range b.Others {
		cite(m.Sources...)
	}
	for _, s := range b.Sources {
		if !cited[s.ID] {
			t.Errorf("source %q is never cited", s.ID)
		}
	}
}

func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Bundled(); err != nil {
			b.Fatal(err)
		}
	}
}
