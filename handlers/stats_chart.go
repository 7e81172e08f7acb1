package handlers

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"sanctuaire/chart"
	"sanctuaire/knowledge"
	"sanctuaire/locales"
)

// plot is the chart a stats answer shows, decided once for every language:
// what kind, which measure, and what it draws. A zero plot draws nothing.
type plot struct {
	kind  chart.Kind
	m     knowledge.Measure
	year  int             // ranking: the year ranked
	a, b  knowledge.Force // series: a; compare: a and b
	years map[int]bool    // compare: the years both forces have
	// other lists the measures the answer shows in text only: Discord shows
	// one picture per answer, so the chart is of the measure the answer
	// leads with and the text says where the others are.
	other []knowledge.Measure
}

// name is the file name of the chart in lang, made of IDs and numbers only:
// a name safe in any link to the file.
func (pl plot) name(lang locales.Lang) string {
	what := ""
	switch pl.kind {
	case chart.KindSeries:
		what = pl.a.ID
	case chart.KindRanking:
		what = strconv.Itoa(pl.year)
	case chart.KindCompare:
		what = pl.a.ID + "-" + pl.b.ID
	}
	return fmt.Sprintf("stats-%s-%s.%s.png", what, pl.m, lang)
}

// lead returns the first measure of only that has figures, and the others
// that have some, which the answer lists in text only.
func lead(only []knowledge.Measure, has func(knowledge.Measure) bool) (first knowledge.Measure, other []knowledge.Measure, ok bool) {
	for _, m := range only {
		switch {
		case !has(m):
		case !ok:
			first, ok = m, true
		default:
			other = append(other, m)
		}
	}
	return first, other, ok
}

// forcePlot charts the first measure the force has figures of, as
// statsForce lists it first.
func (h *Handlers) forcePlot(f knowledge.Force, only []knowledge.Measure) plot {
	m, other, ok := lead(only, func(m knowledge.Measure) bool { return len(h.kb.ComparableSeries(f.ID, m)) > 0 })
	if !ok {
		return plot{}
	}
	return plot{kind: chart.KindSeries, m: m, a: f, other: other}
}

// yearPlot charts the ranking of the first measure with figures for year,
// as statsYear lists it first.
func (h *Handlers) yearPlot(year int, only []knowledge.Measure) plot {
	m, other, ok := lead(only, func(m knowledge.Measure) bool { return len(h.kb.ComparableRanking(year, m)) > 0 })
	if !ok {
		return plot{}
	}
	return plot{kind: chart.KindRanking, m: m, year: year, other: other}
}

// overviewPlot charts the one ranking statsOverview shows.
func (h *Handlers) overviewPlot(only []knowledge.Measure) plot {
	m, year, n := h.kb.Busiest(only)
	if n == 0 {
		return plot{}
	}
	return plot{kind: chart.KindRanking, m: m, year: year}
}

// comparePlot charts the first measure both forces have a year of, and only
// the years both have, as statsCompare lists them.
func (h *Handlers) comparePlot(f, g knowledge.Force, only []knowledge.Measure) plot {
	common := func(m knowledge.Measure) map[int]bool {
		return commonYears(h.kb.ComparableSeries(f.ID, m), h.kb.ComparableSeries(g.ID, m))
	}
	m, other, ok := lead(only, func(m knowledge.Measure) bool { return len(common(m)) > 0 })
	if !ok {
		return plot{}
	}
	return plot{kind: chart.KindCompare, m: m, a: f, b: g, years: common(m), other: other}
}

func commonYears(a, b []knowledge.Stat) map[int]bool {
	in := map[int]bool{}
	for _, s := range b {
		in[s.Year] = true
	}
	both := map[int]bool{}
	for _, s := range a {
		if in[s.Year] {
			both[s.Year] = true
		}
	}
	return both
}

// buildChart builds the plot's chart in p's language.
func (h *Handlers) buildChart(p *locales.Printer, pl plot) (chart.Chart, error) {
	switch pl.kind {
	case chart.KindSeries:
		return chart.Series(p, pl.a, pl.m, h.kb.ComparableSeries(pl.a.ID, pl.m), h.kb.Sources)
	case chart.KindRanking:
		// A group of forces is listed after the ranking, unranked: it is no
		// bar among the forces either, nor is a figure not comparable.
		var stats []knowledge.Stat
		forces := map[string]knowledge.Force{}
		for _, s := range h.kb.ComparableRanking(pl.year, pl.m) {
			f, ok := h.kb.Force(s.Force)
			if !ok || f.Group() {
				continue
			}
			stats = append(stats, s)
			forces[f.ID] = f
		}
		return chart.Ranking(p, pl.year, pl.m, stats, forces, h.kb.Sources)
	case chart.KindCompare:
		keep := func(series []knowledge.Stat) []knowledge.Stat {
			var out []knowledge.Stat
			for _, s := range series {
				if pl.years[s.Year] {
					out = append(out, s)
				}
			}
			return out
		}
		return chart.Compare(p, pl.a, pl.b, pl.m, keep(h.kb.ComparableSeries(pl.a.ID, pl.m)), keep(h.kb.ComparableSeries(pl.b.ID, pl.m)), h.kb.Sources)
	}
	return chart.Chart{}, chart.ErrNoData
}

// attachCharts draws pl in the language of each answer, attaches the PNG and
// shows it in that answer. A chart that cannot be drawn leaves its answer as
// it is: the figures are in the text.
func (h *Handlers) attachCharts(ctx context.Context, resp *Response, pl plot) {
	if pl.kind == "" {
		return
	}
	for i := range resp.Answers {
		if ctx.Err() != nil {
			return
		}
		a := &resp.Answers[i]
		p := h.cat.Printer(a.Lang)
		c, err := h.buildChart(p, pl)
		var data []byte
		if err == nil {
			data, err = h.draw.PNG(ctx, c, chart.PhoneWidth, chart.PhoneHeight)
		}
		if err != nil {
			// Only what kind of chart failed and why: no force, year or
			// other value someone typed.
			h.logger().WarnContext(ctx, "stats chart not drawn", "kind", string(pl.kind), "measure", string(pl.m), "reason", chartFailure(err))
			continue
		}
		name := pl.name(a.Lang)
		resp.Files = append(resp.Files, File{Name: name, ContentType: "image/png", Data: data})
		a.Image = name
		if len(pl.other) > 0 {
			a.Body = paragraphs(a.Body, chartNote(p, pl))
		}
	}
}

// chartNote says which measure the chart draws and where the others are.
func chartNote(p *locales.Printer, pl plot) string {
	var others, choices []string
	for _, m := range pl.other {
		others = append(others, measureName(p, m))
		choices = append(choices, p.Quote(p.T("stats_chart_choice_"+measureKey(m))))
	}
	return p.T("stats_chart_other", "Shown", measureName(p, pl.m), "Other", p.List(others), "Choice", p.List(choices))
}

// chartFailure names the cause of a chart error without its details.
func chartFailure(err error) string {
	for _, c := range []struct {
		err  error
		name string
	}{
		{chart.ErrNoData, "no_data"},
		{chart.ErrMixedMeasure, "mixed_measure"},
		{chart.ErrWrongForce, "wrong_force"},
		{chart.ErrDuplicate, "duplicate"},
		{chart.ErrUnknown, "unknown"},
		{context.DeadlineExceeded, "timeout"},
		{context.Canceled, "canceled"},
	} {
		if errors.Is(err, c.err) {
			return c.name
		}
	}
	return "draw"
}
