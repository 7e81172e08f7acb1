package store_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"sanctuaire/store"
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
		fresh: freshSchema,
		open:  store.OpenPostgres,
		check: func(t testing.TB) { postgresURL(t) },
	}
	backends = []backend{sqliteBackend, postgresBackend}
)

// postgresURL returns the test server's URL. Without one, the test fails
// under CI and is skipped elsewhere, saying why.
func postgresURL(t testing.TB) string {
	u := os.Getenv("SANCTUAIRE_TEST_DATABASE_URL")
	why := "SANCTUAIRE_TEST_DATABASE_URL is not set"
	if u != "" {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		conn, err := pgx.Connect(ctx, u)
		if err == nil {
			conn.Close(ctx)
			return u
		}
		why = "PostgreSQL is unreachable: " + err.Error()
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("PostgreSQL tests must run under CI: %s", why)
	}
	t.Skipf("skipping PostgreSQL tests: %s", why)
	return ""
}

// freshSchema creates a schema of its own for one test, so that runs in
// parallel never see each other's rows, and returns a URL that selects it.
func freshSchema(t testing.TB) string {
	base := postgresURL(t)
	b := make([]byte, 6)
	rand.Read(b)
	schema := "sanctuaire_test_" + hex.EncodeToString(b)

	ctx := context.Background()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		conn, err := pgx.Connect(ctx, base)
		if err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
			return
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
	})

	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

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
