package handlers

import (
	"context"
	"strings"

	"sanctuaire/knowledge"
	"sanctuaire/locales"
)

// maxChecked is how much of a message Check reads: as much as the question
// box takes.
const maxChecked = 300

// maxSentences is how many of a message's sentences Check reads one by one.
const maxSentences = 4

// What the buttons of a check's answer carry when it found no entry: what it
// found, never the message.
const (
	optFound     = "found"
	foundNothing = "nothing"
	foundNoText  = "no-text"
)

// Check answers "Check with sanctuaire" used on a message: what the knowledge
// base says on the message's subject, or that it has nothing sure, and where
// to get help. The message's text (Options["text"]) is someone else's words:
// the answer never quotes it, is shown to the person who asked alone, and
// its buttons carry what was understood (Rerun).
func (h *Handlers) Check(ctx context.Context, req Request) (Response, error) {
	found := req.Options[optFound]
	text := firstRunes(strings.TrimSpace(req.Options["text"]), maxChecked)
	var u knowledge.Understanding
	switch {
	case found == foundNothing || found == foundNoText:
	case text == "":
		found = foundNoText
	default:
		var ok bool
		if u, ok = h.chosen(text); !ok {
			u = h.understandMessage(text)
		}
		if !u.Sure || len(u.Hits) == 0 {
			found = foundNothing
		}
	}
	// unsure is the honest answer when there is nothing to check, or nothing sure to say.
	unsure := func(p *locales.Printer, title, body string) Answer {
		a := h.dontKnow(p)
		a.Title, a.Body = p.T(title), p.T(body)
		return a
	}
	resp := h.respond(req, func(p *locales.Printer) Answer {
		switch found {
		case foundNoText:
			return unsure(p, "check_no_text_title", "check_no_text")
		case foundNothing:
			return unsure(p, "check_unknown_title", "check_unknown")
		}
		a, ok := h.entryAnswer(p, u)
		if !ok {
			return unsure(p, "check_unknown_title", "check_unknown")
		}
		a.Body = paragraphs(p.T("check_found"), h.lead(p, u), a.Body)
		var more []string
		for _, hit := range u.Hits[1:] {
			if line := h.pointer(p, hit); line != "" {
				more = append(more, line)
			}
		}
		if len(more) > 0 {
			a.Fields = append(a.Fields, Field{Name: p.T("question_see_also"), Value: bullets(more)})
		}
		a.Fields = append(a.Fields, Field{Name: p.T("question_unknown_support_title"), Value: p.T("question_unknown_support")})
		a.Footer = p.T("common_not_legal_advice")
		return a
	})
	resp.Rerun = map[string]string{optFound: found}
	if found == "" {
		resp.Rerun = map[string]string{"text": u.Key()}
	}
	resp.Ephemeral = true
	return resp, nil
}

// understandMessage reads a message as a question: the whole of it, then
// each of its sentences, as a message often wraps its claim in words of its
// own ("Heads up! ..."). The first sure reading wins; otherwise the reading
// of the whole message, unsure.
func (h *Handlers) understandMessage(text string) knowledge.Understanding {
	whole := h.kb.Understand(text)
	if whole.Sure {
		return whole
	}
	sentences := strings.FieldsFunc(text, func(r rune) bool { return strings.ContainsRune(".!?;:\n", r) })
	if len(sentences) < 2 {
		return whole
	}
	// Each reading corrects the words it does not know, which costs: a
	// message of many short sentences is read in its first few only.
	for _, s := range sentences[:min(len(sentences), maxSentences)] {
		if u := h.kb.Understand(s); u.Sure && len(u.Hits) > 0 {
			return u
		}
	}
	return whole
}

// firstRunes is s cut to its first n characters.
func firstRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}
