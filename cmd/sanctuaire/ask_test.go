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
	c, ok := bot.Lookup(bot.Commands(handlers.New(nil, nil, nil), nil), name)
	if !ok {
		t.Fatalf("no command %s", name)
	}
	return c
}

func TestParseOptions(t *testing.T) {
	tests := []struct {
		cmd       string
		args      []string
		want      map[string]string
		wantLangs []locales.Lang
		wantShare bool
		wantErr   string
	}{
		{cmd: "stats", args: []string{"force:montreal"}, want: map[string]string{"force": "montreal"}},
		{cmd: "stats", args: []string{"annee:2017", "mesure:Status-Checks"}, want: map[string]string{"year": "2017", "measure": "status-checks"}},
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
		{cmd: "stats", args: []string{"year:1800"}, wantErr: "option year: 1800 is out of range"},
		{cmd: "stats", args: []string{"year:2017", "annee:2018"}, wantErr: "option year given twice"},
		{cmd: "about", args: []string{"share:maybe"}, wantErr: "option share takes true or false"},
		{cmd: "about", args: []string{"language:de"}, wantErr: "option language takes one of en, fr, both"},
		{cmd: "city", args: []string{"name:"}, wantErr: "city needs option name"},
		{cmd: "city", args: []string{":montreal"}, wantErr: "unknown option  for city"},
		{cmd: "question", args: []string{"text:" + strings.Repeat("a", 301)}, wantErr: "at most 300 characters"},
	}
	for _, tt := range tests {
		t.Run(tt.cmd+" "+strings.Join(tt.args, " "), func(t *testing.T) {
			got, err := parseOptions(command(t, tt.cmd), tt.args)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("got error %v, want %q", err, tt.wantErr)
				}
				return
			}
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
	f.Fuzz(func(t *testing.T, name, joined string) {
		c, ok := bot.Lookup(bot.Commands(handlers.New(nil, nil, nil), nil), name)
		if !ok {
			return
		}
		args := strings.Split(joined, "\x00")
		got, err := parseOptions(c, args)
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
