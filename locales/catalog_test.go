package locales

import (
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"unicode"
)

func mapFS(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	return fsys
}

func TestLoadErrors(t *testing.T) {
	const okEN = "city_name = \"City {{.Name}}\"\n"
	const okFR = "city_name = \"Ville {{.Name}}\"\n"
	tests := []struct {
		name  string
		files map[string]string
		want  []string // the error names these
	}{
		{"no files", map[string]string{"README.md": "x"}, []string{"no message files"}},
		{"broken toml", map[string]string{
			"city.en.toml": okEN,
			"city.fr.toml": "city_name = \"Ville\n",
		}, []string{"city.fr.toml"}},
		{"language not served", map[string]string{
			"city.en.toml": okEN, "city.fr.toml": okFR, "city.de.toml": okEN,
		}, []string{"city.de.toml", "file name"}},
		{"no area", map[string]string{"en.toml": okEN, "fr.toml": okFR}, []string{"en.toml", "file name"}},
		{"upper case", map[string]string{"City.en.toml": okEN, "City.fr.toml": okFR}, []string{"City.en.toml", "file name"}},
		{"missing twin", map[string]string{
			"city.en.toml": okEN, "city.fr.toml": okFR, "stats.en.toml": "stats_x = \"x\"\n",
		}, []string{"stats.fr.toml", "missing"}},
		{"empty file", map[string]string{"city.en.toml": okEN, "city.fr.toml": ""}, []string{"city.fr.toml", "no messages"}},
		{"message missing in French", map[string]string{
			"city.en.toml": okEN + "city_extra = \"More\"\n",
			"city.fr.toml": okFR,
		}, []string{"city.fr.toml", "city_extra", "missing"}},
		{"message missing in English", map[string]string{
			"city.en.toml": okEN,
			"city.fr.toml": okFR + "city_extra = \"Plus\"\n",
		}, []string{"city.en.toml", "city_extra", "missing"}},
		{"empty translation", map[string]string{
			"city.en.toml": okEN,
			"city.fr.toml": "city_name = \"  \"\n",
		}, []string{"city.fr.toml", "city_name", "empty"}},
		{"empty plural form", map[string]string{
			"city.en.toml": "[city_count]\none = \"{{.Count}} city\"\nother = \"{{.Count}} cities\"\n",
			"city.fr.toml": "[city_count]\none = \"{{.Count}} ville\"\nother = \" \"\n",
		}, []string{"city.fr.toml", "city_count", "other", "empty"}},
		{"plural in one language only", map[string]string{
			"city.en.toml": "[city_count]\none = \"{{.Count}} city\"\nother = \"{{.Count}} cities\"\n",
			"city.fr.toml": "city_count = \"{{.Count}} villes\"\n",
		}, []string{"city_count", "plural"}},
		{"unused plural form", map[string]string{
			"city.en.toml": "[city_count]\none = \"{{.Count}} city\"\nother = \"{{.Count}} cities\"\n",
			"city.fr.toml": "[city_count]\none = \"{{.Count}} ville\"\nmany = \"{{.Count}} de villes\"\nother = \"{{.Count}} villes\"\n",
		}, []string{"city.fr.toml", "city_count", "many"}},
		{"placeholder renamed", map[string]string{
			"city.en.toml": okEN,
			"city.fr.toml": "city_name = \"Ville {{.Nom}}\"\n",
		}, []string{"city_name", "placeholders", "Name", "Nom"}},
		{"placeholder dropped", map[string]string{
			"city.en.toml": "city_line = \"{{.Title}}, {{.Date}}\"\n",
			"city.fr.toml": "city_line = \"{{.Title}}\"\n",
		}, []string{"city_line", "placeholders", "Date"}},
		{"placeholder in a condition", map[string]string{
			"city.en.toml": "city_line = \"{{if .Date}}on {{.Date}}{{end}}\"\n",
			"city.fr.toml": "city_line = \"{{if .Day}}le {{.Date}}{{end}}\"\n",
		}, []string{"city_line", "placeholders", "Day"}},
		{"broken template", map[string]string{
			"city.en.toml": okEN,
			"city.fr.toml": "city_name = \"Ville {{.Name\"\n",
		}, []string{"city.fr.toml", "city_name", "template"}},
		{"same id in two files", map[string]string{
			"city.en.toml": okEN, "city.fr.toml": okFR,
			"stats.en.toml": okEN, "stats.fr.toml": okFR,
		}, []string{"city_name", "already defined", "city.en.toml", "stats.en.toml"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(mapFS(tt.files))
			if err == nil {
				t.Fatalf("got no error, want one naming %q", tt.want)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("got %q, want it to name %q", err, w)
				}
			}
		})
	}
}

