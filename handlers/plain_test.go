package handlers

import (
	"strings"
	"testing"
)

// TestPlainSectionHeading checks that a section's heading is printed once,
// even when its first field bears the same name, and that other field names
// stay.
func TestPlainSectionHeading(t *testing.T) {
	var b strings.Builder
	Plain(&b, Response{Answers: []Answer{{
		Title: "SPVM",
		Sections: []Section{{Name: "Vérifications de statut", Fields: []Field{
			{Name: "Vérifications de statut", Value: "2018 : 3 010"},
			{Name: "Ce que disent les sources", Value: "Une note."},
		}}},
	}}})
	got := b.String()
	if n := strings.Count(strings.ToLower(got), "vérifications de statut"); n != 1 {
		t.Errorf("the section's name appears %d times, want once:\n%s", n, got)
	}
	for _, want := range []string{"Vérifications de statut\n-----------------------\n\n2018 : 3 010", "Ce que disent les sources\nUne note."} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
}
