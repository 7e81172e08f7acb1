package handlers_test

import (
	"testing"

	"sanctuaire/handlers"
	"sanctuaire/locales"
	"sanctuaire/store"
)

// wantSettings checks the server's settings and the last audited action.
func wantSettings(want store.Settings, action string) func(*testing.T, *modEnv, handlers.Response) {
	return func(t *testing.T, e *modEnv, _ handlers.Response) {
		t.Helper()
		got, _ := e.st.Settings(modCtx(), guild)
		if got != want {
			t.Errorf("got settings %+v, want %+v", got, want)
		}
		if n := len(e.st.audit); action != "" && (n == 0 || e.st.audit[n-1].Action != action || e.st.audit[n-1].ModeratorID != moderatorID) {
			t.Errorf("got audit %+v, want %s last, by the moderator", e.st.audit, action)
		}
	}
}

func TestConfigGolden(t *testing.T) {
	goldenBoth(t, "config", func(l locales.Lang) []step {
		set := func(st store.Settings) store.Settings { st.Guild = guild; return st }
		return []step{
			{name: "show: defaults", req: modReq(l, "config", "show", nil), check: wantSettings(store.DefaultSettings(guild), "")},
			{name: "language: both", req: modReq(l, "config", "language", map[string]string{handlers.OptDefault: "both"}),
				check: wantSettings(set(store.Settings{Language: store.LanguageBoth}), store.ActionConfigLanguage)},
			{name: "language: not one", req: modReq(l, "config", "language", map[string]string{handlers.OptDefault: "de"}),
				check: wantSettings(set(store.Settings{Language: store.LanguageBoth}), store.ActionConfigLanguage)},
			{name: "channel: set", req: modReq(l, "config", "channel", map[string]string{handlers.OptChannel: newsChannel}),
				check: wantSettings(set(store.Settings{Language: store.LanguageBoth, UpdatesChannel: newsChannel}), store.ActionConfigChannel)},
			{name: "role: set", req: modReq(l, "config", "role", map[string]string{handlers.OptRole: "600000000000000006"}),
				check: wantSettings(set(store.Settings{Language: store.LanguageBoth, UpdatesChannel: newsChannel, ModeratorRole: "600000000000000006"}), store.ActionConfigRole)},
			{name: "show: all set", req: modReq(l, "config", "show", nil)},
			{name: "role: the same again changes nothing", req: modReq(l, "config", "role", map[string]string{handlers.OptRole: "600000000000000006"}),
				check: func(t *testing.T, e *modEnv, _ handlers.Response) {
					if n := len(e.st.audit); n != 3 {
						t.Errorf("got %d audit entries, want 3", n)
					}
				}},
			{name: "language: French", req: modReq(l, "config", "language", map[string]string{handlers.OptDefault: "fr"})},
			{name: "channel: removed", req: modReq(l, "config", "channel", nil)},
			{name: "role: removed", req: modReq(l, "config", "role", nil),
				check: wantSettings(set(store.Settings{Language: store.LanguageFR}), store.ActionConfigRole)},
			{name: "show: back to the defaults but French", req: modReq(l, "config", "show", nil)},
		}
	})
}
