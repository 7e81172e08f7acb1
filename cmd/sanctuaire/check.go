package main

import (
	"context"
	"flag"
	"fmt"
	"io"
)

// cmdCheck loads and validates the knowledge base and the messages and
// prints how many entries of each kind there are. An invalid base is an
// error that lists every problem, so the command exits 1.
func cmdCheck(ctx context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	dir := fs.String("knowledge", "", "directory of knowledge files")
	if err := fs.Parse(args); err != nil {
		return usageError{"check: " + err.Error() + "; usage: sanctuaire check [--knowledge DIR]"}
	}
	if fs.NArg() > 0 {
		return usageError{"usage: sanctuaire check [--knowledge DIR]"}
	}
	kb, cat, err := loadContent(e, *dir)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "sources  %d\n", len(kb.Sources))
	fmt.Fprintf(e.stdout, "places   %d\n", len(kb.Places))
	fmt.Fprintf(e.stdout, "forces   %d\n", len(kb.Forces))
	fmt.Fprintf(e.stdout, "stats    %d\n", len(kb.Stats))
	fmt.Fprintf(e.stdout, "orgs     %d\n", len(kb.Orgs))
	fmt.Fprintf(e.stdout, "topics   %d\n", len(kb.Topics))
	fmt.Fprintf(e.stdout, "messages %d\n", len(cat.IDs()))
	fmt.Fprintln(e.stdout, "ok")
	return nil
}
