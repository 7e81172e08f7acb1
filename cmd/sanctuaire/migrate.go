package main

import (
	"context"
	"flag"
	"fmt"
	"io"
)

const migrateUsage = "usage: sanctuaire migrate [--data PATH]"

// cmdMigrate applies the store's schema migrations and prints the schema
// version. run and serve migrate at start too; this does it alone, before
// starting several processes on one PostgreSQL database for instance.
func cmdMigrate(ctx context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	data := dataFlag(fs)
	if err := fs.Parse(args); err != nil {
		return usageError{"migrate: " + err.Error() + "; " + migrateUsage}
	}
	if fs.NArg() > 0 {
		return usageError{migrateUsage}
	}
	_, _, where, err := storeTarget(e, *data)
	if err != nil {
		return err
	}
	s, err := openStore(ctx, e, *data)
	if err != nil {
		return err
	}
	defer s.Close()
	v, err := s.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s: schema version %d\n", where, v)
	return nil
}
