package bot

import (
	"regexp"
	"testing"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
	"github.com/google/go-cmp/cmp"

	"sanctuaire/locales"
)

// Discord's rule for command and option names (lowercase where the script has case).
var namePattern = regexp.MustCompile(`^[-_\p{L}\p{N}\p{Devanagari}\p{Thai}]{1,32}$`)

func table(t *testing.T) ([]Command, *locales.Catalog) {
	t.Helper()
	cat, err := locales.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	// The table's shape depends on neither the knowledge base nor the store:
	// no handler runs here.
	return Commands(nil, nil), cat
}

func TestCommandNames(t *testing.T) {
	cmds, _ := table(t)
	got := Names(cmds)
	want := []string{"city", "stats", "support", "rights", "question", "about", "update", "config", "news"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("command names (-want +got):\n%s", diff)
	}
	french := map[string]string{
		"city": "ville", "stats": "statistiques", "support": "soutien",
		"rights": "droits", "question": "question", "about": "a-propos",
		"update": "annonce", "config": "configuration", "news": "nouvelles",
	}
	for _, c := range cmds {
		if c.NameFR != french[c.Name] {
			t.Errorf("%s: got French name %q, want %q", c.Name, c.NameFR, french[c.Name])
		}
	}
}

func TestEveryMemberCommandTakesLanguageAndShare(t *testing.T) {
	cmds, _ := table(t)
	for _, c := range cmds {
		if c.Permissions != nil {
			continue // moderator commands answer in the member's language only
		}
		t.Run(c.Name, func(t *testing.T) {
			if c.Handler == nil {
				t.Errorf("no handler")
			}
			lang, ok := c.Option(OptLanguage)
			if !ok {
				t.Fatalf("no %s option", OptLanguage)
			}
			var values []string
			for _, ch := range lang.Choices {
				values = append(values, ch.Value)
			}
			if diff := cmp.Diff([]string{"en", "fr", "both"}, values); diff != "" {
				t.Errorf("language choices (-want +got):\n%s", diff)
			}
			if share, ok := c.Option(OptShare); !ok || share.Type != Boolean {
				t.Errorf("got share option %+v, %v; want a boolean", share, ok)
			}
		})
	}
}

func TestOptionNames(t *testing.T) {
	cmds, _ := table(t)
	tests := []struct {
		cmd, name, wantEN string
	}{
		{"city", "nom", "name"},
		{"ville", "name", "name"},
		{"stats", "annee", "year"},
		{"statistiques", "année", "year"},
		{"stats", "comparer", "compare"},
		{"stats", "mesure", "measure"},
		{"stats", "force", "force"},
		{"soutien", "ville", "city"},
		{"rights", "sujet", "topic"},
		{"question", "texte", "text"},
		{"a-propos", "langue", "language"},
		{"about", "partager", "share"},
		{"À-PROPOS", "Share", "share"},
	}
	for _, tt := range tests {
		t.Run(tt.cmd+"/"+tt.name, func(t *testing.T) {
			c, ok := Lookup(cmds, tt.cmd)
			if !ok {
				t.Fatalf("command %q not found", tt.cmd)
			}
			o, ok := c.Option(tt.name)
			if !ok {
				t.Fatalf("option %q not found", tt.name)
			}
			if o.Name != tt.wantEN {
				t.Errorf("got %q, want %q", o.Name, tt.wantEN)
			}
		})
	}
	if _, ok := Lookup(cmds, "foo"); ok {
		t.Errorf("Lookup(foo) found a command")
	}
	if _, ok := Lookup(cmds, ""); ok {
		t.Errorf("Lookup(\"\") found a command")
	}
	c, _ := Lookup(cmds, "stats")
	if _, ok := c.Option("name"); ok {
		t.Errorf("stats has no option name, but Option found one")
	}
	m, _ := c.Option("measure")
	if ch, ok := m.Choice("Status-Checks"); !ok || ch.Value != "status-checks" {
		t.Errorf("got choice %+v, %v; want status-checks", ch, ok)
	}
}

