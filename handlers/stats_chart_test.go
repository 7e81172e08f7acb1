package handlers

import (
	"bytes"
	"context"
	"image/png"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"sanctuaire/chart"
	"sanctuaire/knowledge"
	"sanctuaire/locales"
)

var (
	chartOnce sync.Once
	chartH    *Handlers
	chartErr  error
)

// shipped builds the handlers on the knowledge and messages the program ships.
func shipped(tb testing.TB) *Handlers {
	tb.Helper()
	chartOnce.Do(func() {
		kb, err := knowledge.Bundled()
		if err != nil {
			chartErr = err
			return
		}
		cat, err := locales.Bundled()
		if err != nil {
			chartErr = err
			return
		}
		chartH = New(kb, cat, nil)
	})
	if chartErr != nil {
		tb.Fatal(chartErr)
	}
	return chartH
}

var (
	fr   = []locales.Lang{locales.FR}
	en   = []locales.Lang{locales.EN}
	both = []locales.Lang{locales.FR, locales.EN}
)

// TestStatsCharts checks that each kind of stats answer carries its chart in
// every language asked for, shown in the answer of that language, and says
// so when the answer lists a measure the chart does not draw.
func TestStatsCharts(t *testing.T) {
	h := shipped(t)
	tests := []struct {
		name    string
		options map[string]string
		langs   []locales.Lang
		files   []string
		note    bool // the answer lists a measure the chart leaves out
	}{
		{"overview", nil, fr, []string{"stats-2017-calls.fr.png"}, false},
		{"year", map[string]string{"year": "2017"}, en, []string{"stats-2017-calls.en.png"}, false},
		{"force", map[string]string{"force": "montreal"}, fr, []string{"stats-spvm-calls.fr.png"}, true},
		{"force both", map[string]string{"force": "spvm"}, both, []string{"stats-spvm-calls.fr.png", "stats-spvm-calls.en.png"}, true},
		{"force measure", map[string]string{"force": "spvm", "measure": "status-checks"}, en, []string{"stats-spvm-status-checks.en.png"}, false},
		{"force one measure", map[string]string{"force": "peel"}, en, []string{"stats-peel-calls.en.png"}, false},
		{"force status checks only", map[string]string{"force": "rcmp-bc"}, fr, []string{"stats-rcmp-bc-status-checks.fr.png"}, false},
		{"compare", map[string]string{"force": "spvm", "compare": "tps"}, both, []string{"stats-spvm-tps-calls.fr.png", "stats-spvm-tps-calls.en.png"}, true},
		{"compare nothing in common", map[string]string{"force": "peel", "compare": "vancouver"}, fr, nil, false},
		{"unknown force", map[string]string{"force": "Gendarmerie de Paris"}, fr, nil, false},
		{"bad year", map[string]string{"year": "deux"}, fr, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := h.Stats(context.Background(), Request{Command: "stats", Options: tt.options, Langs: tt.langs})
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, f := range resp.Files {
				names = append(names, f.Name)
				if f.ContentType != "image/png" {
					t.Errorf("%s: got content type %q, want %q", f.Name, f.ContentType, "image/png")
				}
				img, err := png.Decode(bytes.NewReader(f.Data))
				if err != nil {
					t.Fatalf("%s: %v", f.Name, err)
				}
				if got, want := img.Bounds().Size().X, chart.PhoneWidth; got != want {
					t.Errorf("%s: got width %d, want %d", f.Name, got, want)
				}
				if got, want := img.Bounds().Size().Y, chart.PhoneHeight; got != want {
					t.Errorf("%s: got height %d, want %d", f.Name, got, want)
				}
			}
			if diff := cmp.Diff(tt.files, names); diff != "" {
				t.Fatalf("files (-want +got):\n%s", diff)
			}
			for i, a := range resp.Answers {
				want := ""
				if len(tt.files) > 0 {
					want = tt.files[i]
				}
				if a.Image != want {
					t.Errorf("answer in %s: got image %q, want %q", a.Lang, a.Image, want)
				}
				p := h.cat.Printer(a.Lang)
				noted := strings.Contains(a.Body, p.T("stats_chart_choice_status_checks"))
				if noted != tt.note {
					t.Errorf("answer in %s: got note of the other measure %v, want %v; body:\n%s", a.Lang, noted, tt.note, a.Body)
				}
			}
		})
	}
}

// TestStatsChartMatchesText checks that a chart draws what its answer's text
// lists: the ranking leaves out the group of other forces as the text does,
// and a comparison only the years both forces have.
func TestStatsChartMatchesText(t *testing.T) {
	h := shipped(t)
	p := h.cat.Printer(locales.EN)
	spvm, _ := h.kb.Force("spvm")
	tps, _ := h.kb.Force("tps")
	tests := []struct {
		name   string
		pl     plot
		labels []string
		series []string
	}{
		{"ranking without the group", h.yearPlot(2017, measures), rankedNames(h, 2017), []string{"2017"}},
		{"compare on common years", h.comparePlot(spvm, tps, measures), commonLabels(h, spvm, tps), []string{forceShort(spvm, "en"), forceShort(tps, "en")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := h.buildChart(p, tt.pl)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.labels, c.Labels); diff != "" {
				t.Errorf("labels (-want +got):\n%s", diff)
			}
			var names []string
			for _, s := range c.Series {
				names = append(names, s.Name)
			}
			if diff := cmp.Diff(tt.series, names); diff != "" {
				t.Errorf("series (-want +got):\n%s", diff)
			}
		})
	}
}

