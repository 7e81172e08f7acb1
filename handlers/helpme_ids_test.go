package handlers

import (
	"testing"

	"sanctuaire/knowledge"
)

// TestSituationsNameEntriesOfTheBase: every topic and organisation the guided
// help names exists in the bundled knowledge base, so that none is left out
// silently when the base changes.
func TestSituationsNameEntriesOfTheBase(t *testing.T) {
	kb, err := knowledge.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range situations {
		for _, id := range s.topics {
			if _, ok := kb.Topic(id); !ok {
				t.Errorf("situation %s: no topic %q", s.id, id)
			}
		}
		for _, id := range s.orgs {
			if _, ok := kb.Org(id); !ok {
				t.Errorf("situation %s: no organisation %q", s.id, id)
			}
		}
	}
}
