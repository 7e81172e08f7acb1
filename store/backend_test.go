package store_test

import (
	"context"
	"path/filepath"
	"testing"

	"sanctuaire/store"
	"sanctuaire/store/storetest"
)

// backend is one database the conformance suite runs against.
type backend struct {
	name string
	// fresh returns the target of an empty database, removed at the end of
	// the test: a file path for SQLite, a URL for PostgreSQL.
	fresh func(t testing.TB) string
	open  func(ctx context.Context, target string) (*store.Store, error)
	// check skips or fails the test when the database is not there.
	check func(t testing.TB)
}

var (
	sqliteBackend = backend{
		name: "sqlite",
		fresh: func(t testing.TB) string {
			return filepath.Join(t.TempDir(), "sanctuaire.db")
		},
		open:  store.OpenSQLite,
		check: func(testing.TB) {},
	}
	postgresBackend = backend{
		name:  "postgres",
		fresh: storetest.FreshSchema,
		open:  store.OpenPostgres,
		check: func(t testing.TB) { storetest.ServerURL(t) },
	}
	backends = []backend{sqliteBackend, postgresBackend}
)

// openAt opens and migrates the store at target, closed at the end of the test.
func openAt(t testing.TB, b backend, target string) *store.Store {
	t.Helper()
	ctx := context.Background()
	s, err := b.open(ctx, target)
	if err != nil {
		t.Fatalf("open %s: %v", b.name, err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("close: %v", err)
		}
	})
	if err := s.Migrate(ctx); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	return s
}

// openFresh opens a new, empty, migrated store.
func openFresh(t testing.TB, b backend) *store.Store {
	t.Helper()
	return openAt(t, b, b.fresh(t))
}
