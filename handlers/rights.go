package handlers

import (
	"context"
	"strings"

	"sanctuaire/knowledge"
	"sanctuaire/locales"
)

// Rights answers `rights [topic]`: the list of topics, or one topic with its
// details and sources. Every answer says it is not legal advice and where to
// find help.
func (h *Handlers) Rights(ctx context.Context, req Request) (Response, error) {
	name := strings.TrimSpace(req.Options["topic"])
	if name == "" {
		return h.respondKept(req, "rights", "", h.topicList), nil
	}
	t, ok := h.findTopic(name)
	if !ok {
		return h.respond(req, func(p *locales.Printer, lang string) Answer {
			titles := make([]string, len(h.kb.Topics))
			for i, t := range h.kb.Topics {
				titles[i] = t.Title.In(lang)
			}
			a := h.unknown(p, lang, knowledge.KindTopic, name, "rights_unknown_hint", titles)
			a.Footer = p.T("common_not_legal_advice")
			return a
		}), nil
	}
	return h.respondKept(req, "rights", t.ID, func(p *locales.Printer, lang string) Answer {
		return h.topicAnswer(p, lang, t)
	}), nil
}

func (h *Handlers) findTopic(name string) (knowledge.Topic, bool) {
	if t, ok := h.kb.Topic(name); ok {
		return t, true
	}
	return h.kb.FindTopic(name)
}

func (h *Handlers) topicList(p *locales.Printer, lang string) Answer {
	var c cites
	a := Answer{Title: p.T("rights_title"), Body: p.T("rights_intro")}
	for _, t := range h.kb.Topics {
		c.add(t.Sources...)
		a.Fields = append(a.Fields, Field{Name: t.Title.In(lang), Value: t.Short.In(lang)})
	}
	a.Fields = append(a.Fields, h.helpField(p, lang))
	a.Sources = h.sources(p, &c)
	a.Footer = p.T("common_not_legal_advice")
	return a
}

func (h *Handlers) topicAnswer(p *locales.Printer, lang string, t knowledge.Topic) Answer {
	var c cites
	c.add(t.Sources...)
	a := Answer{Title: t.Title.In(lang), Body: t.Short.In(lang)}
	var details []string
	for _, d := range t.Details {
		c.add(d.Sources...)
		details = append(details, claim(p, lang, d))
	}
	if len(details) > 0 {
		a.Fields = append(a.Fields, Field{Name: p.T("rights_details"), Value: bullets(details)})
	}
	a.Fields = append(a.Fields, h.helpField(p, lang))
	a.Sources = h.sources(p, &c)
	a.Footer = p.T("common_not_legal_advice")
	return a
}

// helpField points to /support and names the first organisations the base lists.
func (h *Handlers) helpField(p *locales.Printer, lang string) Field {
	var names []string
	for _, o := range h.kb.Orgs {
		if len(names) == 5 {
			break
		}
		names = append(names, o.Name.In(lang))
	}
	value := p.T("rights_help")
	if len(names) > 0 {
		value = lines(value, p.T("rights_help_orgs", "Names", p.List(names)))
	}
	return Field{Name: p.T("rights_help_title"), Value: value}
}
