package main

import (
	"context"
	"io"
)

// run is the whole program; main only calls it.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	e := env{getenv: getenv, stdout: stdout, stderr: stderr}
	if len(args) == 0 {
		return usageError{"usage: sanctuaire ask|check|run|register|serve|migrate|help|version"}
	}
	switch args[0] {
	case "run":
		return cmdRun(ctx, e, args[1:])
	case "register":
		return cmdRegister(ctx, e, args[1:])
	case "serve":
		return cmdServe(ctx, e, args[1:])
	case "migrate":
		return cmdMigrate(ctx, e, args[1:])
	}
	return usageError{"unknown command " + args[0]}
}
