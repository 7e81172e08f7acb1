package store_test

import (
	"context"
	"fmt"
	"testing"
)

// BenchmarkCreateUpdate measures storing one update with its audit entry,
// committed durably (one fsync with SQLite's synchronous=FULL).
func BenchmarkCreateUpdate(b *testing.B) {
	ctx := context.Background()
	for _, be := range backends {
		b.Run(be.name, func(b *testing.B) {
			be.check(b)
			s := openFresh(b, be)
			u := bilingual(guildA, 1)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := s.CreateUpdate(ctx, u, modX); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkListUpdates measures one page of 10 from a server with 1,000
// updates, in a database holding another server's 1,000: the first page
// (what news shows) and a deep one.
func BenchmarkListUpdates(b *testing.B) {
	ctx := context.Background()
	const stored = 1000
	for _, be := range backends {
		b.Run(be.name, func(b *testing.B) {
			be.check(b)
			s := openFresh(b, be)
			for i := range stored {
				for _, g := range []string{guildA, guildB} {
					if _, err := s.CreateUpdate(ctx, bilingual(g, i), modX); err != nil {
						b.Fatal(err)
					}
				}
			}
			for _, offset := range []int{0, stored - 10} {
				b.Run(fmt.Sprintf("offset=%d", offset), func(b *testing.B) {
					b.ReportAllocs()
					for b.Loop() {
						list, total, err := s.ListUpdates(ctx, guildA, offset, 10)
						if err != nil || len(list) != 10 || total != stored {
							b.Fatalf("got %d updates of %d, err %v", len(list), total, err)
						}
					}
				})
			}
		})
	}
}
