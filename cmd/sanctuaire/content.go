package main

import (
	"fmt"
	"os"

	"sanctuaire/knowledge"
	"sanctuaire/locales"
)

// loadContent loads and validates the knowledge base and the messages. The
// knowledge comes from dir, else from $SANCTUAIRE_KNOWLEDGE, else from the
// files bundled in the program; any problem stops the program before it
// connects anywhere.
func loadContent(e env, dir string) (*knowledge.Base, *locales.Catalog, error) {
	if dir == "" {
		dir = e.getenv("SANCTUAIRE_KNOWLEDGE")
	}
	var (
		kb  *knowledge.Base
		err error
	)
	if dir == "" {
		kb, err = knowledge.Bundled()
	} else {
		var fi os.FileInfo
		if fi, err = os.Stat(dir); err == nil && !fi.IsDir() {
			err = fmt.Errorf("not a directory")
		}
		if err == nil {
			kb, err = knowledge.Load(os.DirFS(dir))
		}
	}
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
