package bot

import (
	"context"
	"log/slog"
	"slices"
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
