package handlers

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"sanctuaire/locales"
	"sanctuaire/store"
)

// The actions of the buttons that confirm or cancel a deletion, their first Arg.
const (
	deleteConfirm = "confirm"
	deleteCancel  = "cancel"
)

// newsShow is the first Arg of a post's language switch; `news` answers it
// with the update alone, in the clicker's language.
const newsShow = "show"

// UpdatePost answers `update post` with the form of a new update.
func (m *Moderation) UpdatePost(_ context.Context, req Request) (Response, error) {
	if refusal, err := m.gate(req); refusal != nil || err != nil {
		return deref(refusal), err
	}
	return m.form(req, nil, func(p *locales.Printer) string { return p.T("update_form_post_title") }, store.Update{}), nil
}

// UpdatePostSubmit answers the form of `update post` by storing the update
// and posting it.
func (m *Moderation) UpdatePostSubmit(ctx context.Context, req Request) (Response, error) {
	if refusal, err := m.gate(req); refusal != nil || err != nil {
		return deref(refusal), err
	}
	u := fromForm(req)
	u.Guild = req.Guild
	if r, bad := m.check(req, u); bad {
		return r, nil
	}
	settings, err := m.store.Settings(ctx, req.Guild)
	if err != nil {
		return Response{}, fmt.Errorf("update post: %w", err)
	}
	saved, outcome, again, err := m.latestSame(ctx, u, settings, req.Channel)
	if err != nil {
		return Response{}, fmt.Errorf("update post: %w", err)
	}
	if !again {
		saved, err = m.store.CreateUpdate(ctx, u, req.User)
		if r, bad := m.invalid(req, u, err); bad {
			return r, nil
		}
		if err != nil {
			return Response{}, fmt.Errorf("update post: %w", err)
		}
		outcome = m.publish(ctx, saved, settings, req.Channel)
	}
	return answer(m.cat, req, func(p *locales.Printer) Answer {
		return Answer{Body: paragraphs(
			p.T("update_saved", "ID", idString(saved.ID)),
			outcome.say(p),
			oneLanguageNote(p, saved),
		)}
	}), nil
}

// latestSame finds the same form submitted again: the server's latest
// update with the very same text. Discord may deliver a submission twice, and
// a button on the confirmation (its language switch) sends it again; neither
// may store or post the update a second time. The outcome is then read from
// the store.
func (m *Moderation) latestSame(ctx context.Context, u store.Update, s store.Settings, here string) (store.Update, posting, bool, error) {
	list, _, err := m.store.ListUpdates(ctx, u.Guild, 0, 1)
	if err != nil || len(list) == 0 || !sameText(list[0], u) {
		return store.Update{}, posting{}, false, err
	}
	last := list[0]
	switch {
	case last.Posted:
		return last, posting{channel: last.ChannelID}, true, nil
	case last.PostError != "":
		// Its post failed: the moderator sends it again to retry.
		return last, m.publish(ctx, last, s, here), true, nil
	}
	// Being posted by the first submission right now.
	return last, posting{silent: true}, true, nil
}

func sameText(a, b store.Update) bool {
	return a.TitleFR == b.TitleFR && a.TextFR == b.TextFR && a.TitleEN == b.TitleEN && a.TextEN == b.TextEN
}

// UpdateEdit answers `update edit id:` with the form filled with the update.
func (m *Moderation) UpdateEdit(ctx context.Context, req Request) (Response, error) {
	if refusal, err := m.gate(req); refusal != nil || err != nil {
		return deref(refusal), err
	}
	id, ok := parseID(req.Options[OptID])
	if !ok {
		return answer(m.cat, req, func(p *locales.Printer) Answer {
			return Answer{Body: p.T("update_bad_id", "ID", p.Quote(req.Options[OptID]))}
		}), nil
	}
	u, err := m.store.GetUpdate(ctx, req.Guild, id)
	if errors.Is(err, store.ErrNotFound) {
		return m.say(req, "update_not_found", "ID", idString(id)), nil
	}
	if err != nil {
		return Response{}, fmt.Errorf("update edit: %w", err)
	}
	args := []string{idString(u.ID), strconv.Itoa(u.Version)}
	return m.form(req, args, func(p *locales.Printer) string {
		return p.T("update_form_edit_title", "ID", idString(u.ID))
	}, u), nil
}

