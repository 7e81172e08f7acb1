package handlers

import (
	"strings"

	"sanctuaire/knowledge"
	"sanctuaire/locales"
)

// caveats numbers the distinct caveats of the uncertain figures shown, so a
// list of figures marks each with a dagger and explains it once.
type caveats struct {
	texts []string
}

func (cv *caveats) mark(p *locales.Printer, s knowledge.Stat, line string) string {
	lang := string(p.Lang())
	if note := s.Note.In(lang); note != "" {
		line = p.T("answer_with_note", "Text", line, "Note", note)
	}
	if !s.Uncertain {
		return line
	}
	text := s.Caveat.In(lang)
	n := 0
	for i, t := range cv.texts {
		if t == text {
			n = i + 1
		}
	}
	if n == 0 {
		cv.texts = append(cv.texts, text)
		n = len(cv.texts)
	}
	// A no-break space keeps the mark with its figure when the line wraps;
	// "*" would read as a list's bullet at the start of a line in Discord.
	return line + "\u00a0" + strings.Repeat(p.T("chart_mark"), n)
}

// field explains the marks, in a field to put right after the figures; ok
// is false when no figure shown was uncertain.
func (cv *caveats) field(p *locales.Printer) (f Field, ok bool) {
	var out []string
	for i, t := range cv.texts {
		out = append(out, strings.Repeat(p.T("chart_mark"), i+1)+" "+p.T("common_uncertain", "Caveat", t))
	}
	return Field{Name: p.T("stats_caveats"), Value: strings.Join(out, "\n")}, len(out) > 0
}

// addTo appends the caveats' field to a, if any figure shown was uncertain.
// An answer that shows uncertain figures is a caution.
func (cv *caveats) addTo(p *locales.Printer, a *Answer) {
	if f, ok := cv.field(p); ok {
		a.Fields = append(a.Fields, f)
		a.Kind = Caution
	}
}

// definitions explains the measures shown, and that they are not comparable.
func definitions(p *locales.Printer, shown []knowledge.Measure) Field {
	var parts []string
	for _, m := range shown {
		parts = append(parts, p.T("stats_define_"+measureKey(m)))
	}
	parts = append(parts, p.T("stats_not_comparable"))
	return Field{Name: p.T("stats_definitions"), Value: lines(parts...)}
}

// change is the change from a to b in percent.
func change(a, b int) float64 {
	return float64(b-a) / float64(a) * 100
}

// apart lists the figures of stats marked not comparable, each with its
// note, its caveat and its source, under their own heading; ok is false
// when there are none.
func (h *Handlers) apart(p *locales.Printer, stats []knowledge.Stat, c *cites) (fd Field, ok bool) {
	lang := string(p.Lang())
	var out []string
	for _, s := range stats {
		if !s.NotComparable {
			continue
		}
		c.add(s.Source)
		f, _ := h.kb.Force(s.Force)
		src, _ := h.kb.Source(s.Source)
		why := s.Caveat.In(lang)
		if note := s.Note.In(lang); note != "" {
			why = note + " " + why
		}
		out = append(out, p.T("stats_apart_line", "Force", forceName(p, f, lang), "Year", p.Year(s.Year),
			"Count", p.Int(s.Count), "Source", p.T("stats_source_short", "Publisher", src.Publisher, "Date", sourceDate(p, src)),
			"Why", why))
	}
	return Field{Name: p.T("stats_apart_title"), Value: bullets(out)}, len(out) > 0
}

// yearsWithFigures lists, per measure, the years that have figures.
func (h *Handlers) yearsWithFigures(p *locales.Printer, only []knowledge.Measure) string {
	var out []string
	for _, m := range only {
		years := h.kb.ComparableYears(m)
		if len(years) == 0 {
			continue
		}
		ys := make([]string, len(years))
		for i, y := range years {
			ys[i] = p.Year(y)
		}
		out = append(out, p.T("stats_years_of", "Measure", p.T("stats_measure_title_"+measureKey(m)), "Years", p.List(ys)))
	}
	return lines(out...)
}

// measuresOf says which measures and years a force has figures for.
func (h *Handlers) measuresOf(p *locales.Printer, f knowledge.Force) string {
	lang := string(p.Lang())
	var out []string
	for _, m := range measures {
		series := h.kb.ComparableSeries(f.ID, m)
		if len(series) == 0 {
			continue
		}
		ys := make([]string, len(series))
		for i, s := range series {
			ys[i] = p.Year(s.Year)
		}
		out = append(out, p.T("stats_measure_years", "Measure", measureName(p, m), "Years", p.List(ys)))
	}
	if len(out) == 0 {
		return p.T("stats_force_none", "Force", forceName(p, f, lang))
	}
	return p.T("stats_force_has", "Force", forceName(p, f, lang), "What", p.List(out))
}
