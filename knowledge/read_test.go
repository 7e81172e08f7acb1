package knowledge

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// TestLoadRefusesBadFiles checks what a knowledge directory may hold: six
// regular files of bounded size, each with entries, and nothing else.
func TestLoadRefusesBadFiles(t *testing.T) {
	tests := []struct {
		name   string
		change func(fstest.MapFS)
		want   []string // every problem, in order
	}{
		{"a directory", func(m fstest.MapFS) { m[PlacesFile] = &fstest.MapFile{Mode: fs.ModeDir} },
			[]string{"places.toml: not a regular file (a directory)"}},
		{"a character device", func(m fstest.MapFS) {
			m[StatsFile] = &fstest.MapFile{Mode: fs.ModeDevice | fs.ModeCharDevice, Data: []byte("[[stat]]")}
		}, []string{"stats.toml: not a regular file (a character device)"}},
		{"a named pipe", func(m fstest.MapFS) { m[OrgsFile] = &fstest.MapFile{Mode: fs.ModeNamedPipe} },
			[]string{"orgs.toml: not a regular file (a named pipe)"}},
		{"over the limit", func(m fstest.MapFS) {
			m[TopicsFile] = &fstest.MapFile{Data: []byte(strings.Repeat("#", MaxFileBytes+1))}
		}, []string{"topics.toml: larger than 4 MiB: not a knowledge file"}},
		{"empty", func(m fstest.MapFS) { m[ForcesFile] = &fstest.MapFile{} },
			[]string{"forces.toml: no [[force]] entry: every kind of content needs at least one"}},
		{"comments only", func(m fstest.MapFS) { m[SourcesFile] = &fstest.MapFile{Data: []byte("# nothing yet\n")} },
			[]string{"sources.toml: no [[source]] entry: every kind of content needs at least one"}},
		{"six empty files", func(m fstest.MapFS) {
			for _, name := range knownFiles {
				m[name] = &fstest.MapFile{}
			}
		}, []string{
			"forces.toml: no [[force]] entry: every kind of content needs at least one",
			"orgs.toml: no [[org]] entry: every kind of content needs at least one",
			"places.toml: no [[place]] entry: every kind of content needs at least one",
			"sources.toml: no [[source]] entry: every kind of content needs at least one",
			"stats.toml: no [[stat]] entry: every kind of content needs at least one",
			"topics.toml: no [[topic]] entry: every kind of content needs at least one",
		}},
		{"unknown files", func(m fstest.MapFS) {
			m["place.toml"] = &fstest.MapFile{Data: []byte("[[place]]")}
			m["notes"] = &fstest.MapFile{Mode: fs.ModeDir}
			m[".git"] = &fstest.MapFile{Mode: fs.ModeDir}
		}, []string{
			"notes: unknown file (a knowledge directory holds only sources.toml, places.toml, forces.toml, stats.toml, orgs.toml, topics.toml, other_meanings.toml, review.toml)",
			"place.toml: unknown file (a knowledge directory holds only sources.toml, places.toml, forces.toml, stats.toml, orgs.toml, topics.toml, other_meanings.toml, review.toml)",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := mapFS(validFiles)
			tt.change(m)
			_, err := Load(m)
			var invalid *ValidationError
			if !errors.As(err, &invalid) {
				t.Fatalf("got %v, want a *ValidationError", err)
			}
			var got []string
			for _, p := range invalid.Problems {
				got = append(got, p.String())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// endless is a file that says it is regular and empty, as files under /proc
// do, and never ends, like /dev/zero.
type endless struct {
	fs.FS
	name string
	read int
	// ctx is cancelled once this many bytes were read, when cancel is set.
	cancelAt int
	cancel   context.CancelFunc
}

func (e *endless) Open(name string) (fs.File, error) {
	if name != e.name {
		return e.FS.Open(name)
	}
	return endlessFile{e}, nil
}

type endlessFile struct{ e *endless }

func (f endlessFile) Stat() (fs.FileInfo, error) { return endlessInfo{f.e.name}, nil }
func (f endlessFile) Close() error               { return nil }
func (f endlessFile) Read(p []byte) (int, error) {
	clear(p)
	f.e.read += len(p)
	if f.e.cancel != nil && f.e.read >= f.e.cancelAt {
		f.e.cancel()
	}
	return len(p), nil
}

type endlessInfo struct{ name string }

func (i endlessInfo) Name() string       { return i.name }
func (i endlessInfo) Size() int64        { return 0 }
func (i endlessInfo) Mode() fs.FileMode  { return 0o444 }
func (i endlessInfo) ModTime() time.Time { return time.Time{} }
func (i endlessInfo) IsDir() bool        { return false }
func (i endlessInfo) Sys() any           { return nil }

var _ io.Reader = endlessFile{}

func TestLoadStopsAnEndlessFile(t *testing.T) {
	e := &endless{FS: mapFS(validFiles), name: PlacesFile}
	_, err := Load(e)
	var invalid *ValidationError
	if !errors.As(err, &invalid) || len(invalid.Problems) != 1 || invalid.Problems[0].String() != "places.toml: larger than 4 MiB: not a knowledge file" {
		t.Fatalf("got %v, want places.toml refused as too large", err)
	}
	if e.read > MaxFileBytes+2*readChunk {
		t.Errorf("read %d bytes, want at most %d", e.read, MaxFileBytes+2*readChunk)
	}
}

func TestLoadContextInterrupted(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	e := &endless{FS: mapFS(validFiles), name: SourcesFile, cancelAt: 3 * readChunk, cancel: cancel}
	_, err := LoadContext(ctx, e)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
	if e.read > 4*readChunk {
		t.Errorf("read %d bytes after the cancel, want the reading stopped at once", e.read)
	}
}
