package knowledge

import (
	"fmt"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestFind(t *testing.T) {
	b := bundledBase(t)
	find := map[string]func(string) (string, bool){
		"place": func(s string) (string, bool) { p, ok := b.FindPlace(s); return p.ID, ok },
		"force": func(s string) (string, bool) { f, ok := b.FindForce(s); return f.ID, ok },
		"topic": func(s string) (string, bool) { tp, ok := b.FindTopic(s); return tp.ID, ok },
		"org":   func(s string) (string, bool) { o, ok := b.FindOrg(s); return o.ID, ok },
	}
	tests := []struct {
		kind, in, want string // want "" means not found
	}{
		{"place", "montreal", "montreal"},
		{"place", "Montréal", "montreal"},
		{"place", "MONTRÉAL", "montreal"},
		{"place", "MTL", "montreal"},
		{"place", "Ville de Montréal", "montreal"},
		{"place", "  ville   de montreal ", "montreal"},
		{"place", "spvm", "montreal"},
		{"place", "Service de police de la Ville de Montréal (SPVM)", "montreal"},
		{"place", "Ville de Québec", "quebec-city"},
		{"place", "Quebec City", "quebec-city"},
		{"place", "québec", "quebec-city"},
		{"place", "quebec-city", "quebec-city"},
		{"place", "SPVQ", "quebec-city"},
		{"place", "Toronto", "toronto"},
		{"place", "TPS", "toronto"},
		{"place", "London, Ontario", "london"},
		{"place", "ottawa", "ottawa"},
		{"place", "SQ", ""}, // a provincial force has no city
		{"place", "Atlantis", ""},
		{"place", "", ""},
		{"place", "   ", ""},
		{"force", "spvm", "spvm"},
		{"force", "SPVM", "spvm"},
		{"force", "montreal", "spvm"},
		{"force", "Montréal", "spvm"},
		{"force", "Surete du Quebec", "sq"},
		{"force", "Sûreté du Québec", "sq"},
		{"force", "SQ", "sq"},
		{"force", "sq", "sq"},
		{"force", "toronto police", "tps"},
		{"force", "Police de Toronto", "tps"},
		{"force", "SPT", "tps"},
		{"force", "Ontario Provincial Police", "opp"},
		{"force", "PPO", "opp"},
		{"force", "Police provinciale de l’Ontario", "opp"},
		{"force", "Ville de Québec", "spvq"},
		{"force", "Quebec City police", "spvq"},
		{"force", "québec", "spvq"},
		{"force", "Peel", "peel"},
		{"force", "York Regional Police", "york"},
		{"force", "all other police forces, together", "other"},
		{"force", "tous les autres corps de police réunis", "other"},
		{"force", "Ottawa", "ottawa"},
		{"force", "SPO", "ottawa"},
		{"force", "VPD", "vpd"},
		{"force", "Vancouver", "vpd"},
		{"force", "GRC en Colombie-Britannique", "rcmp-bc"},
		{"force", "rcmp in british columbia", "rcmp-bc"},
		{"force", "London", ""}, // no figures for London
		{"force", "Gendarmerie", ""},
		{"topic", "remain-silent", "remain-silent"},
		{"topic", "droit au silence", "remain-silent"},
		{"topic", "Dois-je répondre aux questions de la police ?", "remain-silent"},
		{"topic", "ASFC", "police-cbsa"},
		{"topic", "RAMQ", "health-quebec-children"},
		{"topic", "école", "school-quebec"},
		{"topic", "ECOLE", "school-quebec"},
		{"topic", "projet de loi 144", "school-quebec"},
		{"topic", "mandat d'arrestation", "warrants"},
		{"topic", "ville sanctuaire", "services-without-fear"},
		{"topic", "weather", ""},
		{"org", "Solidarité sans frontières", "solidarity-across-borders"},
		{"org", "solidarity across borders", "solidarity-across-borders"},
		{"org", "CAR", "car"},
		{"org", "Refugee Assistance Committee", "car"},
		{"org", "medecins du monde", "medecins-du-monde"},
		{"org", "CTTI", "iwc"},
		{"org", "FCJ", "fcj-refugee-centre"},
		{"org", "Aide juridique Ontario", "legal-aid-ontario"},
		{"org", "Conseil canadien pour les réfugiés", "ccr"},
		{"org", "nobody", ""},
	}
	for _, tt := range tests {
		t.Run(tt.kind+"/"+tt.in, func(t *testing.T) {
			got, ok := find[tt.kind](tt.in)
			if ok != (tt.want != "") || got != tt.want {
				t.Errorf("Find%s(%q): got %q, %v; want %q", tt.kind, tt.in, got, ok, tt.want)
			}
		})
	}
}

func TestByID(t *testing.T) {
	b := bundledBase(t)
	if s, ok := b.Source("huffpost-en-2018"); !ok || s.Published.String() != "2018-03-29" || s.Updated.String() != "2018-04-03" {
		t.Errorf("Source: got %+v, %v", s, ok)
	}
	if _, ok := b.Source("Montreal"); ok {
		t.Error("Source takes an exact ID, not a name")
	}
	if p, ok := b.Place("montreal"); !ok || p.Name.FR != "Montréal" {
		t.Errorf("Place: got %q, %v", p.Name.FR, ok)
	}
	if f, ok := b.Force("sq"); !ok || f.Name.FR != "Sûreté du Québec" {
		t.Errorf("Force: got %q, %v", f.Name.FR, ok)
	}
	if o, ok := b.Org("ccr"); !ok || o.Name.EN != "Canadian Council for Refugees" {
		t.Errorf("Org: got %q, %v", o.Name.EN, ok)
	}
	if tp, ok := b.Topic("lawyer"); !ok || tp.Title.EN != "The right to a lawyer" {
		t.Errorf("Topic: got %q, %v", tp.Title.EN, ok)
	}
	if _, ok := b.Topic("nope"); ok {
		t.Error("Topic(nope): found")
	}
}

func statKeys(stats []Stat) []string {
	out := make([]string, len(stats))
	for i, s := range stats {
		out[i] = fmt.Sprintf("%s/%s/%d=%d", s.Force, s.Measure, s.Year, s.Count)
	}
	return out
}

func TestStatsHelpers(t *testing.T) {
	b := bundledBase(t)
	tests := []struct {
		name string
		got  []string
		want []string
	}{
		{"Series spvm calls", statKeys(b.Series("spvm", Calls)),
			[]string{"spvm/calls/2015=2632", "spvm/calls/2016=2872", "spvm/calls/2017=3608", "spvm/calls/2023=1061"}},
		{"Series spvm status-checks", statKeys(b.Series("spvm", StatusChecks)),
			[]string{"spvm/status-checks/2018=3010", "spvm/status-checks/2019=3135", "spvm/status-checks/2020=2015", "spvm/status-checks/2021=945"}},
		{"Series unknown", statKeys(b.Series("nope", Calls)), []string{}},
		{"Ranking 2017 calls", statKeys(b.Ranking(2017, Calls)),
			[]string{"spvm/calls/2017=3608", "tps/calls/2017=3542", "other/calls/2017=2592", "peel/calls/2017=924", "york/calls/2017=517",
				"sq/calls/2017=345", "opp/calls/2017=323", "spvq/calls/2017=244", "ottawa/calls/2017=87"}},
		{"Ranking 2021 status-checks", statKeys(b.Ranking(2021, StatusChecks)),
			[]string{"tps/status-checks/2021=2709", "rcmp-bc/status-checks/2021=1250", "spvm/status-checks/2021=945"}},
		{"StatsOf tps", statKeys(b.StatsOf("tps")),
			[]string{"tps/calls/2016=5146", "tps/calls/2017=3542", "tps/calls/2023=1330",
				"tps/status-checks/2018=2731", "tps/status-checks/2019=2751", "tps/status-checks/2020=1677", "tps/status-checks/2021=2709"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, tt.got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
	if diff := cmp.Diff([]int{2015, 2016, 2017, 2023}, b.Years(Calls)); diff != "" {
		t.Errorf("Years(calls) (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]int{2018, 2019, 2020, 2021}, b.Years(StatusChecks)); diff != "" {
		t.Errorf("Years(status-checks) (-want +got):\n%s", diff)
	}
	for _, tt := range []struct {
		m    Measure
		want int
	}{{Calls, 2023}, {StatusChecks, 2021}, {"arrests", 0}} {
		if got := b.LatestYear(tt.m); got != tt.want {
			t.Errorf("LatestYear(%s): got %d, want %d", tt.m, got, tt.want)
		}
	}
}

func TestPlaceHelpers(t *testing.T) {
	b := bundledBase(t)
	ids := func(fs []Force) []string {
		out := []string{}
		for _, f := range fs {
			out = append(out, f.ID)
		}
		return out
	}
	if diff := cmp.Diff([]string{"spvm"}, ids(b.PlaceForces("montreal"))); diff != "" {
		t.Errorf("PlaceForces(montreal) (-want +got):\n%s", diff)
	}
	if got := b.PlaceForces("nowhere"); got != nil {
		t.Errorf("PlaceForces(nowhere): got %v, want nil", got)
	}
	if p, ok := b.ForcePlace("spvq"); !ok || p.ID != "quebec-city" {
		t.Errorf("ForcePlace(spvq): got %q, %v", p.ID, ok)
	}
	if _, ok := b.ForcePlace("sq"); ok {
		t.Error("ForcePlace(sq): a provincial force has no place")
	}
	var orgs []string
	for _, o := range b.OrgsIn("quebec-city") {
		orgs = append(orgs, o.ID)
	}
	if diff := cmp.Diff([]string{"centre-multiethnique", "csj-immigration-quebec", "carrefour-action-interculturelle"}, orgs); diff != "" {
		t.Errorf("OrgsIn(quebec-city) (-want +got):\n%s", diff)
	}
	for _, o := range b.OrgsIn("") {
		if o.Area.EN == "" {
			t.Errorf("org %q has no place and no area", o.ID)
		}
	}
	var cited []string
	for _, s := range b.Cited("star-2008", "huffpost-en-2018", "star-2008", "missing") {
		cited = append(cited, s.ID)
	}
	if diff := cmp.Diff([]string{"star-2008", "huffpost-en-2018"}, cited); diff != "" {
		t.Errorf("Cited (-want +got):\n%s", diff)
	}
}

func TestNameKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Québec-City", "quebec city"},
		{"  QUEBEC   city ", "quebec city"},
		{"Police provinciale de l’Ontario", "police provinciale de l ontario"},
		{"GRC C.-B.", "grc c b"},
		{"« SPVM »", "spvm"},
		{"---", ""},
	}
	for _, tt := range tests {
		if got := nameKey(tt.in); got != tt.want {
			t.Errorf("nameKey(%q): got %q, want %q", tt.in, got, tt.want)
		}
	}
}

// FuzzFind checks the lookups never panic and never return an entry the
// input does not name.
func FuzzFind(f *testing.F) {
	for _, s := range []string{"Montréal", "SPVM", "Surete du Quebec", "quebec-city", "RAMQ", "CAR", "", "\xff", "l’ASFC"} {
		f.Add(s)
	}
	b, err := Bundled()
	if err != nil {
		f.Fatal(err)
	}
	matches := func(in string, names ...[]string) bool {
		k := nameKey(in)
		for _, ns := range names {
			if slices.ContainsFunc(ns, func(n string) bool { return nameKey(n) == k }) {
				return true
			}
		}
		return false
	}
	f.Fuzz(func(t *testing.T, in string) {
		if p, ok := b.FindPlace(in); ok {
			var forceNames []string
			for _, fc := range b.PlaceForces(p.ID) {
				forceNames = append(forceNames, fc.names()...)
			}
			if !matches(in, p.names(), forceNames) {
				t.Errorf("FindPlace(%q) = %q, which it does not name", in, p.ID)
			}
		}
		if fc, ok := b.FindForce(in); ok {
			var placeNames []string
			if p, ok := b.ForcePlace(fc.ID); ok {
				placeNames = p.names()
			}
			if !matches(in, fc.names(), placeNames) {
				t.Errorf("FindForce(%q) = %q, which it does not name", in, fc.ID)
			}
		}
		if tp, ok := b.FindTopic(in); ok && !matches(in, tp.names()) {
			t.Errorf("FindTopic(%q) = %q, which it does not name", in, tp.ID)
		}
		if o, ok := b.FindOrg(in); ok && !matches(in, o.names()) {
			t.Errorf("FindOrg(%q) = %q, which it does not name", in, o.ID)
		}
	})
}

func BenchmarkFindPlace(b *testing.B) {
	base := bundledBase(b)
	names := []string{"Montréal", "ville de quebec", "SPVM", "Atlantis"}
	b.ReportAllocs()
	for b.Loop() {
		for _, n := range names {
			base.FindPlace(n)
		}
	}
}
