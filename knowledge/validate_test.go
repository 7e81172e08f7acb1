package knowledge

import (
	"errors"
	"fmt"
	"maps"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
)

// validFiles is the smallest base that passes every rule; each test case
// breaks one thing in it.
var validFiles = map[string]string{
	SourcesFile: `
[[source]]
id = "s1"
title = "An article"
publisher = "A newspaper"
url = "https://example.org/a"
published = "2018-03-29"
updated = "2018-04-03"
language = "en"

[[source]]
id = "s2"
title = "Une page"
publisher = "Un organisme"
language = "fr"
[source.note]
en = "No date is shown."
fr = "Aucune date n'est indiquée."
`,
	PlacesFile: `
[[place]]
id = "montreal"
aliases = ["MTL"]
status = "adopted"
adopted = "2017-02-20"
forces = ["spvm"]
sources = ["s1"]
[place.name]
en = "Montreal"
fr = "Montréal"
[place.province]
en = "Quebec"
fr = "Québec"
[place.summary]
en = "A summary."
fr = "Un résumé."

[[place.events]]
date = "2017-02-20"
sources = ["s1"]
[place.events.text]
en = "A declaration."
fr = "Une déclaration."

[[place.notes]]
sources = ["s1", "s2"]
[place.notes.text]
en = "A note."
fr = "Une note."
`,
	ForcesFile: `
[[force]]
id = "spvm"
acronyms = ["SPVM"]
aliases = ["Montreal police"]
place = "montreal"
[force.name]
en = "Montreal police"
fr = "Police de Montréal"
`,
	StatsFile: `
[[stat]]
force = "spvm"
year = 2017
count = 3608
measure = "calls"
source = "s1"
`,
	OrgsFile: `
[[org]]
id = "group"
place = "montreal"
sources = ["s1"]
[org.name]
en = "A group"
fr = "Un groupe"
[org.what]
en = "Helps."
fr = "Aide."
[org.contact]
text = "group@example.org"
as_of = "2015"
sources = ["s1"]
`,
	TopicsFile: `
[[topic]]
id = "silence"
sources = ["s1"]
[topic.title]
en = "Silence"
fr = "Silence"
[topic.short]
en = "Short."
fr = "Court."
[[topic.details]]
sources = ["s1"]
[topic.details.text]
en = "Detail."
fr = "Détail."
`,
}

func mapFS(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, body := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(body)}
	}
	return fsys
}

func TestLoadValid(t *testing.T) {
	b, err := Load(mapFS(validFiles))
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if got, want := len(b.Sources)+len(b.Places)+len(b.Forces)+len(b.Stats)+len(b.Orgs)+len(b.Topics), 7; got != want {
		t.Errorf("got %d entries, want %d", got, want)
	}
	if got, want := b.Places[0].Events[0].Text.FR, "Une déclaration."; got != want {
		t.Errorf("event text: got %q, want %q", got, want)
	}
	if got, want := b.Sources[0].Updated.String(), "2018-04-03"; got != want {
		t.Errorf("updated: got %q, want %q", got, want)
	}
}

// describedNews stands in for a title no one recorded.
const describedNews = `described = { en = "A news release", fr = "Un communiqué" }`