// UpdateEditSubmit answers the form of `update edit` (Args: the update's
// number and the version edited) by saving the new text and editing the post.
func (m *Moderation) UpdateEditSubmit(ctx context.Context, req Request) (Response, error) {
	if refusal, err := m.gate(req); refusal != nil || err != nil {
		return deref(refusal), err
	}
	if len(req.Args) != 2 {
		return Response{}, fmt.Errorf("update edit: bad form")
	}
	id, ok := parseID(req.Args[0])
	version, err := strconv.Atoi(req.Args[1])
	if !ok || err != nil {
		return Response{}, fmt.Errorf("update edit: bad form")
	}
	u := fromForm(req)
	u.ID, u.Guild, u.Version = id, req.Guild, version
	if r, bad := m.check(req, u); bad {
		return r, nil
	}
	saved, err := m.store.EditUpdate(ctx, u, req.User)
	if r, bad := m.invalid(req, u, err); bad {
		return r, nil
	}
	if errors.Is(err, store.ErrConflict) {
		// The same form sent again finds its own change, not another's.
		if cur, gerr := m.store.GetUpdate(ctx, req.Guild, id); gerr == nil && cur.Version == version+1 && sameText(cur, u) {
			return m.say(req, "update_saved_version", "ID", idString(id), "Version", fmt.Sprint(cur.Version)), nil
		}
	}
	switch {
	case errors.Is(err, store.ErrConflict):
		return m.say(req, "update_conflict", "ID", idString(id)), nil
	case errors.Is(err, store.ErrNotFound):
		return m.say(req, "update_not_found", "ID", idString(id)), nil
	case err != nil:
		return Response{}, fmt.Errorf("update edit: %w", err)
	}
	settings, err := m.store.Settings(ctx, req.Guild)
	if err != nil {
		return Response{}, fmt.Errorf("update edit: %w", err)
	}
	var outcome posting
	if saved.Posted && saved.MessageID != "" {
		outcome = m.repost(ctx, saved, settings, req.Channel)
	} else {
		outcome = m.publish(ctx, saved, settings, req.Channel)
	}
	return answer(m.cat, req, func(p *locales.Printer) Answer {
		return Answer{Body: paragraphs(
			p.T("update_saved_version", "ID", idString(saved.ID), "Version", fmt.Sprint(saved.Version)),
			outcome.say(p),
			oneLanguageNote(p, saved),
		)}
	}), nil
}

// UpdateDelete answers `update delete id:` by asking to confirm with a button.
func (m *Moderation) UpdateDelete(ctx context.Context, req Request) (Response, error) {
	if refusal, err := m.gate(req); refusal != nil || err != nil {
		return deref(refusal), err
	}
	return m.deleteUpdate(ctx, req, req.Options[OptID], false, false)
}

// UpdateDeleteClick answers the buttons of `update delete` (Args: confirm
// or cancel, then the update's number): Confirm deletes the update and its post.
func (m *Moderation) UpdateDeleteClick(ctx context.Context, req Request) (Response, error) {
	if refusal, err := m.gate(req); refusal != nil || err != nil {
		return deref(refusal), err
	}
	if len(req.Args) != 2 || (req.Args[0] != deleteConfirm && req.Args[0] != deleteCancel) {
		return Response{}, fmt.Errorf("update delete: bad button")
	}
	return m.deleteUpdate(ctx, req, req.Args[1], true, req.Args[0] == deleteConfirm)
}

func (m *Moderation) deleteUpdate(ctx context.Context, req Request, raw string, clicked, confirmed bool) (Response, error) {
	id, ok := parseID(raw)
	if !ok {
		return answer(m.cat, req, func(p *locales.Printer) Answer {
			return Answer{Body: p.T("update_bad_id", "ID", p.Quote(raw))}
		}), nil
	}
	if clicked && !confirmed {
		return m.say(req, "update_delete_cancelled", "ID", idString(id)), nil
	}
	u, err := m.store.GetUpdate(ctx, req.Guild, id)
	if errors.Is(err, store.ErrNotFound) && confirmed {
		// Confirmed, and gone: deleted by a second click, or by another
		// moderator.
		return m.say(req, "update_deleted", "ID", idString(id)), nil
	}
	if errors.Is(err, store.ErrNotFound) {
		return m.say(req, "update_not_found", "ID", idString(id)), nil
	}
	if err != nil {
		return Response{}, fmt.Errorf("update delete: %w", err)
	}
	if !confirmed {
		return answer(m.cat, req, func(p *locales.Printer) Answer {
			var post string
			if u.Posted && u.MessageID != "" {
				post = p.T("update_delete_post_too", "Channel", channel(u.ChannelID))
			}
			return Answer{
				Body: paragraphs(p.T("update_delete_ask", "ID", idString(id), "Title", p.Quote(titleIn(u, p.Lang()))), post),
				Buttons: []Button{
					{Click: &Click{Args: []string{deleteConfirm, idString(id)}}, Label: p.T("update_delete_confirm"), Style: Danger},
					{Click: &Click{Args: []string{deleteCancel, idString(id)}}, Label: p.T("update_delete_cancel")},
				},
			}
		}), nil
	}
	var removed error
	if u.Posted && u.MessageID != "" {
		removed = m.post.Delete(ctx, u.ChannelID, u.MessageID)
		if errors.Is(removed, ErrChannelMissing) || errors.Is(removed, ErrMessageMissing) {
			removed = nil // already gone
		}
	}
	err = m.store.DeleteUpdate(ctx, req.Guild, id, req.User)
	if errors.Is(err, store.ErrNotFound) {
		return m.say(req, "update_not_found", "ID", idString(id)), nil
	}
	if err != nil {
		return Response{}, fmt.Errorf("update delete: %w", err)
	}
	return answer(m.cat, req, func(p *locales.Printer) Answer {
		var post string
		switch {
		case !u.Posted || u.MessageID == "":
		case removed == nil:
			post = p.T("update_post_removed")
		case errors.Is(removed, ErrMissingPermission):
			post = p.T("update_post_kept_permission", "Channel", channel(u.ChannelID))
		case errors.Is(removed, ErrNoToken):
			post = p.T("update_post_kept_no_token", "Channel", channel(u.ChannelID))
		default:
			post = p.T("update_post_kept", "Channel", channel(u.ChannelID))
		}
		return Answer{Body: paragraphs(p.T("update_deleted", "ID", idString(id)), post)}
	}), nil
}

