package main

import (
	"bytes"
	"context"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sanctuaire/knowledge"
	"sanctuaire/locales"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// call runs the program as main does and returns its exit code and output.
func call(t *testing.T, env map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(context.Background(), args, func(k string) string { return env[k] }, &out, &errOut)
	code = exitCode(err, &errOut)
	return code, out.String(), errOut.String()
}

func TestRunExitCodes(t *testing.T) {
	tests := []struct {
		name       string
		args       []string
		env        map[string]string
		wantCode   int
		wantOut    []string // each must appear in stdout
		wantErr    string   // must appear in stderr
		wantOneErr bool     // stderr is exactly one line
	}{
		{name: "no command", args: nil, wantCode: 2, wantErr: "usage: sanctuaire", wantOneErr: true},
		{name: "unknown command", args: []string{"frobnicate"}, wantCode: 2,
			wantErr: "unknown command frobnicate; commands: ask, check", wantOneErr: true},
		{name: "version", args: []string{"version"}, wantOut: []string{"sanctuaire version dev"}},
		{name: "help", args: []string{"help"}, wantOut: []string{"sanctuaire ask", "sanctuaire check"}},
		{name: "ask without command", args: []string{"ask"}, wantCode: 2, wantErr: "usage: sanctuaire ask", wantOneErr: true},
		{name: "ask unknown command", args: []string{"ask", "foo"}, wantCode: 2,
			wantErr: "unknown command foo; commands: city, stats, support, rights, question, about", wantOneErr: true},
		{name: "ask unknown option", args: []string{"ask", "stats", "colour:blue"}, wantCode: 2,
			wantErr: "unknown option colour for stats; options: force, year, compare, measure, language, share", wantOneErr: true},
		{name: "ask option without value", args: []string{"ask", "city", "montreal"}, wantCode: 2,
			wantErr: "montreal: write options as option:value", wantOneErr: true},
		{name: "ask missing required option", args: []string{"ask", "city"}, wantCode: 2,
			wantErr: "city needs option name", wantOneErr: true},
		{name: "ask bad year", args: []string{"ask", "stats", "year:soon"}, wantCode: 2,
			wantErr: "option year takes a whole number", wantOneErr: true},
		{name: "ask bad measure", args: []string{"ask", "stats", "measure:arrests"}, wantCode: 2,
			wantErr: "option measure takes one of calls, status-checks", wantOneErr: true},
		{name: "ask bad language flag", args: []string{"ask", "--lang", "de", "about"}, wantCode: 2,
			wantErr: "unknown language de", wantOneErr: true},
		{name: "ask bad flag", args: []string{"ask", "--colour", "about"}, wantCode: 2,
			wantErr: "unknown option --colour for ask", wantOneErr: true},
		{name: "ask help flag", args: []string{"ask", "-h"}, wantOut: []string{"sanctuaire ask [--lang"}},
		{name: "ask unknown option with newline", args: []string{"ask", "about", "a\nb:c"}, wantCode: 2,
			wantErr: `unknown option "a\nb" for about`, wantOneErr: true},
		{name: "ask about in English", args: []string{"ask", "about"},
			wantOut: []string{"About this bot", "Not legal advice", "HuffPost"}},
		{name: "ask French names", args: []string{"ask", "--lang", "fr", "statistiques", "force:spvm", "annee:2017"},
			wantOut: []string{"3\u00a0608", "+25,6\u00a0%", "ASFC"}},
		{name: "ask French option on English command", args: []string{"ask", "city", "nom:Ville de Québec", "langue:fr"},
			wantOut: []string{"Québec"}},
		{name: "ask both languages", args: []string{"ask", "--lang", "both", "a-propos"},
			wantOut: []string{"À propos de ce bot", separatorLine(), "About this bot"}},
		{name: "ask share accepted", args: []string{"ask", "rights", "share:true"}, wantOut: []string{"Know your rights"}},
		{name: "check", args: []string{"check"}, wantOut: []string{"places", "are valid"}},
		{name: "ask in the system's language", args: []string{"ask", "about"}, env: map[string]string{"LANG": "fr_CA.UTF-8"},
			wantOut: []string{"À propos de ce bot"}},
		{name: "LC_ALL before LANG", args: []string{"ask", "about"}, env: map[string]string{"LC_ALL": "en_GB.UTF-8", "LANG": "fr_FR.UTF-8"},
			wantOut: []string{"About this bot"}},
		{name: "C locale is English", args: []string{"ask", "about"}, env: map[string]string{"LANG": "C.UTF-8"},
			wantOut: []string{"About this bot"}},
		{name: "flag beats the system's language", args: []string{"ask", "--lang", "en", "about"}, env: map[string]string{"LANG": "fr_CA.UTF-8"},
			wantOut: []string{"About this bot"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := call(t, tt.env, tt.args...)
			if code != tt.wantCode {
				t.Errorf("got exit code %d, want %d (stderr %q)", code, tt.wantCode, errOut)
			}
			for _, w := range tt.wantOut {
				if !strings.Contains(out, w) {
					t.Errorf("stdout lacks %q:\n%s", w, out)
				}
			}
			if !strings.Contains(errOut, tt.wantErr) {
				t.Errorf("got stderr %q, want it to contain %q", errOut, tt.wantErr)
			}
			if tt.wantOneErr && strings.Count(errOut, "\n") != 1 {
				t.Errorf("got stderr %q, want one line", errOut)
			}
			if tt.wantCode == 0 && errOut != "" {
				t.Errorf("got stderr %q, want none", errOut)
			}
		})
	}
}

func separatorLine() string { return "――――" }

// copyBundled writes the bundled knowledge files to a temporary directory.
func copyBundled(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range []string{knowledge.SourcesFile, knowledge.PlacesFile, knowledge.ForcesFile,
		knowledge.StatsFile, knowledge.OrgsFile, knowledge.TopicsFile, knowledge.MeaningsFile, knowledge.ReviewFile} {
		b, err := os.ReadFile(filepath.Join("..", "..", "knowledge", "data", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestCheckDirectory(t *testing.T) {
	good := copyBundled(t)
	broken := copyBundled(t)
	stats := filepath.Join(broken, knowledge.StatsFile)
	b, err := os.ReadFile(stats)
	if err != nil {
		t.Fatal(err)
	}
	// A negative count and a reference to a source that does not exist.
	b = append(b, []byte("\n[[stat]]\nforce = \"spvm\"\nyear = 1999\ncount = -4\nmeasure = \"calls\"\nsource = \"no-such-source\"\n")...)
	if err := os.WriteFile(stats, b, 0o644); err != nil {
		t.Fatal(err)
	}
	missing := t.TempDir()

	tests := []struct {
		name     string
		args     []string
		env      map[string]string
		wantCode int
		wantOut  string
		wantErr  []string
	}{
		{name: "good flag", args: []string{"check", "--knowledge", good}, wantOut: "The knowledge base in " + good + " and the messages are valid."},
		{name: "good environment", args: []string{"check"}, env: map[string]string{"SANCTUAIRE_KNOWLEDGE": good},
			wantOut: "The knowledge base in " + good + " and the messages are valid."},
		{name: "broken", args: []string{"check", "--knowledge", broken}, wantCode: 1,
			wantErr: []string{"stats.toml", "no-such-source", "count"}},
		{name: "broken environment", args: []string{"check"}, env: map[string]string{"SANCTUAIRE_KNOWLEDGE": broken}, wantCode: 1,
			wantErr: []string{"stats.toml", "no-such-source"}},
		{name: "flag beats environment", args: []string{"check", "--knowledge", good},
			env: map[string]string{"SANCTUAIRE_KNOWLEDGE": broken}, wantOut: "are valid"},
		{name: "empty directory", args: []string{"check", "--knowledge", missing}, wantCode: 1,
			wantErr: []string{"places.toml", "missing file"}},
		{name: "no such directory", args: []string{"check", "--knowledge", filepath.Join(missing, "nope")}, wantCode: 1,
			wantErr: []string{"knowledge directory " + filepath.Join(missing, "nope") + " not found"}},
		{name: "a file, not a directory", args: []string{"check", "--knowledge", stats}, wantCode: 1,
			wantErr: []string{stats + " is not a directory"}},
		{name: "ask uses the directory too", args: []string{"ask", "--knowledge", broken, "about"}, wantCode: 1,
			wantErr: []string{"no-such-source"}},
		{name: "stray argument", args: []string{"check", "extra"}, wantCode: 2, wantErr: []string{"usage: sanctuaire check"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := call(t, tt.env, tt.args...)
			if code != tt.wantCode {
				t.Errorf("got exit code %d, want %d (stderr %q)", code, tt.wantCode, errOut)
			}
			if !strings.Contains(out, tt.wantOut) {
				t.Errorf("got stdout %q, want it to contain %q", out, tt.wantOut)
			}
			for _, w := range tt.wantErr {
				if !strings.Contains(errOut, w) {
					t.Errorf("got stderr %q, want it to contain %q", errOut, w)
				}
			}
		})
	}
}

var (
	frCA = map[string]string{"LANG": "fr_CA.UTF-8"}
	enUS = map[string]string{"LANG": "en_US.UTF-8"}
)

// TestConsoleLanguages checks the console's one-line messages, exactly, in
// the language the environment or --lang chooses.
func TestConsoleLanguages(t *testing.T) {
	const nb = "\u00a0"
	tests := []struct {
		name     string
		args     []string
		env      map[string]string
		wantCode int
		wantOut  string // stdout, exactly
		wantErr  string // stderr, exactly
	}{
		{name: "no command fr", env: frCA, wantCode: 2,
			wantErr: "sanctuaire: utilisation" + nb + ": sanctuaire COMMANDE" + nb + "; commandes" + nb + ": ask, check, run, register, serve, migrate, help, version (sanctuaire help les décrit)\n"},
		{name: "no command en", env: enUS, wantCode: 2,
			wantErr: "sanctuaire: usage: sanctuaire COMMAND; commands: ask, check, run, register, serve, migrate, help, version (sanctuaire help describes them)\n"},
		{name: "unknown command fr", args: []string{"frobnicate"}, env: frCA, wantCode: 2,
			wantErr: "sanctuaire: commande frobnicate inconnue" + nb + "; commandes" + nb + ": ask, check, run, register, serve, migrate, help, version\n"},
		{name: "unknown command en", args: []string{"frobnicate"}, env: enUS, wantCode: 2,
			wantErr: "sanctuaire: unknown command frobnicate; commands: ask, check, run, register, serve, migrate, help, version\n"},
		{name: "ask unknown command fr", args: []string{"ask", "villes"}, env: frCA, wantCode: 2,
			wantErr: "sanctuaire: commande villes inconnue" + nb + "; commandes" + nb + ": ville, statistiques, soutien, droits, question, a-propos, aide\n"},
		{name: "ask unknown command en", args: []string{"ask", "cities"}, env: enUS, wantCode: 2,
			wantErr: "sanctuaire: unknown command cities; commands: city, stats, support, rights, question, about, help-me\n"},
		{name: "ask server command en", args: []string{"ask", "update", "post"}, env: enUS, wantCode: 2,
			wantErr: "sanctuaire: update, config and news work on a Discord server only\n"},
		{name: "ask server command fr", args: []string{"ask", "nouvelles"}, env: frCA, wantCode: 2,
			wantErr: "sanctuaire: annonce, configuration et nouvelles ne fonctionnent que sur un serveur Discord\n"},
		{name: "ask server command by its French name en", args: []string{"ask", "Configuration", "afficher"}, env: enUS, wantCode: 2,
			wantErr: "sanctuaire: update, config and news work on a Discord server only\n"},
		{name: "ask unknown option fr", args: []string{"ask", "stats", "couleur:bleu"}, env: frCA, wantCode: 2,
			wantErr: "sanctuaire: option couleur inconnue pour statistiques" + nb + "; options" + nb + ": force, année, comparer, mesure, langue, partager\n"},
		{name: "ask unknown option en", args: []string{"ask", "statistiques", "colour:blue"}, env: enUS, wantCode: 2,
			wantErr: "sanctuaire: unknown option colour for stats; options: force, year, compare, measure, language, share\n"},
		{name: "ask unknown flag fr", args: []string{"ask", "--couleur", "bleu", "about"}, env: frCA, wantCode: 2,
			wantErr: "sanctuaire: option --couleur inconnue pour ask" + nb + "; options" + nb + ": --lang, --knowledge, --out\n"},
		{name: "ask unknown flag en", args: []string{"ask", "-colour=blue", "about"}, env: enUS, wantCode: 2,
			wantErr: "sanctuaire: unknown option -colour for ask; options: --lang, --knowledge, --out\n"},
		{name: "ask flag without value fr", args: []string{"ask", "--lang"}, env: frCA, wantCode: 2,
			wantErr: "sanctuaire: l’option --lang attend une valeur" + nb + "; utilisation" + nb + ": sanctuaire ask [--lang en|fr|both] [--knowledge RÉP] [--out RÉP] COMMANDE [option:valeur ...]\n"},
		{name: "ask without command en", args: []string{"ask"}, env: enUS, wantCode: 2,
			wantErr: "sanctuaire: usage: sanctuaire ask [--lang en|fr|both] [--knowledge DIR] [--out DIR] COMMAND [option:value ...]\n"},
		{name: "unknown language fr", args: []string{"ask", "--lang", "de", "about"}, env: frCA, wantCode: 2,
			wantErr: "sanctuaire: langue de inconnue" + nb + "; langues" + nb + ": en, fr, both\n"},
		{name: "unknown language en", args: []string{"check", "--lang=de"}, env: enUS, wantCode: 2,
			wantErr: "sanctuaire: unknown language de; languages: en, fr, both\n"},
		{name: "flag beats the environment", args: []string{"ask", "--lang", "en", "ville"}, env: frCA, wantCode: 2,
			wantErr: "sanctuaire: city needs option name (name:…)\n"},
		{name: "both keeps the environment's language for errors", args: []string{"ask", "--lang", "both", "ville"}, env: frCA, wantCode: 2,
			wantErr: "sanctuaire: ville attend l’option nom (nom:…)\n"},
		{name: "LC_MESSAGES before LANG", args: []string{"ask", "city"}, env: map[string]string{"LC_MESSAGES": "fr_FR.UTF-8", "LANG": "en_US.UTF-8"}, wantCode: 2,
			wantErr: "sanctuaire: ville attend l’option nom (nom:…)\n"},
		{name: "check stray argument fr", args: []string{"check", "tout"}, env: frCA, wantCode: 2,
			wantErr: "sanctuaire: utilisation" + nb + ": sanctuaire check [--lang en|fr|both] [--knowledge RÉP] [--stale ANNÉES]\n"},
		{name: "check unknown flag en", args: []string{"check", "--all"}, env: enUS, wantCode: 2,
			wantErr: "sanctuaire: unknown option --all for check; options: --lang, --knowledge, --stale\n"},
		{name: "help unknown flag fr", args: []string{"help", "--tout"}, env: frCA, wantCode: 2,
			wantErr: "sanctuaire: option --tout inconnue pour help" + nb + "; options" + nb + ": --lang\n"},
		{name: "version fr", args: []string{"version"}, env: frCA, wantOut: "sanctuaire version dev\n"},
		{name: "version en", args: []string{"version", "--lang", "en"}, env: frCA, wantOut: "sanctuaire version dev\n"},
		{name: "version stray argument en", args: []string{"version", "now"}, env: enUS, wantCode: 2,
			wantErr: "sanctuaire: usage: sanctuaire version [--lang en|fr|both]\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := call(t, tt.env, tt.args...)
			if code != tt.wantCode {
				t.Errorf("got exit code %d, want %d", code, tt.wantCode)
			}
			if out != tt.wantOut {
				t.Errorf("got stdout %q, want %q", out, tt.wantOut)
			}
			if errOut != tt.wantErr {
				t.Errorf("got stderr %q, want %q", errOut, tt.wantErr)
			}
		})
	}
}

// TestCheckLanguages checks what `check` prints, line by line, in French
// and English, for a valid base and for an invalid one.
func TestCheckLanguages(t *testing.T) {
	kb, err := knowledge.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	cat, err := locales.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	fr, en := cat.Printer(locales.FR), cat.Printer(locales.EN)
	n := func(p *locales.Printer, count int) string { return p.Int(count) }
	frOK := strings.Join([]string{
		n(fr, len(kb.Sources)) + " sources",
		n(fr, len(kb.Places)) + " lieux",
		n(fr, len(kb.Forces)) + " corps de police",
		n(fr, len(kb.Stats)) + " données chiffrées",
		n(fr, len(kb.Orgs)) + " organismes de soutien",
		n(fr, len(kb.Topics)) + " sujets sur les droits",
		n(fr, len(cat.IDs())) + " messages dans chaque langue",
		"La base de connaissances intégrée et les messages sont valides.",
	}, "\n") + "\n"
	enOK := strings.Join([]string{
		n(en, len(kb.Sources)) + " sources",
		n(en, len(kb.Places)) + " places",
		n(en, len(kb.Forces)) + " police forces",
		n(en, len(kb.Stats)) + " figures",
		n(en, len(kb.Orgs)) + " support organisations",
		n(en, len(kb.Topics)) + " rights topics",
		n(en, len(cat.IDs())) + " messages in each language",
		"The bundled knowledge base and the messages are valid.",
	}, "\n") + "\n"

	// Two missing files, then one.
	broken, oneProblem := copyBundled(t), copyBundled(t)
	for _, name := range []string{filepath.Join(broken, knowledge.PlacesFile), filepath.Join(broken, knowledge.SourcesFile),
		filepath.Join(oneProblem, knowledge.OrgsFile)} {
		if err := os.Remove(name); err != nil {
			t.Fatal(err)
		}
	}

	tests := []struct {
		name     string
		args     []string
		env      map[string]string
		wantCode int
		wantOut  string
		wantErr  []string // the lines of stderr
	}{
		{name: "fr", args: []string{"check"}, env: frCA, wantOut: frOK},
		{name: "en", args: []string{"check"}, env: enUS, wantOut: enOK},
		{name: "both", args: []string{"check", "--lang", "both"}, env: enUS,
			wantOut: frOK + "\n" + separator + "\n\n" + enOK},
		{name: "broken fr", args: []string{"check", "--knowledge", broken}, env: frCA, wantCode: 1,
			wantErr: []string{
				"sanctuaire: la base de connaissances du répertoire " + broken + " comporte 2 problèmes\u00a0:",
				"  places.toml: missing file",
				"  sources.toml: missing file",
			}},
		{name: "broken en", args: []string{"check"}, env: map[string]string{"LANG": "en_CA.UTF-8", "SANCTUAIRE_KNOWLEDGE": broken}, wantCode: 1,
			wantErr: []string{
				"sanctuaire: the knowledge base in " + broken + " has 2 problems:",
				"  places.toml: missing file",
				"  sources.toml: missing file",
			}},
		{name: "one problem fr", args: []string{"check", "--knowledge", oneProblem}, env: frCA, wantCode: 1,
			wantErr: []string{
				"sanctuaire: la base de connaissances du répertoire " + oneProblem + " comporte 1 problème\u00a0:",
				"  orgs.toml: missing file",
			}},
		{name: "one problem en", args: []string{"check", "--knowledge", oneProblem}, env: enUS, wantCode: 1,
			wantErr: []string{
				"sanctuaire: the knowledge base in " + oneProblem + " has 1 problem:",
				"  orgs.toml: missing file",
			}},
		{name: "ask says it too", args: []string{"ask", "--knowledge", oneProblem, "a-propos"}, env: frCA, wantCode: 1,
			wantErr: []string{
				"sanctuaire: la base de connaissances du répertoire " + oneProblem + " comporte 1 problème\u00a0:",
				"  orgs.toml: missing file",
			}},
		{name: "no directory fr", args: []string{"check", "--knowledge", filepath.Join(broken, "nope")}, env: frCA, wantCode: 1,
			wantErr: []string{"sanctuaire: répertoire de connaissances " + filepath.Join(broken, "nope") + " introuvable"}},
		{name: "not a directory fr", args: []string{"check", "--knowledge", filepath.Join(broken, knowledge.StatsFile)}, env: frCA, wantCode: 1,
			wantErr: []string{"sanctuaire: " + filepath.Join(broken, knowledge.StatsFile) + " n’est pas un répertoire"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := call(t, tt.env, tt.args...)
			if code != tt.wantCode {
				t.Errorf("got exit code %d, want %d", code, tt.wantCode)
			}
			if out != tt.wantOut {
				t.Errorf("got stdout %q, want %q", out, tt.wantOut)
			}
			var want string
			if tt.wantErr != nil {
				want = strings.Join(tt.wantErr, "\n") + "\n"
			}
			if errOut != want {
				t.Errorf("got stderr %q, want %q", errOut, want)
			}
		})
	}
}

// TestHelp compares the help, in each language and in both, with
// testdata/help.*.golden (go test -update rewrites them).
func TestHelp(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		env    map[string]string
		golden string
	}{
		{"fr", []string{"help"}, frCA, "help.fr.golden"},
		{"en", []string{"help"}, enUS, "help.en.golden"},
		{"no language is English", []string{"help"}, nil, "help.en.golden"},
		{"both", []string{"help", "--lang", "both"}, enUS, "help.both.golden"},
		{"flag fr", []string{"--help", "--lang=fr"}, enUS, "help.fr.golden"},
		{"ask -h", []string{"ask", "-h"}, frCA, "help.fr.golden"},
		{"check --help", []string{"check", "--lang", "en", "--help"}, frCA, "help.en.golden"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := call(t, tt.env, tt.args...)
			if code != 0 || errOut != "" {
				t.Fatalf("got exit code %d and stderr %q, want 0 and none", code, errOut)
			}
			path := filepath.Join("testdata", tt.golden)
			if *update && tt.args[0] == "help" {
				if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if out != string(want) {
				t.Errorf("got:\n%s\nwant (%s):\n%s", out, path, want)
			}
		})
	}
}

// BenchmarkUsageError measures a refused command line: the messages load,
// then one line is written.
func BenchmarkUsageError(b *testing.B) {
	getenv := func(k string) string { return frCA[k] }
	for b.Loop() {
		if err := run(context.Background(), []string{"ask", "statistiques", "couleur:bleu"}, getenv, io.Discard, io.Discard); err == nil {
			b.Fatal("got no error")
		}
	}
}

// BenchmarkCheck measures `check` on the bundled knowledge base, in both languages.
func BenchmarkCheck(b *testing.B) {
	getenv := func(k string) string { return enUS[k] }
	for b.Loop() {
		if err := run(context.Background(), []string{"check", "--lang", "both"}, getenv, io.Discard, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

func TestAskWriteError(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(file, "charts")
	tests := []struct {
		env  map[string]string
		want string // stderr starts with it; the system's reason follows
	}{
		{frCA, "sanctuaire: impossible d’écrire les pièces jointes dans " + out + "\u00a0: "},
		{enUS, "sanctuaire: cannot write the attachments to " + out + ": "},
	}
	for _, tt := range tests {
		t.Run(tt.env["LANG"], func(t *testing.T) {
			code, stdout, errOut := call(t, tt.env, "ask", "--out", out, "stats", "force:spvm")
			if code != 1 {
				t.Errorf("got exit code %d, want 1", code)
			}
			if stdout == "" {
				t.Errorf("got no answer, want it printed before the attachments")
			}
			if !strings.HasPrefix(errOut, tt.want) || strings.Count(errOut, "\n") != 1 {
				t.Errorf("got stderr %q, want one line starting with %q", errOut, tt.want)
			}
		})
	}
}
