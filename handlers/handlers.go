package handlers

import (
	"cmp"
	"log/slog"
	"slices"
	"strings"
	"sync"

	"sanctuaire/chart"
	"sanctuaire/knowledge"
	"sanctuaire/locales"
)

// Handlers answers the member commands from the knowledge base.
type Handlers struct {
	kb  *knowledge.Base
	cat *locales.Catalog
	log *slog.Logger
	// listed holds every source as answers list it, written once in each
	// language: a source reads the same in every answer that cites it.
	listed map[string]listedSource
	// dated is the date of each source by its line in any language, so
	// that an answer can say how recent its sources are.
	dated map[string]knowledge.Date
	// kept holds, by keptKey, the answers keep built.
	kept sync.Map
	// questions holds the responses to questions by what was understood.
	questions keptResponses
	// draw draws the charts, a few at once whatever the number of
	// requests: a chart holds megabytes while it is drawn.
	draw *chart.Drawer
}

// listedSource is a source's date, by which answers order their sources,
// and its line in each language.
type listedSource struct {
	published knowledge.Date
	in        map[locales.Lang]Source
}

// New returns the handlers of the member commands. log takes what goes wrong
// without stopping an answer (a chart not drawn); slog.Default() when nil.
// kb and cat must not change afterwards: answers that depend on nothing else
// are written once and kept.
func New(kb *knowledge.Base, cat *locales.Catalog, log *slog.Logger) *Handlers {
	h := &Handlers{kb: kb, cat: cat, log: log, listed: make(map[string]listedSource, len(kb.Sources)), draw: chart.NewDrawer(chart.MaxDrawing),
		dated: make(map[string]knowledge.Date, len(kb.Sources)*len(locales.All))}
	for i := range kb.Sources {
		s := &kb.Sources[i]
		ls := listedSource{published: s.Dated(), in: make(map[locales.Lang]Source, len(locales.All))}
		for _, l := range locales.All {
			ls.in[l] = source(cat.Printer(l), s)
			h.dated[ls.in[l].Label] = s.Dated()
		}
		h.listed[s.ID] = ls
	}
	return h
}

// logger is the handlers' logger.
func (h *Handlers) logger() *slog.Logger {
	if h.log == nil {
		return slog.Default()
	}
	return h.log
}

// cites collects the sources an answer shows, once each, in the order first cited.
type cites struct {
	ids []string
	// seen indexes ids once there are too many to search one by one.
	seen map[string]bool
}

// citesScan is how many ids cites searches one by one before it indexes them.
const citesScan = 16

func (c *cites) add(ids ...string) {
	for _, id := range ids {
		if id == "" || c.has(id) {
			continue
		}
		c.ids = append(c.ids, id)
		switch {
		case c.seen != nil:
			c.seen[id] = true
		case len(c.ids) > citesScan:
			c.seen = make(map[string]bool, 2*len(c.ids))
			for _, id := range c.ids {
				c.seen[id] = true
			}
		}
	}
}

func (c *cites) has(id string) bool {
	if c.seen != nil {
		return c.seen[id]
	}
	return slices.Contains(c.ids, id)
}

