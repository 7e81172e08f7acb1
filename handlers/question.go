package handlers

import (
	"context"
	"fmt"
	"strings"

	"sanctuaire/knowledge"
	"sanctuaire/locales"
)

// seeAlso is how many further entries a question's answer names.
const seeAlso = 2

// Question answers `question text:`: it reads what the question asks and
// answers that first, in one line built from the data with its source and
// date, then shows the entry it comes from and up to two more to look at.
// When it cannot tell, it says so and points to /rights and /support.
func (h *Handlers) Question(ctx context.Context, req Request) (Response, error) {
	text := strings.TrimSpace(req.Options["text"])
	u, ok := h.chosen(text)
	if !ok && text != "" {
		u = h.kb.Understand(text)
		// The language option wins; otherwise the question's own language.
		if !req.LangChosen && u.Lang != "" {
			req.Langs = []locales.Lang{locales.Lang(u.Lang)}
		}
	}
	key := questionKey(req, u)
	resp := h.questions.get(key, req.ReadOnly, func() Response { return h.answerQuestion(req, u) })
	resp.Key = key
	return resp, nil
}

// questionKey is the Key of the answer to u: what was understood, never
// the words typed, and the languages it is answered in, which may be the
// question's own rather than those asked for, and whether it is shared.
func questionKey(req Request, u knowledge.Understanding) string {
	var b strings.Builder
	b.WriteString("question/")
	switch {
	case u.Elsewhere:
		b.WriteString("elsewhere")
	case (!u.Sure || len(u.Hits) == 0) && !u.Near:
		b.WriteString("unsure")
	case !u.Sure || len(u.Hits) == 0:
		b.WriteString("near/" + u.Key())
	default:
		b.WriteString(u.Key())
	}
	b.WriteByte('/')
	for _, l := range langs(req) {
		b.WriteString(string(l) + ",")
	}
	if req.Share {
		b.WriteString("/shared")
	}
	return b.String()
}

// answerQuestion writes the answer to what u understood.
func (h *Handlers) answerQuestion(req Request, u knowledge.Understanding) Response {
	if u.Elsewhere {
		resp := h.respond(req, func(p *locales.Printer) Answer {
			lang := string(p.Lang())
			a := h.dontKnow(p)
			a.Body = p.T("question_elsewhere", "Places", p.List(h.placeNames(lang)))
			return a
		})
		resp.Rerun = map[string]string{}
		return resp
	}
	if !u.Sure || len(u.Hits) == 0 {
		// Not sure: say so, and offer the nearest entries as buttons that
		// carry the entry, never the question.
		resp := h.respond(req, func(p *locales.Printer) Answer {
			lang := string(p.Lang())
			a := h.dontKnow(p)
			var near []knowledge.Hit
			if u.Near {
				near = u.Hits[:min(len(u.Hits), maxNearest)]
			}
			for _, hit := range near {
				if name := h.name(hit.Kind, hit.ID, lang); name != "" {
					a.Buttons = append(a.Buttons, Button{Label: shorten(name, maxLabel),
						Click: &Click{Command: "question", Args: []string{hit.Key()}}})
				}
			}
			if len(a.Buttons) > 0 {
				a.Body = p.T("question_unsure")
			}
			return a
		})
		resp.Rerun = map[string]string{}
		return resp
	}
	resp := h.respond(req, func(p *locales.Printer) Answer {
		lang := string(p.Lang())
		a, ok := h.entryAnswer(p, u)
		if !ok {
			return h.dontKnow(p)
		}
		if lead := h.lead(p, u); lead != "" {
			a.Body = paragraphs(lead, a.Body)
		}
		// The full answer and the other entries asked about are buttons
		// that open them in place.
		if b, ok := h.inFull(p, u.Hits[0]); ok {
			a.Buttons = append(a.Buttons, b)
		}
		for _, hit := range u.Hits[1:min(len(u.Hits), 1+maxSeeAlso)] {
			if name := h.name(hit.Kind, hit.ID, lang); name != "" {
				a.Buttons = append(a.Buttons, Button{Label: shorten(p.T("question_see_also_button", "Name", name), maxLabel),
					Click: &Click{Command: "question", Args: []string{hit.Key()}}})
			}
		}
		return a
	})
	resp.Rerun = map[string]string{"text": u.Key()}
	return resp
}

// maxNearest is how many entries an unsure answer offers; maxLabel the
// longest label Discord shows on a button.
const (
	maxSeeAlso = 3
	maxNearest = 3
	maxLabel   = 80
)

// shorten cuts s to at most n characters, ending with "…" when cut.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// QuestionClick answers a "Did you mean" button of an unsure answer: its
// Args hold the entry chosen ("topic:remain-silent"), answered in the
// language of the answer the button was on.
func (h *Handlers) QuestionClick(ctx context.Context, req Request) (Response, error) {
	if len(req.Args) != 1 {
		return Response{}, fmt.Errorf("question: bad button")
	}
	u, ok := h.chosen(req.Args[0])
	if !ok {
		return Response{}, fmt.Errorf("question: bad button")
	}
	req.Options = map[string]string{"text": u.Key()}
	req.LangChosen = true
	return h.Question(ctx, req)
}