func TestLoadAcceptsPlaceholdersInAnyOrder(t *testing.T) {
	c, err := Load(mapFS(map[string]string{
		"city.en.toml": "city_line = \"{{.Title}}, {{.Date}}\"\n[city_count]\none = \"one city\"\nother = \"{{.Count}} cities\"\n",
		"city.fr.toml": "city_line = \"{{.Date}} : {{.Title}}\"\n[city_count]\none = \"{{.Count}} ville\"\nother = \"{{.Count}} villes\"\n",
	}))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := c.IDs(), []string{"city_count", "city_line"}; !slices.Equal(got, want) {
		t.Errorf("IDs: got %q, want %q", got, want)
	}
	if !c.Has("city_line") || c.Has("city_name") {
		t.Errorf("Has: got %v, %v, want true, false", c.Has("city_line"), c.Has("city_name"))
	}
}

// TestMessageFiles checks every file in messages/, whoever wrote it: its
// name, its twin, and that the bundled catalog loads.
func TestMessageFiles(t *testing.T) {
	entries, err := os.ReadDir("messages")
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, e := range entries {
		names[e.Name()] = true
	}
	for name := range names {
		m := fileName.FindStringSubmatch(name)
		if m == nil {
			t.Errorf("%s: got a file not named AREA.en.toml or AREA.fr.toml", name)
			continue
		}
		twin := m[1] + "." + string(other(Lang(m[2]))) + ".toml"
		if !names[twin] {
			t.Errorf("%s: got no %s beside it", name, twin)
		}
	}
	mustBundled(t)
}

// idName is snake_case; an id also starts with its area: city_status_adopted.
var idName = regexp.MustCompile(`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`)

func TestMessageIDs(t *testing.T) {
	c := mustBundled(t)
	for _, id := range c.IDs() {
		name := c.file[EN][id]
		area := strings.TrimSuffix(name, ".en.toml")
		if !idName.MatchString(id) {
			t.Errorf("%s: %s: got an id not in snake_case", name, id)
		}
		if !strings.HasPrefix(id, area+"_") {
			t.Errorf("%s: %s: got an id without its area prefix %q", name, id, area+"_")
		}
	}
}

func TestCommonMessages(t *testing.T) {
	c := mustBundled(t)
	want := []string{
		"common_error_generic", "common_not_legal_advice", "common_sources", "common_source_line",
		"common_source_no_date", "common_uncertain", "common_as_of", "common_did_you_mean",
		"common_unknown_name", "common_lang_both_separator", "common_page", "common_previous",
		"common_next", "common_switch_lang", "common_and", "common_permission_denied",
		"common_too_long", "common_bad_option", "common_sources_count", "common_quote",
		"common_date_day", "common_date_first", "common_date_month",
	}
	for m := 1; m <= 12; m++ {
		want = append(want, "common_month_"+strconv.Itoa(m))
	}
	for _, id := range want {
		if !c.Has(id) {
			t.Errorf("got no message %s", id)
		}
	}
	for _, l := range All {
		if got := c.Printer(l).T("common_not_legal_advice"); !strings.Contains(got, "/") {
			t.Errorf("%s: common_not_legal_advice: got %q, want a pointer to the support command", l, got)
		}
	}
}

// TestTypography checks every message of every file as a native reader
// would: French spacing and quotation marks, and no French typography in
// English.
func TestTypography(t *testing.T) {
	c := mustBundled(t)
	checks := map[Lang]func(string) []string{FR: frenchProblems, EN: englishProblems}
	for _, l := range All {
		for _, id := range c.IDs() {
			forms, err := messageForms(c.messages[l][id])
			if err != nil {
				t.Fatal(err)
			}
			for form, text := range forms {
				for _, p := range checks[l](text) {
					t.Errorf("%s: %s (%s): %s in %q", c.file[l][id], id, form, p, text)
				}
			}
		}
	}
}

