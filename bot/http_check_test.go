package bot

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/google/go-cmp/cmp"
)

// TestUnmarshalInteractionAsDiscordgo: the endpoint's decoding gives what
// discordgo's own decoding gives in every field the router and the REST calls
// read, and refuses what discordgo refuses in those fields, on the recorded
// interactions and on broken ones.
func TestUnmarshalInteractionAsDiscordgo(t *testing.T) {
	bodies := map[string][]byte{
		"no data":         []byte(`{"type":2}`),
		"null data":       []byte(`{"type":2,"data":null}`),
		"data a string":   []byte(`{"type":2,"data":"x"}`),
		"type a string":   []byte(`{"type":"2"}`),
		"id a number":     []byte(`{"type":2,"member":{"user":{"id":1}},"data":{}}`),
		"roles a string":  []byte(`{"type":2,"member":{"roles":"x"},"data":{}}`),
		"permissions":     []byte(`{"type":2,"member":{"permissions":"12"},"app_permissions":"34","data":{}}`),
		"bad permissions": []byte(`{"type":2,"member":{"permissions":12},"data":{}}`),
		"flags a string":  []byte(`{"type":3,"message":{"flags":"64"},"data":{"custom_id":"a"}}`),
		"not an object":   []byte(`[1,2]`),
		"cut":             []byte(`{"type":3,"data":{"custom_id":"a`),
		"unknown type":    []byte(`{"type":9,"data":{"x":1}}`),
		"ping":            []byte(`{"type":1}`),
		"modal, no rows":  []byte(`{"type":5,"data":{"custom_id":"f","components":[{"type":9}]}}`),
		"button on an answer": []byte(`{"type":3,"id":"1","application_id":"2","token":"t","version":1,"locale":"fr","guild_locale":"en-US",` +
			`"guild_id":"3","channel_id":"4","context":0,"authorizing_integration_owners":{"0":"3"},` +
			`"user":{"id":"5","username":"u","global_name":"U"},` +
			`"message":{"id":"6","flags":64,"content":"","embeds":[{"title":"Montréal","fields":[{"name":"a","value":"b"}]}],` +
			`"components":[{"type":1,"components":[{"type":2,"style":2,"label":"2","custom_id":"page:x"}]}],"timestamp":"2026-12-01T10:00:00.000000+00:00"},` +
			`"data":{"custom_id":"page:x","component_type":2}}`),
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
			if diff := cmp.Diff(readFields(&want), got); diff != "" {
				t.Errorf("(-discordgo +ours):\n%s", diff)
			}
		})
	}
}

// TestUnmarshalInteractionSkipsUnread: a field no one reads is not decoded,
// so a value of the wrong type there is not refused (discordgo refuses it).
func TestUnmarshalInteractionSkipsUnread(t *testing.T) {
	body := []byte(`{"type":2,"member":{"user":{"id":"5","avatar":7},"joined_at":"yesterday","roles":["8"]},"data":{"name":"about"}}`)
	var dg discordgo.Interaction
	if err := json.Unmarshal(body, &dg); err == nil {
		t.Fatal("discordgo decoded it: the test shows nothing")
	}
	got, err := unmarshalInteraction(body)
	if err != nil {
		t.Fatal(err)
	}
	if got.Member == nil || got.Member.User == nil || got.Member.User.ID != "5" || len(got.Member.Roles) != 1 {
		t.Errorf("got member %+v, want user 5 with role 8", got.Member)
	}
}

// readFields is i with only the fields the endpoint decodes.
func readFields(i *discordgo.Interaction) *discordgo.Interaction {
	user := func(u *discordgo.User) *discordgo.User {
		if u == nil {
			return nil
		}
		return &discordgo.User{ID: u.ID}
	}
	r := &discordgo.Interaction{
		ID: i.ID, AppID: i.AppID, Type: i.Type, Data: i.Data, GuildID: i.GuildID, ChannelID: i.ChannelID,
		AppPermissions: i.AppPermissions, User: user(i.User), Locale: i.Locale, GuildLocale: i.GuildLocale,
		Context: i.Context, AuthorizingIntegrationOwners: i.AuthorizingIntegrationOwners, Token: i.Token, Version: i.Version,
	}
	if i.Message != nil {
		r.Message = &discordgo.Message{ID: i.Message.ID, Flags: i.Message.Flags}
	}
	if i.Member != nil {
		r.Member = &discordgo.Member{User: user(i.Member.User), Roles: i.Member.Roles, Permissions: i.Member.Permissions}
	}
	return r
}

// FuzzUnmarshalAsDiscordgo: on any body discordgo decodes, the endpoint's
// decoding succeeds too and gives the same values in the fields it reads.
func FuzzUnmarshalAsDiscordgo(f *testing.F) {
	for _, b := range []string{
		`{"type":2,"member":{"user":{"id":"5"},"roles":["1"],"permissions":"8"},"data":{"name":"city","options":[{"name":"name","type":3,"value":"x"}]}}`,
		`{"type":3,"message":{"id":"6","flags":64},"user":{"id":"5"},"data":{"custom_id":"a","component_type":2,"values":["x"]}}`,
		`{"type":5,"data":{"custom_id":"f","components":[{"type":1,"components":[{"type":4,"custom_id":"a","value":"b"}]}]}}`,
		`{"TYPE":2,"Guild_ID":"1","type":4,"authorizing_integration_owners":{"0":"1","1":"2"},"app_permissions":"3","locale":"fr"}`,
		`{"type":2,"type":3,"data":{"custom_id":"a\u00e9\ud800"}}`,
	} {
		f.Add([]byte(b))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		var want discordgo.Interaction
		if json.Unmarshal(body, &want) != nil {
			return
		}
		got, err := unmarshalInteraction(body)
		if err != nil {
			t.Fatalf("%q: discordgo decodes it, the endpoint: %v", body, err)
		}
		if diff := cmp.Diff(readFields(&want), got); diff != "" {
			t.Errorf("%q (-discordgo +ours):\n%s", body, diff)
		}
	})
}
