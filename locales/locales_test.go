package locales

import (
	"slices"
	"testing"
)

func TestMatch(t *testing.T) {
	// Every locale Discord sends (developer docs, "Locales"), plus a few it
	// may send later or that arrive malformed.
	tests := []struct {
		locale   string
		fallback Lang
		want     Lang
	}{
		{"fr", EN, FR},
		{"fr", FR, FR},
		{"en-US", FR, EN},
		{"en-GB", FR, EN},
		{"en-US", EN, EN},
		{"id", EN, EN},
		{"id", FR, FR},
		{"bg", FR, FR},
		{"zh-CN", FR, FR},
		{"zh-TW", FR, FR},
		{"hr", FR, FR},
		{"cs", FR, FR},
		{"da", FR, FR},
		{"nl", FR, FR},
		{"fi", FR, FR},
		{"de", FR, FR},
		{"de", EN, EN},
		{"el", FR, FR},
		{"hi", FR, FR},
		{"hu", FR, FR},
		{"it", FR, FR},
		{"ja", FR, FR},
		{"ko", FR, FR},
		{"lt", FR, FR},
		{"no", FR, FR},
		{"pl", FR, FR},
		{"pt-BR", FR, FR},
		{"pt-BR", EN, EN},
		{"ro", FR, FR},
		{"ru", FR, FR},
		{"es-ES", FR, FR},
		{"es-ES", EN, EN},
		{"es-419", FR, FR},
		{"sv-SE", FR, FR},
		{"th", FR, FR},
		{"tr", FR, FR},
		{"uk", FR, FR},
		{"vi", FR, FR},
		// Not in Discord's list today, or not from Discord at all.
		{"ar", FR, FR},
		{"he", FR, FR},
		{"fr-CA", EN, FR},
		{"fr-FR", EN, FR},
		{"fr_CA", EN, FR},
		{"en", FR, EN},
		{"en-CA", FR, EN},
		{"EN-us", FR, EN},
		{"br", EN, EN}, // Breton: x/text would serve French
		{"oc", EN, EN}, // Occitan: likewise
		{"", FR, FR},
		{"und", FR, FR},
		{"garbage", FR, FR},
		{"garbage", EN, EN},
		{"fr-", EN, EN},
	}
	for _, tt := range tests {
		t.Run(tt.locale+"/"+string(tt.fallback), func(t *testing.T) {
			if got := Match(tt.locale, tt.fallback); got != tt.want {
				t.Errorf("Match(%q, %q): got %q, want %q", tt.locale, tt.fallback, got, tt.want)
			}
		})
	}
}

func TestParseChoice(t *testing.T) {
	tests := []struct {
		in     string
		want   []Lang
		wantOK bool
	}{
		{"en", []Lang{EN}, true},
		{" FR ", []Lang{FR}, true},
		{"français", []Lang{FR}, true},
		{"both", []Lang{FR, EN}, true},
		{"bilingue", []Lang{FR, EN}, true},
		{"", nil, false},
		{"es", nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := ParseChoice(tt.in)
			if !slices.Equal(got, tt.want) || ok != tt.wantOK {
				t.Errorf("ParseChoice(%q): got %q, %v, want %q, %v", tt.in, got, ok, tt.want, tt.wantOK)
			}
		})
	}
	if !slices.Equal(All, []Lang{FR, EN}) {
		t.Errorf("All: got %q, want [fr en]", All)
	}
}

// TestMatchKeptAsMatched: the languages of Discord's locales, matched once and
// kept, are those matching each of them again gives, whatever the fallback.
func TestMatchKeptAsMatched(t *testing.T) {
	for _, l := range append(discordLocales, "fr-CA", "br", "xx", "") {
		for _, fb := range []Lang{EN, FR, ""} {
			if got, want := Match(l, fb), match(l, fb); got != want {
				t.Errorf("Match(%q, %q) = %q, matched again %q", l, fb, got, want)
			}
		}
	}
	if len(discordMatched()) != len(discordLocales) {
		t.Errorf("kept %d locales, want %d", len(discordMatched()), len(discordLocales))
	}
}
