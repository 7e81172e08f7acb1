package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sanctuaire/knowledge"
)

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
			wantOut: []string{"À propos de ce robot", separatorLine(), "About this bot"}},
		{name: "ask share accepted", args: []string{"ask", "rights", "share:true"}, wantOut: []string{"Know your rights"}},
		{name: "check", args: []string{"check"}, wantOut: []string{"places", "are valid"}},
		{name: "ask in the system's language", args: []string{"ask", "about"}, env: map[string]string{"LANG": "fr_CA.UTF-8"},
			wantOut: []string{"À propos de ce robot"}},
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
		knowledge.StatsFile, knowledge.OrgsFile, knowledge.TopicsFile} {
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
