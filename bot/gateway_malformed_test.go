package bot

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"sanctuaire/bot/discordtest"
)

// Malformed INTERACTION_CREATE payloads. They carry words a person could
// have typed, which must never reach the logs.
const (
	malformedNull          = `null`
	malformedCommandNoData = `{"id":"900","application_id":"100","type":2,"token":"tok-900","locale":"fr",` +
		`"member":{"user":{"id":"200","username":"secret-name"},"permissions":"0"},"guild_id":"1"}`
	malformedFormNullRow = `{"id":"901","application_id":"100","type":5,"token":"tok-901",` +
		`"data":{"custom_id":"form|","components":[null]}}`
	malformedFormNullInput = `{"id":"902","application_id":"100","type":5,"token":"tok-902",` +
		`"data":{"custom_id":"form|","components":[{"type":1,"components":[null]}]}}`
	malformedCommandNullData   = `{"id":"903","application_id":"100","type":2,"token":"tok-903","data":null}`
	malformedCommandNullOption = `{"id":"904","application_id":"100","type":2,"token":"tok-904",` +
		`"data":{"id":"1","name":"ok","type":1,"options":[null]}}`
	malformedSubNullOption = `{"id":"905","application_id":"100","type":4,"token":"tok-905",` +
		`"data":{"id":"1","name":"ok","type":1,"options":[{"name":"secret-sub","type":1,"options":[null]}]}}`
	malformedComponentNoData = `{"id":"906","application_id":"100","type":3,"token":"tok-906",` +
		`"message":null,"data":"secret-text"}`
)

// gatewayCommands is the misbehaving table without the command that waits
// for the test: a fuzzed payload may name any command.
func gatewayCommands() []Command {
	var cmds []Command
	for _, c := range testCommands(nil, nil) {
		if c.Name != "slow" {
			cmds = append(cmds, c)
		}
	}
	return cmds
}

// waitLog waits until the logs hold want n times, and returns them.
func (b *gwBot) waitLog(t testing.TB, want string, n int) string {
	t.Helper()
	logs := b.logs.String()
	for deadline := time.Now().Add(gwWait); strings.Count(logs, want) < n; logs = b.logs.String() {
		if time.Now().After(deadline) {
			t.Fatalf("want %d lines with %q, got\n%s", n, want, logs)
		}
		time.Sleep(5 * time.Millisecond)
	}
	return logs
}

// stillAnswers checks that the bot answers a well-formed command.
func (b *gwBot) stillAnswers(t testing.TB) {
	t.Helper()
	_, resp := b.ask(t, discordtest.Interaction{Command: "ok", Locale: "fr"})
	if len(resp.Data.Embeds) != 1 || !strings.Contains(resp.Data.Embeds[0].Title, "Answer fr") {
		t.Fatalf("after a malformed interaction: got %+v, want the answer", resp.Data)
	}
}

func TestGatewayDropsMalformedInteractions(t *testing.T) {
	b := startGateway(t, gatewayCommands(), RouterOptions{InlineFiles: true})
	tests := []struct {
		name, payload, reason string
	}{
		{"payload null", malformedNull, "no interaction"},
		{"command without data", malformedCommandNoData, "command without data"},
		{"form row null", malformedFormNullRow, "form without data"},
		{"form input null", malformedFormNullInput, "form without data"},
		{"command data null", malformedCommandNullData, "command without a name"},
		{"option null", malformedCommandNullOption, "malformed options"},
		{"suboption null", malformedSubNullOption, "malformed options"},
		{"component data not an object", malformedComponentNoData, "component without data"},
	}
	for n, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := b.fake.Dispatch("INTERACTION_CREATE", json.RawMessage(tt.payload)); err != nil {
				t.Fatal(err)
			}
			logs := b.waitLog(t, "interaction dropped", n+1)
			if !strings.Contains(logs, `reason="`+tt.reason+`"`) {
				t.Errorf("got logs\n%s\nwant the reason %q", logs, tt.reason)
			}
			b.stillAnswers(t)
		})
	}
	logs := b.logs.String()
	if got := strings.Count(logs, "interaction dropped"); got != len(tests) {
		t.Errorf("got %d lines of dropped interactions, want %d:\n%s", got, len(tests), logs)
	}
	for _, c := range b.fake.Calls() {
		if strings.Contains(c.Path, "/interactions/90") {
			t.Errorf("a malformed interaction was answered: %s %s", c.Method, c.Path)
		}
	}
	if strings.Contains(logs, "secret") || strings.Contains(logs, "panicked") {
		t.Errorf("logs hold a person's words or a panic:\n%s", logs)
	}
}

// FuzzGatewayInteraction sends arbitrary INTERACTION_CREATE payloads through
// the gateway: none may stop the bot or panic, each is answered or dropped,
// and the bot answers the next well-formed command.
func FuzzGatewayInteraction(f *testing.F) {
	for _, p := range []string{
		malformedNull, malformedCommandNoData, malformedFormNullRow, malformedFormNullInput,
		malformedCommandNullData, malformedCommandNullOption, malformedSubNullOption, malformedComponentNoData,
		`{}`, `[]`, `"x"`, `1`, `{"type":null}`, `{"type":"2"}`, `{"type":1}`, `{"type":99,"id":"1","token":"t"}`,
		`{"type":2,"data":{"id":"1","name":"ok","type":1,"options":[{"name":"language","type":3,"value":"fr"}]},"member":null}`,
		`{"type":2,"data":{"id":"1","name":"ok","type":1},"member":{"user":null,"roles":null},"guild_id":"1"}`,
		`{"type":3,"data":{"custom_id":"a|b","component_type":2},"message":{"flags":64}}`,
		`{"type":3,"data":{"custom_id":"a|1|~~","component_type":2},"message":null}`,
		`{"type":4,"data":{"id":"1","name":"ok","type":1,"options":[{"name":"x","type":3,"value":null,"focused":true}]}}`,
		`{"type":5,"data":{"custom_id":"form|","components":[{"type":4,"custom_id":"note","value":"v"}]}}`,
		`{"type":5,"data":{"custom_id":"form|","components":[{"type":1,"components":null}]}}`,
		`{"type":5,"data":{"custom_id":"form|","components":null}}`,
	} {
		f.Add([]byte(p))
	}
	b := startGateway(f, gatewayCommands(), RouterOptions{InlineFiles: true})
	f.Fuzz(func(t *testing.T, payload []byte) {
		if !json.Valid(payload) {
			return
		}
		if _, err := b.fake.Dispatch("INTERACTION_CREATE", json.RawMessage(payload)); err != nil {
			t.Fatal(err)
		}
		b.stillAnswers(t)
		if logs := b.logs.String(); strings.Contains(logs, "interaction handler panicked") {
			t.Fatalf("payload %s: a panic was recovered:\n%s", payload, logs)
		}
	})
}
