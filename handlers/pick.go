package handlers

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"sanctuaire/knowledge"
	"sanctuaire/locales"
)

// maxPickButtons is how many entries a choice offers as buttons; more
// are a select menu, of at most maxPickOptions (what Discord shows).
const (
	maxPickButtons = 5
	maxPickOptions = 25
)

// pick offers entries ids of kind, the nearest to what was typed first, as
// buttons (five or fewer) or a select menu that opens the chosen one in
// place. Buttons and menu carry entry IDs only, never text a person typed.
func (h *Handlers) pick(p *locales.Printer, kind knowledge.Kind, near, ids []string, a *Answer) {
	lang := string(p.Lang())
	order := slices.Clone(near)
	for _, id := range ids {
		if !slices.Contains(order, id) {
			order = append(order, id)
		}
	}
	order = order[:min(len(order), maxPickOptions)]
	if len(order) <= maxPickButtons {
		for i, id := range order {
			style := Secondary
			if i < len(near) {
				style = Primary
			}
			a.Buttons = append(a.Buttons, Button{Label: shorten(h.name(kind, id, lang), maxLabel),
				Click: &Click{Args: []string{id}}, Style: style})
		}
		return
	}
	m := Menu{Placeholder: pickPlaceholder(p, kind)}
	for _, id := range order {
		m.Options = append(m.Options, MenuOption{Label: shorten(h.name(kind, id, lang), maxLabel), Value: id})
	}
	a.Menus = append(a.Menus, m)
}

// chosenEntry is the entry a pick's button (Args) or menu (Values) carries:
// its ID, or "kind:id" from the question box's buttons.
func chosenEntry(req Request) (string, error) {
	switch {
	case len(req.Values) == 1:
		return req.Values[0], nil
	case len(req.Args) == 1:
		if _, id, ok := strings.Cut(req.Args[0], ":"); ok {
			return id, nil
		}
		return req.Args[0], nil
	case len(req.Args) == 0 && len(req.Values) == 0:
		return "", nil // the command's answer about every entry
	}
	return "", fmt.Errorf("%s: bad choice", req.Command)
}

// picked answers a pick of command answer: the entry chosen as option opt,
// in the language of the answer it was on.
func picked(ctx context.Context, req Request, opt string, answer Func) (Response, error) {
	id, err := chosenEntry(req)
	if err != nil {
		return Response{}, err
	}
	req.Options = map[string]string{}
	if id != "" {
		req.Options[opt] = id
	}
	req.LangChosen = true
	return answer(ctx, req)
}

// CityClick answers a choice of place on an answer of `city`.
func (h *Handlers) CityClick(ctx context.Context, req Request) (Response, error) {
	return picked(ctx, req, "name", h.City)
}

// SupportClick answers a choice of place on an answer of `support`.
func (h *Handlers) SupportClick(ctx context.Context, req Request) (Response, error) {
	return picked(ctx, req, "city", h.Support)
}

// RightsClick answers a choice of topic on an answer of `rights`.
func (h *Handlers) RightsClick(ctx context.Context, req Request) (Response, error) {
	return picked(ctx, req, "topic", h.Rights)
}

// StatsClick answers a choice of force on an answer of `stats`.
func (h *Handlers) StatsClick(ctx context.Context, req Request) (Response, error) {
	return picked(ctx, req, "force", h.Stats)
}

func pickPlaceholder(p *locales.Printer, kind knowledge.Kind) string {
	switch kind {
	case knowledge.KindPlace:
		return p.T("common_pick_place")
	case knowledge.KindForce:
		return p.T("common_pick_force")
	}
	return p.T("common_pick_topic")
}
