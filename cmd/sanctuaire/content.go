package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"sanctuaire/knowledge"
	"sanctuaire/locales"
)

// loadContent loads and validates the knowledge base and the messages. The
// knowledge comes from dir, else from $SANCTUAIRE_KNOWLEDGE, else from the
// files bundled in the program; any problem stops the program before it
// connects anywhere.
func loadContent(ctx context.Context, e env, dir string) (*knowledge.Base, *locales.Catalog, error) {
	kb, dir, err := loadKnowledge(ctx, e, dir)
	if err != nil {
		if dir != "" {
			return nil, nil, fmt.Errorf("knowledge %s: %w", dir, err)
		}
		return nil, nil, fmt.Errorf("knowledge: %w", err)
	}
	cat, err := locales.Bundled()
	if err != nil {
		return nil, nil, err
	}
	return kb, cat, nil
}

// errNotDir says the knowledge directory named is a file.
var errNotDir = errors.New("not a directory")

// knowledgeDirError is why the knowledge directory cannot be read at all:
// os.Stat's error, or errNotDir.
type knowledgeDirError struct{ err error }

func (e *knowledgeDirError) Error() string { return e.err.Error() }
func (e *knowledgeDirError) Unwrap() error { return e.err }

// loadKnowledge loads and validates the knowledge base from dir, else from
// $SANCTUAIRE_KNOWLEDGE, else from the files bundled in the program. It
// returns the directory it read ("" for the bundled files) and, when the
// base cannot be used, a *knowledgeDirError if that directory cannot be
// read, else the error of knowledge.LoadContext or knowledge.Bundled,
// unwrapped. A signal (ctx) stops the reading of the directory.
func loadKnowledge(ctx context.Context, e env, dir string) (*knowledge.Base, string, error) {
	if dir == "" {
		dir = e.getenv("SANCTUAIRE_KNOWLEDGE")
	}
	if dir == "" {
		kb, err := knowledge.Bundled()
		return kb, dir, err
	}
	fi, err := os.Stat(dir)
	if err == nil && !fi.IsDir() {
		err = errNotDir
	}
	if err != nil {
		return nil, dir, &knowledgeDirError{err}
	}
	kb, err := knowledge.LoadContext(ctx, os.DirFS(dir))
	return kb, dir, err
}
