package knowledge

import (
	"cmp"
	"slices"
)

// Source returns the source with the given ID.
func (b *Base) Source(id string) (Source, bool) { return byID(b.Sources, b.sourceByID, id) }

// Place returns the place with the given ID.
func (b *Base) Place(id string) (Place, bool) { return byID(b.Places, b.placeByID, id) }

// Force returns the police force with the given ID.
func (b *Base) Force(id string) (Force, bool) { return byID(b.Forces, b.forceByID, id) }

// Org returns the organisation with the given ID.
func (b *Base) Org(id string) (Org, bool) { return byID(b.Orgs, b.orgByID, id) }

// Topic returns the rights topic with the given ID.
func (b *Base) Topic(id string) (Topic, bool) { return byID(b.Topics, b.topicByID, id) }

func byID[T any](items []T, index map[string]int, id string) (T, bool) {
	i, ok := index[id]
	if !ok {
		var zero T
		return zero, false
	}
	return items[i], true
}

// Cited returns the sources with the given IDs, in that order, skipping
// repeats. In a validated base every ID resolves.
func (b *Base) Cited(ids ...string) []Source {
	out := make([]Source, 0, len(ids))
	seen := make(map[string]bool, len(ids))
	for _, id := range ids {
		if seen[id] {
			continue
		}
		seen[id] = true
		if s, ok := b.Source(id); ok {
			out = append(out, s)
		}
	}
	return out
}

// FindPlace finds a place by its ID, French or English name or an alias,
// ignoring case, accents and punctuation ("Montréal", "MTL", "quebec city").
// The name of a city's police force finds the city too ("SPVM").
func (b *Base) FindPlace(name string) (Place, bool) {
	k := nameKey(name)
	if k == "" {
		return Place{}, false
	}
	if i, ok := b.placeByName[k]; ok {
		return b.Places[i], true
	}
	if i, ok := b.forceByName[k]; ok && b.Forces[i].Place != "" {
		return b.Place(b.Forces[i].Place)
	}
	return Place{}, false
}

// FindForce finds a police force by its ID, names, acronyms or aliases,
// ignoring case, accents and punctuation ("Surete du Quebec", "SQ"). The name
// of a place finds the first force listed for it ("montreal" gives the SPVM).
func (b *Base) FindForce(name string) (Force, bool) {
	k := nameKey(name)
	if k == "" {
		return Force{}, false
	}
	if i, ok := b.forceByName[k]; ok {
		return b.Forces[i], true
	}
	if i, ok := b.placeByName[k]; ok && len(b.Places[i].Forces) > 0 {
		return b.Force(b.Places[i].Forces[0])
	}
	return Force{}, false
}

// FindOrg finds an organisation by its ID, names or aliases.
func (b *Base) FindOrg(name string) (Org, bool) {
	return find(b.Orgs, b.orgByName, name)
}

// FindTopic finds a rights topic by its ID, titles or aliases.
func (b *Base) FindTopic(name string) (Topic, bool) {
	return find(b.Topics, b.topicByName, name)
}

func find[T any](items []T, index map[string]int, name string) (T, bool) {
	if i, ok := index[nameKey(name)]; ok {
		return items[i], true
	}
	var zero T
	return zero, false
}

// PlaceForces returns the forces whose figures belong to a place, in the
// order the place lists them.
func (b *Base) PlaceForces(placeID string) []Force {
	p, ok := b.Place(placeID)
	if !ok {
		return nil
	}
	out := make([]Force, 0, len(p.Forces))
	for _, id := range p.Forces {
		if f, ok := b.Force(id); ok {
			out = append(out, f)
		}
	}
	return out
}

// ForcePlace returns the place a force belongs to; false for provincial,
// regional or grouped forces.
func (b *Base) ForcePlace(forceID string) (Place, bool) {
	f, ok := b.Force(forceID)
	if !ok || f.Place == "" {
		return Place{}, false
	}
	return b.Place(f.Place)
}

// Series returns a force's figures for one measure, oldest year first.
func (b *Base) Series(forceID string, m Measure) []Stat {
	return b.statsWhere(func(s Stat) bool { return s.Force == forceID && s.Measure == m }, byYear)
}

// Ranking returns every force's figure for one year and measure, highest
// count first; equal counts go in force ID order.
func (b *Base) Ranking(year int, m Measure) []Stat {
	return b.statsWhere(func(s Stat) bool { return s.Year == year && s.Measure == m }, func(x, y Stat) int {
		return cmp.Or(cmp.Compare(y.Count, x.Count), cmp.Compare(x.Force, y.Force))
	})
}

// Years returns the years that have figures for a measure, in order.
func (b *Base) Years(m Measure) []int {
	var out []int
	for _, s := range b.Stats {
		if s.Measure == m {
			out = append(out, s.Year)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// LatestYear returns the most recent year with figures for a measure, or 0.
func (b *Base) LatestYear(m Measure) int {
	latest := 0
	for _, s := range b.Stats {
		if s.Measure == m && s.Year > latest {
			latest = s.Year
		}
	}
	return latest
}

// StatsOf returns all of a force's figures, by measure then year.
func (b *Base) StatsOf(forceID string) []Stat {
	return b.statsWhere(func(s Stat) bool { return s.Force == forceID }, func(x, y Stat) int {
		return cmp.Or(cmp.Compare(x.Measure, y.Measure), byYear(x, y))
	})
}

func byYear(x, y Stat) int { return cmp.Compare(x.Year, y.Year) }

// statsWhere returns the figures keep accepts, sorted by order.
func (b *Base) statsWhere(keep func(Stat) bool, order func(x, y Stat) int) []Stat {
	var out []Stat
	for _, s := range b.Stats {
		if keep(s) {
			out = append(out, s)
		}
	}
	slices.SortFunc(out, order)
	return out
}

// OrgsIn returns the organisations of a place, in file order; OrgsIn("")
// returns those tied to no one place (national or regional).
func (b *Base) OrgsIn(placeID string) []Org {
	var out []Org
	for _, o := range b.Orgs {
		if o.Place == placeID {
			out = append(out, o)
		}
	}
	return out
}
