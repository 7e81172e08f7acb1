package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"sanctuaire/knowledge"
)

// TestCheckRefusesWhatIsNotAKnowledgeFile replaces one file of a good
// directory at a time: each is refused with a message naming it, without
// reading a device or waiting on a pipe.
func TestCheckRefusesWhatIsNotAKnowledgeFile(t *testing.T) {
	tests := []struct {
		name    string
		file    string
		replace func(path string) error
		want    string
	}{
		{"link to /dev/zero", knowledge.PlacesFile, func(p string) error { return os.Symlink("/dev/zero", p) },
			"places.toml: not a regular file (a character device)"},
		{"named pipe", knowledge.OrgsFile, func(p string) error { return syscall.Mkfifo(p, 0o644) },
			"orgs.toml: not a regular file (a named pipe)"},
		{"directory", knowledge.SourcesFile, func(p string) error { return os.Mkdir(p, 0o755) },
			"sources.toml: not a regular file (a directory)"},
		{"five MiB", knowledge.TopicsFile, func(p string) error {
			if err := os.WriteFile(p, nil, 0o644); err != nil {
				return err
			}
			return os.Truncate(p, 5<<20)
		}, "topics.toml: larger than 4 MiB: not a knowledge file"},
		{"empty", knowledge.StatsFile, func(p string) error { return os.WriteFile(p, nil, 0o644) },
			"stats.toml: no [[stat]] entry: every kind of content needs at least one"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.file == knowledge.PlacesFile {
				if _, err := os.Stat("/dev/zero"); err != nil {
					t.Skip("no /dev/zero here")
				}
			}
			dir := copyBundled(t)
			p := filepath.Join(dir, tt.file)
			if err := os.Remove(p); err != nil {
				t.Fatal(err)
			}
			if err := tt.replace(p); err != nil {
				t.Fatal(err)
			}
			for _, cmd := range []string{"check", "ask"} {
				args := []string{cmd, "--lang", "en", "--knowledge", dir}
				if cmd == "ask" {
					args = append(args, "about")
				}
				code, out, errOut := call(t, nil, args...)
				if code != 1 || out != "" {
					t.Errorf("%s: got exit code %d and stdout %q, want 1 and nothing", cmd, code, out)
				}
				if !strings.Contains(errOut, "has 1 problem") || !strings.Contains(errOut, tt.want) {
					t.Errorf("%s: got stderr %q, want one problem: %q", cmd, errOut, tt.want)
				}
			}
		})
	}
}

func TestCheckReportsUnknownFiles(t *testing.T) {
	dir := copyBundled(t)
	for _, name := range []string{"place.toml", ".hidden"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("[[place]]\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, _, errOut := call(t, nil, "check", "--lang", "en", "--knowledge", dir)
	want := "place.toml: unknown file (a knowledge directory holds only sources.toml, places.toml, forces.toml, stats.toml, orgs.toml, topics.toml, other_meanings.toml, review.toml)"
	if code != 1 || !strings.Contains(errOut, "has 1 problem") || !strings.Contains(errOut, want) {
		t.Errorf("got exit code %d, stderr %q, want 1 and %q", code, errOut, want)
	}
}

// TestCheckStopsOnSignal: a signal (the cancelled context) stops the reading
// of a knowledge directory with a message rather than a list of problems.
func TestCheckStopsOnSignal(t *testing.T) {
	dir := copyBundled(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct{ lang, want string }{
		{"en", "sanctuaire: stopped while reading the knowledge base\n"},
		{"fr", "sanctuaire: arrêté pendant la lecture de la base de connaissances\n"},
	}
	for _, tt := range tests {
		var out, errOut bytes.Buffer
		err := run(ctx, []string{"check", "--lang", tt.lang, "--knowledge", dir}, func(string) string { return "" }, &out, &errOut)
		if code := exitCode(err, &errOut); code != 1 || errOut.String() != tt.want || out.Len() != 0 {
			t.Errorf("%s: got exit code %d, stderr %q, stdout %q; want 1 and %q", tt.lang, code, errOut.String(), out.String(), tt.want)
		}
	}
}
