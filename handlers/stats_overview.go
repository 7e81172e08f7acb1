package handlers

import (
	"cmp"
	"slices"

	"sanctuaire/knowledge"
	"sanctuaire/locales"
)

// statsOverview leads with each force's latest comparable figure of each
// measure, with its year; the ranking of the year that ranks the most forces
// (the latest such year) is a section.
func (h *Handlers) statsOverview(p *locales.Printer, only []knowledge.Measure) Answer {
	best, bestYear, bestN := h.kb.Busiest(only)
	if bestN == 0 {
		return Answer{Title: p.T("stats_title_overview"), Body: p.T("stats_none")}
	}
	var c cites
	var cv caveats
	a := Answer{Title: p.T("stats_title_latest"), Body: p.T("stats_latest_intro")}
	var shown []knowledge.Measure
	for _, m := range only {
		if f, ok := h.latestOf(p, m, &c, &cv); ok {
			a.Fields = append(a.Fields, f)
			shown = append(shown, m)
		}
	}
	n := len(a.Fields)
	a.Body = paragraphs(a.Body, h.creditLine(p, 2, c.ids...))
	field, _ := h.ranking(p, bestYear, best, &c, &cv)
	intro := p.Plural("stats_overview_intro", bestN, "Year", p.Year(bestYear), "Measure", measureName(p, best))
	a.addSection(SectionRanking, p.T("stats_section_ranking", "Year", p.Year(bestYear)),
		Field{Name: field.Name, Value: lines(intro, field.Value)},
		Field{Name: p.T("stats_other_views"), Value: p.T("stats_overview_hint")})
	cv.addTo(p, &a)
	if apart, ok := h.apart(p, h.kb.Ranking(bestYear, best), &c); ok {
		a.Fields = append(a.Fields, apart)
	}
	a.Fields = append(a.Fields, definitions(p, shown))
	a.moveToSection(p, n, &cv, SectionCounted, p.T("stats_section_counted"))
	a.Sources = h.sources(p, &c)
	return a
}

// latestOf lists each force's latest comparable figure of measure m, the
// latest years first, with its year; groups of forces are left out.
func (h *Handlers) latestOf(p *locales.Printer, m knowledge.Measure, c *cites, cv *caveats) (Field, bool) {
	lang := string(p.Lang())
	var latest []knowledge.Stat
	for _, f := range h.kb.Forces {
		if f.Group() {
			continue
		}
		if series := h.kb.ComparableSeries(f.ID, m); len(series) > 0 {
			latest = append(latest, series[len(series)-1])
		}
	}
	if len(latest) == 0 {
		return Field{}, false
	}
	slices.SortStableFunc(latest, func(x, y knowledge.Stat) int {
		return cmp.Or(cmp.Compare(y.Year, x.Year), cmp.Compare(y.Count, x.Count))
	})
	out := make([]string, len(latest))
	for i, s := range latest {
		c.add(s.Source)
		f, _ := h.kb.Force(s.Force)
		out[i] = cv.mark(p, s, p.T("stats_latest_line", "Force", forceShort(f, lang), "Count", p.Int(s.Count), "Year", p.Year(s.Year)))
	}
	return Field{Name: p.T("stats_measure_title_" + measureKey(m)), Value: lines(out...)}, true
}
