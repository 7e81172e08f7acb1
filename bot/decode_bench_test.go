package bot

import (
	"encoding/json"
	"testing"

	"github.com/bwmarrin/discordgo"

	"sanctuaire/bench/loadgen"
)

// BenchmarkDecodeInteraction compares the endpoint's decoding of a command
// (as the load generator sends it) and of a button on an answer (which
// carries the whole answer) with discordgo's.
func BenchmarkDecodeInteraction(b *testing.B) {
	bodies := map[string][]byte{
		"command": loadgen.Command("1100000000000000000", "bench-1", "city", "fr", loadgen.Option{Name: "name", Type: 3, Value: "montreal"}),
		"button": []byte(`{"type":3,"id":"1","application_id":"2","token":"t","version":1,"locale":"fr","guild_id":"3","channel_id":"4",` +
			`"member":{"user":{"id":"5","username":"u","global_name":"U"},"roles":[],"permissions":"0","joined_at":"2026-01-01T00:00:00+00:00"},` +
			`"message":{"id":"6","flags":64,"content":"","embeds":[{"title":"Montréal (Québec)","description":"Statut : ville sanctuaire","fields":[{"name":"Chiffres","value":"2017 : 1 234 appels"},{"name":"Organismes","value":"Solidarité sans frontières"}],"footer":{"text":"Sources à jour : novembre 2026"}}],` +
			`"components":[{"type":1,"components":[{"type":2,"style":2,"label":"2","custom_id":"page:x"},{"type":2,"style":2,"label":"English","custom_id":"lang:x"}]}],"timestamp":"2026-12-01T10:00:00.000000+00:00"},` +
			`"data":{"custom_id":"page:x","component_type":2}}`),
	}
	for name, body := range bodies {
		b.Run(name+"/endpoint", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := unmarshalInteraction(body); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(name+"/discordgo", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				var i discordgo.Interaction
				if err := json.Unmarshal(body, &i); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
