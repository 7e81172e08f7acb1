package handlers

import (
	"sanctuaire/knowledge"
	"sanctuaire/locales"
)

// dateSources adds to the footer of an answer that names sources the date
// of the newest one, by month: how current its facts are.
func (h *Handlers) dateSources(p *locales.Printer, a *Answer) {
	if len(a.Sources) == 0 {
		return
	}
	var newest knowledge.Date
	for _, s := range a.Sources {
		if d := h.dated[s.Label]; knowledge.Later(d, newest) {
			newest = d
		}
	}
	line := p.T("answer_sources_undated")
	if !newest.IsZero() {
		line = p.T("answer_sources_up_to", "Date", p.Date(newest.Year, newest.Month, 0))
	}
	a.Footer = lines(a.Footer, line)
}

// sourceDate is the date a source is cited by in a short credit: the one
// it shows, else the date its content places it at, else its last update.
func sourceDate(p *locales.Printer, s knowledge.Source) string {
	switch {
	case !s.Published.IsZero():
		return day(p, s.Published)
	case !s.Circa.IsZero():
		return p.T("common_source_circa", "Date", day(p, s.Circa))
	case !s.Updated.IsZero():
		return day(p, s.Updated)
	}
	return p.T("common_source_no_date")
}
