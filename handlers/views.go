package handlers

import (
	"strings"

	"sanctuaire/knowledge"
	"sanctuaire/locales"
)

// Section keys: the same in every language, so that a control can name a
// section of an answer without any text a person typed.
const (
	SectionPolicy   = "policy"   // what a place's policy covers, and what is known of the police
	SectionTimeline = "timeline" // dated events
	SectionNotes    = "notes"    // what sources disagree on, and context
	SectionFigures  = "figures"  // every figure
	SectionCounted  = "counted"  // uncertain figures, figures apart, what is counted
	SectionRanking  = "ranking"  // the ranking of a year
	SectionOrgs     = "orgs"     // every organisation in full
	SectionDetails  = "details"  // a rights topic in detail
	SectionTopics   = "topics"   // every rights topic with its summary
	SectionMore     = "more"     // the rest of a short answer
)

// addSection adds to a the section key, named name, with the fields that
// have a value; nothing when none has.
func (a *Answer) addSection(key, name string, fields ...Field) {
	var keep []Field
	for _, f := range fields {
		if strings.TrimSpace(f.Value) != "" {
			keep = append(keep, f)
		}
	}
	if len(keep) > 0 {
		a.Sections = append(a.Sections, Section{Key: key, Name: name, Fields: keep})
	}
}

// latestLines writes, for each force, its latest comparable figure of each
// measure on a line of its own, with the figure's source in short form.
func (h *Handlers) latestLines(p *locales.Printer, forces []string, c *cites) []string {
	lang := string(p.Lang())
	var out []string
	for _, id := range forces {
		f, ok := h.kb.Force(id)
		if !ok {
			continue
		}
		for _, m := range measures {
			series := h.kb.ComparableSeries(id, m)
			if len(series) == 0 {
				continue
			}
			s := series[len(series)-1]
			c.add(s.Source)
			line := p.T("answer_latest", "Force", forceShort(f, lang), "Count", p.Int(s.Count),
				"Measure", p.T("answer_measure_"+measureKey(m)), "Year", p.Year(s.Year), "Source", h.short(p, s.Source))
			if s.Uncertain {
				line = p.T("answer_with_note", "Text", line, "Note", p.T("answer_uncertain_short"))
			}
			out = append(out, line)
		}
	}
	return out
}

// short is a source in short form, "La Presse, mars 2019"; "" when unknown.
func (h *Handlers) short(p *locales.Printer, id string) string {
	if s, ok := h.listed[id]; ok {
		return s.in[p.Lang()].Short
	}
	return ""
}

// reachable lists up to n organisations of orgs that can be reached, each on
// a line with its way to reach it: first those whose contact details no
// source doubts, then those with a web site, then contact details that may
// be out of date. urls holds the web sites of those listed.
func (h *Handlers) reachable(p *locales.Printer, orgs []knowledge.Org, n int, c *cites) (lines []string, urls map[string]bool) {
	rank := func(o *knowledge.Org) int {
		switch ct := o.Contact; {
		case ct != nil && ct.Text != "" && !ct.Uncertain:
			return 0
		case o.URL != "":
			return 1
		case ct != nil && ct.Text != "":
			return 2
		}
		return -1
	}
	urls = map[string]bool{}
	for want := 0; want <= 2; want++ {
		for i := range orgs {
			if o := &orgs[i]; len(lines) < n && rank(o) == want {
				lines = append(lines, h.reachLine(p, o, c))
				urls[o.URL] = o.URL != ""
			}
		}
	}
	return lines, urls
}

// reachLine names an organisation and how to reach it: its contact details
// with the date a source showed them, or its web site.
func (h *Handlers) reachLine(p *locales.Printer, o *knowledge.Org, c *cites) string {
	lang := string(p.Lang())
	c.add(o.Sources...)
	if ct := o.Contact; ct != nil && ct.Text != "" {
		c.add(ct.Sources...)
		asOf := p.T("common_source_no_date")
		if !ct.AsOf.IsZero() {
			asOf = p.T(asOfID(ct.AsOf), "Date", day(p, ct.AsOf))
		}
		id := "answer_reach"
		if ct.Uncertain {
			id = "answer_reach_uncertain"
		}
		return p.T(id, "Name", o.Name.In(lang), "How", ct.Text, "AsOf", asOf)
	}
	return p.T("answer_reach_web", "Name", o.Name.In(lang), "URL", o.URL)
}

// moveToSection moves the fields of a from the n-th on to a section, leaving
// the first n in the first view; when any figure shown is marked uncertain,
// the first view says where its caveat is.
func (a *Answer) moveToSection(p *locales.Printer, n int, cv *caveats, key, name string) {
	if n >= len(a.Fields) {
		return
	}
	rest := a.Fields[n:]
	a.Fields = a.Fields[:n:n]
	a.addSection(key, name, rest...)
	if len(cv.texts) > 0 {
		a.Body = paragraphs(a.Body, p.T("stats_caveats_see", "Mark", p.T("chart_mark"), "Section", name))
	}
}
