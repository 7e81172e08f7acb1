package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sanctuaire/knowledge"
)

// TestCheckStale: entries no recent source backs are listed in the
// console's language, counted from the last review, and the exit status
// says whether there are any (3) or none (0); a value that is not a number
// of years is a usage error (2) and lists nothing.
func TestCheckStale(t *testing.T) {
	tests := []struct {
		lang       string
		want, gone []string
	}{
		{"en", []string{
			"Counted from the last review, 4 December 2026: entries whose newest source is older than 4 December 2023",
			"place regina (Regina): 17 August 2017",
			"contact solidarity-across-borders (Solidarity Across Borders): 2020",
			"topic remain-silent (Do I have to answer police questions?): no dated source",
			"entries to re-check.",
		}, []string{"place montreal", "topic bill-c12", "topic detention "}},
		{"fr", []string{
			"À partir de la dernière révision, le 4 décembre 2026",
			"lieu regina (Regina)\u00a0: 17 août 2017",
			"coordonnées solidarity-across-borders (Solidarité sans frontières)\u00a0: 2020",
			"aucune source datée",
			"entrées à revérifier.",
		}, nil},
	}
	for _, tt := range tests {
		code, out, errOut := call(t, nil, "check", "--lang", tt.lang, "--stale", "3")
		if code != exitStale || errOut != "" {
			t.Errorf("%s: got exit code %d and stderr %q, want %d and nothing", tt.lang, code, errOut, exitStale)
		}
		for _, w := range tt.want {
			if !strings.Contains(out, w) {
				t.Errorf("%s: output lacks %q", tt.lang, w)
			}
		}
		for _, g := range tt.gone {
			if strings.Contains(out, g) {
				t.Errorf("%s: output lists %q, whose sources are recent", tt.lang, g)
			}
		}
	}

	for _, bad := range []string{"0", "-1", "three", "101", "2.5"} {
		code, out, errOut := call(t, nil, "check", "--lang", "en", "--stale", bad)
		if code != 2 || out != "" || !strings.Contains(errOut, "--stale takes a whole number of years from 1 to 100") {
			t.Errorf("--stale %s: got exit code %d, stdout %q, stderr %q; want 2, nothing, and the rule", bad, code, out, errOut)
		}
	}
}

// TestCheckStaleNone: a base whose every entry has a recent source needs
// nothing re-checked, and says so with exit status 0.
func TestCheckStaleNone(t *testing.T) {
	dir := copyBundled(t)
	// Date every source a month before the review: nothing is stale, not
	// even the contacts, once they were seen that month.
	for _, name := range []string{knowledge.SourcesFile, knowledge.OrgsFile} {
		p := filepath.Join(dir, name)
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var lines []string
		for _, l := range strings.Split(string(b), "\n") {
			switch {
			case strings.HasPrefix(l, "published = "), strings.HasPrefix(l, "updated = "), strings.HasPrefix(l, "circa = "),
				strings.HasPrefix(l, "as_of = "):
				continue
			case strings.HasPrefix(l, "language = ") && name == knowledge.SourcesFile:
				l += "\npublished = \"2026-11\""
			case strings.HasPrefix(l, "text = ") && name == knowledge.OrgsFile:
				l += "\nas_of = \"2026-11\""
			}
			lines = append(lines, l)
		}
		if err := os.WriteFile(p, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, out, errOut := call(t, nil, "check", "--lang", "en", "--knowledge", dir, "--stale", "1")
	want := "Nothing to re-check: every entry has a source dated after 4 December 2025."
	if code != 0 || errOut != "" || !strings.Contains(out, want) {
		t.Errorf("got exit code %d, stderr %q, stdout %q; want 0 and %q", code, errOut, out, want)
	}
}
