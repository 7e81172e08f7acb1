package main

import (
	"context"
	"fmt"
)

// version is stamped at build time: -ldflags "-X main.version=v1.2.3".
var version = "dev"

func cmdVersion(ctx context.Context, e env, args []string) error {
	if len(args) > 0 {
		return usageError{"usage: sanctuaire version"}
	}
	fmt.Fprintln(e.stdout, "sanctuaire", version)
	return nil
}
