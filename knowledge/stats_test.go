package knowledge_test

import (
	"slices"
	"testing"

	"sanctuaire/knowledge"
)

// TestStatsQueries checks the statistics queries on the bundled base: ranks
// run from 1 to n over single forces only, in the order of the counts; the
// busiest year ranks the most forces; nothing marked not comparable is used.
func TestStatsQueries(t *testing.T) {
	kb, err := knowledge.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	measures := []knowledge.Measure{knowledge.Calls, knowledge.StatusChecks}
	m, year, n := kb.Busiest(measures)
	if n == 0 || kb.ForcesRanked(year, m) != n {
		t.Fatalf("busiest: got %s %d with %d forces, want a year whose ranking has them", m, year, n)
	}
	for _, mm := range measures {
		for _, y := range kb.ComparableYears(mm) {
			if k := kb.ForcesRanked(y, mm); k > n || k == n && y > year && mm == m {
				t.Errorf("%s %d ranks %d forces, more than or as many as (later) the busiest %s %d with %d", mm, y, k, m, year, n)
			}
			var ranks []int
			last := -1
			for _, s := range kb.ComparableRanking(y, mm) {
				if s.NotComparable {
					t.Errorf("%s %d: a figure marked not comparable is ranked", mm, y)
				}
				f, _ := kb.Force(s.Force)
				rank, total := kb.RankOf(s.Force, y, mm)
				if f.Group() {
					if rank != 0 {
						t.Errorf("%s %d: the group %s ranked %d", mm, y, f.ID, rank)
					}
					continue
				}
				if total != kb.ForcesRanked(y, mm) || last >= 0 && s.Count > last {
					t.Errorf("%s %d: %s ranked %d of %d, count %d after %d", mm, y, f.ID, rank, total, s.Count, last)
				}
				last = s.Count
				ranks = append(ranks, rank)
			}
			want := make([]int, len(ranks))
			for i := range want {
				want[i] = i + 1
			}
			if !slices.Equal(ranks, want) {
				t.Errorf("%s %d: got ranks %v, want %v", mm, y, ranks, want)
			}
		}
	}
	for _, f := range kb.Forces {
		for _, s := range kb.ComparableSeries(f.ID, knowledge.Calls) {
			if s.NotComparable || s.Force != f.ID {
				t.Errorf("series of %s holds %+v", f.ID, s)
			}
		}
	}
}
