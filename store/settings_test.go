package store_test

import (
	"context"
	"testing"
	"time"

	"sanctuaire/store"
)

// testCachedSettings: a change made through a Store applies to its cached
// settings at once; one made through another Store (another instance) waits
// for the cache's TTL, while Settings reads it at once.
func testCachedSettings(t *testing.T, b backend) {
	ctx := context.Background()
	target := b.fresh(t)
	here, there := openAt(t, b, target), openAt(t, b, target)
	here.SetSettingsTTL(time.Hour)
	const guild, mod = "700000000000000001", "200000000000000002"
	got := func(read func(context.Context, string) (store.Settings, error)) store.Settings {
		t.Helper()
		s, err := read(ctx, guild)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	if s := got(here.CachedSettings); s != store.DefaultSettings(guild) {
		t.Fatalf("got %+v, want the defaults", s)
	}
	if err := here.SetModeratorRole(ctx, guild, "5", mod); err != nil {
		t.Fatal(err)
	}
	if s := got(here.CachedSettings); s.ModeratorRole != "5" {
		t.Errorf("got role %q after setting it here, want 5 at once", s.ModeratorRole)
	}
	if err := there.SetLanguage(ctx, guild, store.LanguageFR, mod); err != nil {
		t.Fatal(err)
	}
	if s := got(here.CachedSettings); s.Language != store.LanguageEN {
		t.Errorf("got language %q within the TTL of a change elsewhere, want the cached en", s.Language)
	}
	if s := got(here.Settings); s.Language != store.LanguageFR || s.ModeratorRole != "5" {
		t.Errorf("Settings got %+v, want fr and role 5", s)
	}
	here.SetSettingsTTL(-1)
	if s := got(here.CachedSettings); s.Language != store.LanguageFR {
		t.Errorf("got language %q without a cache, want fr", s.Language)
	}
}
