package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"sanctuaire/bot"
	"sanctuaire/handlers"
	"sanctuaire/locales"
)

func command(t testing.TB, name string) bot.Command {
	t.Helper()
	c, ok := bot.Lookup(bot.Commands(nil, nil), name)
	if !ok {
		t.Fatalf("no command %s", name)
	}
	return c
}

func printer(t testing.TB, l locales.Lang) *locales.Printer {
	t.Helper()
	cat, err := locales.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	return cat.Printer(l)
}

func TestParseOptions(t *testing.T) {
	tests := []struct {
		cmd       string
		args      []string
		want      map[string]string
		wantLangs []locales.Lang
		wantShare bool
	}{
		{cmd: "stats", args: []string{"force:montreal"}, want: map[string]string{"force": "montreal"}},
		{cmd: "stats", args: []string{"année:2017", "mesure:Status-Checks"}, want: map[string]string{"year": "2017", "measure": "status-checks"}},
		// Typed without its accent, the French name still works.
		{cmd: "statistiques", args: []string{"annee:2017"}, want: map[string]string{"year": "2017"}},
		{cmd: "stats", args: []string{"force:spvm", "comparer:tps"}, want: map[string]string{"force": "spvm", "compare": "tps"}},
		{cmd: "city", args: []string{"nom:Ville de Québec"}, want: map[string]string{"name": "Ville de Québec"}},
		{cmd: "city", args: []string{"name: Toronto "}, want: map[string]string{"name": "Toronto"}},
		{cmd: "question", args: []string{"text:la police peut-elle me demander mon statut? oui: non"},
			want: map[string]string{"text": "la police peut-elle me demander mon statut? oui: non"}},
		{cmd: "about", args: []string{"language:both", "share:true"}, want: map[string]string{},
			wantLangs: []locales.Lang{locales.FR, locales.EN}, wantShare: true},
		{cmd: "a-propos", args: []string{"langue:fr", "partager:oui"}, want: map[string]string{},
			wantLangs: []locales.Lang{locales.FR}, wantShare: true},
		{cmd: "about", args: []string{"share:false"}, want: map[string]string{}},
	}
	p := printer(t, locales.EN)
	for _, tt := range tests {
		t.Run(tt.cmd+" "+strings.Join(tt.args, " "), func(t *testing.T) {
			got, err := parseOptions(p, command(t, tt.cmd), tt.args)
			if err != nil {
				t.Fatalf("got error %v", err)
			}
			if diff := cmp.Diff(tt.want, got.options); diff != "" {
				t.Errorf("options (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantLangs, got.langs); diff != "" {
				t.Errorf("languages (-want +got):\n%s", diff)
			}
			if got.share != tt.wantShare {
				t.Errorf("got share %v, want %v", got.share, tt.wantShare)
			}
		})
	}
}

// TestParseOptionsErrors checks each refusal as a person reads it, in
// English and in French, with the names of that language.
func TestParseOptionsErrors(t *testing.T) {
	tests := []struct {
		cmd    string
		args   []string
		en, fr string
	}{
		{"stats", []string{"year:1800"},
			"option year: 1800 is out of range",
			"option année\u00a0: 1800 est hors des limites permises"},
		{"stats", []string{"year:soon"},
			"option year takes a whole number, not “soon”",
			"l’option année attend un nombre entier, pas «\u00a0soon\u00a0»"},
		{"stats", []string{"year:2017", "annee:2018"},
			"option year given twice",
			"l’option année est donnée deux fois"},
		{"stats", []string{"measure:arrests"},
			"option measure takes one of calls, status-checks, not “arrests”",
			"l’option mesure attend l’une des valeurs calls, status-checks, pas «\u00a0arrests\u00a0»"},
		{"about", []string{"share:maybe"},
			"option share takes true or false, not “maybe”",
			"l’option partager attend oui ou non (true ou false), pas «\u00a0maybe\u00a0»"},
		{"about", []string{"language:de"},
			"option language takes one of en, fr, both, not “de”",
			"l’option langue attend l’une des valeurs en, fr, both, pas «\u00a0de\u00a0»"},
		{"city", []string{"name:"},
			"city needs option name (name:…)",
			"ville attend l’option nom (nom:…)"},
		{"city", []string{"montreal"},
			"montreal: write options as option:value; options of city: name, language, share",
			"montreal\u00a0: écrivez les options sous la forme option:valeur\u00a0; options de ville\u00a0: nom, langue, partager"},
		{"city", []string{":montreal"},
			"unknown option  for city; options: name, language, share",
			"option  inconnue pour ville\u00a0; options\u00a0: nom, langue, partager"},
		{"statistiques", []string{"colour:blue"},
			"unknown option colour for stats; options: force, year, compare, measure, language, share",
			"option colour inconnue pour statistiques\u00a0; options\u00a0: force, année, comparer, mesure, langue, partager"},
		{"about", []string{"a\nb:c"},
			`unknown option "a\nb" for about; options: language, share`,
			`option "a\nb" inconnue pour a-propos` + "\u00a0; options\u00a0: langue, partager"},
		{"question", []string{"text:" + strings.Repeat("a", 301)},
			"option text: at most 300 characters",
			"option texte\u00a0: 300\u00a0caractères au plus"},
		{"question", []string{"text:bad\x00value", "texte:x"},
			"option text given twice",
			"l’option texte est donnée deux fois"},
		{"update", nil,
			"update needs a subcommand: post, list, edit, delete",
			"annonce attend une sous-commande\u00a0: publier, liste, modifier, supprimer"},
		{"update", []string{"publish"},
			"unknown subcommand publish for update; subcommands: post, list, edit, delete",
			"sous-commande publish inconnue pour annonce\u00a0; sous-commandes\u00a0: publier, liste, modifier, supprimer"},
		{"annonce", []string{"modifier"},
			"update edit needs option id (id:…)",
			"annonce modifier attend l’option numero (numero:…)"},
	}
	for _, tt := range tests {
		for l, want := range map[locales.Lang]string{locales.EN: tt.en, locales.FR: tt.fr} {
			t.Run(string(l)+" "+tt.cmd+" "+strings.Join(tt.args, " "), func(t *testing.T) {
				_, err := parseOptions(printer(t, l), command(t, tt.cmd), tt.args)
				if err == nil {
					t.Fatalf("got no error, want %q", want)
				}
				if got := err.Error(); got != want {
					t.Errorf("got %q, want %q", got, want)
				}
			})
		}
	}
}

// FuzzParseOptions checks that any command line is either refused with a
// one-line message or turned into options the command has, with valid values.
func FuzzParseOptions(f *testing.F) {
	f.Add("stats", "force:montreal\x00annee:2017")
	f.Add("ville", "nom:Ville de Québec\x00langue:both")
	f.Add("question", "texte:la police peut-elle me demander mon statut?")
	f.Add("about", "share:true\x00share:false")
	f.Add("stats", "year:-1\x00measure:calls")
	f.Add("soutien", ":\x00ville:")
	f.Add("droits", "sujet:\xff\xfe")
	p := printer(f, locales.FR)
	f.Fuzz(func(t *testing.T, name, joined string) {
		c, ok := bot.Lookup(bot.Commands(nil, nil), name)
		if !ok {
			return
		}
		args := strings.Split(joined, "\x00")
		got, err := parseOptions(p, c, args)
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error on more than one line: %q", err)
			}
			return
		}
		for k, v := range got.options {
			o, ok := c.Option(k)
			if !ok || o.Name != k {
				t.Fatalf("option %q is not a canonical option of %s", k, c.Name)
			}
			if o.Type == bot.Integer {
				if _, err := strconv.Atoi(v); err != nil {
					t.Errorf("integer option %s = %q", k, v)
				}
			}
			if len(o.Choices) > 0 {
				if ch, ok := o.Choice(v); !ok || ch.Value != v {
					t.Errorf("option %s = %q is not one of its choices", k, v)
				}
			}
		}
		for _, o := range c.Options {
			if o.Required && got.options[o.Name] == "" {
				t.Errorf("required option %s missing", o.Name)
			}
		}
	})
}

