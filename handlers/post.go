package handlers

import (
	"context"
	"errors"

	"sanctuaire/locales"
	"sanctuaire/store"
)

// posting is what became of a post, to tell the moderator.
type posting struct {
	channel string
	err     error
	edited  bool // an existing post was edited, not a new one posted
	// unrecorded: posted, but the store could not note where.
	unrecorded bool
	// silent: nothing to say about the post.
	silent bool
}

func (o posting) say(p *locales.Printer) string {
	ch := channel(o.channel)
	switch {
	case o.silent:
		return ""
	case o.err == nil && o.unrecorded:
		return p.T("update_outcome_unrecorded", "Channel", ch)
	case o.err == nil && o.edited:
		return p.T("update_outcome_edited", "Channel", ch)
	case o.err == nil:
		return p.T("update_outcome_posted", "Channel", ch)
	}
	switch reason(o.err) {
	case ReasonChannelMissing:
		return p.T("update_outcome_channel_missing", "Channel", ch)
	case ReasonMissingPermission:
		return p.T("update_outcome_missing_permission", "Channel", ch)
	case ReasonNoToken:
		return p.T("update_outcome_no_token")
	}
	return p.T("update_outcome_refused", "Channel", ch)
}

// target is where a server's updates are posted: its updates channel, or the
// channel where the moderator is.
func target(s store.Settings, here string) string {
	if s.UpdatesChannel != "" {
		return s.UpdatesChannel
	}
	return here
}

// publish posts u as a new message and records the outcome in the store;
// here is the channel where the moderator is.
func (m *Moderation) publish(ctx context.Context, u store.Update, s store.Settings, here string) posting {
	o := posting{channel: target(s, here)}
	if o.channel == "" {
		o.err = ErrChannelMissing
		_ = m.store.MarkNotPosted(ctx, u.Guild, u.ID, ReasonChannelMissing)
		return o
	}
	msgID, err := m.post.Post(ctx, o.channel, m.postOf(u, s))
	if err != nil {
		o.err = err
		if merr := m.store.MarkNotPosted(ctx, u.Guild, u.ID, reason(err)); merr != nil {
			o.err = errors.Join(err, merr)
		}
		return o
	}
	if err := m.store.MarkPosted(ctx, u.Guild, u.ID, o.channel, msgID); err != nil {
		o.unrecorded = true
	}
	return o
}

// repost edits the message of a posted update; when the message or its
// channel is gone, it posts the update anew.
func (m *Moderation) repost(ctx context.Context, u store.Update, s store.Settings, here string) posting {
	err := m.post.Edit(ctx, u.ChannelID, u.MessageID, m.postOf(u, s))
	switch {
	case err == nil:
		return posting{channel: u.ChannelID, edited: true}
	case errors.Is(err, ErrMessageMissing), errors.Is(err, ErrChannelMissing):
		return m.publish(ctx, u, s, here)
	}
	// The old message is still there, with the old text.
	return posting{channel: u.ChannelID, err: err}
}

// first is the language a server's posts show first: English when the
// server chose English, French otherwise (Canada's two languages, French
// first when both), or the one the update is written in.
func first(u store.Update, s store.Settings) locales.Lang {
	l := locales.FR
	if s.Language == store.LanguageEN {
		l = locales.EN
	}
	if !has(u, l) {
		l = otherLang(l)
	}
	return l
}

func otherLang(l locales.Lang) locales.Lang {
	if l == locales.FR {
		return locales.EN
	}
	return locales.FR
}

func has(u store.Update, l locales.Lang) bool {
	if l == locales.FR {
		return u.HasFR()
	}
	return u.HasEN()
}

func titleIn(u store.Update, l locales.Lang) string {
	if !has(u, l) {
		l = otherLang(l)
	}
	if l == locales.FR {
		return u.TitleFR
	}
	return u.TitleEN
}

func textIn(u store.Update, l locales.Lang) string {
	if l == locales.FR {
		return u.TextFR
	}
	return u.TextEN
}

// postOf is the post of an update: both languages, the server's first
// language leading, the other below it. An update in one language says so in
// the other. Its button opens the update alone in the reader's language.
func (m *Moderation) postOf(u store.Update, s store.Settings) Post {
	l1 := first(u, s)
	l2 := otherLang(l1)
	p1, p2 := m.cat.Printer(l1), m.cat.Printer(l2)
	post := Post{Title: titleIn(u, l1), Text: textIn(u, l1)}
	if has(u, l2) {
		post.Other = &PostPart{Title: titleIn(u, l2), Text: textIn(u, l2)}
	} else {
		post.Note = p2.T("update_only_" + string(l1))
	}
	post.Footer = p1.T("update_post_footer", "ID", idString(u.ID)) + " · " + p2.T("update_post_footer", "ID", idString(u.ID))
	show := &Click{Command: "news", Args: []string{newsShow, idString(u.ID)}}
	post.Button = &Button{Click: show, Label: p1.T("common_switch_lang")}
	return post
}

// oneLanguageNote tells the moderator that the post says, in the other
// language, that the update exists in one only.
func oneLanguageNote(p *locales.Printer, u store.Update) string {
	switch {
	case u.HasFR() && !u.HasEN():
		return p.T("update_note_only_fr")
	case u.HasEN() && !u.HasFR():
		return p.T("update_note_only_en")
	}
	return ""
}
