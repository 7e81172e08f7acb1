package bot

import (
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"sanctuaire/bot/discordtest"
	"sanctuaire/handlers"
	"sanctuaire/knowledge"
)

// BenchmarkGatewayRoundTrip measures, with the real command table and
// knowledge base, the time from the fake gateway writing INTERACTION_CREATE
// to the fake REST API receiving the callback, one interaction at a time.
// Run it with -benchtime=1000x or more for a meaningful p99. The memory
// figures are those of the test process: the bot and the fake Discord.
func BenchmarkGatewayRoundTrip(b *testing.B) {
	kb, err := knowledge.Bundled()
	if err != nil {
		b.Fatal(err)
	}
	cat := testCatalog(b)
	bot := startGateway(b, Commands(handlers.New(kb, cat, nil), nil), RouterOptions{InlineFiles: true})
	asks := []discordtest.Interaction{
		{Command: "city", Locale: "fr", GuildID: "1", Options: []discordtest.Option{{Name: "name", Value: "montreal"}}},
		{Command: "about", Locale: "en-US", GuildID: "1"},
		{Command: "rights", Locale: "en-GB", GuildID: "1"},
		{Type: discordtest.TypeAutocomplete, Command: "city", Locale: "fr", GuildID: "1", Options: []discordtest.Option{{Name: "name", Value: "tor", Focused: true}}},
	}
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := range b.N {
		sent, err := bot.fake.Interact(asks[i%len(asks)])
		if err != nil {
			b.Fatal(err)
		}
		call, err := bot.fake.WaitCallback(sent.ID, gwWait)
		if err != nil {
			b.Fatal(err)
		}
		lat = append(lat, call.At.Sub(sent.At))
		if i%100 == 99 {
			// The fake would otherwise hold every answer, and the memory
			// measured below would be mostly its own.
			bot.fake.Forget()
		}
	}
	b.StopTimer()
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds()), "p99-µs")
	bot.fake.Forget()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.HeapAlloc)/(1<<20), "heap-MiB")
	if rss, ok := rssMiB(); ok {
		b.ReportMetric(rss, "rss-MiB")
	}
}

// rssMiB reads the process's resident set size from /proc, where there is one.
func rssMiB() (float64, bool) {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, false
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 64)
			if err != nil {
				return 0, false
			}
			return kb / 1024, true
		}
	}
	return 0, false
}
