package knowledge

import "cmp"

// figures is what the index keeps of the statistics, to read rankings.
type figures struct {
	stats []Stat
	group map[string]bool // forces that are several forces counted together
}

func newFigures(b *Base) figures {
	f := figures{stats: b.Stats, group: map[string]bool{}}
	for _, fo := range b.Forces {
		if fo.Group() {
			f.group[fo.ID] = true
		}
	}
	return f
}

// rankable are the figures of one year and measure that may be ranked:
// comparable ones of single forces.
func (f figures) rankable(year int, m Measure) []Stat {
	var out []Stat
	for _, s := range f.stats {
		if s.Year == year && s.Measure == m && !s.NotComparable && !f.group[s.Force] {
			out = append(out, s)
		}
	}
	return out
}

// leader is the force that ranks first for a year and measure. With no
// year, it is the year and measure that rank the most forces; with no
// measure, the measure that ranks the most forces that year.
func (ix *Index) leader(year int, m Measure) (force string, y int, measure Measure, ok bool) {
	best := []Stat(nil)
	for _, s := range ix.figures.stats {
		if (year != 0 && s.Year != year) || (m != "" && s.Measure != m) {
			continue
		}
		r := ix.figures.rankable(s.Year, s.Measure)
		if len(r) > len(best) || (len(r) == len(best) && len(r) > 0 && r[0].Year > best[0].Year) {
			best = r
		}
	}
	if len(best) == 0 {
		return "", 0, "", false
	}
	top := best[0]
	for _, s := range best[1:] {
		if cmp.Or(cmp.Compare(s.Count, top.Count), cmp.Compare(top.Force, s.Force)) > 0 {
			top = s
		}
	}
	return top.Force, top.Year, top.Measure, true
}
