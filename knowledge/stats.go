package knowledge

// The queries behind the statistics answers and charts. Only comparable
// figures are ranked, compared, charted or used in a change from year to
// year: a figure marked NotComparable is listed apart, with its note.

// Group reports whether a "force" stands for several forces counted
// together: it has neither a place nor an acronym of its own, and is never
// ranked among single forces.
func (f Force) Group() bool { return f.Place == "" && len(f.Acronyms) == 0 }

// Comparable keeps the figures of stats that are not marked not comparable.
func Comparable(stats []Stat) []Stat {
	out := make([]Stat, 0, len(stats))
	for _, s := range stats {
		if !s.NotComparable {
			out = append(out, s)
		}
	}
	return out
}

// ComparableSeries is a force's comparable figures of measure m, oldest first.
func (b *Base) ComparableSeries(forceID string, m Measure) []Stat {
	return Comparable(b.Series(forceID, m))
}

// ComparableRanking is the comparable figures of measure m for year, largest first.
func (b *Base) ComparableRanking(year int, m Measure) []Stat {
	return Comparable(b.Ranking(year, m))
}

// ComparableYears lists the years with comparable figures of measure m, oldest first.
func (b *Base) ComparableYears(m Measure) []int {
	var out []int
	for _, y := range b.Years(m) {
		if len(b.ComparableRanking(y, m)) > 0 {
			out = append(out, y)
		}
	}
	return out
}

// ForcesRanked counts the forces ranked for year and measure m: comparable
// figures of single forces, not of a group counted together.
func (b *Base) ForcesRanked(year int, m Measure) int {
	n := 0
	for _, s := range b.ComparableRanking(year, m) {
		if f, ok := b.Force(s.Force); ok && !f.Group() {
			n++
		}
	}
	return n
}

// Busiest returns, among the measures only, the year and measure that rank
// the most forces, the latest such year, and how many forces; n is 0 when
// there are no figures.
func (b *Base) Busiest(only []Measure) (m Measure, year, n int) {
	for _, mm := range only {
		for _, y := range b.ComparableYears(mm) {
			if k := b.ForcesRanked(y, mm); k > n || (k == n && y > year) {
				m, year, n = mm, y, k
			}
		}
	}
	return m, year, n
}

// RankOf is where a force stands among the n single forces ranked for year
// and measure m; rank is 0 when it has no comparable figure that year.
func (b *Base) RankOf(forceID string, year int, m Measure) (rank, n int) {
	for _, s := range b.ComparableRanking(year, m) {
		if g, ok := b.Force(s.Force); ok && g.Group() {
			continue
		}
		n++
		if s.Force == forceID {
			rank = n
		}
	}
	return rank, n
}