// chosen reads a value that names what to answer rather than a question: a
// suggestion of the question box's autocomplete, "kind:id"
// ("topic:remain-silent"), or what a button carries from an earlier answer.
func (h *Handlers) chosen(text string) (knowledge.Understanding, bool) {
	if u, ok := h.kb.Understood(text); ok {
		return u, true
	}
	kind, id, ok := strings.Cut(text, ":")
	if !ok {
		return knowledge.Understanding{}, false
	}
	hit := knowledge.Hit{Kind: knowledge.Kind(kind), ID: id, Confident: true}
	if h.name(hit.Kind, hit.ID, string(locales.EN)) == "" {
		return knowledge.Understanding{}, false
	}
	return knowledge.Understanding{Intent: knowledge.AskEntry, Hits: []knowledge.Hit{hit}, Sure: true}, true
}

// entryAnswer is the answer a command gives for what u names.
func (h *Handlers) entryAnswer(p *locales.Printer, u knowledge.Understanding) (Answer, bool) {
	lang := string(p.Lang())
	hit := u.Hits[0]
	switch hit.Kind {
	case knowledge.KindPlace:
		if pl, ok := h.kb.Place(hit.ID); ok {
			return h.keep("city-short", pl.ID, lang, func() Answer { return h.cityAnswer(p, pl, false) }), true
		}
	case knowledge.KindForce:
		f, ok := h.kb.Force(hit.ID)
		if !ok {
			return Answer{}, false
		}
		switch u.Intent {
		case knowledge.AskRanking:
			return h.statsYear(p, u.Year, []knowledge.Measure{u.Measure}), true
		case knowledge.AskCompare:
			if len(u.Hits) > 1 {
				if g, ok := h.kb.Force(u.Hits[1].ID); ok {
					return h.statsCompare(p, f, g, h.measuresFor(u)), true
				}
			}
		}
		return h.statsForce(p, f, 0, h.measuresFor(u), false), true
	case knowledge.KindOrg:
		if u.Intent == knowledge.AskHelp && len(u.Hits) > 1 {
			if pl, ok := h.kb.Place(u.Hits[1].ID); ok {
				return h.keep("support", pl.ID, lang, func() Answer { return h.supportIn(p, pl) }), true
			}
		}
		if o, ok := h.kb.Org(hit.ID); ok {
			return h.keep("org", o.ID, lang, func() Answer {
				a := h.orgList(p, []knowledge.Org{o})
				a.Title = o.Name.In(lang)
				return a
			}), true
		}
	case knowledge.KindTopic:
		if t, ok := h.kb.Topic(hit.ID); ok {
			return h.keep("rights", t.ID, lang, func() Answer { return h.topicAnswer(p, t) }), true
		}
	}
	return Answer{}, false
}

// measuresFor is the measure a question named, or every measure.
func (h *Handlers) measuresFor(u knowledge.Understanding) []knowledge.Measure {
	if u.Measure != "" {
		return []knowledge.Measure{u.Measure}
	}
	return measures
}

// pointer names an entry and the command that shows it in full.
func (h *Handlers) pointer(p *locales.Printer, hit knowledge.Hit) string {
	lang := string(p.Lang())
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

// inFull is the button that opens the command's full answer on the entry
// of hit: a place's /city, a force's /stats, the /support of an
// organisation's place. A topic's answer is already in full.
func (h *Handlers) inFull(p *locales.Printer, hit knowledge.Hit) (Button, bool) {
	lang := string(p.Lang())
	name := h.name(hit.Kind, hit.ID, lang)
	// "kind:id", as the question box's buttons carry an entry.
	click := Click{Args: []string{hit.Key()}}
	switch hit.Kind {
	case knowledge.KindPlace:
		click.Command = "city"
	case knowledge.KindForce:
		click.Command = "stats"
	case knowledge.KindOrg:
		o, _ := h.kb.Org(hit.ID)
		if o.Place == "" {
			return Button{}, false
		}
		click.Command, click.Args = "support", []string{knowledge.Hit{Kind: knowledge.KindPlace, ID: o.Place}.Key()}
	default:
		return Button{}, false
	}
	if name == "" {
		return Button{}, false
	}
	return Button{Label: shorten(p.T("question_in_full", "Name", name), maxLabel), Click: &click, Style: Primary}, true
}

// dontKnow is the honest answer to a question the base cannot answer.
func (h *Handlers) dontKnow(p *locales.Printer) Answer {
	lang := string(p.Lang())
	titles := make([]string, len(h.kb.Topics))
	for i, t := range h.kb.Topics {
		titles[i] = t.Title.In(lang)
	}
	a := Answer{
		Kind:   Caution,
		Title:  p.T("question_unknown_title"),
		Body:   p.T("question_unknown"),
		Fields: []Field{{Name: p.T("question_unknown_support_title"), Value: p.T("question_unknown_support")}},
		Footer: p.T("common_not_legal_advice"),
	}
	a.addSection(SectionTopics, p.T("question_unknown_rights"), Field{Name: p.T("question_unknown_rights"), Value: bullets(titles)})
	return a
}
