package locales

import (
	"fmt"
	"math"
	"testing"
	"testing/fstest"

	"github.com/nicksnyder/go-i18n/v2/i18n"
)

// TestFillAsGoI18n checks that the printers write every bundled message
// exactly as go-i18n does, with the data callers give, partial data, numbers
// and values text/template formats itself.
func TestFillAsGoI18n(t *testing.T) {
	c := mustBundled(t)
	for _, l := range All {
		p := c.Printer(l)
		loc := i18n.NewLocalizer(c.bundle, string(l))
		for _, id := range c.IDs() {
			msg := c.messages[l][id]
			fields := map[string]bool{}
			forms, err := messageForms(msg)
			if err != nil {
				t.Fatal(err)
			}
			for _, text := range forms {
				if err := templateFields(text, msg.LeftDelim, msg.RightDelim, fields); err != nil {
					t.Fatal(err)
				}
			}
			var names []string
			for f := range fields {
				names = append(names, f)
			}
			datas := map[string][]any{"none": nil, "odd": {"Name"}, "not a name": {42, "x"}}
			var strs, ints, half, twice, other []any
			for i, f := range names {
				strs = append(strs, f, "«"+f+"»")
				ints = append(ints, f, i*1000+7)
				if i%2 == 0 {
					half = append(half, f, f+" given")
				}
				twice = append(twice, f, "first", f, "second")
				other = append(other, f, 2.5, f, []string{"a"})
			}
			datas["strings"], datas["ints"], datas["half"], datas["twice"], datas["others"] = strs, ints, half, twice, other
			for name, kv := range datas {
				want, _ := loc.Localize(&i18n.LocalizeConfig{MessageID: id, TemplateData: pairs(kv)})
				if want == "" {
					want = "[" + id + "]"
				}
				if got := p.T(id, kv...); got != want {
					t.Errorf("%s: T(%s) with %s: got %q, want %q", l, id, name, got, want)
				}
				for _, n := range []int{0, 1, 2, 21, 1000, 1000000, 2000000} {
					data := pairs(kv)
					data["Count"] = p.Int(n)
					want, _ := loc.Localize(&i18n.LocalizeConfig{MessageID: id, TemplateData: data, PluralCount: n})
					if want == "" {
						want = "[" + id + "]"
					}
					if got := p.Plural(id, n, kv...); got != want {
						t.Errorf("%s: Plural(%s, %d) with %s: got %q, want %q", l, id, n, name, got, want)
					}
				}
			}
		}
	}
}

// TestFillTemplates checks the texts that are more than words and fields,
// which text/template writes.
func TestFillTemplates(t *testing.T) {
	c, err := Load(fstest.MapFS{
		"x.en.toml": {Data: []byte(`x_if = "{{if .On}}on{{else}}off{{end}} {{with .Name}}<{{.}}>{{end}}"
x_trim = "a  {{- .Name -}}  b"
x_empty = "{{.Nothing}}"
x_one = "{{.Name}}"
`)},
		"x.fr.toml": {Data: []byte(`x_if = "{{if .On}}oui{{else}}non{{end}} {{with .Name}}<{{.}}>{{end}}"
x_trim = "a  {{- .Name -}}  b"
x_empty = "{{.Nothing}}"
x_one = "{{.Name}}"
`)},
	})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		id   string
		kv   []any
		want string
	}{
		{"x_if", []any{"On", true, "Name", "n"}, "on <n>"},
		{"x_if", []any{"Name", "n"}, "off <n>"},
		{"x_trim", []any{"Name", "n"}, "anb"},
		{"x_empty", []any{"Nothing", ""}, "[x_empty]"},
		{"x_one", nil, "<no value>"},
		{"x_one", []any{"Name", 3}, "3"},
		{"x_one", []any{"Name", 1.5}, "1.5"},
		{"x_one", []any{"Name", fmt.Errorf("e")}, "e"},
	}
	p := c.Printer(EN)
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.id, tt.kv), func(t *testing.T) {
			if got := p.T(tt.id, tt.kv...); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestIntAsXText checks Int's own grouping against x/text's.
func TestIntAsXText(t *testing.T) {
	c := mustBundled(t)
	for _, l := range All {
		p := c.Printer(l)
		if p.group == "" {
			t.Errorf("%s: Int leaves every number to x/text", l)
		}
		x := *p
		x.group = ""
		ns := []int{math.MaxInt, math.MinInt, math.MinInt + 1}
		for n := 1; n < 1e18; n = n*3 + 1 {
			ns = append(ns, n, -n, n-1)
		}
		for _, n := range ns {
			if got, want := p.Int(n), x.Int(n); got != want {
				t.Errorf("%s: Int(%d): got %q, want %q", l, n, got, want)
			}
		}
		if got, want := p.Int(math.MinInt), minus+p.Int(math.MaxInt)[:len(p.Int(math.MaxInt))-1]+"8"; got != want {
			t.Errorf("%s: Int(%d): got %q, want %q", l, math.MinInt, got, want)
		}
	}
}
