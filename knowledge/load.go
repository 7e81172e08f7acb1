package knowledge

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

//go:embed data/*.toml
var bundled embed.FS

// The files a knowledge directory holds, at its root.
const (
	SourcesFile = "sources.toml"
	PlacesFile  = "places.toml"
	ForcesFile  = "forces.toml"
	StatsFile   = "stats.toml"
	OrgsFile    = "orgs.toml"
	TopicsFile  = "topics.toml"
)

// Base is a loaded and validated knowledge base. It is read-only once
// built, so one Base can serve many goroutines.
type Base struct {
	Sources []Source
	Places  []Place
	Forces  []Force
	Stats   []Stat
	Orgs    []Org
	Topics  []Topic
	// Others are declarations under the same words with another meaning:
	// never indexed, ranked or listed (see OtherMeaning).
	Others []OtherMeaning
	// Reviews are the dated reviews of the whole base (see LastReview).
	Reviews []Review

	sourceByID map[string]int
	placeByID  map[string]int
	forceByID  map[string]int
	orgByID    map[string]int
	topicByID  map[string]int

	// Folded names, aliases and acronyms to the index of their entry.
	placeByName map[string]int
	forceByName map[string]int
	orgByName   map[string]int
	topicByName map[string]int

	// The free-text index, built once on first use (see search).
	indexOnce sync.Once
	ix        *Index
}

// Bundled loads the knowledge base embedded in the program.
func Bundled() (*Base, error) {
	sub, err := fs.Sub(bundled, "data")
	if err != nil {
		return nil, fmt.Errorf("bundled knowledge: %w", err)
	}
	return Load(sub)
}

// Load reads the six knowledge files at the root of fsys and validates them.
// Any problem, in the files' syntax or content, comes back as a
// *ValidationError that lists every problem found.
func Load(fsys fs.FS) (*Base, error) { return LoadContext(context.Background(), fsys) }

// LoadContext is Load that stops, with ctx's error, once ctx is done.
func LoadContext(ctx context.Context, fsys fs.FS) (*Base, error) {
	problems := unknownFiles(fsys)
	b := &Base{
		Sources: decodeList[Source](ctx, fsys, SourcesFile, "source", &problems),
		Places:  decodeList[Place](ctx, fsys, PlacesFile, "place", &problems),
		Forces:  decodeList[Force](ctx, fsys, ForcesFile, "force", &problems),
		Stats:   decodeList[Stat](ctx, fsys, StatsFile, "stat", &problems),
		Orgs:    decodeList[Org](ctx, fsys, OrgsFile, "org", &problems),
		Topics:  decodeList[Topic](ctx, fsys, TopicsFile, "topic", &problems),
		Others:  decodeOptional[OtherMeaning](ctx, fsys, MeaningsFile, "other_meaning", &problems),
		Reviews: decodeOptional[Review](ctx, fsys, ReviewFile, "review", &problems),
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("load knowledge: %w", err)
	}
	if len(problems) > 0 {
		// References cannot be checked against files that did not load.
		return nil, newValidationError(problems)
	}
	b.index()
	if problems := b.validate(); len(problems) > 0 {
		return nil, newValidationError(problems)
	}
	// Build the free-text index now rather than on the first question, so
	// that the first autocomplete is as fast as the others.
	b.search()
	return b, nil
}

// decodeList reads one file holding an array of tables named key
// ([[place]], ...), reporting a file that is missing, not a regular file,
// too large or empty, a syntax error or a key the schema does not know.
func decodeList[T any](ctx context.Context, fsys fs.FS, name, key string, problems *[]Problem) []T {
	data, err := readFile(ctx, fsys, name)
	if ctx.Err() != nil {
		return nil
	}
	if err != nil {
		*problems = append(*problems, readProblem(name, err))
		return nil
	}
	var m map[string][]T
	md, err := toml.Decode(string(data), &m)
	if err != nil {
		*problems = append(*problems, Problem{File: name, Msg: decodeMessage(err)})
		return nil
	}
	for k := range m {
		if k != key {
			*problems = append(*problems, Problem{File: name, Field: k, Msg: fmt.Sprintf("unknown key (want [[%s]] tables)", key)})
		}
	}
	for _, k := range md.Undecoded() {
		*problems = append(*problems, unknownKey(name, data, k))
	}
	if len(m[key]) == 0 {
		// A base without one kind of content answers nothing about it.
		*problems = append(*problems, Problem{File: name, Msg: fmt.Sprintf("no [[%s]] entry: every kind of content needs at least one", key)})
	}
	return m[key]
}

