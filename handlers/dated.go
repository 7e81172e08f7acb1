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
