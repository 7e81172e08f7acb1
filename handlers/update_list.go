package handlers

import (
	"context"
	"fmt"
	"strings"

	"sanctuaire/locales"
	"sanctuaire/store"
)

// maxListed is how many updates `update list` shows, newest first.
const maxListed = store.MaxList

// UpdateList answers `update list`: every update of the server, newest
// first, with where it was posted or why it was not. The bot pages it.
func (m *Moderation) UpdateList(ctx context.Context, req Request) (Response, error) {
	if refusal, err := m.gate(req); refusal != nil || err != nil {
		return deref(refusal), err
	}
	list, total, err := m.store.ListUpdates(ctx, req.Guild, 0, maxListed)
	if err != nil {
		return Response{}, fmt.Errorf("update list: %w", err)
	}
	return answer(m.cat, req, func(p *locales.Printer) Answer {
		a := Answer{Title: p.Plural("update_list_title", total)}
		if total == 0 {
			a.Body = p.T("update_list_empty")
			return a
		}
		if total > len(list) {
			a.Body = p.T("update_list_latest", "Count", p.Int(len(list)))
		}
		for _, u := range list {
			a.Fields = append(a.Fields, Field{
				Name:  p.T("update_list_item", "ID", idString(u.ID), "Title", titleIn(u, p.Lang())),
				Value: lines(languagesOf(p, u), created(p, u), delivery(p, u)),
			})
		}
		return a
	}), nil
}

// languagesOf names the languages an update is written in.
func languagesOf(p *locales.Printer, u store.Update) string {
	switch {
	case u.HasFR() && u.HasEN():
		return p.T("update_list_langs_both")
	case u.HasFR():
		return p.T("update_list_langs_fr")
	}
	return p.T("update_list_langs_en")
}

func created(p *locales.Printer, u store.Update) string {
	c := u.CreatedAt
	line := p.T("update_list_created", "Date", p.Date(c.Year(), int(c.Month()), c.Day()))
	if u.Version > 1 {
		e := u.UpdatedAt
		line = p.T("update_list_edited", "Text", line, "Date", p.Date(e.Year(), int(e.Month()), e.Day()), "Version", fmt.Sprint(u.Version))
	}
	return line
}

func delivery(p *locales.Printer, u store.Update) string {
	if u.Posted {
		return p.T("update_list_posted", "Channel", channel(u.ChannelID))
	}
	if u.PostError == "" {
		return p.T("update_list_not_posted_yet")
	}
	why := "update_reason_refused"
	switch u.PostError {
	case ReasonChannelMissing, ReasonMessageMissing, ReasonMissingPermission, ReasonNoToken:
		why = "update_reason_" + strings.ReplaceAll(u.PostError, "-", "_")
	}
	return p.T("update_list_not_posted", "Reason", p.T(why))
}
