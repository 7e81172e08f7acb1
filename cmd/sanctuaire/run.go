package main

import (
	"context"
	"io"
)

// commands lists the program's subcommands, for usage messages. They are
// typed as they are in both languages.
const commands = "ask, check, run, register, serve, migrate, help, version"

// run is the whole program; main only calls it.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	e := env{getenv: getenv, stdout: stdout, stderr: stderr}
	if len(args) == 0 {
		c, err := newConsole(e, "")
		if err != nil {
			return err
		}
		return usageError{c.p.T("cli_usage", "Commands", commands)}
	}
	switch args[0] {
	case "ask":
		return cmdAsk(ctx, e, args[1:])
	case "check":
		return cmdCheck(ctx, e, args[1:])
	case "run":
		return cmdRun(ctx, e, args[1:])
	case "register":
		return cmdRegister(ctx, e, args[1:])
	case "serve":
		return cmdServe(ctx, e, args[1:])
	case "migrate":
		return cmdMigrate(ctx, e, args[1:])
	case "help", "-h", "-help", "--help":
		return cmdHelp(ctx, e, args[1:])
	case "version", "-version", "--version":
		return cmdVersion(ctx, e, args[1:])
	}
	c, err := newConsole(e, "")
	if err != nil {
		return err
	}
	return usageError{c.p.T("cli_unknown_command", "Name", oneLine(args[0]), "Commands", commands)}
}