// form is the modal of an update, filled with u; args come back with its submission.
func (m *Moderation) form(req Request, args []string, title func(*locales.Printer) string, u store.Update) Response {
	p := m.cat.Printer(langs(req)[0])
	in := func(id, label, value string, long bool, max int) Input {
		return Input{ID: id, Label: p.T(label), Value: value, Long: long, MaxLength: max}
	}
	return Response{Ephemeral: true, Modal: &Modal{
		Args:  args,
		Title: title(p),
		Inputs: []Input{
			in(InputTitleFR, "update_input_title_fr", u.TitleFR, false, store.MaxTitle),
			in(InputTextFR, "update_input_text_fr", u.TextFR, true, store.MaxText),
			in(InputTitleEN, "update_input_title_en", u.TitleEN, false, store.MaxTitle),
			in(InputTextEN, "update_input_text_en", u.TextEN, true, store.MaxText),
		},
	}}
}

// fromForm reads the submitted form.
func fromForm(req Request) store.Update {
	get := func(k string) string { return strings.TrimSpace(req.Form[k]) }
	return store.Update{TitleFR: get(InputTitleFR), TextFR: get(InputTextFR), TitleEN: get(InputTitleEN), TextEN: get(InputTextEN)}
}

// check validates an update before anything is stored: the store's rules,
// and that both languages fit in one post, as the Poster measures it.
func (m *Moderation) check(req Request, u store.Update) (Response, bool) {
	if r, bad := m.invalid(req, u, store.Validate(u)); bad {
		return r, true
	}
	if n, most := m.post.Room(m.postOf(u, store.Settings{})); n > most {
		return answer(m.cat, req, func(p *locales.Printer) Answer {
			return Answer{Body: paragraphs(
				p.T("update_post_too_long", "Length", p.Int(n), "Max", p.Int(most)),
				p.T("update_nothing_saved"))}
		}), true
	}
	return Response{}, false
}

// invalid turns a *store.FieldError about u into the message that names the field.
func (m *Moderation) invalid(req Request, u store.Update, err error) (Response, bool) {
	var fe *store.FieldError
	if !errors.As(err, &fe) {
		return Response{}, false
	}
	empty := strings.TrimSpace(u.TitleFR+u.TextFR+u.TitleEN+u.TextEN) == ""
	return answer(m.cat, req, func(p *locales.Printer) Answer {
		field := p.T("update_field_" + fe.Field)
		switch {
		case fe.Problem == store.TooLong && knownField(fe.Field):
			return Answer{Body: paragraphs(p.T("common_too_long", "Field", field, "Length", p.Int(fe.Length), "Max", p.Int(fe.Max)), p.T("update_nothing_saved"))}
		case fe.Problem == store.Missing && knownField(fe.Field) && !empty:
			return Answer{Body: paragraphs(p.T("update_field_missing", "Field", field), p.T("update_nothing_saved"))}
		}
		return Answer{Body: paragraphs(p.T("update_need_language"), p.T("update_nothing_saved"))}
	}), true
}

func knownField(f string) bool {
	switch f {
	case "title_fr", "text_fr", "title_en", "text_en":
		return true
	}
	return false
}

func deref(r *Response) Response {
	if r == nil {
		return Response{}
	}
	return *r
}