func TestWriteFiles(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	files := []handlers.File{
		{Name: "spvm-calls.fr.png", ContentType: "image/png", Data: []byte("\x89PNG one")},
		{Name: "../escape.png", ContentType: "image/png", Data: []byte("\x89PNG two")},
	}
	if err := writeFiles(dir, files); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{"spvm-calls.fr.png": "\x89PNG one", "escape.png": "\x89PNG two"} {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != want {
			t.Errorf("%s: got %q, want %q", name, got, want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "..", "escape.png")); err == nil {
		t.Errorf("a file name with .. was written outside the directory")
	}
}

// TestAskGuidedHelp runs the guided help on the command line: its menus'
// choices are given as options, and without them the situations are listed
// with a line on stderr saying how to choose one.
func TestAskGuidedHelp(t *testing.T) {
	tests := []struct {
		name          string
		env           map[string]string
		args          []string
		code          int
		stdout        []string // each appears in the answer
		notStdout     []string
		stderr        string // stderr contains it
		stderrIsEmpty bool
	}{
		{name: "the situations", env: frCA, args: []string{"aide"},
			stdout: []string{"Que se passe-t-il\u00a0?", "- Une personne a été détenue", "- École ou garderie"},
			stderr: "sanctuaire ask aide situation:police (et, au choix, ville:montréal)\u00a0; situations\u00a0: police, 911, cbsa, detained, health, school, talk"},
		{name: "a situation in a city", env: enUS, args: []string{"help-me", "situation:detained", "city:toronto"},
			stdout:        []string{"Someone was detained — Toronto", "Emergency help first", "Legal Aid Ontario", "Immigration detention"},
			notStdout:     []string{"Solidarity Across Borders\n", "Montréal"},
			stderrIsEmpty: true},
		{name: "a city typed by its name, in French", env: frCA, args: []string{"aide", "situation:police", "ville:Ville de Québec"},
			stdout: []string{"La police me contrôle ou me pose des questions — Québec (Québec)", "Régions\u00a0: Québec (Québec)"}, stderrIsEmpty: true},
		{name: "a city the base does not hold", env: frCA, args: []string{"aide", "situation:police", "ville:Sherbrooke"},
			stdout: []string{"«\u00a0Sherbrooke\u00a0»", "- Montréal", "- Toronto"}, notStdout: []string{"Régions"}, stderrIsEmpty: true},
		{name: "a city without a situation", env: frCA, args: []string{"aide", "ville:laval"}, code: 2,
			stderr: "aide attend l’option situation (situation:…)"},
		{name: "a situation that does not exist", env: enUS, args: []string{"help-me", "situation:jail"}, code: 2,
			stderr: "takes one of police, 911, cbsa, detained, health, school, talk, not “jail”"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := call(t, tt.env, append([]string{"ask"}, tt.args...)...)
			if code != tt.code {
				t.Fatalf("exit code %d, want %d; stderr %q", code, tt.code, stderr)
			}
			for _, want := range tt.stdout {
				if !strings.Contains(stdout, want) {
					t.Errorf("stdout lacks %q:\n%s", want, stdout)
				}
			}
			for _, bad := range tt.notStdout {
				if strings.Contains(stdout, bad) {
					t.Errorf("stdout holds %q:\n%s", bad, stdout)
				}
			}
			if tt.stderrIsEmpty && stderr != "" {
				t.Errorf("stderr %q, want nothing", stderr)
			}
			if tt.stderr != "" && !strings.Contains(stderr, tt.stderr) {
				t.Errorf("stderr %q, want it to hold %q", stderr, tt.stderr)
			}
		})
	}
}
