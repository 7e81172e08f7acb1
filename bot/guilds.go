package bot

import (
	"context"
	"log/slog"
	"slices"
	"time"

	"github.com/bwmarrin/discordgo"

	"sanctuaire/locales"
	"sanctuaire/store"
)

// SettingsReader is what the bot reads of the store to check moderators and
// choose a server's default language: settings through the store's cache,
// as the check runs on every interaction in a server that needs it.
type SettingsReader interface {
	CachedSettings(ctx context.Context, guild string) (store.Settings, error)
}

// moderatorBits are the permissions that make a member a moderator.
const moderatorBits = discordgo.PermissionManageGuild | discordgo.PermissionAdministrator

// settingsWithin bounds a read of the settings during an interaction.
const settingsWithin = time.Second

// Servers answers, for the router, who is a moderator of a server and which
// language the server prefers, from its settings.
type Servers struct {
	st  SettingsReader
	log *slog.Logger
}

// NewServers returns the moderator check and language choice over st.
func NewServers(st SettingsReader, log *slog.Logger) *Servers {
	return &Servers{st: st, log: log}
}

func (s *Servers) settings(guild string) (store.Settings, error) {
	ctx, cancel := context.WithTimeout(context.Background(), settingsWithin)
	defer cancel()
	return s.st.CachedSettings(ctx, guild)
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
	return hasModeratorRole(st, roles)
}

// hasModeratorRole says whether roles hold the server's moderator role.
func hasModeratorRole(st store.Settings, roles []string) bool {
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
	return guildLanguages(st)
}

// guildLanguages are the languages a server's settings choose.
func guildLanguages(st store.Settings) []locales.Lang {
	switch st.Language {
	case store.LanguageFR:
		return []locales.Lang{locales.FR}
	case store.LanguageBoth:
		return slices.Clone(locales.All)
	}
	return []locales.Lang{locales.EN}
}
