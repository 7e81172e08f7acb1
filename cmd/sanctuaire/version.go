package main

import (
	"context"
	"fmt"
)

// version is stamped at build time: -ldflags "-X main.version=v1.2.3".
var version = "dev"

func cmdVersion(ctx context.Context, e env, args []string) error {
	vals, rest, fe := parseFlags(args, "lang")
	c, err := newConsole(e, vals["lang"])
	if err != nil {
		return err
	}
	if fe != nil {
		return c.flagProblem("version", "cli_syntax_version", fe, "--lang")
	}
	if vals[helpFlag] != "" {
		c.help(e)
		return nil
	}
	if len(rest) > 0 {
		return c.usage("cli_syntax_version")
	}
	fmt.Fprintln(e.stdout, c.p.T("cli_version", "Version", version))
	return nil
}
