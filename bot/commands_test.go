package bot

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
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
	// The table's shape depends on neither the knowledge base nor the store:
	// no handler runs here.
	return Commands(nil, nil), testCatalog(t)
}

func TestCommandNames(t *testing.T) {
	cmds, _ := table(t)
	got := Names(cmds)
	want := []string{"city", "stats", "support", "rights", "question", "about", "help-me", "Check with sanctuaire", "update", "config", "news"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("command names (-want +got):\n%s", diff)
	}
	french := map[string]string{
		"city": "ville", "stats": "statistiques", "support": "soutien",
		"rights": "droits", "question": "question", "about": "a-propos",
		"update": "annonce", "config": "configuration", "news": "nouvelles",
		"Check with sanctuaire": "Vérifier avec sanctuaire",
		"help-me":               "aide",
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
		if c.Permissions != nil || c.OnMessage {
			continue // moderator and message commands answer in the member's language only
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
		{"stats", "année", "year"},
		{"statistiques", "annee", "year"},
		{"stats", "ANNÉE", "year"},
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
			if c.OnMessage {
				checkMessageCommand(t, def)
				return
			}
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

// checkMessageCommand checks Discord's rules for a message command: a name
// of 1 to 32 characters in every locale (capitals and spaces allowed), no
// description and no options.
func checkMessageCommand(t *testing.T, def *discordgo.ApplicationCommand) {
	t.Helper()
	if def.Type != discordgo.MessageApplicationCommand {
		t.Errorf("got type %d, want %d", def.Type, discordgo.MessageApplicationCommand)
	}
	names := []string{def.Name}
	for _, v := range *def.NameLocalizations {
		names = append(names, v)
	}
	for _, n := range names {
		if c := utf8.RuneCountInString(n); c < 1 || c > 32 || strings.TrimSpace(n) != n {
			t.Errorf("name %q: %d characters, want 1 to 32 and no outer spaces", n, c)
		}
	}
	if def.Description != "" || def.DescriptionLocalizations != nil || len(def.Options) != 0 {
		t.Errorf("got description %q, %d options; a message command has neither", def.Description, len(def.Options))
	}
}

func checkOptions(t reporter, opts []*discordgo.ApplicationCommandOption) int {
	t.Helper()
	total := 0
	seen := map[string]bool{}
	optional := false
	for _, o := range opts {
		checkName(t, o.Name, o.NameLocalizations)
		checkDesc(t, o.Description, o.DescriptionLocalizations)
		// Discord wants option names unique among siblings, in every locale.
		if seen["default:"+o.Name] {
			t.Errorf("option name %q used twice", o.Name)
		}
		seen["default:"+o.Name] = true
		for l, v := range o.NameLocalizations {
			key := string(l) + ":" + v
			if seen[key] {
				t.Errorf("option name %q (%s) used twice", v, string(l))
			}
			seen[key] = true
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

// reporter is what the rule checks need of a test, so that a test can also
// check that they catch a broken definition.
type reporter interface {
	Helper()
	Errorf(format string, args ...any)
}

// recorder collects the errors of the rule checks.
type recorder struct{ errs []string }

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

// nameLocales are the locales every name_localizations map must carry.
var nameLocales = []discordgo.Locale{discordgo.French, discordgo.EnglishUS, discordgo.EnglishGB}

// checkName checks a name and its localizations against Discord's rules:
// French, US and British English present, the English ones repeating the
// default name, all lowercase and of Discord's pattern.
func checkName(t reporter, name string, loc map[discordgo.Locale]string) {
	t.Helper()
	names := []string{name}
	for _, l := range nameLocales {
		v, ok := loc[l]
		if !ok || v == "" {
			t.Errorf("name %q has no %s name", name, string(l))
			continue
		}
		if l != discordgo.French && v != name {
			t.Errorf("name %q in %s: got %q, want the default name", name, string(l), v)
		}
		names = append(names, v)
	}
	for l, v := range loc {
		if !slices.Contains(nameLocales, l) {
			t.Errorf("name %q has an unexpected locale %s (%q)", name, string(l), v)
		}
	}
	for _, n := range names {
		if !namePattern.MatchString(n) || strings.ToLower(n) != n {
			t.Errorf("name %q: want lowercase, 1 to 32 characters of Discord's pattern", n)
		}
	}
}

func checkDesc(t reporter, desc string, loc map[discordgo.Locale]string) {
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

// TestRulesCatchMistakes: the checks above fail on definitions that break
// Discord's rules, so that a passing TestDefinitions means something.
func TestRulesCatchMistakes(t *testing.T) {
	all := func(en, fr string) map[discordgo.Locale]string {
		return map[discordgo.Locale]string{discordgo.French: fr, discordgo.EnglishUS: en, discordgo.EnglishGB: en}
	}
	opt := func(en, fr string) *discordgo.ApplicationCommandOption {
		return &discordgo.ApplicationCommandOption{
			Type: String, Name: en, NameLocalizations: all(en, fr),
			Description: "d", DescriptionLocalizations: map[discordgo.Locale]string{
				discordgo.French: "d", discordgo.EnglishUS: "d", discordgo.EnglishGB: "d"},
		}
	}
	tests := []struct {
		name string
		loc  map[discordgo.Locale]string
		opts []*discordgo.ApplicationCommandOption
		want string // part of the first error; "" for none
	}{
		{name: "year", loc: all("year", "année"), want: ""},
		{name: "year", loc: map[discordgo.Locale]string{discordgo.French: "année"}, want: "no en-US name"},
		{name: "year", loc: map[discordgo.Locale]string{discordgo.French: "année", discordgo.EnglishUS: "year"}, want: "no en-GB name"},
		{name: "year", loc: map[discordgo.Locale]string{discordgo.EnglishUS: "year", discordgo.EnglishGB: "year"}, want: "no fr name"},
		{name: "year", loc: all("years", "année"), want: "want the default name"},
		{name: "year", loc: all("year", "Année"), want: "want lowercase"},
		{name: "year", loc: all("year", "an née"), want: "Discord's pattern"},
		{name: "year", loc: all("year", strings.Repeat("a", 33)), want: "Discord's pattern"},
		{name: "year", loc: func() map[discordgo.Locale]string { m := all("year", "année"); m["es-ES"] = "año"; return m }(),
			want: "unexpected locale"},
		{name: "stats", loc: all("stats", "statistiques"),
			opts: []*discordgo.ApplicationCommandOption{opt("year", "année"), opt("when", "année")},
			want: `option name "année" (fr) used twice`},
		{name: "stats", loc: all("stats", "statistiques"),
			opts: []*discordgo.ApplicationCommandOption{opt("year", "année"), opt("year", "an")},
			want: `option name "year" used twice`},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			r := &recorder{}
			checkName(r, tt.name, tt.loc)
			checkOptions(r, tt.opts)
			switch {
			case tt.want == "" && len(r.errs) > 0:
				t.Errorf("got %q, want no error", r.errs)
			case tt.want != "" && (len(r.errs) == 0 || !strings.Contains(r.errs[0], tt.want)):
				t.Errorf("got %q, want an error with %q", r.errs, tt.want)
			}
		})
	}
}

// TestRegistrationPayload checks the JSON Discord receives: every name in
// French, US and British English, the commands about one server offered in
// servers only, and the member commands everywhere, from either install.
func TestRegistrationPayload(t *testing.T) {
	cmds, cat := table(t)
	raw, err := json.Marshal(Definitions(cmds, cat))
	if err != nil {
		t.Fatal(err)
	}
	var defs []map[string]any
	if err := json.Unmarshal(raw, &defs); err != nil {
		t.Fatal(err)
	}
	guildOnly := map[string]bool{"update": true, "config": true, "news": true}
	for _, d := range defs {
		name, _ := d["name"].(string)
		t.Run(name, func(t *testing.T) {
			var walk func(path string, o map[string]any)
			walk = func(path string, o map[string]any) {
				loc, _ := o["name_localizations"].(map[string]any)
				var keys []string
				for k := range loc {
					keys = append(keys, k)
				}
				slices.Sort(keys)
				if diff := cmp.Diff([]string{"en-GB", "en-US", "fr"}, keys); diff != "" {
					t.Errorf("%s: name_localizations locales (-want +got):\n%s", path, diff)
				}
				for _, l := range []string{"en-GB", "en-US"} {
					if loc[l] != o["name"] {
						t.Errorf("%s: got %s name %v, want %v", path, l, loc[l], o["name"])
					}
				}
				opts, _ := o["options"].([]any)
				for _, x := range opts {
					sub := x.(map[string]any)
					walk(path+" "+sub["name"].(string), sub)
				}
			}
			walk(name, d)
			// Servers only: the server install, in servers. Everywhere: the
			// server's or the member's own install, in servers, the bot's
			// direct messages and other direct or group messages.
			want := map[string][]any{"contexts": {0.0, 1.0, 2.0}, "integration_types": {0.0, 1.0}}
			if guildOnly[name] {
				want = map[string][]any{"contexts": {0.0}, "integration_types": {0.0}}
			}
			for key, w := range want {
				if diff := cmp.Diff(w, d[key]); diff != "" {
					t.Errorf("%s (-want +got):\n%s", key, diff)
				}
			}
		})
	}
	var onMessage []string
	for _, d := range defs {
		if d["type"] == float64(discordgo.MessageApplicationCommand) {
			loc, _ := d["name_localizations"].(map[string]any)
			onMessage = append(onMessage, fmt.Sprint(d["name"], " / ", loc["fr"]))
			if _, ok := d["description"]; ok {
				t.Errorf("message command %v has a description: %v", d["name"], d["description"])
			}
		}
	}
	if diff := cmp.Diff([]string{"Check with sanctuaire / Vérifier avec sanctuaire"}, onMessage); diff != "" {
		t.Errorf("message commands (-want +got):\n%s", diff)
	}
	var stats map[string]any
	for _, d := range defs {
		if d["name"] == "stats" {
			stats = d
		}
	}
	for _, x := range stats["options"].([]any) {
		o := x.(map[string]any)
		if o["name"] == "year" {
			if got := o["name_localizations"].(map[string]any)["fr"]; got != "année" {
				t.Errorf("got French name %q for stats year, want %q", got, "année")
			}
		}
	}
}
