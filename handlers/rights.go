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
		return h.respondKept(req, "rights", "", "", h.topicList), nil
	}
	t, ok := h.findTopic(name)
	if !ok {
		return h.unknownResponse(req, knowledge.KindTopic, name, "rights_unknown_hint", h.topicIDs()), nil
	}
	return h.respondKept(req, "rights", "topic", t.ID, func(p *locales.Printer) Answer {
		return h.topicAnswer(p, t)
	}), nil
}

func (h *Handlers) findTopic(name string) (knowledge.Topic, bool) {
	if t, ok := h.kb.Topic(name); ok {
		return t, true
	}
	return h.kb.FindTopic(name)
}

// topicList names every topic in the first view; their summaries are a
// section.
func (h *Handlers) topicList(p *locales.Printer) Answer {
	lang := string(p.Lang())
	var c cites
	a := Answer{Title: p.T("rights_title"), Body: p.T("rights_intro")}
	summaries := make([]Field, 0, len(h.kb.Topics))
	for _, t := range h.kb.Topics {
		c.add(t.Sources...)
		summaries = append(summaries, Field{Name: t.Title.In(lang), Value: t.Short.In(lang)})
	}
	h.pick(p, knowledge.KindTopic, nil, h.topicIDs(), &a)
	a.addSection(SectionTopics, p.T("rights_summaries"), summaries...)
	a.addSection(SectionMore, p.T("answer_help_title"), h.helpField(p),
		Field{Name: p.T("rights_advice_title"), Value: p.T("common_not_legal_advice")})
	a.Sources = h.sources(p, &c)
	return a
}

// topicAnswer says first what the law says; its footer dates its sources and
// points to help, and the details are a section.
func (h *Handlers) topicAnswer(p *locales.Printer, t knowledge.Topic) Answer {
	lang := string(p.Lang())
	var c cites
	c.add(t.Sources...)
	a := Answer{Title: t.Title.In(lang), Body: t.Short.In(lang)}
	var details []string
	for _, d := range t.Details {
		c.add(d.Sources...)
		details = append(details, claim(p, d))
	}
	a.addSection(SectionDetails, p.T("rights_details"),
		Field{Name: p.T("rights_details"), Value: bullets(details)},
		h.helpField(p),
		Field{Name: p.T("rights_advice_title"), Value: p.T("common_not_legal_advice")})
	a.Sources = h.sources(p, &c)
	a.Footer = p.T("common_not_legal_advice_short")
	a.Buttons = append(a.Buttons, Button{Label: p.T("common_support_button"), Click: &Click{Command: "support"}})
	return a
}

// helpField points to /support and names the first organisations the base lists.
func (h *Handlers) helpField(p *locales.Printer) Field {
	lang := string(p.Lang())
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

func (h *Handlers) topicIDs() []string {
	ids := make([]string, len(h.kb.Topics))
	for i, t := range h.kb.Topics {
		ids[i] = t.ID
	}
	return ids
}