// unknownKey names an undecoded key by its entry and line, which the TOML
// library does not give: it follows the file's table headers down to the
// first line that defines the key.
func unknownKey(file string, data []byte, k toml.Key) Problem {
	p := Problem{File: file, Field: k.String(), Msg: "unknown key"}
	want := k.String()
	table, id := "", ""
	for i, line := range strings.Split(string(data), "\n") {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "[") {
			table = strings.TrimSpace(strings.Trim(t, "[]"))
			if table == k[0] {
				id = ""
			}
			if table != want {
				continue
			}
		} else {
			name, value, ok := strings.Cut(t, "=")
			if !ok || strings.HasPrefix(t, "#") {
				continue
			}
			name = strings.Trim(strings.TrimSpace(name), `"`)
			if table == k[0] && name == "id" {
				id = strings.Trim(strings.TrimSpace(value), `"`)
			}
			if table+"."+name != want {
				continue
			}
		}
		p.Msg = fmt.Sprintf("unknown key (line %d)", i+1)
		if id != "" {
			p.Entry = fmt.Sprintf("%s %q", k[0], id)
			p.Field = strings.Join(k[1:], ".")
		}
		break
	}
	return p
}

// decodeMessage keeps the position a TOML syntax error gives, without the
// library's multi-line rendering.
func decodeMessage(err error) string {
	var perr toml.ParseError
	if errors.As(err, &perr) {
		return fmt.Sprintf("line %d: %s", perr.Position.Line, perr.Message)
	}
	return err.Error()
}

func (b *Base) index() {
	b.sourceByID = indexIDs(b.Sources, func(s Source) string { return s.ID })
	b.placeByID = indexIDs(b.Places, func(p Place) string { return p.ID })
	b.forceByID = indexIDs(b.Forces, func(f Force) string { return f.ID })
	b.orgByID = indexIDs(b.Orgs, func(o Org) string { return o.ID })
	b.topicByID = indexIDs(b.Topics, func(t Topic) string { return t.ID })

	b.placeByName = indexNames(b.Places, Place.names)
	b.forceByName = indexNames(b.Forces, Force.names)
	b.orgByName = indexNames(b.Orgs, Org.names)
	b.topicByName = indexNames(b.Topics, Topic.names)
}

// indexIDs maps each ID to the index of its first entry; validation reports
// duplicates.
func indexIDs[T any](items []T, id func(T) string) map[string]int {
	m := make(map[string]int, len(items))
	for i, it := range items {
		if _, dup := m[id(it)]; !dup {
			m[id(it)] = i
		}
	}
	return m
}

func indexNames[T any](items []T, names func(T) []string) map[string]int {
	m := make(map[string]int, len(items)*4)
	for i, it := range items {
		for _, n := range names(it) {
			k := nameKey(n)
			if k == "" {
				continue
			}
			if _, dup := m[k]; !dup {
				m[k] = i
			}
		}
	}
	return m
}

// nameKey folds a name and reduces punctuation and spacing to single spaces,
// so that "Québec-City", "quebec city" and " QUEBEC  CITY " are one key.
func nameKey(s string) string {
	if !isASCII(s) {
		s = Fold(s)
	}
	var sb strings.Builder
	sb.Grow(len(s))
	space := false
	for _, r := range s {
		if isWordRune(r) {
			if space && sb.Len() > 0 {
				sb.WriteByte(' ')
			}
			space = false
			sb.WriteRune(unicode.ToLower(r))
			continue
		}
		space = true
	}
	return sb.String()
}

// isASCII reports whether s needs no folding beyond lower case, which
// spares the common lookups the cost of Unicode normalization.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func (p Place) names() []string {
	return slices.Concat([]string{p.ID, p.Name.EN, p.Name.FR}, p.Aliases)
}

func (f Force) names() []string {
	return slices.Concat([]string{f.ID, f.Name.EN, f.Name.FR}, f.Acronyms, f.Aliases)
}

func (o Org) names() []string {
	return slices.Concat([]string{o.ID, o.Name.EN, o.Name.FR}, o.Aliases)
}

func (t Topic) names() []string {
	return slices.Concat([]string{t.ID, t.Title.EN, t.Title.FR}, t.Aliases)
}
