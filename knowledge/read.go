package knowledge

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strings"
)

// MaxFileBytes is the largest knowledge file read. The bundled files are a
// few hundred kilobytes together; a file larger than this is a mistake (or
// a link to a device that never ends), refused before it fills memory.
const MaxFileBytes = 4 << 20

// readChunk is how much is read between two looks at the context.
const readChunk = 64 << 10

// knownFiles are the files a knowledge directory holds.
var knownFiles = []string{SourcesFile, PlacesFile, ForcesFile, StatsFile, OrgsFile, TopicsFile}

// optionalFiles are the files a knowledge directory may hold besides.
var optionalFiles = []string{MeaningsFile, ReviewFile}

// errRead is a file that cannot be used as a knowledge file; its message
// is the Problem's.
type errRead struct{ msg string }

func (e errRead) Error() string { return e.msg }

// readFile reads one knowledge file: a regular file (a link to one is
// followed) of at most MaxFileBytes, read in chunks so that a cancelled ctx
// stops it. A device, a pipe, a directory or a larger file is an errRead,
// found before anything is read from it.
func readFile(ctx context.Context, fsys fs.FS, name string) ([]byte, error) {
	fi, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, errRead{fmt.Sprintf("not a regular file (%s)", kindOf(fi.Mode()))}
	}
	if fi.Size() > MaxFileBytes {
		return nil, tooLarge()
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var data []byte
	r := io.LimitReader(f, MaxFileBytes+1)
	for {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		data = slices.Grow(data, readChunk)
		n, err := r.Read(data[len(data):min(cap(data), len(data)+readChunk)])
		data = data[:len(data)+n]
		if len(data) > MaxFileBytes {
			// The file grew after it was looked at, or says it is smaller than it is.
			return nil, tooLarge()
		}
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

func tooLarge() error {
	return errRead{fmt.Sprintf("larger than %d MiB: not a knowledge file", MaxFileBytes>>20)}
}

// kindOf names a file's type for a message.
func kindOf(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeSymlink != 0:
		return "a link that cannot be followed"
	}
	return "not a plain file"
}

// readProblem turns readFile's error into the Problem that names the file.
func readProblem(name string, err error) Problem {
	var bad errRead
	switch {
	case errors.As(err, &bad):
		return Problem{File: name, Msg: bad.msg}
	case errors.Is(err, fs.ErrNotExist):
		return Problem{File: name, Msg: "missing file"}
	case errors.Is(err, fs.ErrPermission):
		return Problem{File: name, Msg: "cannot read: permission denied"}
	}
	return Problem{File: name, Msg: "cannot read: " + err.Error()}
}

// unknownFiles reports what the directory holds besides the knowledge
// files: a misspelt name would otherwise be silently ignored. Hidden files
// (.git, an editor's swap file) are left alone.
func unknownFiles(fsys fs.FS) []Problem {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil
	}
	var problems []Problem
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") || slices.Contains(knownFiles, name) || slices.Contains(optionalFiles, name) {
			continue
		}
		problems = append(problems, Problem{File: name,
			Msg: "unknown file (a knowledge directory holds only " + strings.Join(slices.Concat(knownFiles, optionalFiles), ", ") + ")"})
	}
	return problems
}
