// Package chart draws the police–CBSA statistics as PNG pictures: one
// force's figures over the years, the forces ranked for a year, and two
// forces side by side. Building a chart and drawing it are two steps: the
// Chart value holds every word and number already written in the answer's
// language, and PNG only lays it out.
package chart

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"

	"sanctuaire/knowledge"
	"sanctuaire/locales"
)

// Kind is the shape of a chart.
type Kind string

// The kinds of chart.
const (
	KindSeries  Kind = "series"  // one force, vertical bars per year
	KindRanking Kind = "ranking" // forces for one year, horizontal bars, largest first
	KindCompare Kind = "compare" // two forces, grouped vertical bars per year
)

// Errors the builders return; callers test them with errors.Is.
var (
	ErrNoData       = errors.New("no figures to draw")
	ErrMixedMeasure = errors.New("figures of different measures")
	ErrWrongForce   = errors.New("figure of another force")
	ErrDuplicate    = errors.New("two figures for the same year")
	ErrUnknown      = errors.New("unknown source or force")
)

// Chart is a chart with every text in one language. The category axis
// carries Labels, one a year or force, but for Gaps; the value axis
// carries Ticks from 0 to Max.
type Chart struct {
	Kind       Kind
	Title      string
	Measure    string // what is counted, under the title
	XLabel     string // horizontal axis, as drawn
	YLabel     string // vertical axis, as drawn
	Labels     []string
	Series     []SeriesData
	Gaps       []Gap `json:",omitempty"`
	Ticks      []Tick
	Max        float64
	SourceLine string
	// Caveats explains the marks of uncertain figures: one line per
	// distinct caveat, in the order the marks are first drawn, each
	// starting with its mark (*, **, …) and a space. Figures with the
	// same caveat share a mark.
	Caveats []string `json:",omitempty"`
	// CaveatShort stands for Caveats when they do not fit the picture:
	// every mark, and a pointer to the answer's text.
	CaveatShort string `json:",omitempty"`
}

// SeriesData is one set of bars. Texts are the values as printed on the
// bars, in the language's number format, marked when uncertain. Missing
// marks the years without a figure (their Value is 0); it is empty when
// every year has one.
type SeriesData struct {
	Name    string
	Values  []float64
	Texts   []string
	Missing []bool `json:",omitempty"`
}

// Gap is a run of categories, First to Last, that no series has a figure
// for; the picture draws it as one category labelled Label.
type Gap struct {
	First, Last int
	Label       string
}

// Tick is a labelled mark on the value axis.
type Tick struct {
	Value float64
	Label string
}

// Series charts one force's figures for measure m, year by year; a year
// between two figures that has none shows "no figure". Every stat must be
// the force's and of measure m.
func Series(p *locales.Printer, force knowledge.Force, m knowledge.Measure, stats []knowledge.Stat, sources []knowledge.Source) (Chart, error) {
	byYear, err := yearly(force, m, stats)
	if err != nil {
		return Chart{}, fmt.Errorf("series chart: %w", err)
	}
	years := span(sortedYears(byYear))
	name := short(p, force)
	c := Chart{
		Kind:    KindSeries,
		Title:   p.T("chart_title_series", "Force", name),
		Measure: measureName(p, m),
		XLabel:  p.T("chart_axis_year"),
		YLabel:  axisName(p, m),
	}
	s := SeriesData{Name: name}
	var used []knowledge.Stat
	var n notes
	for _, y := range years {
		c.Labels = append(c.Labels, p.Year(y))
		used = s.add(p, &n, byYear, y, used)
	}
	c.Series = []SeriesData{s}
	c.markGaps(p, years)
	if err := c.finish(p, used, sources, n); err != nil {
		return Chart{}, fmt.Errorf("series chart: %w", err)
	}
	return c, nil
}

