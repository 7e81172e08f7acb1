package handlers_test

import (
	"testing"
	"time"

	"sanctuaire/handlers"
	"sanctuaire/locales"
	"sanctuaire/store"
)

func newsReq(l locales.Lang, opts map[string]string) handlers.Request {
	req := modReq(l, "news", "", opts)
	req.Moderator = false // members read the news
	return req
}

// seed stores updates as moderators would have.
func seed(updates ...store.Update) func(*modEnv) {
	return func(e *modEnv) {
		for _, u := range updates {
			u.Guild = guild
			saved, err := e.st.CreateUpdate(modCtx(), u, moderatorID)
			if err != nil {
				panic(err)
			}
			e.st.now = e.st.now.Add(48 * time.Hour)
			_ = e.st.MarkPosted(modCtx(), guild, saved.ID, newsChannel, "1")
		}
	}
}

func TestNewsGolden(t *testing.T) {
	goldenBoth(t, "news", func(l locales.Lang) []step {
		return []step{
			{name: "no news yet", req: newsReq(l, nil)},
			{name: "newest first; one in French only, one in English only",
				before: seed(
					store.Update{TitleFR: "Rassemblement samedi", TextFR: "Rendez-vous à 14 h.", TitleEN: "Rally on Saturday", TextEN: "Meet at 2 p.m."},
					store.Update{TitleFR: "Contrôles signalés", TextFR: "Près du métro."},
					store.Update{TitleEN: "Workshop", TextEN: "Know your rights, Monday."},
				),
				req: newsReq(l, nil),
				check: func(t *testing.T, e *modEnv, r handlers.Response) {
					if len(r.Answers) != 1 || len(r.Answers[0].Fields) != 3 {
						t.Fatalf("got %+v, want one answer with three updates", r.Answers)
					}
					if got, want := r.Answers[0].Fields[0].Name, "Workshop"; got[:len(want)] != want {
						t.Errorf("got first %q, want the newest, %q", got, want)
					}
				}},
			{name: "shared", req: func() handlers.Request { r := newsReq(l, nil); r.Share = true; return r }(),
				check: func(t *testing.T, _ *modEnv, r handlers.Response) {
					if r.Ephemeral {
						t.Errorf("shared news is ephemeral")
					}
				}},
			{name: "from a post's switch", req: clicked(l, "news", "", "show", "1")},
			{name: "from a post's switch, in one language only", req: clicked(l, "news", "", "show", "2")},
			{name: "from the switch of a deleted update", req: clicked(l, "news", "", "show", "9")},
			{name: "in a direct message", req: func() handlers.Request { r := newsReq(l, nil); r.Guild = ""; return r }()},
		}
	})
}
