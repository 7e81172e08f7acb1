package store

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
)

// Migrations are numbered files, one folder per database:
// migrations/<dialect>/0001_init.sql, 0002_....sql. Each is applied once, in
// its own transaction, and recorded in schema_migrations.
//
//go:embed migrations
var migrationFiles embed.FS

type migration struct {
	version int
	name    string
	sql     string
}

// dialects holds what differs between the databases around migrations.
var dialects = map[string]struct {
	// lock serialises migrations between processes, until the end of the
	// transaction. SQLite needs none: BEGIN IMMEDIATE already holds the
	// database's only write lock.
	lock        string
	createTable string
	tableExists string
}{
	"sqlite": {
		createTable: `CREATE TABLE IF NOT EXISTS schema_migrations (
			version INTEGER PRIMARY KEY, applied_at TIMESTAMP NOT NULL)`,
		tableExists: `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`,
	},
	"postgres": {
		// The key is arbitrary; it only has to be the same in every process.
		lock: `SELECT pg_advisory_xact_lock(7212361845100312031)`,
		createTable: `CREATE TABLE IF NOT EXISTS schema_migrations (
			version integer PRIMARY KEY, applied_at timestamptz NOT NULL)`,
		tableExists: `SELECT count(*) FROM pg_tables
			WHERE schemaname = current_schema() AND tablename = 'schema_migrations'`,
	},
}

// loadMigrations reads a dialect's migrations, in order, and checks they are
// numbered 1, 2, 3... with no gap.
func loadMigrations(fsys fs.FS, dialect string) ([]migration, error) {
	dir := path.Join("migrations", dialect)
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("migrations: %w", err)
	}
	var list []migration
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".sql") {
			continue
		}
		num, _, _ := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if err != nil || v < 1 {
			return nil, fmt.Errorf("migration %s/%s: name must start with a number and _", dir, e.Name())
		}
		b, err := fs.ReadFile(fsys, path.Join(dir, e.Name()))
		if err != nil {
			return nil, fmt.Errorf("migration %s/%s: %w", dir, e.Name(), err)
		}
		list = append(list, migration{version: v, name: e.Name(), sql: string(b)})
	}
	sort.Slice(list, func(i, j int) bool { return list[i].version < list[j].version })
	for i, m := range list {
		if m.version != i+1 {
			return nil, fmt.Errorf("migration %s/%s: version %d, want %d", dir, m.name, m.version, i+1)
		}
	}
	if len(list) == 0 {
		return nil, fmt.Errorf("migrations: none in %s", dir)
	}
	return list, nil
}

// Migrate brings the schema to the latest version. It is safe to run again,
// and from several processes at once.
func (s *Store) Migrate(ctx context.Context) error {
	list, err := loadMigrations(migrationFiles, s.dialect)
	if err != nil {
		return err
	}
	d := dialects[s.dialect]
	for _, m := range list {
		err := s.db.write(ctx, func(q querier) error {
			if d.lock != "" {
				if _, err := q.exec(ctx, d.lock); err != nil {
					return fmt.Errorf("lock: %w", err)
				}
			}
			if _, err := q.exec(ctx, d.createTable); err != nil {
				return err
			}
			var latest int
			if err := q.queryRow(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&latest); err != nil {
				return err
			}
			if latest > len(list) {
				return fmt.Errorf("database schema version %d is newer than this program's %d", latest, len(list))
			}
			if latest >= m.version {
				return nil
			}
			if _, err := q.exec(ctx, m.sql); err != nil {
				return err
			}
			_, err := q.exec(ctx, `INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)`, m.version, s.now())
			return err
		})
		if err != nil {
			return fmt.Errorf("migrate %s/%s: %w", s.dialect, m.name, err)
		}
	}
	return nil
}

// SchemaVersion returns the latest migration applied, 0 for none.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := s.db.read(ctx, func(q querier) error {
		var n int
		if err := q.queryRow(ctx, dialects[s.dialect].tableExists).Scan(&n); err != nil || n == 0 {
			return err
		}
		return q.queryRow(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&v)
	})
	if err != nil {
		return 0, fmt.Errorf("schema version: %w", err)
	}
	return v, nil
}
