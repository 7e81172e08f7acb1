package bot

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/google/go-cmp/cmp"

	"sanctuaire/locales"
	"sanctuaire/store"
)

var _ SettingsReader = (*fakeSettings)(nil)

// fakeSettings answers CachedSettings from a map, or fails.
type fakeSettings struct {
	s     map[string]store.Settings
	err   error
	reads atomic.Int64
}

func (f *fakeSettings) CachedSettings(_ context.Context, guild string) (store.Settings, error) {
	f.reads.Add(1)
	if f.err != nil {
		return store.Settings{}, f.err
	}
	if s, ok := f.s[guild]; ok {
		return s, nil
	}
	return store.DefaultSettings(guild), nil
}

func TestServersModerator(t *testing.T) {
	const role = "930000000000000001"
	settings := &fakeSettings{s: map[string]store.Settings{
		"g-role": {Guild: "g-role", Language: store.LanguageFR, ModeratorRole: role},
		"g-both": {Guild: "g-both", Language: store.LanguageBoth},
	}}
	log := slog.New(slog.NewTextHandler(&bytes.Buffer{}, nil))
	s := NewServers(settings, log)
	tests := []struct {
		name  string
		guild string
		perms int64
		roles []string
		want  bool
	}{
		{"manage server", "g", discordgo.PermissionManageGuild, nil, true},
		{"administrator", "g", discordgo.PermissionAdministrator, nil, true},
		{"both and more", "g", discordgo.PermissionAll, nil, true},
		{"nothing", "g", 0, nil, false},
		{"other permissions", "g", discordgo.PermissionManageMessages | discordgo.PermissionManageChannels | discordgo.PermissionManageRoles, []string{"1"}, false},
		{"moderator role", "g-role", 0, []string{"5", role}, true},
		{"another role", "g-role", 0, []string{"5"}, false},
		{"role of another server's setting", "g", 0, []string{role}, false},
		{"direct message", "", discordgo.PermissionAll, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := s.Moderator(tt.guild, tt.perms, tt.roles); got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
	t.Run("settings unavailable", func(t *testing.T) {
		failing := NewServers(&fakeSettings{err: errors.New("down")}, log)
		if failing.Moderator("g-role", 0, []string{role}) {
			t.Errorf("got moderator with the settings unavailable, want a refusal")
		}
		if !failing.Moderator("g-role", discordgo.PermissionManageGuild, nil) {
			t.Errorf("Manage Server refused with the settings unavailable")
		}
		if diff := cmp.Diff([]locales.Lang{locales.EN}, failing.Language("g-role")); diff != "" {
			t.Errorf("language with the settings unavailable (-want +got):\n%s", diff)
		}
	})
	t.Run("language", func(t *testing.T) {
		for guild, want := range map[string][]locales.Lang{
			"g-role": {locales.FR}, "g-both": {locales.FR, locales.EN}, "g": {locales.EN}, "": {locales.EN},
		} {
			if diff := cmp.Diff(want, s.Language(guild)); diff != "" {
				t.Errorf("%q (-want +got):\n%s", guild, diff)
			}
		}
	})
}

// BenchmarkServersModerator measures the server-side check of a member who
// has roles but no Manage Server, the case that reads the settings: from the
// cache, and from SQLite every time.
func BenchmarkServersModerator(b *testing.B) {
	st := openSQLiteStore(b)
	if err := st.SetModeratorRole(context.Background(), modGuild, modRole, modModerator); err != nil {
		b.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(&bytes.Buffer{}, nil))
	roles := []string{"5", modRole}
	for _, c := range []struct {
		name string
		ttl  time.Duration
	}{{"cached", store.SettingsTTL}, {"sqlite", -1}} {
		b.Run(c.name, func(b *testing.B) {
			st.SetSettingsTTL(c.ttl)
			s := NewServers(st, log)
			for b.Loop() {
				if !s.Moderator(modGuild, 0, roles) {
					b.Fatal("not a moderator")
				}
			}
		})
	}
}
