package chart

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"sanctuaire/knowledge"
	"sanctuaire/locales"
)

// notes numbers the distinct caveats of the uncertain figures drawn, in
// the order they are drawn: the first caveat's figures are marked *, the
// second's **, as in the answer's text, so a reader can tell which
// figure each footnote is about.
type notes struct {
	texts  []string // a caveat's text in the chart's language; "" when the source gives none
	counts []int    // how many figures carry it
}

// valueText writes st's count as drawn on its bar, with the mark of its
// caveat when it is uncertain.
func (n *notes) valueText(p *locales.Printer, st knowledge.Stat) string {
	v := p.Int(st.Count)
	if !st.Uncertain {
		return v
	}
	text := st.Caveat.In(string(p.Lang()))
	i := slices.Index(n.texts, text)
	if i < 0 {
		n.texts = append(n.texts, text)
		n.counts = append(n.counts, 0)
		i = len(n.texts) - 1
	}
	n.counts[i]++
	return p.T("chart_value_uncertain", "Value", v, "Mark", mark(p, i))
}

// mark is the mark of the i-th caveat, from 0: *, **, ***…
func mark(p *locales.Printer, i int) string {
	return strings.Repeat(p.T("chart_mark"), i+1)
}

// finish sets what every kind shares: the value axis, the source line and
// the footnotes of uncertain figures. used lists the stats drawn, in
// order; n their caveats.
func (c *Chart) finish(p *locales.Printer, used []knowledge.Stat, sources []knowledge.Source, n notes) error {
	var top float64
	for _, s := range c.Series {
		for _, v := range s.Values {
			top = math.Max(top, v)
		}
	}
	c.Ticks, c.Max = ticks(p, top)

	byID := make(map[string]knowledge.Source, len(sources))
	for _, s := range sources {
		byID[s.ID] = s
	}
	var items []string
	seen := map[string]bool{}
	for _, st := range used {
		src, ok := byID[st.Source]
		if !ok {
			return fmt.Errorf("%s %d: source %q: %w", st.Force, st.Year, st.Source, ErrUnknown)
		}
		if !seen[src.ID] {
			seen[src.ID] = true
			items = append(items, sourceItem(p, src))
		}
	}
	list := ""
	for i, it := range items {
		if i > 0 {
			list += p.T("chart_source_separator")
		}
		list += it
	}
	c.SourceLine = p.Plural("chart_source", len(items), "List", list)
	c.Caveats, c.CaveatShort = n.lines(p)
	return nil
}

// sourceItem writes a source as its publisher (or title) and its date.
func sourceItem(p *locales.Printer, s knowledge.Source) string {
	who := s.Publisher
	if who == "" {
		who = s.Title
	}
	d := s.Published
	if d.IsZero() {
		return who
	}
	return p.T("chart_source_item", "Publisher", who, "Date", p.Date(d.Year, d.Month, d.Day))
}

// ticks chooses a round step (1, 2 or 5 times a power of ten) giving at
// most six marks from 0 to just above top, and leaves room above the
// tallest bar for its value.
func ticks(p *locales.Printer, top float64) ([]Tick, float64) {
	if top < 1 {
		top = 1
	}
	want := top * 1.05
	step := 0.0
	for mag := math.Pow10(int(math.Floor(math.Log10(want / 6)))); step == 0; mag *= 10 {
		for _, f := range []float64{1, 2, 5} {
			if math.Ceil(want/(f*mag)) <= 6 {
				step = f * mag
				break
			}
		}
	}
	step = math.Max(step, 1) // counts are whole numbers
	n := int(math.Ceil(want / step))
	out := make([]Tick, 0, n+1)
	for i := 0; i <= n; i++ {
		v := float64(i) * step
		out = append(out, Tick{Value: v, Label: p.Int(int(v))})
	}
	return out, float64(n) * step
}
