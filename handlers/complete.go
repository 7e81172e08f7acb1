package handlers

import (
	"context"

	"sanctuaire/knowledge"
)

// maxChoices is the most suggestions offered at once.
const maxChoices = 25

// CompletePlace suggests places for the option being typed.
func (h *Handlers) CompletePlace(ctx context.Context, req Request) ([]Choice, error) {
	return h.complete(knowledge.KindPlace, req), nil
}

// CompleteForce suggests police forces for the option being typed.
func (h *Handlers) CompleteForce(ctx context.Context, req Request) ([]Choice, error) {
	return h.complete(knowledge.KindForce, req), nil
}

// CompleteTopic suggests rights topics for the option being typed.
func (h *Handlers) CompleteTopic(ctx context.Context, req Request) ([]Choice, error) {
	return h.complete(knowledge.KindTopic, req), nil
}

// CompleteQuestion suggests entries for the question being typed; the value
// of a suggestion is "kind:id", which Question answers directly.
func (h *Handlers) CompleteQuestion(ctx context.Context, req Request) ([]Choice, error) {
	return choices(h.kb.CompleteQuestion(req.Options[req.Focused], string(langs(req)[0]), maxChoices)), nil
}

// complete names the suggestions in the asker's language; their value is the
// entry's ID, which the handlers accept as a name.
func (h *Handlers) complete(kind knowledge.Kind, req Request) []Choice {
	return choices(h.kb.Complete(kind, req.Options[req.Focused], string(langs(req)[0]), maxChoices))
}

func choices(matches []knowledge.Match) []Choice {
	out := make([]Choice, 0, len(matches))
	for _, m := range matches {
		out = append(out, Choice{Name: m.Name, Value: m.ID})
	}
	return out
}
