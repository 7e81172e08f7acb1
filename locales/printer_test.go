package locales

import (
	"fmt"
	"math"
	"testing"
	"testing/fstest"
)

func mustBundled(t testing.TB) *Catalog {
	t.Helper()
	c, err := Bundled()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

const nb = "\u00a0"

// bothLangs checks what f prints in English and in French.
func bothLangs(t *testing.T, c *Catalog, en, fr string, f func(*Printer) string) {
	t.Helper()
	for _, l := range All {
		want := en
		if l == FR {
			want = fr
		}
		if got := f(c.Printer(l)); got != want {
			t.Errorf("%s: got %q, want %q", l, got, want)
		}
	}
}

func TestInt(t *testing.T) {
	c := mustBundled(t)
	tests := []struct {
		n      int
		en, fr string
	}{
		{0, "0", "0"},
		{7, "7", "7"},
		{999, "999", "999"},
		{3608, "3,608", "3" + nb + "608"},
		{1234567, "1,234,567", "1" + nb + "234" + nb + "567"},
		{-42, "−42", "−42"},
		{-3608, "−3,608", "−3" + nb + "608"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("Int(%d)", tt.n), func(t *testing.T) {
			bothLangs(t, c, tt.en, tt.fr, func(p *Printer) string { return p.Int(tt.n) })
		})
	}
}

func TestDelta(t *testing.T) {
	c := mustBundled(t)
	tests := []struct {
		n      int
		en, fr string
	}{
		{1234, "+1,234", "+1" + nb + "234"},
		{-56, "−56", "−56"},
		{0, "0", "0"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("Delta(%d)", tt.n), func(t *testing.T) {
			bothLangs(t, c, tt.en, tt.fr, func(p *Printer) string { return p.Delta(tt.n) })
		})
	}
}

func TestYear(t *testing.T) {
	c := mustBundled(t)
	for _, l := range All {
		for y, want := range map[int]string{2017: "2017", 1999: "1999", 10000: "10000"} {
			if got := c.Printer(l).Year(y); got != want {
				t.Errorf("%s: Year(%d): got %q, want %q", l, y, got, want)
			}
		}
	}
}

func TestPercent(t *testing.T) {
	c := mustBundled(t)
	tests := []struct {
		f      float64
		en, fr string
	}{
		{25.6, "+25.6%", "+25,6" + nb + "%"},
		{-31.2, "−31.2%", "−31,2" + nb + "%"},
		{25.64, "+25.6%", "+25,6" + nb + "%"},
		{25.66, "+25.7%", "+25,7" + nb + "%"},
		{100, "+100.0%", "+100,0" + nb + "%"},
		{1234.5, "+1,234.5%", "+1" + nb + "234,5" + nb + "%"},
		{-100, "−100.0%", "−100,0" + nb + "%"},
		{0, "0.0%", "0,0" + nb + "%"},
		{0.04, "0.0%", "0,0" + nb + "%"},
		{-0.04, "0.0%", "0,0" + nb + "%"},
		{0.05, "+0.1%", "+0,1" + nb + "%"},
		{math.Inf(1), "—", "—"},
		{math.NaN(), "—", "—"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("Percent(%v)", tt.f), func(t *testing.T) {
			bothLangs(t, c, tt.en, tt.fr, func(p *Printer) string { return p.Percent(tt.f) })
		})
	}
}

func TestShare(t *testing.T) {
	c := mustBundled(t)
	tests := []struct {
		f      float64
		en, fr string
	}{
		{83.4, "83.4%", "83,4" + nb + "%"},
		{83.44, "83.4%", "83,4" + nb + "%"},
		{100, "100.0%", "100,0" + nb + "%"},
		{0, "0.0%", "0,0" + nb + "%"},
		{5, "5.0%", "5,0" + nb + "%"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("Share(%v)", tt.f), func(t *testing.T) {
			bothLangs(t, c, tt.en, tt.fr, func(p *Printer) string { return p.Share(tt.f) })
		})
	}
}

func TestDate(t *testing.T) {
	c := mustBundled(t)
	tests := []struct {
		y, m, d int
		en, fr  string
	}{
		{2017, 0, 0, "2017", "2017"},
		{2017, 2, 0, "February 2017", "février 2017"},
		{2019, 6, 5, "5 June 2019", "5 juin 2019"},
		{2018, 7, 1, "1 July 2018", "1er juillet 2018"},
		{2023, 8, 15, "15 August 2023", "15 août 2023"},
		{2018, 12, 31, "31 December 2018", "31 décembre 2018"},
		{2020, 1, 2, "2 January 2020", "2 janvier 2020"},
		{2017, 13, 4, "2017", "2017"},
		{2017, 5, 32, "May 2017", "mai 2017"},
		{2019, 2, 29, "February 2019", "février 2019"},
		{2020, 2, 29, "29 February 2020", "29 février 2020"},
		{2019, 4, 31, "April 2019", "avril 2019"},
		{0, 5, 3, "", ""},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("Date(%d, %d, %d)", tt.y, tt.m, tt.d), func(t *testing.T) {
			bothLangs(t, c, tt.en, tt.fr, func(p *Printer) string { return p.Date(tt.y, tt.m, tt.d) })
		})
	}
}

