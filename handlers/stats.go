package handlers

import (
	"context"
	"strconv"
	"strings"

	"sanctuaire/knowledge"
	"sanctuaire/locales"
)

// Stats answers `stats [force] [year] [compare] [measure]`: a force's series,
// the ranking of forces for a year, or two forces side by side. Calls of all
// kinds and status checks are different measures: each is shown on its own.
func (h *Handlers) Stats(ctx context.Context, req Request) (Response, error) {
	forceArg := strings.TrimSpace(req.Options["force"])
	compareArg := strings.TrimSpace(req.Options["compare"])
	if forceArg == "" {
		forceArg, compareArg = compareArg, ""
	}
	var only []knowledge.Measure
	if m := strings.TrimSpace(req.Options["measure"]); m != "" {
		measure, ok := parseMeasure(m)
		if !ok {
			// The answer quotes the value; its buttons never carry it.
			return rerunWith(h.respond(req, func(p *locales.Printer) Answer {
				return Answer{Kind: NotFound, Title: p.T("answer_unknown_title"), Body: p.T("stats_bad_measure",
					"Value", p.Quote(m), "Measures", p.List([]string{measureName(p, knowledge.Calls), measureName(p, knowledge.StatusChecks)}))}
			}), nil), nil
		}
		only = []knowledge.Measure{measure}
	} else {
		only = measures
	}
	year := 0
	if y := strings.TrimSpace(req.Options["year"]); y != "" {
		n, err := strconv.Atoi(y)
		if err != nil || n < 1900 || n > 2100 {
			return rerunWith(h.respond(req, func(p *locales.Printer) Answer {
				return Answer{Kind: NotFound, Title: p.T("answer_unknown_title"), Body: p.T("stats_bad_year", "Value", p.Quote(y))}
			}), nil), nil
		}
		year = n
	}

	// Each answer carries a chart of what it lists first, in its language;
	// its buttons carry what was understood (Rerun), never what was typed.
	rerun := map[string]string{}
	if year != 0 {
		rerun["year"] = strconv.Itoa(year)
	}
	if len(only) == 1 {
		rerun["measure"] = string(only[0])
	}
	var resp Response
	var pl plot
	if forceArg == "" {
		if year == 0 {
			resp = h.respond(req, func(p *locales.Printer) Answer {
				return h.statsOverview(p, only)
			})
			pl = h.overviewPlot(only)
		} else {
			resp = h.respond(req, func(p *locales.Printer) Answer {
				return h.statsYear(p, year, only)
			})
			pl = h.yearPlot(year, only)
		}
		resp.Rerun = rerun
		h.attachCharts(ctx, &resp, pl)
		return resp, nil
	}
	f, ok := h.findForce(forceArg)
	if !ok {
		return h.unknownForce(req, forceArg), nil
	}
	if compareArg == "" {
		resp = h.respond(req, func(p *locales.Printer) Answer {
			return h.statsForce(p, f, year, only, true)
		})
		rerun["force"] = f.ID
		resp.Rerun = rerun
		h.attachCharts(ctx, &resp, h.forcePlot(f, only))
		return resp, nil
	}
	g, ok := h.findForce(compareArg)
	if !ok {
		return h.unknownForce(req, compareArg), nil
	}
	if g.ID == f.ID {
		return rerunWith(h.respond(req, func(p *locales.Printer) Answer {
			lang := string(p.Lang())
			return Answer{Kind: NotFound, Title: p.T("stats_title_force", "Force", forceName(p, f, lang)),
				Body: p.T("stats_compare_same", "Force", forceName(p, f, lang))}
		}), map[string]string{"force": f.ID, "compare": g.ID}), nil
	}
	resp = h.respond(req, func(p *locales.Printer) Answer {
		return h.statsCompare(p, f, g, only)
	})
	rerun["force"], rerun["compare"] = f.ID, g.ID
	resp.Rerun = rerun
	h.attachCharts(ctx, &resp, h.comparePlot(f, g, only))
	return resp, nil
}

// rerunWith gives a refusal's buttons what was understood, or nothing (nil:
// the command with no option), instead of the options as typed.
func rerunWith(resp Response, rerun map[string]string) Response {
	if rerun == nil {
		rerun = map[string]string{}
	}
	resp.Rerun = rerun
	return resp
}

func parseMeasure(s string) (knowledge.Measure, bool) {
	switch knowledge.Fold(strings.NewReplacer(" ", "-", "_", "-").Replace(strings.TrimSpace(s))) {
	case "calls", "appels", "communications":
		return knowledge.Calls, true
	case "status-checks", "status-check", "checks", "verifications", "verifications-de-statut":
		return knowledge.StatusChecks, true
	}
	return "", false
}

func (h *Handlers) findForce(name string) (knowledge.Force, bool) {
	if f, ok := h.kb.Force(name); ok {
		return f, true
	}
	return h.kb.FindForce(name)
}

func (h *Handlers) unknownForce(req Request, name string) Response {
	var known []string
	for _, f := range h.kb.Forces {
		if len(h.kb.StatsOf(f.ID)) > 0 && !f.Group() {
			known = append(known, f.ID)
		}
	}
	return h.unknownResponse(req, knowledge.KindForce, name, "stats_unknown_hint", known)
}

