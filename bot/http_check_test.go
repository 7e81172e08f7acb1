package bot

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/google/go-cmp/cmp"
)

// TestUnmarshalInteractionAsDiscordgo: the endpoint's one-pass decoding
// gives what discordgo's own decoding gives, errors included, on the recorded
// interactions and on broken ones.
func TestUnmarshalInteractionAsDiscordgo(t *testing.T) {
	bodies := map[string][]byte{
		"no data":        []byte(`{"type":2}`),
		"null data":      []byte(`{"type":2,"data":null}`),
		"data a string":  []byte(`{"type":2,"data":"x"}`),
		"type a string":  []byte(`{"type":"2"}`),
		"id a number":    []byte(`{"type":2,"member":{"user":{"id":1}},"data":{}}`),
		"not an object":  []byte(`[1,2]`),
		"cut":            []byte(`{"type":3,"data":{"custom_id":"a`),
		"unknown type":   []byte(`{"type":9,"data":{"x":1}}`),
		"ping":           []byte(`{"type":1}`),
		"modal, no rows": []byte(`{"type":5,"data":{"custom_id":"f","components":[{"type":9}]}}`),
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "interactions", "*.json"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		bodies[filepath.Base(f)] = b
	}
	for name, body := range bodies {
		t.Run(name, func(t *testing.T) {
			var want discordgo.Interaction
			wantErr := json.Unmarshal(body, &want)
			got, err := unmarshalInteraction(body)
			if (err != nil) != (wantErr != nil) {
				t.Fatalf("got error %v, discordgo's %v", err, wantErr)
			}
			if err != nil {
				return
			}
			if diff := cmp.Diff(&want, got); diff != "" {
				t.Errorf("(-discordgo +ours):\n%s", diff)
			}
		})
	}
}
