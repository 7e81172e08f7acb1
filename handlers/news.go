package handlers

import (
	"context"
	"errors"
	"fmt"

	"sanctuaire/locales"
	"sanctuaire/store"
)

// maxNews is how many of the latest updates `news` shows.
const maxNews = 25

// News answers `news`: the server's latest updates, newest first, in the
// member's language, or in the other one, said so, when an update has only
// that one. The bot pages the answer.
func (m *Moderation) News(ctx context.Context, req Request) (Response, error) {
	if m == nil {
		return Response{}, errNoStore
	}
	if req.Guild == "" {
		return answer(m.cat, req, func(p *locales.Printer) Answer { return Answer{Body: p.T("news_guild_only")} }), nil
	}
	list, _, err := m.store.ListUpdates(ctx, req.Guild, 0, maxNews)
	if err != nil {
		return Response{}, fmt.Errorf("news: %w", err)
	}
	return answer(m.cat, req, func(p *locales.Printer) Answer {
		a := Answer{Title: p.T("news_title")}
		if len(list) == 0 {
			a.Body = p.T("news_empty")
			return a
		}
		for _, u := range list {
			l := p.Lang()
			name := p.T("news_item", "Title", titleIn(u, l), "Date", posted(p, u))
			a.Fields = append(a.Fields, Field{Name: name, Value: newsText(p, u)})
		}
		return a
	}), nil
}

// NewsShow answers a post's language switch (Args: "show", then the
// update's number) with that update alone, in the member's language.
func (m *Moderation) NewsShow(ctx context.Context, req Request) (Response, error) {
	if m == nil {
		return Response{}, errNoStore
	}
	if req.Guild == "" {
		return answer(m.cat, req, func(p *locales.Printer) Answer { return Answer{Body: p.T("news_guild_only")} }), nil
	}
	if len(req.Args) != 2 || req.Args[0] != newsShow {
		return Response{}, fmt.Errorf("news: bad button")
	}
	id, ok := parseID(req.Args[1])
	if !ok {
		return Response{}, fmt.Errorf("news: bad button")
	}
	u, err := m.store.GetUpdate(ctx, req.Guild, id)
	if errors.Is(err, store.ErrNotFound) {
		return answer(m.cat, req, func(p *locales.Printer) Answer { return Answer{Body: p.T("news_gone")} }), nil
	}
	if err != nil {
		return Response{}, fmt.Errorf("news: %w", err)
	}
	return answer(m.cat, req, func(p *locales.Printer) Answer {
		return Answer{
			Title:  titleIn(u, p.Lang()),
			Body:   newsText(p, u),
			Footer: p.T("news_footer", "ID", idString(u.ID), "Date", posted(p, u)),
		}
	}), nil
}

// newsText is an update's text in the printer's language, or in the other
// one after a note when it has only that one.
func newsText(p *locales.Printer, u store.Update) string {
	l := p.Lang()
	if has(u, l) {
		return textIn(u, l)
	}
	o := otherLang(l)
	return paragraphs("*"+p.T("news_only_"+string(o))+"*", textIn(u, o))
}

// posted is the date an update was posted.
func posted(p *locales.Printer, u store.Update) string {
	c := u.CreatedAt
	return p.Date(c.Year(), int(c.Month()), c.Day())
}
