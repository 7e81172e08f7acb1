package bot

import (
	"strings"
	"testing"
	"testing/quick"
	"unicode/utf16"

	"github.com/google/go-cmp/cmp"
)

// unitsByRune is the plain way of counting UTF-16 units, rune by rune, that
// size must agree with on every input, valid UTF-8 or not.
func unitsByRune(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r >= 0x10000 {
			n++
		}
	}
	return n
}

// splitByRune is split as it was before it kept a running count: every part
// is measured again with the text gathered so far.
func splitByRune(text string, limit int) []string {
	text = strings.TrimSpace(text)
	if text == "" {
		return nil
	}
	if unitsByRune(text) <= limit {
		return []string{text}
	}
	for _, sep := range []string{"\n\n", "\n", ". ", "; ", ", ", " "} {
		parts := strings.SplitAfter(text, sep)
		if len(parts) < 2 {
			continue
		}
		var out []string
		var b strings.Builder
		for _, part := range parts {
			if b.Len() > 0 && unitsByRune(b.String())+unitsByRune(strings.TrimRight(part, " \n")) > limit {
				out = append(out, strings.TrimSpace(b.String()))
				b.Reset()
			}
			if unitsByRune(part) > limit {
				out = append(out, splitByRune(part, limit)...)
				continue
			}
			b.WriteString(part)
		}
		if b.Len() > 0 {
			out = append(out, strings.TrimSpace(b.String()))
		}
		return out
	}
	var out []string
	for unitsByRune(text) > limit {
		p := prefix(text, limit)
		out = append(out, p)
		text = text[len(p):]
	}
	return append(out, text)
}

func TestSize(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want int
	}{
		{"empty", "", 0},
		{"ascii", "Montreal", 8},
		{"accents", "Montréal, Québec", 16},
		{"no-break spaces", "3\u00a0608 et «\u00a0oui\u00a0»", 16},
		{"ellipsis", "…", 1},
		{"flag", "🇨🇦 Canada", 11},
		{"astral only", "𝄞", 2},
		{"lone 0xF0", "a\xf0b", 3},
		{"truncated astral", "\xf0\x9f\x87", 3},
		{"astral lead then ascii", "\xf0\x9f\x87a", 4},
		{"bytes past 0xF4", "\xf5\x80\x80\x80", 4},
		{"overlong four bytes", "\xf0\x80\x80\x80", 4},
		{"surrogate encoded", "\xed\xa0\x80", 3},
		{"continuation only", "\x80\x80", 2},
		{"astral after invalid", "\xff🇨", 3},
		{"max rune", "\U0010ffff", 2},
		{"above max rune", "\xf4\x90\x80\x80", 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := size(tt.in); got != tt.want {
				t.Errorf("size(%q): got %d, want %d", tt.in, got, tt.want)
			}
			if got := unitsByRune(tt.in); got != tt.want {
				t.Errorf("unitsByRune(%q): got %d, want %d", tt.in, got, tt.want)
			}
		})
	}
}

func TestSizeIsUTF16Length(t *testing.T) {
	f := func(s string) bool { return size(s) == len(utf16.Encode([]rune(s))) }
	if err := quick.Check(f, &quick.Config{MaxCount: 5000}); err != nil {
		t.Error(err)
	}
	g := func(b []byte) bool { return size(string(b)) == unitsByRune(string(b)) }
	if err := quick.Check(g, &quick.Config{MaxCount: 5000}); err != nil {
		t.Error(err)
	}
}

func FuzzSize(f *testing.F) {
	for _, s := range []string{"", "Québec", "🇨🇦", "\xf0\x9f\x87", "\xf0\x80\x80\x80", "a\xffb", "\U0010ffff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := size(s), unitsByRune(s); got != want {
			t.Errorf("size(%q): got %d, want %d", s, got, want)
		}
	})
}

func FuzzSplit(f *testing.F) {
	f.Add("Une phrase. Une autre; encore, 🇨🇦 et\n\nun paragraphe", 12)
	f.Add("motsansespacemotsansespace", 5)
	f.Add("\xf0\x9f\x87. 🇨🇦 \xff\xfe, fin", 4)
	f.Add("«\u00a0oui\u00a0». \u00a0\u2003non\u00a0; \u3000fin\u00a0", 6)
	f.Fuzz(func(t *testing.T, text string, limit int) {
		if limit < 2 || limit > 5000 {
			return
		}
		if diff := cmp.Diff(splitByRune(text, limit), split(text, limit)); diff != "" {
			t.Errorf("split(%q, %d) differs from the rune-by-rune count (-want +got):\n%s", text, limit, diff)
		}
		checkSizes(t, text, limit)
	})
}

func TestSplitAgreesWithRuneCount(t *testing.T) {
	texts := []string{
		sentences(40, "long"),
		strings.Repeat("🇨🇦 Ville sanctuaire, « accès » aux services; ", 60),
		strings.Repeat("mot", 400),
		strings.Repeat("ligne\n", 300) + "\n\n" + strings.Repeat("𝄞", 300),
	}
	for i, text := range texts {
		for _, limit := range []int{2, 7, 40, 100, 1024, 4096} {
			got, want := split(text, limit), splitByRune(text, limit)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("text %d, limit %d (-want +got):\n%s", i, limit, diff)
			}
			checkSizes(t, text, limit)
		}
	}
}

// checkSizes checks that splitUnits gives each piece's true size, within limit.
func checkSizes(t *testing.T, text string, limit int) {
	t.Helper()
	pieces, sizes := splitUnits(text, limit)
	if len(pieces) != len(sizes) {
		t.Fatalf("splitUnits(%q, %d): %d pieces, %d sizes", text, limit, len(pieces), len(sizes))
	}
	for k, p := range pieces {
		if n := size(p); n != sizes[k] {
			t.Errorf("splitUnits(%q, %d): piece %q counted %d units, has %d", text, limit, p, sizes[k], n)
		}
		if sizes[k] > limit {
			t.Errorf("splitUnits(%q, %d): piece %q has %d units", text, limit, p, sizes[k])
		}
	}
}

func TestTruncateShortText(t *testing.T) {
	tests := []struct {
		in   string
		max  int
		want string
	}{
		{"Québec", 6, "Québec"},
		{"Québec", 7, "Québec"},
		{"Québec", 5, "Québ…"},
		{"🇨🇦🇨🇦", 8, "🇨🇦🇨🇦"},
		{"🇨🇦🇨🇦", 7, "🇨🇦🇨…"},
		{"une ville sanctuaire", 12, "une ville…"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := truncate(tt.in, tt.max); got != tt.want {
				t.Errorf("truncate(%q, %d): got %q, want %q", tt.in, tt.max, got, tt.want)
			}
		})
	}
}

func BenchmarkSize(b *testing.B) {
	text := strings.Repeat("Ville sanctuaire : accès aux services 🇨🇦. ", 100)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		size(text)
	}
}

func BenchmarkSplit(b *testing.B) {
	text := sentences(200, "benchmark")
	for b.Loop() {
		split(text, 1024)
	}
}
