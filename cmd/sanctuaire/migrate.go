package main

import (
	"context"
	"errors"
)

// cmdMigrate applies the store's schema migrations.
func cmdMigrate(ctx context.Context, e env, args []string) error {
	return errors.New("migrate: not built yet")
}