// Ranking charts the forces' figures of measure m for year, largest first.
// Stats of other years are left out; every stat must be of measure m, and
// every force named in forces.
func Ranking(p *locales.Printer, year int, m knowledge.Measure, stats []knowledge.Stat, forces map[string]knowledge.Force, sources []knowledge.Source) (Chart, error) {
	var rows []knowledge.Stat
	seen := map[string]bool{}
	for _, st := range stats {
		if st.Measure != m {
			return Chart{}, fmt.Errorf("ranking chart: %s %d is %q, not %q: %w", st.Force, st.Year, st.Measure, m, ErrMixedMeasure)
		}
		if st.Year != year {
			continue
		}
		if _, ok := forces[st.Force]; !ok {
			return Chart{}, fmt.Errorf("ranking chart: force %q: %w", st.Force, ErrUnknown)
		}
		if seen[st.Force] {
			return Chart{}, fmt.Errorf("ranking chart: %s %d: %w", st.Force, year, ErrDuplicate)
		}
		seen[st.Force] = true
		rows = append(rows, st)
	}
	if len(rows) == 0 {
		return Chart{}, fmt.Errorf("ranking chart: %d: %w", year, ErrNoData)
	}
	lang := string(p.Lang())
	slices.SortStableFunc(rows, func(a, b knowledge.Stat) int {
		if c := cmp.Compare(b.Count, a.Count); c != 0 {
			return c
		}
		return cmp.Compare(forces[a.Force].Name.In(lang), forces[b.Force].Name.In(lang))
	})
	c := Chart{
		Kind:    KindRanking,
		Title:   p.T("chart_title_ranking", "Year", p.Year(year)),
		Measure: measureName(p, m),
		XLabel:  axisName(p, m),
		YLabel:  p.T("chart_axis_force"),
	}
	s := SeriesData{Name: p.Year(year)}
	var n notes
	for _, st := range rows {
		c.Labels = append(c.Labels, short(p, forces[st.Force]))
		s.Values = append(s.Values, float64(st.Count))
		s.Texts = append(s.Texts, n.valueText(p, st))
	}
	c.Series = []SeriesData{s}
	if err := c.finish(p, rows, sources, n); err != nil {
		return Chart{}, fmt.Errorf("ranking chart: %w", err)
	}
	return c, nil
}

// Compare charts two forces side by side, year by year, for measure m.
// Every stat must be of measure m: figures of different measures are never
// drawn together. Years run from the first figure of either force to the
// last; a year a force has no figure for shows "no figure".
func Compare(p *locales.Printer, a, b knowledge.Force, m knowledge.Measure, statsA, statsB []knowledge.Stat, sources []knowledge.Source) (Chart, error) {
	byA, err := yearly(a, m, statsA)
	if err != nil {
		return Chart{}, fmt.Errorf("compare chart: %w", err)
	}
	byB, err := yearly(b, m, statsB)
	if err != nil {
		return Chart{}, fmt.Errorf("compare chart: %w", err)
	}
	years := sortedYears(byA)
	for y := range byB {
		if _, ok := byA[y]; !ok {
			years = append(years, y)
		}
	}
	slices.Sort(years)
	years = span(years)
	nameA, nameB := short(p, a), short(p, b)
	c := Chart{
		Kind:    KindCompare,
		Title:   p.T("chart_title_compare", "A", nameA, "B", nameB),
		Measure: measureName(p, m),
		XLabel:  p.T("chart_axis_year"),
		YLabel:  axisName(p, m),
	}
	sa, sb := SeriesData{Name: nameA}, SeriesData{Name: nameB}
	var used []knowledge.Stat
	var n notes
	for _, y := range years {
		c.Labels = append(c.Labels, p.Year(y))
		used = sa.add(p, &n, byA, y, used)
		used = sb.add(p, &n, byB, y, used)
	}
	c.Series = []SeriesData{sa, sb}
	c.markGaps(p, years)
	if err := c.finish(p, used, sources, n); err != nil {
		return Chart{}, fmt.Errorf("compare chart: %w", err)
	}
	return c, nil
}

// short names a force as a chart does, to fit a phone's width: by its
// acronym in the chart's language (a force with two lists the English one
// first), by a short word for forces counted together, else by its name.
func short(p *locales.Printer, f knowledge.Force) string {
	lang := string(p.Lang())
	switch {
	case len(f.Acronyms) > 1 && lang == "fr":
		return f.Acronyms[1]
	case len(f.Acronyms) > 0:
		return f.Acronyms[0]
	case f.Group():
		return p.T("chart_group")
	}
	return f.Name.In(lang)
}

// yearly indexes a force's stats by year, refusing other forces, other
// measures and two figures for one year.
func yearly(f knowledge.Force, m knowledge.Measure, stats []knowledge.Stat) (map[int]knowledge.Stat, error) {
	if len(stats) == 0 {
		return nil, fmt.Errorf("%s: %w", f.ID, ErrNoData)
	}
	by := make(map[int]knowledge.Stat, len(stats))
	for _, st := range stats {
		switch {
		case st.Force != f.ID:
			return nil, fmt.Errorf("%s %d given for %s: %w", st.Force, st.Year, f.ID, ErrWrongForce)
		case st.Measure != m:
			return nil, fmt.Errorf("%s %d is %q, not %q: %w", st.Force, st.Year, st.Measure, m, ErrMixedMeasure)
		}
		if _, ok := by[st.Year]; ok {
			return nil, fmt.Errorf("%s %d: %w", st.Force, st.Year, ErrDuplicate)
		}
		by[st.Year] = st
	}
	return by, nil
}

