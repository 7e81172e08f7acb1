package handlers

import (
	"cmp"
	"slices"
	"strings"

	"sanctuaire/knowledge"
	"sanctuaire/locales"
)

// lead is the first line of a question's answer: the answer to what was
// asked, built from the data, with its source and date; "" when the entry's
// own answer already starts with it (a rights topic).
func (h *Handlers) lead(p *locales.Printer, u knowledge.Understanding) string {
	hit := u.Hits[0]
	switch hit.Kind {
	case knowledge.KindForce:
		f, ok := h.kb.Force(hit.ID)
		if !ok {
			return ""
		}
		switch u.Intent {
		case knowledge.AskRanking:
			return h.leadRanking(p, u.Year, u.Measure)
		case knowledge.AskCompare:
			if len(u.Hits) > 1 {
				if g, ok := h.kb.Force(u.Hits[1].ID); ok {
					return h.leadCompare(p, f, g, u)
				}
			}
		case knowledge.AskTrend:
			return h.leadTrend(p, f, u)
		}
		return h.leadFigure(p, f, u)
	case knowledge.KindPlace:
		if pl, ok := h.kb.Place(hit.ID); ok {
			return h.leadPlace(p, pl, u.Intent)
		}
	case knowledge.KindOrg:
		if o, ok := h.kb.Org(hit.ID); ok && u.Intent == knowledge.AskContact {
			return h.leadContact(p, o)
		}
	case knowledge.KindTopic:
		if u.Intent == knowledge.AskPlaces {
			return h.leadPlaces(p)
		}
	}
	return ""
}

// leadPlaces names the places that adopted a policy, the first first, with
// the date of each; the others have none, or none a source confirms.
func (h *Handlers) leadPlaces(p *locales.Printer) string {
	lang := string(p.Lang())
	var adopted []knowledge.Place
	for _, pl := range h.kb.Places {
		if pl.Status == knowledge.Adopted {
			adopted = append(adopted, pl)
		}
	}
	if len(adopted) == 0 {
		return ""
	}
	slices.SortStableFunc(adopted, func(a, b knowledge.Place) int {
		return cmp.Or(cmp.Compare(a.Adopted.Year, b.Adopted.Year), cmp.Compare(a.Adopted.Month, b.Adopted.Month),
			cmp.Compare(a.Adopted.Day, b.Adopted.Day))
	})
	items := make([]string, len(adopted))
	for i, pl := range adopted {
		items[i] = p.T("question_places_item", "Place", pl.Name.In(lang), "Date", day(p, pl.Adopted))
	}
	return p.T("question_places", "Places", p.List(items), "Others", len(h.kb.Places)-len(adopted))
}

// credit is a source's short form: publisher and date.
func (h *Handlers) credit(p *locales.Printer, id string) string {
	s, ok := h.kb.Source(id)
	if !ok {
		return ""
	}
	return p.T("stats_source_short", "Publisher", s.Publisher, "Date", sourceDate(p, s))
}

// figureLine says one figure with its year, measure and source.
func (h *Handlers) figureLine(p *locales.Printer, f knowledge.Force, s knowledge.Stat) string {
	lang := string(p.Lang())
	line := p.T("question_figure", "Force", forceName(p, f, lang), "Count", p.Int(s.Count),
		"Measure", measureName(p, s.Measure), "Year", p.Year(s.Year), "Source", h.credit(p, s.Source))
	return stat(p, s, line)
}

// leadFigure answers "how many": the figure of the year asked, in each
// measure asked; when that year has none, it says so and gives the nearest
// years of the same measure, never a figure of the other measure. With no
// year, the latest figure of each measure.
func (h *Handlers) leadFigure(p *locales.Printer, f knowledge.Force, u knowledge.Understanding) string {
	var out []string
	for _, m := range h.measuresFor(u) {
		series := h.kb.Series(f.ID, m)
		if len(series) == 0 {
			continue
		}
		if u.Year == 0 {
			out = append(out, h.figureLine(p, f, series[len(series)-1]))
			continue
		}
		if s, ok := yearOf(series, u.Year); ok {
			out = append(out, h.figureLine(p, f, s))
			continue
		}
		if u.Measure == "" {
			continue
		}
		out = append(out, h.noFigure(p, f, m, u.Year, series))
	}
	if len(out) == 0 && u.Year != 0 {
		// No measure has the year: the nearest years of each.
		for _, m := range h.measuresFor(u) {
			if series := h.kb.Series(f.ID, m); len(series) > 0 {
				out = append(out, h.noFigure(p, f, m, u.Year, series))
			}
		}
	}
	return lines(out...)
}

