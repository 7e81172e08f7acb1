package handlers

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"sanctuaire/knowledge"
	"sanctuaire/locales"
)

// City answers `city name:` with a place's policy, its history, its police's
// latest figures and the sources of all of it.
func (h *Handlers) City(ctx context.Context, req Request) (Response, error) {
	name := strings.TrimSpace(req.Options["name"])
	place, ok := h.findPlace(name)
	if !ok {
		ids := make([]string, len(h.kb.Places))
		for i, pl := range h.kb.Places {
			ids[i] = pl.ID
		}
		return h.unknownResponse(req, knowledge.KindPlace, name, "city_unknown_hint", ids), nil
	}
	return h.respondKept(req, "city", "name", place.ID, func(p *locales.Printer) Answer {
		return h.cityAnswer(p, place, true)
	}), nil
}

func (h *Handlers) findPlace(name string) (knowledge.Place, bool) {
	if name == "" {
		return knowledge.Place{}, false
	}
	if pl, ok := h.kb.Place(name); ok {
		return pl, true
	}
	return h.kb.FindPlace(name)
}

func (h *Handlers) placeNames(lang string) []string {
	out := make([]string, len(h.kb.Places))
	for i, pl := range h.kb.Places {
		out[i] = pl.Name.In(lang)
	}
	return out
}

// cityAnswer writes a place's answer; without full, only its status, summary
// and latest figures, as a question's answer shows it.
func (h *Handlers) cityAnswer(p *locales.Printer, pl knowledge.Place, full bool) Answer {
	lang := string(p.Lang())
	var c cites
	c.add(pl.Sources...)
	a := Answer{Title: pl.Name.In(lang)}
	if prov := pl.Province.In(lang); prov != "" && !strings.Contains(a.Title, prov) {
		a.Title = p.T("city_title", "Name", a.Title, "Province", prov)
	}

	status := p.T("city_status_" + strings.ReplaceAll(string(pl.Status), "-", "_"))
	head := []string{p.T("city_status_line", "Status", status)}
	adopted := pl.Status == knowledge.Adopted && !pl.Adopted.IsZero()
	if adopted {
		head = append(head, p.T("city_adopted_on", "Date", day(p, pl.Adopted)))
	}
	policy := p.T("city_policy_name_none")
	if name := pl.PolicyName.In(lang); name != "" {
		policy = p.T("city_policy_name", "Name", name)
	}

	field := func(id, value string) Field { return Field{Name: p.T(id), Value: strings.TrimSpace(value)} }
	if !full {
		a.Body = paragraphs(lines(append(head, policy)...), pl.Summary.In(lang))
		if f := field("city_figures", h.latestFigures(p, pl.Forces, &c)); f.Value != "" {
			a.Fields = append(a.Fields, f)
		}
		a.Sources = h.sources(p, &c)
		return a
	}
	// The first view: the verdict above, then the latest comparable figures,
	// the nearest organisation with a way to reach it, and the sources of
	// the verdict in short form. The rest is in sections.
	verdict := head[0]
	if adopted {
		verdict = p.T(sinceID(pl.Adopted), "Status", status, "Date", day(p, pl.Adopted))
	}
	a.Body = paragraphs(verdict, pl.Summary.In(lang), h.creditLine(p, 1, pl.Sources...))
	var first cites
	if latest := h.latestLines(p, pl.Forces, &first); len(latest) > 0 {
		a.Fields = append(a.Fields, Field{Name: p.T("city_figures"), Value: bullets(latest)})
	}
	if help, _ := h.reachable(p, h.kb.OrgsIn(pl.ID), 1, &first); len(help) > 0 {
		a.Fields = append(a.Fields, Field{Name: p.T("answer_help_title"), Value: lines(help...)})
	}
	c.add(first.ids...)

	// A policy on paper is not always a practice: said where the policy is
	// described, leaving the first view to the verdict.
	a.addSection(SectionPolicy, p.T("city_section_policy"),
		Field{Name: p.T("city_policy_title"), Value: lines(policy, p.T("city_footer"))},
		field("city_covers", pl.Covers.In(lang)),
		field("city_excludes", pl.Excludes.In(lang)),
		field("city_police", pl.Police.In(lang)))

	events := pl.Events
	byDate := func(x, y knowledge.Event) int { return chronological(x.Date, y.Date) }
	if !slices.IsSortedFunc(events, byDate) {
		events = slices.Clone(events)
		slices.SortStableFunc(events, byDate)
	}
	timeline := make([]string, 0, len(events))
	for _, ev := range events {
		c.add(ev.Sources...)
		timeline = append(timeline, p.T("answer_dated", "Date", day(p, ev.Date), "Text", claim(p, ev.Claim)))
	}
	a.addSection(SectionTimeline, p.T("city_timeline"), field("city_timeline", bullets(timeline)))

	var notes []string
	for _, n := range pl.Notes {
		c.add(n.Sources...)
		notes = append(notes, claim(p, n))
	}

	// The same words with another meaning, said to be no immigration policy.
	var others []string
	for _, m := range h.kb.OtherMeanings(pl.ID) {
		c.add(m.Sources...)
		others = append(others, p.T("answer_dated", "Date", day(p, m.Date), "Text", claim(p, m.Claim)))
	}
	a.addSection(SectionNotes, p.T("city_notes"), field("city_notes", bullets(notes)), field("city_other_meanings", bullets(others)))

	a.addSection(SectionFigures, p.T("city_figures"), field("city_figures", h.latestFigures(p, pl.Forces, &c)))
	a.Sources = h.sources(p, &c)
	// Each force's figures, and the organisations there, one tap away.
	for _, id := range pl.Forces {
		if f, ok := h.kb.Force(id); ok && len(h.kb.StatsOf(id)) > 0 && !f.Group() {
			a.Buttons = append(a.Buttons, Button{Label: p.T("city_stats_button", "Force", forceShort(f, lang)),
				Click: &Click{Command: "stats", Args: []string{f.ID}}})
		}
	}
	if slices.ContainsFunc(h.placesWithOrgs(), func(o knowledge.Place) bool { return o.ID == pl.ID }) {
		a.Buttons = append(a.Buttons, Button{Label: p.T("common_support_button"), Click: &Click{Command: "support", Args: []string{pl.ID}}})
	}
	return a
}

