package handlers

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"sanctuaire/locales"
	"sanctuaire/store"
)

// ConfigShow answers `config show`: the server's default language, updates
// channel and moderator role.
func (m *Moderation) ConfigShow(ctx context.Context, req Request) (Response, error) {
	refusal, err := m.gate(req)
	if refusal != nil || err != nil {
		return deref(refusal), err
	}
	s, err := m.store.Settings(ctx, req.Guild)
	if err != nil {
		return Response{}, fmt.Errorf("config show: %w", err)
	}
	return answer(m.cat, req, func(p *locales.Printer) Answer {
		ch := p.T("config_channel_none")
		if s.UpdatesChannel != "" {
			ch = channel(s.UpdatesChannel)
		}
		rl := p.T("config_role_none")
		if s.ModeratorRole != "" {
			rl = role(s.ModeratorRole)
		}
		return Answer{
			Title: p.T("config_title"),
			Fields: []Field{
				{Name: p.T("config_language"), Value: lines(languageName(p, s.Language), p.T("config_language_help"))},
				{Name: p.T("config_channel"), Value: ch},
				{Name: p.T("config_role"), Value: lines(rl, p.T("config_role_help"))},
			},
		}
	}), nil
}

// ConfigLanguage answers `config language default:`.
func (m *Moderation) ConfigLanguage(ctx context.Context, req Request) (Response, error) {
	refusal, err := m.gate(req)
	if refusal != nil || err != nil {
		return deref(refusal), err
	}
	v := strings.ToLower(strings.TrimSpace(req.Options[OptDefault]))
	err = m.set(ctx, req.Guild, func(s store.Settings) bool { return s.Language == v }, func() error {
		return m.store.SetLanguage(ctx, req.Guild, v, req.User)
	})
	if errors.Is(err, store.ErrInvalid) {
		return answer(m.cat, req, func(p *locales.Printer) Answer {
			return Answer{Body: p.T("config_bad_language", "Value", p.Quote(req.Options[OptDefault]))}
		}), nil
	}
	if err != nil {
		return Response{}, fmt.Errorf("config language: %w", err)
	}
	return answer(m.cat, req, func(p *locales.Printer) Answer {
		return Answer{Body: p.T("config_language_set", "Language", languageName(p, v))}
	}), nil
}

// ConfigChannel answers `config channel channel:`; without a channel, updates
// go back to the channel where `update post` is used.
func (m *Moderation) ConfigChannel(ctx context.Context, req Request) (Response, error) {
	refusal, err := m.gate(req)
	if refusal != nil || err != nil {
		return deref(refusal), err
	}
	ch := strings.TrimSpace(req.Options[OptChannel])
	err = m.set(ctx, req.Guild, func(s store.Settings) bool { return s.UpdatesChannel == ch }, func() error {
		return m.store.SetUpdatesChannel(ctx, req.Guild, ch, req.User)
	})
	if err != nil {
		return Response{}, fmt.Errorf("config channel: %w", err)
	}
	if ch == "" {
		return m.say(req, "config_channel_unset"), nil
	}
	return m.say(req, "config_channel_set", "Channel", channel(ch)), nil
}

// ConfigRole answers `config role role:`; without a role, only members with
// Manage Server or Administrator remain moderators.
func (m *Moderation) ConfigRole(ctx context.Context, req Request) (Response, error) {
	refusal, err := m.gate(req)
	if refusal != nil || err != nil {
		return deref(refusal), err
	}
	rl := strings.TrimSpace(req.Options[OptRole])
	err = m.set(ctx, req.Guild, func(s store.Settings) bool { return s.ModeratorRole == rl }, func() error {
		return m.store.SetModeratorRole(ctx, req.Guild, rl, req.User)
	})
	if err != nil {
		return Response{}, fmt.Errorf("config role: %w", err)
	}
	if rl == "" {
		return m.say(req, "config_role_unset"), nil
	}
	return m.say(req, "config_role_set", "Role", role(rl)), nil
}

// set changes a setting unless it already has the value asked for: the
// same command sent again (the language switch of its answer does) changes
// nothing and leaves no second entry in the audit log.
func (m *Moderation) set(ctx context.Context, guild string, same func(store.Settings) bool, change func() error) error {
	s, err := m.store.Settings(ctx, guild)
	if err != nil {
		return err
	}
	if same(s) {
		return nil
	}
	return change()
}

// languageName names a server's language setting.
func languageName(p *locales.Printer, v string) string {
	switch v {
	case store.LanguageFR:
		return p.T("config_language_fr")
	case store.LanguageBoth:
		return p.T("config_language_both")
	}
	return p.T("config_language_en")
}
