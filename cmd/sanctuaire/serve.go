package main

import (
	"context"
	"errors"
)

// cmdServe answers interactions delivered as signed HTTP requests.
func cmdServe(ctx context.Context, e env, args []string) error {
	return errors.New("serve: not built yet")
}