// TestDateFromMessages shows month names and date patterns come from the
// message files, not from Go code.
func TestDateFromMessages(t *testing.T) {
	en := "common_month_6 = \"Juno\"\ncommon_date_day = \"{{.Year}}/{{.Month}}/{{.Day}}\"\n"
	fr := "common_month_6 = \"Junon\"\ncommon_date_day = \"{{.Day}}-{{.Month}}-{{.Year}}\"\n"
	c, err := Load(fstest.MapFS{
		"common.en.toml": {Data: []byte(en)},
		"common.fr.toml": {Data: []byte(fr)},
	})
	if err != nil {
		t.Fatal(err)
	}
	for l, want := range map[Lang]string{EN: "2019/Juno/5", FR: "5-Junon-2019"} {
		if got := c.Printer(l).Date(2019, 6, 5); got != want {
			t.Errorf("%s: got %q, want %q", l, got, want)
		}
	}
	if got, want := c.Printer(FR).Month(6), "Junon"; got != want {
		t.Errorf("Month(6): got %q, want %q", got, want)
	}
	if got, want := c.Printer(FR).Month(7), "[common_month_7]"; got != want {
		t.Errorf("Month(7): got %q, want %q", got, want)
	}
}

func TestMonth(t *testing.T) {
	c := mustBundled(t)
	tests := []struct {
		m      int
		en, fr string
	}{
		{1, "January", "janvier"},
		{8, "August", "août"},
		{12, "December", "décembre"},
		{0, "", ""},
		{13, "", ""},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("Month(%d)", tt.m), func(t *testing.T) {
			bothLangs(t, c, tt.en, tt.fr, func(p *Printer) string { return p.Month(tt.m) })
		})
	}
}

func TestQuote(t *testing.T) {
	c := mustBundled(t)
	bothLangs(t, c, "“don't tell”", "«"+nb+"don't tell"+nb+"»", func(p *Printer) string { return p.Quote("don't tell") })
}

func TestList(t *testing.T) {
	c := mustBundled(t)
	tests := []struct {
		items  []string
		en, fr string
	}{
		{nil, "", ""},
		{[]string{"a"}, "a", "a"},
		{[]string{"a", "b"}, "a and b", "a et b"},
		{[]string{"a", "b", "c"}, "a, b and c", "a, b et c"},
		{[]string{"SPVM", "SQ", "OPP", "TPS"}, "SPVM, SQ, OPP and TPS", "SPVM, SQ, OPP et TPS"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("List(%q)", tt.items), func(t *testing.T) {
			bothLangs(t, c, tt.en, tt.fr, func(p *Printer) string { return p.List(tt.items) })
		})
	}
}

func TestPlural(t *testing.T) {
	c := mustBundled(t)
	tests := []struct {
		n      int
		en, fr string
	}{
		{0, "0 sources", "0 source"},
		{1, "1 source", "1 source"},
		{2, "2 sources", "2 sources"},
		{1500, "1,500 sources", "1" + nb + "500 sources"},
		{1000000, "1,000,000 sources", "1" + nb + "000" + nb + "000 sources"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("Plural(%d)", tt.n), func(t *testing.T) {
			bothLangs(t, c, tt.en, tt.fr, func(p *Printer) string { return p.Plural("common_sources_count", tt.n) })
		})
	}
	if got, want := c.Printer(FR).Plural("common_nope", 2), "[common_nope]"; got != want {
		t.Errorf("missing id: got %q, want %q", got, want)
	}
}

func TestT(t *testing.T) {
	c := mustBundled(t)
	tests := []struct {
		lang Lang
		id   string
		kv   []any
		want string
	}{
		{EN, "common_page", []any{"Page", 2, "Total", 5}, "Page 2 of 5"},
		{FR, "common_page", []any{"Page", 2, "Total", 5}, "Page 2 sur 5"},
		{FR, "common_did_you_mean", []any{"Names", "Montréal"}, "Vouliez-vous dire" + nb + ": Montréal" + nb + "?"},
		{EN, "common_as_of", []any{"Date", "5 June 2019"}, "as of 5 June 2019"},
		{EN, "common_source_line", []any{"Title", "T", "Publisher", "P", "Date", "2017"}, "T — P, 2017"},
		{EN, "common_sources", nil, "Sources"},
		{EN, "common_nope", nil, "[common_nope]"},
		{Lang("de"), "common_next", nil, "Next"}, // unknown language: English
	}
	for _, tt := range tests {
		t.Run(string(tt.lang)+"/"+tt.id, func(t *testing.T) {
			p := c.Printer(tt.lang)
			if got := p.T(tt.id, tt.kv...); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
	if got := c.Printer(FR).Lang(); got != FR {
		t.Errorf("Lang: got %q, want %q", got, FR)
	}
	if got := c.Printer(Lang("de")).Lang(); got != EN {
		t.Errorf("Lang: got %q, want %q", got, EN)
	}
}