// noFigure says a year has no figure of a measure and gives the nearest
// years before and after it.
func (h *Handlers) noFigure(p *locales.Printer, f knowledge.Force, m knowledge.Measure, year int, series []knowledge.Stat) string {
	lang := string(p.Lang())
	var near []string
	var before, after *knowledge.Stat
	for i := range series {
		s := &series[i]
		if s.Year < year {
			before = s
		} else if s.Year > year && after == nil {
			after = s
		}
	}
	for _, s := range []*knowledge.Stat{before, after} {
		if s != nil {
			near = append(near, stat(p, *s, p.T("question_near", "Year", p.Year(s.Year), "Count", p.Int(s.Count),
				"Source", h.credit(p, s.Source))))
		}
	}
	return p.T("question_no_figure", "Force", forceName(p, f, lang), "Measure", measureName(p, m),
		"Year", p.Year(year), "Near", p.List(near))
}

func yearOf(series []knowledge.Stat, year int) (knowledge.Stat, bool) {
	for _, s := range series {
		if s.Year == year {
			return s, true
		}
	}
	return knowledge.Stat{}, false
}

// leadTrend says how a force's figures of one measure went between two
// years: the years asked, or the first and last comparable ones.
func (h *Handlers) leadTrend(p *locales.Printer, f knowledge.Force, u knowledge.Understanding) string {
	lang := string(p.Lang())
	var out []string
	for _, m := range h.measuresFor(u) {
		series := knowledge.Comparable(h.kb.Series(f.ID, m))
		if len(series) < 2 {
			continue
		}
		a, b := series[0], series[len(series)-1]
		if u.Year != 0 {
			from, okA := yearOf(series, u.Year)
			to, okB := yearOf(series, u.To)
			if !okA || !okB || u.Year == u.To {
				continue
			}
			a, b = from, to
		}
		key := "question_trend_up"
		if b.Count < a.Count {
			key = "question_trend_down"
		}
		line := p.T(key, "Force", forceName(p, f, lang), "Measure", measureName(p, m),
			"From", p.Int(a.Count), "FromYear", p.Year(a.Year), "To", p.Int(b.Count), "ToYear", p.Year(b.Year),
			"Change", p.Percent(change(a.Count, b.Count)), "Source", h.credit(p, b.Source))
		if a.Uncertain || b.Uncertain {
			line = stat(p, b, line)
		}
		out = append(out, line)
	}
	if len(out) == 0 {
		return h.leadFigure(p, f, u)
	}
	return lines(out...)
}

// leadRanking names the force that ranks first for a year and measure, and
// the one after it; grouped forces and figures not comparable are not
// ranked.
func (h *Handlers) leadRanking(p *locales.Printer, year int, m knowledge.Measure) string {
	lang := string(p.Lang())
	var ranked []knowledge.Stat
	for _, s := range h.kb.ComparableRanking(year, m) {
		if f, ok := h.kb.Force(s.Force); ok && !f.Group() {
			ranked = append(ranked, s)
		}
	}
	if len(ranked) < 2 {
		return ""
	}
	first, _ := h.kb.Force(ranked[0].Force)
	second, _ := h.kb.Force(ranked[1].Force)
	line := p.T("question_ranking", "Year", p.Year(year), "Measure", measureName(p, m),
		"First", forceName(p, first, lang), "Count", p.Int(ranked[0].Count),
		"Second", forceName(p, second, lang), "SecondCount", p.Int(ranked[1].Count),
		"Source", h.credit(p, ranked[0].Source))
	return stat(p, ranked[0], line)
}

