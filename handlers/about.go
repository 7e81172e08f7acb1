package handlers

import (
	"context"

	"sanctuaire/locales"
)

// About answers `about`: what the bot is, every source it draws on with its
// date, how it treats privacy, and that it gives no legal advice.
func (h *Handlers) About(ctx context.Context, req Request) (Response, error) {
	return h.respondKept(req, "about", "", "", func(p *locales.Printer) Answer {
		lang := string(p.Lang())
		var c cites
		for _, s := range h.kb.Sources {
			c.add(s.ID)
		}
		sources := p.Plural("about_sources", len(h.kb.Sources))
		if r, ok := h.kb.LastReview(); ok {
			sources = paragraphs(p.T("about_reviewed", "Date", day(p, r.Date), "Text", r.Text.In(lang)), sources)
		}
		a := Answer{
			Title:  p.T("about_title"),
			Body:   p.T("about_what"),
			Fields: []Field{{Name: p.T("about_privacy_title"), Value: p.T("about_privacy")}},
			// Opens the guided help, for whoever does not know what to type.
			Buttons: []Button{{Label: p.T("about_helpme_button"), Click: &Click{Command: "help-me"}, Style: Primary}},
		}
		a.addSection(SectionMore, p.T("about_more"),
			Field{Name: p.T("about_commands_title"), Value: p.T("about_commands")},
			Field{Name: p.T("about_privacy_moderators_title"), Value: p.T("about_privacy_moderators")},
			Field{Name: p.T("about_share_title"), Value: p.T("about_share")},
			Field{Name: p.T("about_traces_title"), Value: p.T("about_traces")},
			Field{Name: p.T("about_advice_title"), Value: p.T("common_not_legal_advice")},
			Field{Name: p.T("about_language_title"), Value: p.T("about_language")},
			Field{Name: p.T("about_sources_title"), Value: sources})
		a.Sources = h.sources(p, &c)
		return a
	}), nil
}