func TestFrenchProblems(t *testing.T) {
	tests := []struct {
		text string
		want int // number of problems found
	}{
		{"Vouliez-vous dire\u00a0: {{.Names}}\u00a0?", 0},
		{"Attention\u202f! Vraiment\u00a0?!", 0},
		{"Le 5 juin 2019\u00a0; voir https://montreal.ca/a?b=c:d.", 0},
		{"«\u00a0Ne rien dire\u00a0», dit-elle.", 0},
		{"Hausse de 25,6\u00a0%.", 0},
		{"Un rapport (?) et 14:30.", 0},
		{"Voir <t:1700000000:R> et </soutien:123>.", 0},
		{"Vouliez-vous dire : {{.Names}} ?", 2},
		{"Vouliez-vous dire: {{.Names}}?", 2},
		{"Hausse de 25,6 %", 1},
		{"Hausse de 25,6%", 1},
		{"Il a dit \"non\".", 1},
		{"<<non>>", 2},
		{"« non »", 2},
		{"«non»", 2},
		{"Ville\u00a0;voir", 0},
		{"Attention;", 1},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			if got := frenchProblems(tt.text); len(got) != tt.want {
				t.Errorf("got %d problems %q, want %d", len(got), got, tt.want)
			}
		})
	}
}

func TestEnglishProblems(t *testing.T) {
	tests := []struct {
		text string
		want int
	}{
		{"Did you mean: {{.Names}}?", 0},
		{"“Don't tell”, up 25.6%.", 0},
		{"Did you mean\u00a0: {{.Names}}\u00a0?", 2},
		{"« Don't tell »", 2},
		{"Up 25.6 %", 1},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			if got := englishProblems(tt.text); len(got) != tt.want {
				t.Errorf("got %d problems %q, want %d", len(got), got, tt.want)
			}
		})
	}
}

var (
	// Template actions, links and Discord markup (<t:…>, </cmd:id>, <#id>)
	// are not prose: their colons and question marks are left alone.
	action = regexp.MustCompile(`\{\{.*?\}\}`)
	markup = regexp.MustCompile(`https?://\S+|<[^<>\s]+>`)
)

func prose(text string) []rune {
	text = action.ReplaceAllString(text, "x")
	return []rune(markup.ReplaceAllString(text, "x"))
}

func isNoBreak(r rune) bool { return r == '\u00a0' || r == '\u202f' }

func frenchProblems(text string) []string {
	var problems []string
	if strings.Contains(text, `"`) {
		problems = append(problems, `straight double quote (use « guillemets »)`)
	}
	for _, s := range []string{"<<", ">>"} {
		if strings.Contains(text, s) {
			problems = append(problems, s+" (use « guillemets »)")
		}
	}
	rs := prose(text)
	at := func(i int) rune {
		if i < 0 || i >= len(rs) {
			return 0
		}
		return rs[i]
	}
	for i, r := range rs {
		prev, next := at(i-1), at(i+1)
		switch r {
		case ':', ';', '?', '!', '%', '»':
			if prev == ' ' {
				problems = append(problems, "ASCII space before "+string(r)+" (use U+00A0)")
				continue
			}
			needs := unicode.IsLetter(prev) || unicode.IsDigit(prev) || prev == '*' || prev == '_' || prev == '»' || prev == ')'
			if r == ':' && unicode.IsDigit(prev) && unicode.IsDigit(next) {
				needs = false // a time or a ratio
			}
			if r == '%' {
				needs = unicode.IsDigit(prev)
			}
			if r == '»' {
				needs = prev != 0
			}
			if needs && !isNoBreak(prev) {
				problems = append(problems, "no no-break space before "+string(r))
			}
		case '«':
			if next == ' ' {
				problems = append(problems, "ASCII space after « (use U+00A0)")
			} else if next != 0 && !isNoBreak(next) {
				problems = append(problems, "no no-break space after «")
			}
		}
	}
	return problems
}

func englishProblems(text string) []string {
	var problems []string
	for _, s := range []string{"«", "»"} {
		if strings.Contains(text, s) {
			problems = append(problems, s+" in English (use “quotes”)")
		}
	}
	rs := prose(text)
	for i, r := range rs {
		if i == 0 || !strings.ContainsRune(":;?!%", r) {
			continue
		}
		if prev := rs[i-1]; isNoBreak(prev) || (prev == ' ' && r == '%') {
			problems = append(problems, "space before "+string(r)+" in English")
		}
	}
	return problems
}
