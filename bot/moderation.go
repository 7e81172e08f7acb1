package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"

	"sanctuaire/handlers"
	"sanctuaire/locales"
	"sanctuaire/store"
)

// SettingsReader is what the bot reads of the store to check moderators and
// choose a server's default language.
type SettingsReader interface {
	Settings(ctx context.Context, guild string) (store.Settings, error)
}

// moderatorBits are the permissions that make a member a moderator.
const moderatorBits = discordgo.PermissionManageGuild | discordgo.PermissionAdministrator

// Servers answers, for the router, who is a moderator of a server and which
// language the server prefers. It reads the settings through a short cache:
// the check runs on every interaction in a server, and a setting changed on
// another instance applies here within SettingsTTL.
type Servers struct {
	st  SettingsReader
	log *slog.Logger
	ttl time.Duration

	mu    sync.Mutex
	cache map[string]cachedSettings
}

type cachedSettings struct {
	s  store.Settings
	at time.Time
}

// SettingsTTL is how long a server's settings are reused before being read again.
const SettingsTTL = 5 * time.Second

// maxCached bounds the cache; it starts afresh when full.
const maxCached = 10000

// settingsWithin bounds a read of the settings during an interaction.
const settingsWithin = time.Second

// NewServers returns the moderator check and language choice over st; ttl 0
// means SettingsTTL, a negative ttl reads the store every time.
func NewServers(st SettingsReader, log *slog.Logger, ttl time.Duration) *Servers {
	if ttl == 0 {
		ttl = SettingsTTL
	}
	return &Servers{st: st, log: log, ttl: ttl, cache: map[string]cachedSettings{}}
}

func (s *Servers) settings(guild string) (store.Settings, error) {
	now := time.Now()
	s.mu.Lock()
	c, ok := s.cache[guild]
	s.mu.Unlock()
	if ok && s.ttl > 0 && now.Sub(c.at) < s.ttl {
		return c.s, nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), settingsWithin)
	defer cancel()
	st, err := s.st.Settings(ctx, guild)
	if err != nil {
		return store.Settings{}, err
	}
	s.mu.Lock()
	if len(s.cache) >= maxCached {
		s.cache = map[string]cachedSettings{}
	}
	s.cache[guild] = cachedSettings{s: st, at: now}
	s.mu.Unlock()
	return st, nil
}

// forget drops a server's cached settings.
func (s *Servers) forget(guild string) {
	s.mu.Lock()
	delete(s.cache, guild)
	s.mu.Unlock()
}

// Watch returns st, whose setting changes also clear this instance's cached
// settings of the server, so that a new moderator role or language applies
// here at once (on other instances, within the cache's TTL).
func (s *Servers) Watch(st handlers.UpdateStore) handlers.UpdateStore { return watched{st, s} }

type watched struct {
	handlers.UpdateStore
	s *Servers
}

func (w watched) SetLanguage(ctx context.Context, guild, lang, moderatorID string) error {
	defer w.s.forget(guild)
	return w.UpdateStore.SetLanguage(ctx, guild, lang, moderatorID)
}

func (w watched) SetUpdatesChannel(ctx context.Context, guild, channelID, moderatorID string) error {
	defer w.s.forget(guild)
	return w.UpdateStore.SetUpdatesChannel(ctx, guild, channelID, moderatorID)
}

func (w watched) SetModeratorRole(ctx context.Context, guild, roleID, moderatorID string) error {
	defer w.s.forget(guild)
	return w.UpdateStore.SetModeratorRole(ctx, guild, roleID, moderatorID)
}

// Moderator reports whether a member is a moderator of the server: the
// Manage Server or Administrator permission, or the server's moderator role.
// When the settings cannot be read, only the permissions count.
// It is RouterOptions.Moderator.
func (s *Servers) Moderator(guild string, permissions int64, roles []string) bool {
	if guild == "" {
		return false
	}
	if permissions&moderatorBits != 0 {
		return true
	}
	if len(roles) == 0 {
		return false
	}
	st, err := s.settings(guild)
	if err != nil {
		s.log.Warn("moderator check", "outcome", "settings_unavailable")
		return false
	}
	return st.ModeratorRole != "" && slices.Contains(roles, st.ModeratorRole)
}

// Language is the server's default language, for members whose locale is
// neither French nor English: English unless the server chose French, or
// both languages (French first). It is RouterOptions.GuildLanguage.
func (s *Servers) Language(guild string) []locales.Lang {
	if guild == "" {
		return []locales.Lang{locales.EN}
	}
	st, err := s.settings(guild)
	if err != nil {
		s.log.Warn("server language", "outcome", "settings_unavailable")
		return []locales.Lang{locales.EN}
	}
	switch st.Language {
	case store.LanguageFR:
		return []locales.Lang{locales.FR}
	case store.LanguageBoth:
		return slices.Clone(locales.All)
	}
	return []locales.Lang{locales.EN}
}

// ChannelPoster posts, edits and deletes the bot's messages in channels
// through the REST session, with no mentions allowed: a moderator's
// @everyone, @here or role mention shows as text and pings no one.
type ChannelPoster struct {
	s          *discordgo.Session
	maxRetries int
}