// statsForce writes a force's series; without full, leaves out what the
// sources say beside the figures, as a question's answer shows it.
func (h *Handlers) statsForce(p *locales.Printer, f knowledge.Force, year int, only []knowledge.Measure, full bool) Answer {
	lang := string(p.Lang())
	var c cites
	var cv caveats
	var shown []knowledge.Measure
	var all []knowledge.Stat
	a := Answer{Title: p.T("stats_title_force", "Force", forceName(p, f, lang))}
	for _, m := range only {
		all = append(all, h.kb.Series(f.ID, m)...)
		series := h.kb.ComparableSeries(f.ID, m)
		if len(series) == 0 {
			continue
		}
		shown = append(shown, m)
		var out []string
		for i, s := range series {
			c.add(s.Source)
			line := p.T("stats_series_first", "Year", p.Year(s.Year), "Count", p.Int(s.Count))
			// A change is given from one year to the next only: across a gap
			// the figures may not have been counted the same way.
			if i > 0 && series[i-1].Year == s.Year-1 {
				prev := series[i-1]
				line = p.T("stats_series_line", "Year", p.Year(s.Year), "Count", p.Int(s.Count),
					"Change", p.Percent(change(prev.Count, s.Count)), "Prev", p.Year(prev.Year))
			}
			out = append(out, cv.mark(p, s, line))
		}
		// The change over each run of consecutive years of three or more.
		for start, i := 0, 1; i <= len(series); i++ {
			if i < len(series) && series[i].Year == series[i-1].Year+1 {
				continue
			}
			if i-start > 2 {
				first, last := series[start], series[i-1]
				out = append(out, p.T("stats_series_overall", "From", p.Year(first.Year), "To", p.Year(last.Year),
					"Change", p.Percent(change(first.Count, last.Count))))
			}
			start = i
		}
		if year != 0 {
			out = append(out, h.rankOf(p, f, year, m))
		}
		a.Fields = append(a.Fields, Field{Name: p.T("stats_measure_title_" + measureKey(m)), Value: lines(out...)})
	}
	apart, hasApart := h.apart(p, all, &c)
	if len(shown) == 0 && !hasApart {
		a.Body = p.T("stats_force_none", "Force", forceName(p, f, lang))
		return a
	}
	if len(shown) > 0 {
		a.Body = p.T("stats_force_intro")
	}
	cv.addTo(p, &a)
	if hasApart {
		a.Fields = append(a.Fields, apart)
	}
	var notes []string
	for _, n := range f.Notes {
		if !full {
			break
		}
		c.add(n.Sources...)
		notes = append(notes, claim(p, n))
	}
	if len(notes) > 0 {
		a.Fields = append(a.Fields, Field{Name: p.T("stats_notes"), Value: bullets(notes)})
	}
	if len(shown) > 0 {
		a.Fields = append(a.Fields, definitions(p, shown))
	}
	if full {
		a.moveToSection(p, len(shown), &cv, SectionCounted, p.T("stats_section_counted"))
		// The first view shows the measure the chart draws; the other is
		// one tap away.
		if len(shown) > 1 {
			other := a.Fields[1:len(shown)]
			a.Fields = a.Fields[:1:1]
			a.Sections = append([]Section{{Key: SectionFigures, Name: other[0].Name, Fields: other}}, a.Sections...)
		}
	}
	a.Sources = h.sources(p, &c)
	return a
}

// rankOf says where f stands among the forces with a figure for year.
func (h *Handlers) rankOf(p *locales.Printer, f knowledge.Force, year int, m knowledge.Measure) string {
	rank, n := h.kb.RankOf(f.ID, year, m)
	if rank == 0 {
		for _, s := range h.kb.Series(f.ID, m) {
			if s.Year == year && s.NotComparable {
				return p.T("stats_rank_apart", "Year", p.Year(year))
			}
		}
		return p.T("stats_rank_none", "Year", p.Year(year))
	}
	return p.Plural("stats_rank_of", n, "Year", p.Year(year), "Rank", p.Int(rank))
}

func (h *Handlers) statsYear(p *locales.Printer, year int, only []knowledge.Measure) Answer {
	a := Answer{Title: p.T("stats_title_year", "Year", p.Year(year))}
	var c cites
	var cv caveats
	var shown []knowledge.Measure
	var all []knowledge.Stat
	for _, m := range only {
		all = append(all, h.kb.Ranking(year, m)...)
		if f, ok := h.ranking(p, year, m, &c, &cv); ok {
			shown = append(shown, m)
			a.Fields = append(a.Fields, f)
		}
	}
	apart, hasApart := h.apart(p, all, &c)
	if len(shown) == 0 {
		a.Body = paragraphs(p.T("stats_year_none", "Year", p.Year(year)), h.yearsWithFigures(p, only))
		if hasApart {
			a.Fields = append(a.Fields, apart)
			a.Sources = h.sources(p, &c)
		}
		return a
	}
	cv.addTo(p, &a)
	if hasApart {
		a.Fields = append(a.Fields, apart)
	}
	a.Fields = append(a.Fields, definitions(p, shown))
	a.moveToSection(p, len(shown), &cv, SectionCounted, p.T("stats_section_counted"))
	a.Sources = h.sources(p, &c)
	return a
}

