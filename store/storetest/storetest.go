// Package storetest gives tests a PostgreSQL database of their own on the
// server that CI provides.
package storetest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// EnvURL names the environment variable that holds the test server's URL.
const EnvURL = "SANCTUAIRE_TEST_DATABASE_URL"

// ServerURL returns the test server's URL. Without a reachable server the
// test fails under CI (CI=true) and is skipped elsewhere, saying why.
func ServerURL(t testing.TB) string {
	t.Helper()
	u := os.Getenv(EnvURL)
	why := EnvURL + " is not set"
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
	t.Skipf("skipping PostgreSQL: %s", why)
	return ""
}

// FreshSchema creates a schema of its own for one test, dropped at its end,
// so that tests running at once never see each other's rows, and returns a
// URL that selects it.
func FreshSchema(t testing.TB) string {
	t.Helper()
	base := ServerURL(t)
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
