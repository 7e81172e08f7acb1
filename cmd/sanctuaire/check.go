package main

import (
	"context"
	"strings"
	"time"

	"sanctuaire/locales"
)

// cmdCheck loads and validates the knowledge base and the messages and
// prints how many entries of each kind there are. An invalid base is an
// error that lists every problem, so the command exits 1. With --stale
// YEARS it also lists the entries whose newest source is older than YEARS
// before the last review, and exits 3 when there are any.
func cmdCheck(ctx context.Context, e env, args []string) error {
	vals, rest, fe := parseFlags(args, "lang", "knowledge", "stale")
	c, err := newConsole(e, vals["lang"])
	if err != nil {
		return err
	}
	if fe != nil {
		return c.flagProblem("check", "cli_syntax_check", fe, "--lang", "--knowledge", "--stale")
	}
	if vals[helpFlag] != "" {
		c.help(e)
		return nil
	}
	if len(rest) > 0 {
		return c.usage("cli_syntax_check")
	}
	years := 0
	if v, ok := vals["stale"]; ok {
		if years, ok = parseYears(v); !ok {
			return usageError{c.p.T("cli_stale_bad", "Value", c.p.Quote(oneLine(v)))}
		}
	}
	dir := vals["knowledge"]
	if dir == "" {
		dir = e.getenv("SANCTUAIRE_KNOWLEDGE")
	}
	kb, cat, err := c.content(ctx, e, dir)
	if err != nil {
		return err
	}
	c.each(e.stdout, func(p *locales.Printer) string {
		lines := []string{
			p.Plural("cli_check_sources", len(kb.Sources)),
			p.Plural("cli_check_places", len(kb.Places)),
			p.Plural("cli_check_forces", len(kb.Forces)),
			p.Plural("cli_check_stats", len(kb.Stats)),
			p.Plural("cli_check_orgs", len(kb.Orgs)),
			p.Plural("cli_check_topics", len(kb.Topics)),
			p.Plural("cli_check_messages", len(cat.IDs())),
		}
		if dir == "" {
			lines = append(lines, p.T("cli_check_ok_bundled"))
		} else {
			lines = append(lines, p.T("cli_check_ok_dir", "Dir", oneLine(dir)))
		}
		return strings.Join(lines, "\n")
	})
	if years > 0 {
		if n := staleReport(e.stdout, c, kb, years, time.Now()); n > 0 {
			return staleError{n}
		}
	}
	return nil
}
