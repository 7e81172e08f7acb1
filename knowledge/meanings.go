package knowledge

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
)

// MeaningsFile holds the other meanings: optional, as a base without any
// is complete.
const MeaningsFile = "other_meanings.toml"

// OtherMeaning is something a place declared under a word the base is
// about, "sanctuary city", that has nothing to do with immigration status
// (Saskatoon's 2025 declaration for 2SLGBTQQIA+ people). It is kept out of
// the places, the free-text index, the rankings and the lists of places, so
// nothing can present it as an immigration policy; a place's own answer
// names it as not one.
type OtherMeaning struct {
	ID    string `toml:"id"`
	Place string `toml:"place"` // ID of the place it concerns
	Date  Date   `toml:"date"`
	Claim
}

// OtherMeanings returns what place declared under the same words with
// another meaning, oldest first as the file lists them.
func (b *Base) OtherMeanings(place string) []OtherMeaning {
	var out []OtherMeaning
	for _, m := range b.Others {
		if m.Place == place {
			out = append(out, m)
		}
	}
	return out
}

// decodeOptional reads a file that a knowledge directory may leave out.
func decodeOptional[T any](ctx context.Context, fsys fs.FS, name, key string, problems *[]Problem) []T {
	if _, err := fs.Stat(fsys, name); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return decodeList[T](ctx, fsys, name, key, problems)
}

func (b *Base) validateMeanings(problems *[]Problem) {
	seen := make(map[string]bool, len(b.Others))
	for _, m := range b.Others {
		c := checker{b, MeaningsFile, fmt.Sprintf("other_meaning %q", m.ID), problems}
		c.id(m.ID)
		if seen[m.ID] {
			c.add("id", "duplicate id")
		}
		seen[m.ID] = true
		c.ref("place", "place", m.Place, b.placeByID)
		if m.Date.IsZero() {
			c.add("date", "empty")
		}
		c.claim("", m.Claim)
	}
}