// sources writes out the cited sources in the answer's language, oldest first.
func (h *Handlers) sources(p *locales.Printer, c *cites) []Source {
	list := make([]listedSource, 0, len(c.ids))
	for _, id := range c.ids {
		if s, ok := h.listed[id]; ok {
			list = append(list, s)
		}
	}
	// Oldest first; sources that show no date come last.
	slices.SortStableFunc(list, func(x, y listedSource) int {
		a, b := x.published, y.published
		switch {
		case a.IsZero() || b.IsZero():
			return cmp.Compare(boolInt(a.IsZero()), boolInt(b.IsZero()))
		case a.Before(b):
			return -1
		case b.Before(a):
			return 1
		}
		return 0
	})
	out := make([]Source, len(list))
	for i, s := range list {
		out[i] = s.in[p.Lang()]
	}
	return out
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// source writes one source as "title — publisher, date (updated date) (note)";
// a source with no recorded title is named by its description in p's language.
func source(p *locales.Printer, s *knowledge.Source) Source {
	date := p.T("common_source_no_date")
	switch {
	case !s.Published.IsZero():
		date = day(p, s.Published)
	case !s.Circa.IsZero():
		date = p.T("common_source_circa", "Date", day(p, s.Circa))
	}
	lang := string(p.Lang())
	label := p.T("common_source_line", "Title", s.Label(lang), "Publisher", s.Publisher, "Date", date)
	if !s.Updated.IsZero() {
		label = p.T("answer_source_updated", "Text", label, "Date", day(p, s.Updated))
	}
	out := Source{Label: label, Cite: label, URL: s.URL, Short: s.Publisher}
	if note := s.Note.In(lang); note != "" {
		out.Note = note
		out.Label = p.T("answer_with_note", "Text", label, "Note", note)
	}
	switch d := s.Dated(); {
	case !s.Published.IsZero():
		out.Short = p.T("common_source_short", "Publisher", s.Publisher, "Date", p.Date(s.Published.Year, s.Published.Month, 0))
	case !s.Circa.IsZero():
		out.Short = p.T("common_source_short", "Publisher", s.Publisher, "Date", p.T("common_source_about", "Date", p.Date(d.Year, d.Month, 0)))
	case !d.IsZero():
		out.Short = p.T("common_source_short", "Publisher", s.Publisher, "Date", p.Date(d.Year, d.Month, 0))
	}
	return out
}

// creditLine cites the first n sources of an answer's key facts in short form,
// as a line under them: "Sources: City of Montréal, February 2017; La
// Presse, 2019". The full list is a view of its own.
func (h *Handlers) creditLine(p *locales.Printer, n int, ids ...string) string {
	var shorts []string
	for _, id := range ids {
		if len(shorts) == n {
			break
		}
		if s, ok := h.listed[id]; ok {
			if short := s.in[p.Lang()].Short; !slices.Contains(shorts, short) {
				shorts = append(shorts, short)
			}
		}
	}
	if len(shorts) == 0 {
		return ""
	}
	return p.Plural("common_credit", len(shorts), "List", strings.Join(shorts, p.T("common_credit_separator")))
}

// day formats a date known to the year, month or day.
func day(p *locales.Printer, d knowledge.Date) string { return p.Date(d.Year, d.Month, d.Day) }

// claim writes a claim in lang, with its caveat when it is uncertain.
func claim(p *locales.Printer, c knowledge.Claim) string {
	lang := string(p.Lang())
	text := c.Text.In(lang)
	if c.Uncertain {
		return p.T("answer_with_note", "Text", text, "Note", p.T("common_uncertain", "Caveat", c.Caveat.In(lang)))
	}
	return text
}

// paragraphs joins the non-empty parts with blank lines.
func paragraphs(parts ...string) string { return join("\n\n", parts) }

// lines joins the non-empty parts with line breaks.
func lines(parts ...string) string { return join("\n", parts) }

func join(sep string, parts []string) string {
	keep := make([]string, 0, len(parts))
	for _, s := range parts {
		if s = strings.TrimSpace(s); s != "" {
			keep = append(keep, s)
		}
	}
	return strings.Join(keep, sep)
}

// bullets writes each item on its own line after a bullet.
func bullets(items []string) string {
	const bullet = "• "
	n := 0
	for _, it := range items {
		n += len(bullet) + len(it) + 1
	}
	var b strings.Builder
	b.Grow(n)
	for _, it := range items {
		if it = strings.TrimSpace(it); it == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(bullet)
		b.WriteString(it)
	}
	return b.String()
}

// measures lists the measures in the order answers show them.
var measures = []knowledge.Measure{knowledge.Calls, knowledge.StatusChecks}

// measureKey is the part of a message ID that names a measure.
func measureKey(m knowledge.Measure) string { return strings.ReplaceAll(string(m), "-", "_") }

// measureName is the measure as a line of figures names it: "calls of all kinds".
func measureName(p *locales.Printer, m knowledge.Measure) string {
	return p.T("stats_measure_" + measureKey(m))
}

// acronym is a force's acronym in lang, or "" when it has none. A force
// with two acronyms lists the English one first and the French one second
// ("TPS", "SPT"); a force with one uses it in both languages ("SPVM").
func acronym(f knowledge.Force, lang string) string {
	switch {
	case len(f.Acronyms) == 0:
		return ""
	case lang == "fr" && len(f.Acronyms) > 1:
		return f.Acronyms[1]
	}
	return f.Acronyms[0]
}

// forceName is a force's name with its acronym in lang.
func forceName(p *locales.Printer, f knowledge.Force, lang string) string {
	name := f.Name.In(lang)
	if a := acronym(f, lang); a != "" && !strings.Contains(name, a) && !strings.Contains(name, "(") {
		return p.T("answer_name_acronym", "Name", name, "Acronym", a)
	}
	return name
}

// forceShort is a force's acronym in lang, or its name when it has none.
func forceShort(f knowledge.Force, lang string) string {
	if a := acronym(f, lang); a != "" {
		return a
	}
	return f.Name.In(lang)
}

// stat adds to line the note and the caveat of a figure.
func stat(p *locales.Printer, s knowledge.Stat, line string) string {
	lang := string(p.Lang())
	if note := s.Note.In(lang); note != "" {
		line = p.T("answer_with_note", "Text", line, "Note", note)
	}
	switch {
	case s.NotComparable:
		line = p.T("answer_with_note", "Text", line, "Note", p.T("common_not_comparable", "Caveat", s.Caveat.In(lang)))
	case s.Uncertain:
		line = p.T("answer_with_note", "Text", line, "Note", p.T("common_uncertain", "Caveat", s.Caveat.In(lang)))
	}
	return line
}

// unknown is the friendly answer to a name the base does not know: the
// entries known (IDs), the closest to name first, to choose from.
func (h *Handlers) unknown(p *locales.Printer, kind knowledge.Kind, name, hint string, known []string) Answer {
	a := Answer{Kind: NotFound, Title: p.T("answer_unknown_title")}
	var parts []string
	var near []string
	if name == "" {
		parts = append(parts, p.T("answer_no_name"))
	} else {
		// Said in the title, warmer than "Not found".
		a.Title = p.T("answer_unknown_named", "Name", p.Quote(name))
		near = h.kb.Suggest(kind, name, 3)
	}
	a.Body = paragraphs(append(parts, p.T(hint))...)
	h.pick(p, kind, near, known, &a)
	return a
}

// unknownResponse is unknown in every language asked for. Its buttons
// carry no option: the name typed stays out of them.
func (h *Handlers) unknownResponse(req Request, kind knowledge.Kind, name, hint string, known []string) Response {
	resp := h.respond(req, func(p *locales.Printer) Answer {
		return h.unknown(p, kind, name, hint, known)
	})
	resp.Rerun = map[string]string{}
	return resp
}

// name is the name of an entry of any kind in lang.
func (h *Handlers) name(kind knowledge.Kind, id, lang string) string {
	switch kind {
	case knowledge.KindPlace:
		if v, ok := h.kb.Place(id); ok {
			return v.Name.In(lang)
		}
	case knowledge.KindForce:
		if v, ok := h.kb.Force(id); ok {
			return forceName(h.cat.Printer(locales.Lang(lang)), v, lang)
		}
	case knowledge.KindOrg:
		if v, ok := h.kb.Org(id); ok {
			return v.Name.In(lang)
		}
	case knowledge.KindTopic:
		if v, ok := h.kb.Topic(id); ok {
			return v.Title.In(lang)
		}
	}
	return ""
}