// latestFigures writes, for each force, its latest comparable figure of
// each measure, one measure a line: calls and status checks never share a
// line. Figures a source gives without saying what they count come after,
// under their own heading and without a measure's name, with their caveat:
// they are never a force's "latest" figure of a measure.
func (h *Handlers) latestFigures(p *locales.Printer, forces []string, c *cites) string {
	lang := string(p.Lang())
	var out, reported []string
	for _, id := range forces {
		f, ok := h.kb.Force(id)
		if !ok {
			continue
		}
		for _, m := range measures {
			all := h.kb.Series(id, m)
			for _, s := range all {
				if s.NotComparable {
					c.add(s.Source)
					reported = append(reported, stat(p, s, p.T("city_figure_reported",
						"Force", forceName(p, f, lang), "Year", p.Year(s.Year), "Count", p.Int(s.Count))))
				}
			}
			series := knowledge.Comparable(all)
			if len(series) == 0 {
				continue
			}
			last := series[len(series)-1]
			c.add(last.Source)
			out = append(out, stat(p, last, p.T("stats_latest", "Force", forceName(p, f, lang),
				"Measure", measureName(p, m), "Year", p.Year(last.Year), "Count", p.Int(last.Count))))
		}
	}
	if len(out) == 0 && len(reported) == 0 {
		return ""
	}
	var parts []string
	if len(out) > 0 {
		parts = append(parts, bullets(out))
	}
	if len(reported) > 0 {
		parts = append(parts, p.T("stats_apart_title")+"\n"+bullets(reported))
	}
	return strings.Join(parts, "\n") + "\n" + p.T("city_figures_more")
}

// sinceID picks the message of a status and its date for how precisely the
// date is known: French says « le 5 juin 2019 » but « en juin 2019 ».
func sinceID(d knowledge.Date) string {
	if d.Day != 0 {
		return "city_status_on_day"
	}
	return "city_status_in"
}

// chronological orders dates; within a year (or a month), a date known only
// to the year (or the month) comes after the precise ones: "sometime in 2019"
// is not "1 January 2019".
func chronological(a, b knowledge.Date) int {
	part := func(x, y int) int {
		switch {
		case x == y:
			return 0
		case x == 0:
			return 1
		case y == 0:
			return -1
		case x < y:
			return -1
		}
		return 1
	}
	return cmp.Or(part(a.Year, b.Year), part(a.Month, b.Month), part(a.Day, b.Day))
}