// ranking lists the forces with a figure of measure m for year, largest
// first; a group of forces ("all other forces") is shown after them, unranked.
// The sum is of the figures of one source, so that it adds up what that
// source lists and never passes for a national total.
func (h *Handlers) ranking(p *locales.Printer, year int, m knowledge.Measure, c *cites, cv *caveats) (Field, bool) {
	lang := string(p.Lang())
	ranking := h.kb.ComparableRanking(year, m)
	if len(ranking) == 0 {
		return Field{}, false
	}
	var out, groups []string
	bySource := map[string]int{}
	count := map[string]int{}
	rank := 0
	for _, s := range ranking {
		c.add(s.Source)
		bySource[s.Source] += s.Count
		count[s.Source]++
		f, _ := h.kb.Force(s.Force)
		name := forceName(p, f, lang)
		if f.Group() {
			groups = append(groups, cv.mark(p, s, p.T("stats_group_line", "Force", name, "Count", p.Int(s.Count))))
			continue
		}
		rank++
		out = append(out, cv.mark(p, s, p.T("stats_rank_line", "Rank", strconv.Itoa(rank), "Force", name, "Count", p.Int(s.Count))))
	}
	out = append(out, groups...)
	main := ""
	for _, s := range ranking {
		if count[s.Source] > count[main] {
			main = s.Source
		}
	}
	switch {
	case count[main] < 2:
	case count[main] == len(ranking):
		out = append(out, p.T("stats_sum_listed", "Count", p.Int(bySource[main])))
	default:
		src, _ := h.kb.Source(main)
		out = append(out, p.Plural("stats_sum_source", count[main], "Sum", p.Int(bySource[main]),
			"Source", p.T("stats_source_short", "Publisher", src.Publisher, "Date", sourceDate(p, src))))
	}
	name := p.T("stats_ranking_title", "Measure", p.T("stats_measure_title_"+measureKey(m)), "Year", p.Year(year))
	return Field{Name: name, Value: lines(out...)}, true
}

func (h *Handlers) statsCompare(p *locales.Printer, f, g knowledge.Force, only []knowledge.Measure) Answer {
	lang := string(p.Lang())
	a := Answer{Title: p.T("stats_title_compare", "A", forceName(p, f, lang), "B", forceName(p, g, lang))}
	var c cites
	var cv caveats
	var shown []knowledge.Measure
	var all []knowledge.Stat
	fa, fb := forceShort(f, lang), forceShort(g, lang)
	for _, m := range only {
		all = append(all, h.kb.Series(f.ID, m)...)
		all = append(all, h.kb.Series(g.ID, m)...)
		sa, sb := h.kb.ComparableSeries(f.ID, m), h.kb.ComparableSeries(g.ID, m)
		byYear := map[int]knowledge.Stat{}
		for _, s := range sb {
			byYear[s.Year] = s
		}
		var out []string
		for _, s := range sa {
			t, ok := byYear[s.Year]
			if !ok {
				continue
			}
			c.add(s.Source, t.Source)
			left := cv.mark(p, s, p.T("stats_compare_side", "Force", fa, "Count", p.Int(s.Count)))
			right := cv.mark(p, t, p.T("stats_compare_side", "Force", fb, "Count", p.Int(t.Count)))
			out = append(out, p.T("stats_compare_line", "Year", p.Year(s.Year), "A", left, "B", right))
		}
		if len(out) == 0 {
			continue
		}
		shown = append(shown, m)
		a.Fields = append(a.Fields, Field{Name: p.T("stats_measure_title_" + measureKey(m)), Value: lines(out...)})
	}
	if len(shown) == 0 {
		var parts []string
		parts = append(parts, p.T("stats_compare_none", "A", forceName(p, f, lang), "B", forceName(p, g, lang)))
		parts = append(parts, h.measuresOf(p, f), h.measuresOf(p, g))
		a.Body = paragraphs(parts[0], lines(parts[1:]...), p.T("stats_not_comparable"))
		// The figures named above are facts too: cite them.
		for _, s := range append(h.kb.StatsOf(f.ID), h.kb.StatsOf(g.ID)...) {
			if !s.NotComparable {
				c.add(s.Source)
			}
		}
		if apart, ok := h.apart(p, all, &c); ok {
			a.Fields = append(a.Fields, apart)
		}
		a.Sources = h.sources(p, &c)
		return a
	}
	a.Body = p.T("stats_compare_intro")
	cv.addTo(p, &a)
	if apart, ok := h.apart(p, all, &c); ok {
		a.Fields = append(a.Fields, apart)
	}
	a.Fields = append(a.Fields, definitions(p, shown))
	a.moveToSection(p, len(shown), &cv, SectionCounted, p.T("stats_section_counted"))
	a.Sources = h.sources(p, &c)
	return a
}
