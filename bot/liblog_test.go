package bot

import (
	"encoding/json"
	"log/slog"
	"strings"
	"testing"
	"time"
)

// TestLogLibrary routes discordgo's lines through a JSON logger: an event
// discordgo cannot decode gives one structured line with its template and
// function, and none of the payload.
func TestLogLibrary(t *testing.T) {
	t.Cleanup(func() { LogLibrary(nil) })
	lib := &gwLogs{}
	LogLibrary(slog.New(slog.NewJSONHandler(lib, nil)))

	b := startGateway(t, gatewayCommands(), RouterOptions{InlineFiles: true})
	if _, err := b.fake.Dispatch("INTERACTION_CREATE", json.RawMessage(malformedComponentNoData)); err != nil {
		t.Fatal(err)
	}
	b.waitLog(t, "interaction dropped", 1)
	b.stillAnswers(t)

	var found bool
	for deadline := time.Now().Add(gwWait); !found; time.Sleep(5 * time.Millisecond) {
		for _, line := range strings.Split(strings.TrimSpace(lib.String()), "\n") {
			if line == "" {
				continue
			}
			var got struct{ Level, Msg, Func, Text string }
			if err := json.Unmarshal([]byte(line), &got); err != nil {
				t.Fatalf("not a JSON line: %q", line)
			}
			if got.Msg != "discordgo" {
				t.Errorf("got message %q, want discordgo", got.Msg)
			}
			if got.Level == "ERROR" && got.Func == "onEvent" && strings.HasPrefix(got.Text, "error unmarshalling %s event") {
				found = true
			}
		}
		if !found && time.Now().After(deadline) {
			t.Fatalf("no line for the event discordgo could not decode; got\n%s", lib)
		}
	}
	if strings.Contains(lib.String(), "secret") || strings.Contains(lib.String(), "INTERACTION_CREATE") {
		t.Errorf("discordgo's lines hold the event's values:\n%s", lib)
	}
}