// leadCompare puts two forces side by side for the year asked, or the
// latest year both have a comparable figure of the same measure.
func (h *Handlers) leadCompare(p *locales.Printer, f, g knowledge.Force, u knowledge.Understanding) string {
	lang := string(p.Lang())
	var out []string
	for _, m := range h.measuresFor(u) {
		sa, sb := h.kb.ComparableSeries(f.ID, m), h.kb.ComparableSeries(g.ID, m)
		var pair [2]knowledge.Stat
		found := false
		for _, a := range sa {
			b, ok := yearOf(sb, a.Year)
			if !ok || (u.Year != 0 && a.Year != u.Year) {
				continue
			}
			pair, found = [2]knowledge.Stat{a, b}, true
		}
		if !found {
			continue
		}
		left := stat(p, pair[0], p.T("stats_compare_side", "Force", forceShort(f, lang), "Count", p.Int(pair[0].Count)))
		right := stat(p, pair[1], p.T("stats_compare_side", "Force", forceShort(g, lang), "Count", p.Int(pair[1].Count)))
		out = append(out, p.T("question_compare", "Year", p.Year(pair[0].Year), "Measure", measureName(p, m),
			"A", left, "B", right, "Source", h.credit(p, pair[0].Source)))
	}
	if len(out) == 0 {
		return p.T("stats_compare_none", "A", forceName(p, f, lang), "B", forceName(p, g, lang))
	}
	return lines(out...)
}

// leadPlace answers whether a place has a policy and since when, or what it
// covers and excludes.
func (h *Handlers) leadPlace(p *locales.Printer, pl knowledge.Place, intent knowledge.Intent) string {
	lang := string(p.Lang())
	if text := pl.Police.In(lang); intent == knowledge.AskPolice && text != "" {
		return p.T("question_police", "Place", pl.Name.In(lang), "Text", text)
	}
	if intent == knowledge.AskCovers {
		var out []string
		if c := pl.Covers.In(lang); c != "" {
			out = append(out, p.T("question_covers", "Text", c))
		}
		if e := pl.Excludes.In(lang); e != "" {
			out = append(out, p.T("question_excludes", "Text", e))
		}
		if len(out) > 0 {
			return lines(out...)
		}
	}
	name := pl.Name.In(lang)
	switch pl.Status {
	case knowledge.Adopted:
		// The source of the adoption: that of the event of that day, else
		// of that month, else the place's first.
		var exact, month []string
		for _, ev := range pl.Events {
			switch {
			case ev.Date == pl.Adopted:
				exact = append(exact, ev.Sources...)
			case ev.Date.Year == pl.Adopted.Year && ev.Date.Month == pl.Adopted.Month:
				month = append(month, ev.Sources...)
			}
		}
		src := ""
		if ids := slices.Concat(exact, month, pl.Sources); len(ids) > 0 {
			src = h.credit(p, ids[0])
		}
		return p.T("question_policy_adopted", "Place", name, "Date", day(p, pl.Adopted), "Source", src)
	case knowledge.Studied:
		return p.T("question_policy_studied", "Place", name)
	case knowledge.NotAdopted:
		return p.T("question_policy_not_adopted", "Place", name)
	}
	return p.T("question_policy_not_confirmed", "Place", name)
}

// leadContact gives an organisation's contact details as a source showed
// them, with their date, or says that none is recorded.
func (h *Handlers) leadContact(p *locales.Printer, o knowledge.Org) string {
	lang := string(p.Lang())
	var out []string
	if c := o.Contact; c != nil && strings.TrimSpace(c.Text) != "" {
		line := p.T("question_contact", "Org", o.Name.In(lang), "Contact", c.Text, "Date", day(p, c.AsOf))
		if c.Uncertain {
			line = p.T("answer_with_note", "Text", line, "Note", p.T("common_uncertain", "Caveat", c.Caveat.In(lang)))
		}
		out = append(out, line)
	} else {
		out = append(out, p.T("question_contact_none", "Org", o.Name.In(lang)))
	}
	if o.URL != "" {
		out = append(out, p.T("question_website", "URL", o.URL))
	}
	return lines(out...)
}