// rankedNames is what the text ranks for year, in English, largest first:
// neither the group of other forces nor a figure marked not comparable.
func rankedNames(h *Handlers, year int) []string {
	var out []string
	for _, s := range h.kb.Ranking(year, knowledge.Calls) {
		if f, _ := h.kb.Force(s.Force); !f.Group() && !s.NotComparable {
			out = append(out, forceShort(f, "en"))
		}
	}
	return out
}

// commonLabels is every year from the first to the last both forces have
// comparable calls for.
func commonLabels(h *Handlers, a, b knowledge.Force) []string {
	var years []int
	for y := range commonYears(knowledge.Comparable(h.kb.Series(a.ID, knowledge.Calls)), knowledge.Comparable(h.kb.Series(b.ID, knowledge.Calls))) {
		years = append(years, y)
	}
	if len(years) == 0 {
		return nil
	}
	slices.Sort(years)
	var out []string
	for y := years[0]; y <= years[len(years)-1]; y++ {
		out = append(out, strconv.Itoa(y))
	}
	return out
}

// logBuffer collects what the handlers log, for one test at a time.
type logBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestStatsChartFailureKeepsText checks that a chart that cannot be drawn
// leaves the answer's text whole, attaches nothing, and logs only the kind
// of chart and the cause.
func TestStatsChartFailureKeepsText(t *testing.T) {
	h := shipped(t)
	logs := &logBuffer{}
	prev := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(logs, nil)))
	t.Cleanup(func() { slog.SetDefault(prev) })

	nowhere := knowledge.Force{ID: "force-typed-by-someone"}
	tests := []struct {
		name   string
		pl     plot
		reason string
	}{
		{"series without figures", plot{kind: chart.KindSeries, m: knowledge.Calls, a: nowhere, other: []knowledge.Measure{knowledge.StatusChecks}}, "no_data"},
		{"ranking of a year without figures", plot{kind: chart.KindRanking, m: knowledge.Calls, year: 1901}, "no_data"},
		{"compare without common years", plot{kind: chart.KindCompare, m: knowledge.Calls, a: nowhere, b: nowhere}, "no_data"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := Response{Answers: []Answer{{Lang: locales.FR, Title: "Titre", Body: "Texte."}, {Lang: locales.EN, Title: "Title", Body: "Text."}}}
			got := Response{Answers: slices.Clone(want.Answers)}
			h.attachCharts(context.Background(), &got, tt.pl)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("response (-want +got):\n%s", diff)
			}
			out := logs.String()
			if !strings.Contains(out, "reason="+tt.reason) {
				t.Errorf("got logs %q, want reason=%s", out, tt.reason)
			}
			for _, secret := range []string{nowhere.ID, "1901"} {
				if strings.Contains(out, secret) {
					t.Errorf("logs %q contain %q", out, secret)
				}
			}
		})
	}
}

// TestStatsChartChoices checks that the note names the measure option's
// choices as the command shows them.
func TestStatsChartChoices(t *testing.T) {
	h := shipped(t)
	for _, l := range both {
		p := h.cat.Printer(l)
		for _, m := range measures {
			if got, want := p.T("stats_chart_choice_"+measureKey(m)), p.T("commands_measure_"+measureKey(m)); got != want {
				t.Errorf("%s %s: got %q, want %q", l, m, got, want)
			}
		}
	}
}

// BenchmarkStatsWithChart measures a stats answer with its charts, for each
// kind of chart, against the same answer in text only.
func BenchmarkStatsWithChart(b *testing.B) {
	h := shipped(b)
	cases := []struct {
		name    string
		options map[string]string
		langs   []locales.Lang
	}{
		{"series/fr", map[string]string{"force": "spvm"}, fr},
		{"series/both", map[string]string{"force": "spvm"}, both},
		{"ranking/fr", map[string]string{"year": "2017"}, fr},
		{"overview/fr", nil, fr},
		{"compare/fr", map[string]string{"force": "spvm", "compare": "tps"}, fr},
		{"compare/both", map[string]string{"force": "spvm", "compare": "tps"}, both},
	}
	ctx := context.Background()
	for _, c := range cases {
		req := Request{Command: "stats", Options: c.options, Langs: c.langs}
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			size := 0
			for b.Loop() {
				resp, err := h.Stats(ctx, req)
				if err != nil || len(resp.Files) != len(c.langs) {
					b.Fatalf("got %d files, err %v", len(resp.Files), err)
				}
				size = len(resp.Files[0].Data)
			}
			b.ReportMetric(float64(size), "png-bytes")
		})
	}
	// The text alone, without drawing: what the charts add.
	spvm, _ := h.kb.Force("spvm")
	b.Run("series/fr/text-only", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_ = h.respond(Request{Langs: fr}, func(p *locales.Printer) Answer {
				return h.statsForce(p, spvm, 0, measures, true)
			})
		}
	})
}
