package main

import (
	"context"

	"sanctuaire/locales"
)

// cmdHelp prints the help in the console's language, or in French then in
// English with --lang both. Arguments after the flags are ignored: any
// question gets the whole help.
func cmdHelp(ctx context.Context, e env, args []string) error {
	vals, _, fe := parseFlags(args, "lang")
	c, err := newConsole(e, vals["lang"])
	if err != nil {
		return err
	}
	if fe != nil {
		return c.flagProblem("help", "cli_syntax_help", fe, "--lang")
	}
	c.help(e)
	return nil
}

func (c console) help(e env) {
	c.each(e.stdout, func(p *locales.Printer) string {
		return p.T("cli_help",
			"Ask", p.T("cli_syntax_ask"),
			"Check", p.T("cli_syntax_check"),
			"Help", p.T("cli_syntax_help"),
			"Version", p.T("cli_syntax_version"))
	})
}