// NewChannelPoster returns the Poster of the moderator handlers.
func NewChannelPoster(s *discordgo.Session) *ChannelPoster {
	return &ChannelPoster{s: s, maxRetries: 3}
}

// Post sends msg to the channel and returns the new message's ID. Only a
// rate limit is retried: a server error may hide a message that was posted.
func (p *ChannelPoster) Post(ctx context.Context, channelID string, msg handlers.Post) (string, error) {
	if p.s.Token == "" {
		return "", fmt.Errorf("post message: %w", handlers.ErrNoToken)
	}
	send := &discordgo.MessageSend{
		Embeds:          []*discordgo.MessageEmbed{postEmbed(msg.Answer)},
		Components:      postComponents(msg),
		AllowedMentions: noMentions(),
	}
	var m *discordgo.Message
	err := retry(ctx, p.maxRetries, func() error {
		var err error
		m, err = p.s.ChannelMessageSendComplex(channelID, send, restOptions(ctx)...)
		if err != nil && !rateLimited(err) {
			return permanent{err}
		}
		return err
	})
	var pe permanent
	if errors.As(err, &pe) {
		err = pe.err
	}
	if err != nil {
		return "", posterError("post", err)
	}
	return m.ID, nil
}

// Edit replaces the embed and button of a message the bot posted.
func (p *ChannelPoster) Edit(ctx context.Context, channelID, messageID string, msg handlers.Post) error {
	if p.s.Token == "" {
		return fmt.Errorf("edit message: %w", handlers.ErrNoToken)
	}
	embeds := []*discordgo.MessageEmbed{postEmbed(msg.Answer)}
	comps := postComponents(msg)
	edit := &discordgo.MessageEdit{
		ID: messageID, Channel: channelID,
		Embeds: &embeds, Components: &comps, AllowedMentions: noMentions(),
	}
	err := retry(ctx, p.maxRetries, func() error {
		_, err := p.s.ChannelMessageEditComplex(edit, restOptions(ctx)...)
		return err
	})
	return posterError("edit", err)
}

// Delete removes a message the bot posted.
func (p *ChannelPoster) Delete(ctx context.Context, channelID, messageID string) error {
	if p.s.Token == "" {
		return fmt.Errorf("delete message: %w", handlers.ErrNoToken)
	}
	err := retry(ctx, p.maxRetries, func() error {
		return p.s.ChannelMessageDelete(channelID, messageID, restOptions(ctx)...)
	})
	return posterError("delete", err)
}

// permanent hides an error from retry, which then gives up at once.
type permanent struct{ err error }

func (p permanent) Error() string { return p.err.Error() }

func rateLimited(err error) bool {
	var rl *discordgo.RateLimitError
	return errors.As(err, &rl) || statusOf(err) == http.StatusTooManyRequests
}

// posterError turns Discord's answer into the errors the handlers act on:
// 404 is a missing channel (or message), 403 a missing permission.
func posterError(op string, err error) error {
	if err == nil {
		return nil
	}
	var re *discordgo.RESTError
	if errors.As(err, &re) && re.Response != nil {
		switch re.Response.StatusCode {
		case http.StatusNotFound:
			if re.Message != nil && re.Message.Code == discordgo.ErrCodeUnknownMessage {
				return fmt.Errorf("%s message: %w", op, handlers.ErrMessageMissing)
			}
			return fmt.Errorf("%s message: %w", op, handlers.ErrChannelMissing)
		case http.StatusForbidden:
			return fmt.Errorf("%s message: %w", op, handlers.ErrMissingPermission)
		}
	}
	return fmt.Errorf("%s message: %s", op, describe(err))
}

// postEmbed lays out a post as one embed, within Discord's limits; the
// handlers keep a post's text within them, this only guards.
func postEmbed(a handlers.Answer) *discordgo.MessageEmbed {
	e := &discordgo.MessageEmbed{
		Title:       truncate(a.Title, maxTitle),
		Description: truncate(a.Body, maxDescription),
	}
	for i, f := range a.Fields {
		if i == maxFields {
			break
		}
		name := truncate(strings.TrimSpace(f.Name), maxFieldName)
		if name == "" {
			name = "\u200b"
		}
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: name, Value: truncate(f.Value, maxFieldValue), Inline: f.Inline})
	}
	if a.Footer != "" {
		e.Footer = &discordgo.MessageEmbedFooter{Text: truncate(a.Footer, maxFooter)}
	}
	return e
}

func postComponents(msg handlers.Post) []discordgo.MessageComponent {
	b := msg.Button
	if b == nil || b.Click == nil {
		return []discordgo.MessageComponent{}
	}
	// A post answers no request: its button names its command.
	id, ok := clickID(b.Click.Command, b.Click.Sub, b.Click.Args)
	if !ok || b.Click.Command == "" {
		return []discordgo.MessageComponent{}
	}
	return []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
		discordgo.Button{Label: truncate(b.Label, maxButtonLabel), Style: discordgo.SecondaryButton, CustomID: id},
	}}}
}