func TestDefinitions(t *testing.T) {
	cmds, cat := table(t)
	for _, c := range cmds {
		def := c.Definition(cat)
		t.Run(c.Name, func(t *testing.T) {
			checkName(t, def.Name, *def.NameLocalizations)
			checkDesc(t, def.Description, *def.DescriptionLocalizations)
			if n := len(def.Options); n > 25 {
				t.Errorf("%d options, Discord allows 25", n)
			}
			total := utf8.RuneCountInString(def.Name) + utf8.RuneCountInString(def.Description)
			for _, v := range *def.NameLocalizations {
				total += utf8.RuneCountInString(v)
			}
			for _, v := range *def.DescriptionLocalizations {
				total += utf8.RuneCountInString(v)
			}
			total += checkOptions(t, def.Options)
			if total > 8000 {
				t.Errorf("%d characters in all, Discord allows 8,000", total)
			}
		})
	}
}

func checkOptions(t *testing.T, opts []*discordgo.ApplicationCommandOption) int {
	t.Helper()
	total := 0
	seen := map[string]bool{}
	optional := false
	for _, o := range opts {
		checkName(t, o.Name, o.NameLocalizations)
		checkDesc(t, o.Description, o.DescriptionLocalizations)
		if seen["en:"+o.Name] {
			t.Errorf("option name %q used twice", o.Name)
		}
		seen["en:"+o.Name] = true
		if fr := o.NameLocalizations[discordgo.French]; fr != "" {
			if seen["fr:"+fr] {
				t.Errorf("French option name %q used twice", fr)
			}
			seen["fr:"+fr] = true
		}
		if o.Required && optional {
			t.Errorf("required option %q after an optional one", o.Name)
		}
		optional = optional || !o.Required
		if o.Autocomplete && len(o.Choices) > 0 {
			t.Errorf("option %q has both autocomplete and choices", o.Name)
		}
		if len(o.Choices) > 25 {
			t.Errorf("option %q: %d choices, Discord allows 25", o.Name, len(o.Choices))
		}
		for _, ch := range o.Choices {
			if n := utf8.RuneCountInString(ch.Name); n < 1 || n > 100 {
				t.Errorf("choice %q: name of %d characters", ch.Name, n)
			}
			for l, v := range ch.NameLocalizations {
				if n := utf8.RuneCountInString(v); n < 1 || n > 100 || v[0] == '[' {
					t.Errorf("choice %q in %s: got %q", ch.Name, l, v)
				}
			}
		}
		total += utf8.RuneCountInString(o.Name) + utf8.RuneCountInString(o.Description)
		for _, v := range o.NameLocalizations {
			total += utf8.RuneCountInString(v)
		}
		for _, v := range o.DescriptionLocalizations {
			total += utf8.RuneCountInString(v)
		}
		total += checkOptions(t, o.Options)
	}
	return total
}

func checkName(t *testing.T, name string, loc map[discordgo.Locale]string) {
	t.Helper()
	for _, n := range append([]string{name}, loc[discordgo.French]) {
		if !namePattern.MatchString(n) {
			t.Errorf("name %q does not match Discord's pattern", n)
		}
	}
	if loc[discordgo.French] == "" {
		t.Errorf("name %q has no French name", name)
	}
}

func checkDesc(t *testing.T, desc string, loc map[discordgo.Locale]string) {
	t.Helper()
	for _, l := range []discordgo.Locale{"", discordgo.French, discordgo.EnglishUS, discordgo.EnglishGB} {
		d := desc
		if l != "" {
			d = loc[l]
		}
		if n := utf8.RuneCountInString(d); n < 1 || n > 100 {
			t.Errorf("description %q (%s): %d characters, want 1 to 100", d, l, n)
		}
		if d != "" && d[0] == '[' {
			t.Errorf("description in %q is a missing message: %q", l, d)
		}
	}
}