// add appends year y's figure, or "no figure" when by has none, and
// returns used with the stat drawn.
func (s *SeriesData) add(p *locales.Printer, n *notes, by map[int]knowledge.Stat, y int, used []knowledge.Stat) []knowledge.Stat {
	st, ok := by[y]
	if !ok {
		s.Values = append(s.Values, 0)
		s.Texts = append(s.Texts, p.T("chart_no_data"))
		s.Missing = append(s.Missing, true)
		return used
	}
	s.Values = append(s.Values, float64(st.Count))
	s.Texts = append(s.Texts, n.valueText(p, st))
	s.Missing = append(s.Missing, false)
	return append(used, st)
}

// markGaps notes each run of two or more years that no series has a
// figure for, labelled from the first year to the last ("2018–2022"): the
// picture draws such a run as one place with one "no figure", as five
// empty pairs of bars would take the room the figures need. Then it
// leaves Missing empty in a series that lacks no year. years are the
// years of c.Labels.
func (c *Chart) markGaps(p *locales.Printer, years []int) {
	none := func(i int) bool {
		for _, s := range c.Series {
			if !s.Missing[i] {
				return false
			}
		}
		return true
	}
	for i := 0; i < len(years); i++ {
		j := i
		for none(i) && j+1 < len(years) && none(j+1) {
			j++
		}
		if j > i {
			c.Gaps = append(c.Gaps, Gap{First: i, Last: j, Label: p.T("chart_year_range", "From", p.Year(years[i]), "To", p.Year(years[j]))})
		}
		i = j
	}
	for k := range c.Series {
		if !slices.Contains(c.Series[k].Missing, true) {
			c.Series[k].Missing = nil
		}
	}
}

// folded is the chart as drawn: each gap one category, with its label.
func (c Chart) folded() Chart {
	if len(c.Gaps) == 0 {
		return c
	}
	var keep []int
	var labels []string
	g := 0
	for i := 0; i < len(c.Labels); i++ {
		keep = append(keep, i)
		if g < len(c.Gaps) && c.Gaps[g].First == i {
			labels = append(labels, c.Gaps[g].Label)
			i = c.Gaps[g].Last
			g++
			continue
		}
		labels = append(labels, c.Labels[i])
	}
	out := c
	out.Labels = labels
	out.Gaps = nil
	out.Series = make([]SeriesData, len(c.Series))
	for k, s := range c.Series {
		f := SeriesData{Name: s.Name}
		for _, i := range keep {
			f.Values = append(f.Values, s.Values[i])
			f.Texts = append(f.Texts, s.Texts[i])
			if s.Missing != nil {
				f.Missing = append(f.Missing, s.Missing[i])
			}
		}
		out.Series[k] = f
	}
	return out
}

// span fills the gaps of sorted years, so that bars next to each other are
// years next to each other: 2017 then 2023 would hide five years without
// figures.
func span(years []int) []int {
	if len(years) < 2 {
		return years
	}
	out := make([]int, 0, years[len(years)-1]-years[0]+1)
	for y := years[0]; y <= years[len(years)-1]; y++ {
		out = append(out, y)
	}
	return out
}

func sortedYears(by map[int]knowledge.Stat) []int {
	years := make([]int, 0, len(by))
	for y := range by {
		years = append(years, y)
	}
	slices.Sort(years)
	return years
}

func measureName(p *locales.Printer, m knowledge.Measure) string {
	if m == knowledge.StatusChecks {
		return p.T("chart_measure_status_checks")
	}
	return p.T("chart_measure_calls")
}

func axisName(p *locales.Printer, m knowledge.Measure) string {
	if m == knowledge.StatusChecks {
		return p.T("chart_axis_status_checks")
	}
	return p.T("chart_axis_calls")
}

// lines writes one footnote per caveat, and the short one that stands for
// them all.
func (n notes) lines(p *locales.Printer) (lines []string, short string) {
	if len(n.texts) == 0 {
		return nil, ""
	}
	var marks []string
	for i, text := range n.texts {
		m := mark(p, i)
		marks = append(marks, m)
		label := p.Plural("chart_uncertain", n.counts[i])
		if text == "" {
			lines = append(lines, p.T("chart_caveat_bare", "Mark", m, "Label", label))
			continue
		}
		lines = append(lines, p.T("chart_caveat", "Mark", m, "Label", label, "Text", text))
	}
	short = p.T("chart_caveat_short", "Marks", strings.Join(marks, p.T("chart_mark_separator")))
	return lines, short
}
