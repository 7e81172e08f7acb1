package locales

import "testing"

func BenchmarkBundled(b *testing.B) {
	for b.Loop() {
		if _, err := Bundled(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMatch(b *testing.B) {
	for b.Loop() {
		Match("en-GB", FR)
	}
}

func BenchmarkPrinter(b *testing.B) {
	c := mustBundled(b)
	for _, l := range All {
		p := c.Printer(l)
		b.Run("T/"+string(l), func(b *testing.B) {
			for b.Loop() {
				p.T("common_source_line", "Title", "Rapport annuel", "Publisher", "SPVM", "Date", "5 juin 2019")
			}
		})
		b.Run("Plural/"+string(l), func(b *testing.B) {
			for b.Loop() {
				p.Plural("common_sources_count", 3608)
			}
		})
		b.Run("Int/"+string(l), func(b *testing.B) {
			for b.Loop() {
				p.Int(3608)
			}
		})
		b.Run("Percent/"+string(l), func(b *testing.B) {
			for b.Loop() {
				p.Percent(-31.2)
			}
		})
		b.Run("Date/"+string(l), func(b *testing.B) {
			for b.Loop() {
				p.Date(2019, 6, 5)
			}
		})
	}
}
