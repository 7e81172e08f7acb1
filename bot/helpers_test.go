package bot

import (
	"context"
	"sync"
	"testing"

	"github.com/bwmarrin/discordgo"

	"sanctuaire/bot/discordtest"
	"sanctuaire/locales"
)

var (
	catalogOnce sync.Once
	catalog     *locales.Catalog
	catalogErr  error
)

// testCatalog is the bundled messages, loaded once for all the tests.
func testCatalog(t testing.TB) *locales.Catalog {
	t.Helper()
	catalogOnce.Do(func() { catalog, catalogErr = locales.Bundled() })
	if catalogErr != nil {
		t.Fatal(catalogErr)
	}
	return catalog
}

// newFakeDiscord starts a fake Discord, closed when the test ends, and a
// session with token that talks to it.
func newFakeDiscord(t testing.TB, opts discordtest.Options, token string) (*discordtest.Server, *discordgo.Session) {
	t.Helper()
	fake := discordtest.New(opts)
	t.Cleanup(fake.Close)
	s, err := NewSession(token, fake.URL())
	if err != nil {
		t.Fatal(err)
	}
	return fake, s
}

// drainAtEnd drains srv when the test ends, failing the test if an
// interaction in flight did not finish.
func drainAtEnd(t testing.TB, srv *Interactions) {
	t.Cleanup(func() {
		if err := srv.Drain(context.Background()); err != nil {
			t.Error(err)
		}
	})
}
