package knowledge

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestLastReviewAndStale(t *testing.T) {
	files := mapFS(validFiles)
	files[ReviewFile] = &fstest.MapFile{Data: []byte(`
[[review]]
date = "2026-12-04"
[review.text]
en = "Second review."
fr = "Deuxième révision."

[[review]]
date = "2019-05"
[review.text]
en = "First review."
fr = "Première révision."
`)}
	b, err := Load(files)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	r, ok := b.LastReview()
	if !ok || r.Date.String() != "2026-12-04" || r.Text.FR != "Deuxième révision." {
		t.Fatalf("LastReview: got %+v, %v; want the review of 4 December 2026", r, ok)
	}
	// s1 was updated on 2018-04-03; the contact was seen in 2015.
	tests := []struct {
		cutoff string
		want   []string
	}{
		{"2015-12-31", nil},
		{"2016-01-01", []string{"contact:group"}},
		{"2017-06-30", []string{"contact:group"}},
		{"2018-04-03", []string{"contact:group"}},
		{"2018-04-04", []string{"place:montreal", "figures:spvm", "org:group", "contact:group", "topic:silence"}},
	}
	for _, tt := range tests {
		var cutoff Date
		if err := cutoff.UnmarshalText([]byte(tt.cutoff)); err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, d := range b.Stale(cutoff) {
			got = append(got, d.Kind+":"+d.ID)
		}
		if len(got) != len(tt.want) {
			t.Errorf("Stale(%s): got %v, want %v", tt.cutoff, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("Stale(%s): got %v, want %v", tt.cutoff, got, tt.want)
				break
			}
		}
	}
}

func TestDates(t *testing.T) {
	d := func(s string) Date {
		var out Date
		if err := out.UnmarshalText([]byte(s)); err != nil {
			t.Fatal(err)
		}
		return out
	}
	// A date known to the year may stand for its last day.
	if !Later(d("2023"), d("2023-06-30")) || Later(d("2023-06"), d("2023")) || !Later(d("1990"), Date{}) {
		t.Error("Later: a year is as late as its last day, and any date is later than none")
	}
	s := Source{Published: d("2020-10"), Updated: d("2021-02-01")}
	if got := s.Dated().String(); got != "2021-02-01" {
		t.Errorf("Dated with an update: got %s, want 2021-02-01", got)
	}
	if got := (Source{Circa: d("2024-03")}).Dated().String(); got != "2024-03" {
		t.Errorf("Dated from circa: got %s, want 2024-03", got)
	}
	for _, tt := range []struct{ from, want string }{
		{"2026-12-04", "2023-12-04"},
		{"2024-02-29", "2021-02-28"},
	} {
		if got := d(tt.from).YearsBefore(3).String(); got != tt.want {
			t.Errorf("%s less 3 years: got %s, want %s", tt.from, got, tt.want)
		}
	}
}

func TestCircaValidated(t *testing.T) {
	files := mapFS(validFiles)
	files[SourcesFile] = &fstest.MapFile{Data: []byte(validFiles[SourcesFile] + `
[[source]]
id = "s3"
title = "Another"
publisher = "Someone"
published = "2019"
circa = "2019-03-02"
language = "en"
`)}
	_, err := Load(files)
	if err == nil {
		t.Fatal("Load accepted a circa date given with published, and to the day")
	}
	for _, want := range []string{"circa: given with published", "circa: 2019-03-02: give a year or a month"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q: missing %q", err, want)
		}
	}
}
