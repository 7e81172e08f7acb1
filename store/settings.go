package store

import (
	"context"
	"fmt"
	"sync"
	"time"
	"unicode/utf8"
)

// SettingsTTL is how long CachedSettings reuses a server's settings.
const SettingsTTL = 5 * time.Second

// maxCached bounds the settings cache; it starts afresh when full.
const maxCached = 10000

// settingsCache keeps servers' settings for CachedSettings. The zero value
// uses SettingsTTL.
type settingsCache struct {
	mu  sync.Mutex
	ttl time.Duration
	m   map[string]cachedSettings
	// gen counts the changes: a read that started before one is not kept.
	gen uint64
}

type cachedSettings struct {
	s  Settings
	at time.Time
}

func (c *settingsCache) get(guild string, now time.Time) (Settings, uint64, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[guild]
	ttl := c.ttl
	if ttl == 0 {
		ttl = SettingsTTL
	}
	return e.s, c.gen, ok && ttl > 0 && now.Sub(e.at) < ttl
}

func (c *settingsCache) put(s Settings, at time.Time, gen uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen {
		return
	}
	if c.m == nil || len(c.m) >= maxCached {
		c.m = map[string]cachedSettings{}
	}
	c.m[s.Guild] = cachedSettings{s: s, at: at}
}

func (c *settingsCache) forget(guild string) {
	c.mu.Lock()
	delete(c.m, guild)
	c.gen++
	c.mu.Unlock()
}

// SetSettingsTTL changes how long CachedSettings reuses settings; zero is
// SettingsTTL, a negative ttl reads the database every time. Call it before
// the Store is used.
func (s *Store) SetSettingsTTL(ttl time.Duration) { s.cache.ttl = ttl }

// CachedSettings is Settings read at most SettingsTTL ago, for the checks
// that run on every interaction in a server (its moderator role, its
// language). A change made through this Store applies at once; one made
// through another Store (another instance), within the TTL.
func (s *Store) CachedSettings(ctx context.Context, guild string) (Settings, error) {
	now := time.Now()
	st, gen, ok := s.cache.get(guild, now)
	if ok {
		return st, nil
	}
	st, err := s.Settings(ctx, guild)
	if err != nil {
		return Settings{}, err
	}
	s.cache.put(st, now, gen)
	return st, nil
}

// Settings returns a server's settings, DefaultSettings when none were chosen.
func (s *Store) Settings(ctx context.Context, guild string) (Settings, error) {
	st := DefaultSettings(guild)
	err := s.db.read(ctx, func(q querier) error {
		return q.queryRow(ctx, `SELECT language, updates_channel, moderator_role
			FROM settings WHERE guild = $1`, guild).Scan(&st.Language, &st.UpdatesChannel, &st.ModeratorRole)
	})
	if isNoRows(err) {
		return DefaultSettings(guild), nil
	}
	if err != nil {
		return Settings{}, fmt.Errorf("settings: %w", err)
	}
	return st, nil
}

// SetLanguage sets a server's default language: LanguageEN, LanguageFR or
// LanguageBoth.
func (s *Store) SetLanguage(ctx context.Context, guild, lang, moderatorID string) error {
	switch lang {
	case LanguageEN, LanguageFR, LanguageBoth:
	default:
		return &FieldError{Field: "language", Problem: Unknown, Length: utf8.RuneCountInString(lang)}
	}
	return s.setSetting(ctx, guild, "language", lang, moderatorID, ActionConfigLanguage)
}

// SetUpdatesChannel sets where a server's updates are posted; empty means the
// channel where the command is used.
func (s *Store) SetUpdatesChannel(ctx context.Context, guild, channelID, moderatorID string) error {
	if err := checkLen("channel", channelID); err != nil {
		return err
	}
	return s.setSetting(ctx, guild, "updates_channel", channelID, moderatorID, ActionConfigChannel)
}

// SetModeratorRole sets the extra role whose members are moderators; empty
// removes it.
func (s *Store) SetModeratorRole(ctx context.Context, guild, roleID, moderatorID string) error {
	if err := checkLen("role", roleID); err != nil {
		return err
	}
	return s.setSetting(ctx, guild, "moderator_role", roleID, moderatorID, ActionConfigRole)
}

// setSetting upserts one column of settings; column is one of three
// constants above, never a caller's value.
func (s *Store) setSetting(ctx context.Context, guild, column, value, moderatorID, action string) error {
	if err := checkID("guild", guild); err != nil {
		return err
	}
	if err := checkID("moderator", moderatorID); err != nil {
		return err
	}
	// Whatever comes of the write, the next read of this server's settings
	// goes to the database.
	defer s.cache.forget(guild)
	err := s.db.write(ctx, func(q querier) error {
		_, err := q.exec(ctx, `INSERT INTO settings (guild, `+column+`) VALUES ($1, $2)
			ON CONFLICT (guild) DO UPDATE SET `+column+` = excluded.`+column, guild, value)
		if err != nil {
			return err
		}
		return audit(ctx, q, guild, moderatorID, action, 0, s.now())
	})
	if err != nil {
		return fmt.Errorf("set %s: %w", column, err)
	}
	return nil
}
