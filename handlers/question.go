package handlers

import (
	"context"
	"strings"

	"sanctuaire/knowledge"
	"sanctuaire/locales"
)

// seeAlso is how many further entries a question's answer names.
const seeAlso = 2

// Question answers `question text:` with the entry of the knowledge base that
// best answers it, of whatever kind, and up to two more to look at. When no
// entry matches with confidence it says so and points to /rights and /support.
func (h *Handlers) Question(ctx context.Context, req Request) (Response, error) {
	text := strings.TrimSpace(req.Options["text"])
	var hits []knowledge.Hit
	if hit, ok := h.chosen(text); ok {
		// A suggestion picked from the question box's autocomplete.
		hits = []knowledge.Hit{hit}
	} else if text != "" {
		hits = h.kb.Ask(text, 1+seeAlso)
	}
	if len(hits) == 0 || !hits[0].Confident {
		return h.respond(req, h.dontKnow), nil
	}
	return h.respond(req, func(p *locales.Printer, lang string) Answer {
		a, ok := h.entryAnswer(p, lang, hits[0])
		if !ok {
			return h.dontKnow(p, lang)
		}
		var more []string
		if line := h.pointer(p, lang, hits[0]); line != "" && hits[0].Kind != knowledge.KindTopic {
			a.Fields = append(a.Fields, Field{Name: p.T("question_in_full"), Value: line})
		}
		for _, hit := range hits[1:] {
			if line := h.pointer(p, lang, hit); line != "" {
				more = append(more, line)
			}
		}
		if len(more) > 0 {
			a.Fields = append(a.Fields, Field{Name: p.T("question_see_also"), Value: bullets(more)})
		}
		return a
	}), nil
}

// chosen reads a value the question box's autocomplete sends back,
// "kind:id" ("topic:remain-silent"), naming an entry that exists.
func (h *Handlers) chosen(text string) (knowledge.Hit, bool) {
	kind, id, ok := strings.Cut(text, ":")
	if !ok {
		return knowledge.Hit{}, false
	}
	hit := knowledge.Hit{Kind: knowledge.Kind(kind), ID: id, Confident: true}
	if h.name(hit.Kind, hit.ID, string(locales.EN)) == "" {
		return knowledge.Hit{}, false
	}
	return hit, true
}

// entryAnswer is the answer a command gives for the entry hit.
func (h *Handlers) entryAnswer(p *locales.Printer, lang string, hit knowledge.Hit) (Answer, bool) {
	switch hit.Kind {
	case knowledge.KindPlace:
		if pl, ok := h.kb.Place(hit.ID); ok {
			return h.keep("city-short", pl.ID, lang, func() Answer { return h.cityAnswer(p, lang, pl, false) }), true
		}
	case knowledge.KindForce:
		if f, ok := h.kb.Force(hit.ID); ok {
			return h.statsForce(p, lang, f, 0, measures, false), true
		}
	case knowledge.KindOrg:
		if o, ok := h.kb.Org(hit.ID); ok {
			return h.keep("org", o.ID, lang, func() Answer {
				a := h.orgList(p, lang, []knowledge.Org{o})
				a.Title = o.Name.In(lang)
				return a
			}), true
		}
	case knowledge.KindTopic:
		if t, ok := h.kb.Topic(hit.ID); ok {
			return h.keep("rights", t.ID, lang, func() Answer { return h.topicAnswer(p, lang, t) }), true
		}
	}
	return Answer{}, false
}

// pointer names an entry and the command that shows it in full.
func (h *Handlers) pointer(p *locales.Printer, lang string, hit knowledge.Hit) string {
	name := h.name(hit.Kind, hit.ID, lang)
	if name == "" {
		return ""
	}
	kind := map[knowledge.Kind]string{
		knowledge.KindPlace: "question_pointer_place",
		knowledge.KindForce: "question_pointer_force",
		knowledge.KindOrg:   "question_pointer_org",
		knowledge.KindTopic: "question_pointer_topic",
	}[hit.Kind]
	if kind == "" {
		return ""
	}
	return p.T(kind, "Name", name)
}

// dontKnow is the honest answer to a question the base cannot answer.
func (h *Handlers) dontKnow(p *locales.Printer, lang string) Answer {
	titles := make([]string, len(h.kb.Topics))
	for i, t := range h.kb.Topics {
		titles[i] = t.Title.In(lang)
	}
	return Answer{
		Kind:  Caution,
		Title: p.T("question_unknown_title"),
		Body:  p.T("question_unknown"),
		Fields: []Field{
			{Name: p.T("question_unknown_rights"), Value: bullets(titles)},
			{Name: p.T("question_unknown_support_title"), Value: p.T("question_unknown_support")},
		},
		Footer: p.T("common_not_legal_advice"),
	}
}