func TestSourceDescribed(t *testing.T) {
	files := maps.Clone(validFiles)
	if err := replace(SourcesFile, `title = "An article"`, describedNews)(files); err != nil {
		t.Fatalf("test case: %v", err)
	}
	b, err := Load(mapFS(files))
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	tests := []struct {
		id, lang, want string
	}{
		{"s1", "en", "A news release"},
		{"s1", "fr", "Un communiqué"},
		{"s2", "en", "Une page"},
		{"s2", "fr", "Une page"},
	}
	for _, tt := range tests {
		t.Run(tt.id+"."+tt.lang, func(t *testing.T) {
			s, ok := b.Source(tt.id)
			if !ok {
				t.Fatalf("source %q not found", tt.id)
			}
			if got := s.Label(tt.lang); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestLoadProblems(t *testing.T) {
	const month13 = "month 13 out of range"
	tests := []struct {
		name      string
		edits     []edit
		want      []string // every problem, in order
		wantMatch string   // when the exact text comes from the TOML library
	}{
		{name: "missing file", edits: []edit{remove(TopicsFile)},
			want: []string{`topics.toml: missing file`}},
		{name: "syntax error", edits: []edit{replace(StatsFile, `count = 3608`, `count = = 3608`)},
			wantMatch: "stats.toml: line 5: "},
		{name: "bad date", edits: []edit{replace(SourcesFile, `published = "2018-03-29"`, `published = "2018-13-29"`)},
			wantMatch: month13},
		{name: "unknown key", edits: []edit{replace(PlacesFile, `[place.summary]`, `[place.summry]`)},
			want: []string{
				`places.toml: place "montreal": summry: unknown key (line 15)`,
				`places.toml: place "montreal": summry.en: unknown key (line 16)`,
				`places.toml: place "montreal": summry.fr: unknown key (line 17)`,
			}},
		{name: "unknown key in a stat", edits: []edit{replace(StatsFile, `count = 3608`, "count = 3608\ncuont = 3608")},
			want: []string{`stats.toml: stat.cuont: unknown key (line 6)`}},
		{name: "unknown table", edits: []edit{appendTo(ForcesFile, "[[forces]]\nid = \"x\"\n")},
			wantMatch: "forces.toml: forces: unknown key (want [[force]] tables)"},
		{name: "empty text", edits: []edit{replace(PlacesFile, `fr = "Un résumé."`, `fr = " "`)},
			want: []string{`places.toml: place "montreal": summary.fr: empty`}},
		{name: "missing translation", edits: []edit{appendTo(PlacesFile, "[place.covers]\nen = \"Libraries.\"\n")},
			want: []string{`places.toml: place "montreal": covers.fr: missing translation`}},
		{name: "french space before colon", edits: []edit{replace(PlacesFile, `fr = "Un résumé."`, `fr = "Résumé : court."`)},
			want: []string{`places.toml: place "montreal": summary.fr: ordinary space before ':': use a no-break space`}},
		{name: "french space inside guillemets", edits: []edit{replace(TopicsFile, `fr = "Court."`, `fr = "« Court."`)},
			want: []string{`topics.toml: topic "silence": short.fr: ordinary space after '«': use a no-break space`}},
		{name: "french thousands", edits: []edit{replace(TopicsFile, `fr = "Court."`, `fr = "Environ 3 608 appels."`)},
			want: []string{`topics.toml: topic "silence": short.fr: ordinary space in the number "3 608": use a no-break space`}},
		{name: "duplicate id", edits: []edit{appendTo(SourcesFile, "[[source]]\nid = \"s1\"\ntitle = \"T\"\npublisher = \"P\"\npublished = \"2019\"\nlanguage = \"en\"\n")},
			want: []string{`sources.toml: source "s1": id: duplicate id`}},
		{name: "bad id", edits: []edit{appendTo(SourcesFile, "[[source]]\nid = \"S 3\"\ntitle = \"T\"\npublisher = \"P\"\npublished = \"2019\"\nlanguage = \"en\"\n")},
			want: []string{`sources.toml: source "S 3": id: "S 3": want lower-case letters, digits and single hyphens`}},
		{name: "unknown source", edits: []edit{replace(PlacesFile, `sources = ["s1", "s2"]`, `sources = ["s1", "s9"]`)},
			want: []string{`places.toml: place "montreal": notes[0].sources: unknown source "s9"`}},
		{name: "claim without source", edits: []edit{replace(PlacesFile, "date = \"2017-02-20\"\nsources = [\"s1\"]", `date = "2017-02-20"`)},
			want: []string{`places.toml: place "montreal": events[0].sources: no source`}},
		{name: "event without date", edits: []edit{replace(PlacesFile, "date = \"2017-02-20\"\nsources", `sources`)},
			want: []string{`places.toml: place "montreal": events[0].date: empty`}},
		{name: "unknown force in place", edits: []edit{replace(PlacesFile, `forces = ["spvm"]`, `forces = ["spvm", "gendarmerie"]`)},
			want: []string{`places.toml: place "montreal": forces[1]: unknown force "gendarmerie"`}},
		{name: "unknown place in force", edits: []edit{replace(ForcesFile, `place = "montreal"`, `place = "atlantis"`)},
			want: []string{`forces.toml: force "spvm": place: unknown place "atlantis"`}},
		{name: "unknown place in org", edits: []edit{replace(OrgsFile, `place = "montreal"`, `place = "atlantis"`)},
			want: []string{`orgs.toml: org "group": place: unknown place "atlantis"`}},
		{name: "org without place needs an area", edits: []edit{replace(OrgsFile, `place = "montreal"`, ``)},
			want: []string{`orgs.toml: org "group": area.en: empty`, `orgs.toml: org "group": area.fr: empty`}},
		{name: "url without scheme", edits: []edit{replace(SourcesFile, `url = "https://example.org/a"`, `url = "example.org/a"`)},
			want: []string{`sources.toml: source "s1": url: URL "example.org/a": want http or https`}},
		{name: "url without host", edits: []edit{replace(OrgsFile, `place = "montreal"`, "place = \"montreal\"\nurl = \"https:///path\"")},
			want: []string{`orgs.toml: org "group": url: URL "https:///path": no host`}},
		{name: "url unparsable", edits: []edit{replace(SourcesFile, `url = "https://example.org/a"`, `url = "http://[::1"`)},
			want: []string{`sources.toml: source "s1": url: malformed URL "http://[::1"`}},
		{name: "negative count", edits: []edit{replace(StatsFile, `count = 3608`, `count = -1`)},
			want: []string{`stats.toml: stat "spvm 2017 calls": count: negative (-1)`}},
		{name: "implausible year", edits: []edit{replace(StatsFile, `year = 2017`, `year = 1850`)},
			want: []string{`stats.toml: stat "spvm 1850 calls": year: 1850: want a year from 1990 to 2100`}},
		{name: "duplicate stat", edits: []edit{appendTo(StatsFile, "[[stat]]\nforce = \"spvm\"\nyear = 2017\ncount = 1\nmeasure = \"calls\"\nsource = \"s1\"\n")},
			want: []string{`stats.toml: stat "spvm 2017 calls": duplicate (force, year, measure)`}},
		{name: "unknown measure", edits: []edit{replace(StatsFile, `measure = "calls"`, `measure = "arrests"`)},
			want: []string{`stats.toml: stat "spvm 2017 arrests": measure: unknown measure "arrests"`}},
		{name: "stat source", edits: []edit{replace(StatsFile, `source = "s1"`, `source = "huffpost"`)},
			want: []string{`stats.toml: stat "spvm 2017 calls": source: unknown source "huffpost"`}},
		{name: "stat without force", edits: []edit{replace(StatsFile, `force = "spvm"`, `force = "sq"`)},
			want: []string{`stats.toml: stat "sq 2017 calls": force: unknown force "sq"`}},
		{name: "uncertain stat without caveat", edits: []edit{appendTo(StatsFile, "uncertain = true\n")},
			want: []string{`stats.toml: stat "spvm 2017 calls": caveat.en: empty`, `stats.toml: stat "spvm 2017 calls": caveat.fr: empty`}},
		{name: "not comparable stat without caveat", edits: []edit{appendTo(StatsFile, "not_comparable = true\n")},
			want: []string{`stats.toml: stat "spvm 2017 calls": caveat.en: empty`, `stats.toml: stat "spvm 2017 calls": caveat.fr: empty`}},
		{name: "uncertain claim with half a caveat", edits: []edit{
			replace(PlacesFile, `sources = ["s1", "s2"]`, "sources = [\"s1\", \"s2\"]\nuncertain = true"),
			appendTo(PlacesFile, "[place.notes.caveat]\nen = \"Not confirmed.\"\n"),
		},
			want: []string{`places.toml: place "montreal": notes[0].caveat.fr: empty`}},
		{name: "uncertain contact without caveat", edits: []edit{appendTo(OrgsFile, "uncertain = true\n")},
			want: []string{`orgs.toml: org "group": contact.caveat.en: empty`, `orgs.toml: org "group": contact.caveat.fr: empty`}},
		{name: "contact without date", edits: []edit{replace(OrgsFile, `as_of = "2015"`, ``)},
			want: []string{`orgs.toml: org "group": contact.as_of: no date: give one, or mark the contact uncertain with a caveat`}},
		{name: "unknown status", edits: []edit{replace(PlacesFile, `status = "adopted"`, `status = "sanctuary"`)},
			want: []string{`places.toml: place "montreal": status: unknown status "sanctuary"`}},
		{name: "adopted without date", edits: []edit{replace(PlacesFile, `adopted = "2017-02-20"`, ``)},
			want: []string{`places.toml: place "montreal": adopted: status is adopted but no adoption date`}},
		{name: "date without adoption", edits: []edit{replace(PlacesFile, `status = "adopted"`, `status = "studied"`)},
			want: []string{`places.toml: place "montreal": adopted: date 2017-02-20 given but status is "studied"`}},
		{name: "source without date or note", edits: []edit{replace(SourcesFile, "[source.note]\nen = \"No date is shown.\"\nfr = \"Aucune date n'est indiquée.\"\n", ``)},
			want: []string{`sources.toml: source "s2": published: no date: give one, or a note saying none is shown`}},
		{name: "updated before published", edits: []edit{replace(SourcesFile, `updated = "2018-04-03"`, `updated = "2018-03"`)},
			want: []string{`sources.toml: source "s1": updated: 2018-03 is before published 2018-03-29`}},
		{name: "source language", edits: []edit{replace(SourcesFile, `language = "en"`, `language = "english"`)},
			want: []string{`sources.toml: source "s1": language: "english": want en or fr`}},
		{name: "source title", edits: []edit{replace(SourcesFile, `title = "An article"`, `title = ""`)},
			want: []string{`sources.toml: source "s1": title: empty: give the title, or a described text when none is recorded`}},
		{name: "source title and described", edits: []edit{replace(SourcesFile, `title = "An article"`, "title = \"An article\"\n"+describedNews)},
			want: []string{`sources.toml: source "s1": described: given with a title: keep one, the title if one is recorded`}},
		{name: "described in one language", edits: []edit{replace(SourcesFile, `title = "An article"`, `described = { en = "A news release" }`)},
			want: []string{`sources.toml: source "s1": described.fr: empty`}},
		{name: "described blank", edits: []edit{replace(SourcesFile, `title = "An article"`, `described = { en = " ", fr = "Un communiqué" }`)},
			want: []string{`sources.toml: source "s1": described.en: empty`}},
		{name: "described french spacing", edits: []edit{replace(SourcesFile, `title = "An article"`, `described = { en = "Release: no 3", fr = "Communiqué : no 3" }`)},
			want: []string{`sources.toml: source "s1": described.fr: ordinary space before ':': use a no-break space`}},
		{name: "topic without details", edits: []edit{replace(TopicsFile, "[[topic.details]]\nsources = [\"s1\"]\n[topic.details.text]\nen = \"Detail.\"\nfr = \"Détail.\"\n", ``)},
			want: []string{`topics.toml: topic "silence": details: none`}},
		{name: "empty alias", edits: []edit{replace(ForcesFile, `aliases = ["Montreal police"]`, `aliases = ["Montreal police", " - "]`)},
			want: []string{`forces.toml: force "spvm": aliases[1]: empty`}},
		{name: "language code", edits: []edit{replace(OrgsFile, `place = "montreal"`, "place = \"montreal\"\nlanguages = [\"fr\", \"French\"]")},
			want: []string{`orgs.toml: org "group": languages[1]: "French": want a lower-case language code`}},
		{name: "shared name", edits: []edit{appendTo(OrgsFile, "[[org]]\nid = \"other\"\naliases = [\"A GROUP\"]\nplace = \"montreal\"\nsources = [\"s1\"]\n[org.name]\nen = \"Other\"\nfr = \"Autre\"\n[org.what]\nen = \"Helps.\"\nfr = \"Aide.\"\n")},
			want: []string{`orgs.toml: org "other": name: "A GROUP" also names org "group"`}},
		{name: "problems sorted across files", edits: []edit{
			appendTo(StatsFile, "[stat.note]\nen = \"Note.\"\n"),
			replace(StatsFile, `count = 3608`, `count = -5`),
			replace(PlacesFile, `en = "A summary."`, `en = ""`),
		}, want: []string{
			`places.toml: place "montreal": summary.en: empty`,
			`stats.toml: stat "spvm 2017 calls": count: negative (-5)`,
			`stats.toml: stat "spvm 2017 calls": note.fr: missing translation`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := maps.Clone(validFiles)
			for _, e := range tt.edits {
				if err := e(files); err != nil {
					t.Fatalf("test case: %v", err)
				}
			}
			_, err := Load(mapFS(files))
			if err == nil {
				t.Fatal("Load: got no error")
			}
			var verr *ValidationError
			if !errors.As(err, &verr) {
				t.Fatalf("got error %T, want *ValidationError", err)
			}
			if tt.wantMatch != "" {
				if !strings.Contains(err.Error(), tt.wantMatch) {
					t.Errorf("got %q, want it to contain %q", err.Error(), tt.wantMatch)
				}
				return
			}
			header := "invalid knowledge base: 1 problem"
			if len(tt.want) != 1 {
				header = "invalid knowledge base: " + strconv.Itoa(len(tt.want)) + " problems"
			}
			want := header + "\n  " + strings.Join(tt.want, "\n  ")
			if got := err.Error(); got != want {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
		})
	}
}

// edit changes the files of a test case.
type edit func(files map[string]string) error

func remove(file string) edit {
	return func(files map[string]string) error {
		delete(files, file)
		return nil
	}
}

func appendTo(file, text string) edit {
	return func(files map[string]string) error {
		files[file] += text
		return nil
	}
}

func replace(file, old, new string) edit {
	return func(files map[string]string) error {
		if !strings.Contains(files[file], old) {
			return fmt.Errorf("%q not in %s", old, file)
		}
		files[file] = strings.Replace(files[file], old, new, 1)
		return nil
	}
}

func TestProblemString(t *testing.T) {
	tests := []struct {
		p    Problem
		want string
	}{
		{Problem{File: "places.toml", Entry: `place "x"`, Field: "summary.fr", Msg: "empty"}, `places.toml: place "x": summary.fr: empty`},
		{Problem{File: "topics.toml", Msg: "missing file"}, `topics.toml: missing file`},
	}
	for _, tt := range tests {
		if got := tt.p.String(); got != tt.want {
			t.Errorf("got %q, want %q", got, tt.want)
		}
	}
}
