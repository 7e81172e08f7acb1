package bot

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestScoped fits the definitions to where they are registered: on one
// server, no contexts or integration types (Discord takes them for global
// commands only); globally without User Install, member commands from the
// server's install only; otherwise as the table has them.
func TestScoped(t *testing.T) {
	cmds, cat := table(t)
	defs := Definitions(cmds, cat)
	before, _ := json.Marshal(defs)
	type reach struct{ Contexts, Types []int }
	read := func(guild string, member bool, name string) reach {
		for _, d := range Scoped(defs, guild, member) {
			if d.Name != name {
				continue
			}
			var r reach
			if d.Contexts != nil {
				for _, c := range *d.Contexts {
					r.Contexts = append(r.Contexts, int(c))
				}
			}
			if d.IntegrationTypes != nil {
				for _, c := range *d.IntegrationTypes {
					r.Types = append(r.Types, int(c))
				}
			}
			return r
		}
		t.Fatalf("no command %s", name)
		return reach{}
	}
	cases := []struct {
		name    string
		guild   string
		member  bool
		command string
		want    reach
	}{
		{"global, member command", "", true, "rights", reach{[]int{0, 1, 2}, []int{0, 1}}},
		{"global without User Install, member command", "", false, "rights", reach{[]int{0, 1}, []int{0}}},
		{"global without User Install, message command", "", false, "Check with sanctuaire", reach{[]int{0, 1}, []int{0}}},
		{"global, server command", "", true, "config", reach{[]int{0}, []int{0}}},
		{"global without User Install, server command", "", false, "config", reach{[]int{0}, []int{0}}},
		{"one server", "900", true, "rights", reach{}},
		{"one server, server command", "900", false, "config", reach{}},
	}
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, read(tt.guild, tt.member, tt.command)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
	if after, _ := json.Marshal(defs); string(after) != string(before) {
		t.Errorf("Scoped changed the definitions it was given")
	}
}
