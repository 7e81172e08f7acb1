package main

import (
	"context"
	"flag"

	"sanctuaire/store"
)

// defaultDataPath is the SQLite file used when neither --data nor
// SANCTUAIRE_DATA names one.
const defaultDataPath = "sanctuaire.db"

// dataFlag declares --data on a subcommand's flags, the same for all.
func dataFlag(fs *flag.FlagSet) *string {
	return fs.String("data", "", "SQLite database file (default $SANCTUAIRE_DATA, else ./"+defaultDataPath+"); not with DATABASE_URL")
}

// storeTarget says which database the environment names: PostgreSQL when
// DATABASE_URL is set, otherwise the SQLite file at dataPath,
// SANCTUAIRE_DATA or ./sanctuaire.db. where describes it for people and never
// contains the URL, which may hold a password.
func storeTarget(e env, dataPath string) (postgresURL, sqlitePath, where string, err error) {
	if u := e.getenv("DATABASE_URL"); u != "" {
		if dataPath != "" {
			return "", "", "", usageError{"--data names a SQLite file, but DATABASE_URL selects PostgreSQL; give one of them"}
		}
		return u, "", "postgres", nil
	}
	p := dataPath
	if p == "" {
		p = e.getenv("SANCTUAIRE_DATA")
	}
	if p == "" {
		p = defaultDataPath
	}
	return "", p, "sqlite " + p, nil
}

// openStore opens the store the environment names (see storeTarget) and
// brings its schema up to date, as run, serve and migrate all do at start.
func openStore(ctx context.Context, e env, dataPath string) (*store.Store, error) {
	pgURL, path, _, err := storeTarget(e, dataPath)
	if err != nil {
		return nil, err
	}
	var s *store.Store
	if pgURL != "" {
		s, err = store.OpenPostgres(ctx, pgURL)
	} else {
		s, err = store.OpenSQLite(ctx, path)
	}
	if err != nil {
		return nil, err
	}
	if err := s.Migrate(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}
