package store_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"sanctuaire/store"
)

const (
	guildA = "100000000000000001"
	guildB = "200000000000000002"
	modX   = "300000000000000003"
	modY   = "400000000000000004"
)

// TestStore is the conformance suite: every case runs on every database.
func TestStore(t *testing.T) {
	cases := []struct {
		name string
		fn   func(t *testing.T, b backend)
	}{
		{"CreateGet", testCreateGet},
		{"ListPaging", testListPaging},
		{"GuildIsolation", testGuildIsolation},
		{"EditConflict", testEditConflict},
		{"Delete", testDelete},
		{"MarkPosted", testMarkPosted},
		{"Settings", testSettings},
		{"CachedSettings", testCachedSettings},
		{"Audit", testAudit},
		{"Validation", testValidation},
		{"MigrateTwice", testMigrateTwice},
		{"Durability", testDurability},
		{"Concurrency", testConcurrency},
		{"Processes", testProcesses},
	}
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			b.check(t)
			for _, c := range cases {
				t.Run(c.name, func(t *testing.T) { c.fn(t, b) })
			}
		})
	}
}

func bilingual(guild string, n int) store.Update {
	return store.Update{
		Guild:   guild,
		TitleFR: fmt.Sprintf("Rassemblement n° %d", n),
		TextFR:  "Rendez-vous devant l’hôtel de ville à 18 h.",
		TitleEN: fmt.Sprintf("Rally no. %d", n),
		TextEN:  "Meet in front of city hall at 6 p.m.",
	}
}

func mustCreate(t *testing.T, s *store.Store, u store.Update) store.Update {
	t.Helper()
	got, err := s.CreateUpdate(context.Background(), u, modX)
	if err != nil {
		t.Fatalf("CreateUpdate: %v", err)
	}
	return got
}

func testCreateGet(t *testing.T, b backend) {
	ctx := context.Background()
	s := openFresh(t, b)
	before := time.Now().Add(-time.Second)

	in := bilingual(guildA, 1)
	in.ID, in.Version, in.Posted = 999, 7, true // ignored on create
	created := mustCreate(t, s, in)

	if created.ID <= 0 {
		t.Errorf("got id %d, want > 0", created.ID)
	}
	if created.CreatedAt.Before(before) || !created.CreatedAt.Equal(created.UpdatedAt) {
		t.Errorf("got created %v, updated %v, want equal times after %v", created.CreatedAt, created.UpdatedAt, before)
	}
	want := bilingual(guildA, 1)
	want.ID, want.Version = created.ID, 1
	want.CreatedAt, want.UpdatedAt = created.CreatedAt, created.UpdatedAt
	if diff := cmp.Diff(want, created); diff != "" {
		t.Errorf("CreateUpdate (-want +got):\n%s", diff)
	}

	got, err := s.GetUpdate(ctx, guildA, created.ID)
	if err != nil {
		t.Fatalf("GetUpdate: %v", err)
	}
	if diff := cmp.Diff(created, got); diff != "" {
		t.Errorf("GetUpdate (-want +got):\n%s", diff)
	}

	fr := store.Update{Guild: guildA, TitleFR: "Seulement en français", TextFR: "Texte"}
	onlyFR := mustCreate(t, s, fr)
	if !onlyFR.HasFR() || onlyFR.HasEN() || onlyFR.ID == created.ID {
		t.Errorf("got %+v, want a second update in French only", onlyFR)
	}
	if _, err := s.GetUpdate(ctx, guildA, onlyFR.ID+100); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("GetUpdate of a missing id: got %v, want ErrNotFound", err)
	}
}

func testListPaging(t *testing.T, b backend) {
	ctx := context.Background()
	s := openFresh(t, b)
	var ids []int64
	for i := range 25 {
		ids = append(ids, mustCreate(t, s, bilingual(guildA, i)).ID)
	}
	for i := range 3 {
		mustCreate(t, s, bilingual(guildB, i))
	}
	newestFirst := make([]int64, len(ids))
	for i, id := range ids {
		newestFirst[len(ids)-1-i] = id
	}

	tests := []struct {
		offset, limit int
		want          []int64
	}{
		{0, 10, newestFirst[:10]},
		{10, 10, newestFirst[10:20]},
		{20, 10, newestFirst[20:]},
		{25, 10, nil},
		{-5, 3, newestFirst[:3]},
		{0, 0, newestFirst[:1]},
		{0, 1000, newestFirst},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("offset=%d,limit=%d", tt.offset, tt.limit), func(t *testing.T) {
			list, total, err := s.ListUpdates(ctx, guildA, tt.offset, tt.limit)
			if err != nil {
				t.Fatal(err)
			}
			if total != 25 {
				t.Errorf("got total %d, want 25", total)
			}
			var got []int64
			for _, u := range list {
				if u.Guild != guildA {
					t.Errorf("got guild %q, want %q", u.Guild, guildA)
				}
				got = append(got, u.ID)
			}
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("ids (-want +got):\n%s", diff)
			}
		})
	}

	list, total, err := s.ListUpdates(ctx, "999", 0, 10)
	if err != nil || total != 0 || len(list) != 0 {
		t.Errorf("empty server: got %d updates, total %d, err %v; want none", len(list), total, err)
	}
}

func testGuildIsolation(t *testing.T, b backend) {
	ctx := context.Background()
	s := openFresh(t, b)
	u := mustCreate(t, s, bilingual(guildA, 1))

	other := u
	other.Guild = guildB
	other.TitleEN = "Taken over"
	checks := []struct {
		name string
		err  error
	}{
		{"GetUpdate", func() error { _, err := s.GetUpdate(ctx, guildB, u.ID); return err }()},
		{"EditUpdate", func() error { _, err := s.EditUpdate(ctx, other, modY); return err }()},
		{"MarkPosted", s.MarkPosted(ctx, guildB, u.ID, "1", "2")},
		{"MarkNotPosted", s.MarkNotPosted(ctx, guildB, u.ID, "channel-missing")},
		{"DeleteUpdate", s.DeleteUpdate(ctx, guildB, u.ID, modY)},
	}
	for _, c := range checks {
		if !errors.Is(c.err, store.ErrNotFound) {
			t.Errorf("%s from another server: got %v, want ErrNotFound", c.name, c.err)
		}
	}
	if list, total, err := s.ListUpdates(ctx, guildB, 0, 10); err != nil || total != 0 || len(list) != 0 {
		t.Errorf("other server's list: got %d, total %d, err %v; want none", len(list), total, err)
	}
	got, err := s.GetUpdate(ctx, guildA, u.ID)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(u, got); diff != "" {
		t.Errorf("update changed by another server (-want +got):\n%s", diff)
	}
	if log, err := s.Audit(ctx, guildB, 10); err != nil || len(log) != 0 {
		t.Errorf("other server's audit: got %v, err %v; want none", log, err)
	}
}

func testEditConflict(t *testing.T, b backend) {
	ctx := context.Background()
	s := openFresh(t, b)
	u := mustCreate(t, s, bilingual(guildA, 1))
	if err := s.MarkPosted(ctx, guildA, u.ID, "555", "666"); err != nil {
		t.Fatal(err)
	}

	first := u
	first.TitleEN, first.TextEN = "Rally moved", "Now at the park."
	edited, err := s.EditUpdate(ctx, first, modY)
	if err != nil {
		t.Fatalf("EditUpdate: %v", err)
	}
	if edited.Version != 2 || edited.TitleEN != "Rally moved" || edited.TitleFR != u.TitleFR {
		t.Errorf("got version %d, titles %q / %q; want 2, %q / %q",
			edited.Version, edited.TitleEN, edited.TitleFR, "Rally moved", u.TitleFR)
	}
	if !edited.Posted || edited.MessageID != "666" || !edited.CreatedAt.Equal(u.CreatedAt) {
		t.Errorf("got %+v, want delivery and creation time kept", edited)
	}
	if edited.UpdatedAt.Before(u.UpdatedAt) {
		t.Errorf("got updated %v, before %v", edited.UpdatedAt, u.UpdatedAt)
	}

	stale := u // still version 1
	stale.TextEN = "Overwrites the other moderator"
	if _, err := s.EditUpdate(ctx, stale, modX); !errors.Is(err, store.ErrConflict) {
		t.Errorf("stale edit: got %v, want ErrConflict", err)
	}
	got, err := s.GetUpdate(ctx, guildA, u.ID)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(edited, got); diff != "" {
		t.Errorf("after the refused edit (-want +got):\n%s", diff)
	}

	missing := edited
	missing.ID += 1000
	if _, err := s.EditUpdate(ctx, missing, modX); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("edit of a missing id: got %v, want ErrNotFound", err)
	}
}

func testDelete(t *testing.T, b backend) {
	ctx := context.Background()
	s := openFresh(t, b)
	keep := mustCreate(t, s, bilingual(guildA, 1))
	gone := mustCreate(t, s, bilingual(guildA, 2))

	if err := s.DeleteUpdate(ctx, guildA, gone.ID, modX); err != nil {
		t.Fatalf("DeleteUpdate: %v", err)
	}
	if _, err := s.GetUpdate(ctx, guildA, gone.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("get after delete: got %v, want ErrNotFound", err)
	}
	if err := s.DeleteUpdate(ctx, guildA, gone.ID, modX); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("second delete: got %v, want ErrNotFound", err)
	}
	if _, err := s.EditUpdate(ctx, gone, modX); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("edit after delete: got %v, want ErrNotFound", err)
	}
	list, total, err := s.ListUpdates(ctx, guildA, 0, 10)
	if err != nil || total != 1 || len(list) != 1 || list[0].ID != keep.ID {
		t.Errorf("list after delete: got %v, total %d, err %v; want only %d", list, total, err, keep.ID)
	}
	// An id is never given twice, so an old link never shows a new update.
	if next := mustCreate(t, s, bilingual(guildA, 3)); next.ID <= gone.ID {
		t.Errorf("got id %d after deleting %d, want a larger one", next.ID, gone.ID)
	}
}

func testMarkPosted(t *testing.T, b backend) {
	ctx := context.Background()
	s := openFresh(t, b)
	u := mustCreate(t, s, bilingual(guildA, 1))

	steps := []struct {
		name string
		do   func() error
		want func(u store.Update) store.Update
	}{
		{"not posted", func() error { return s.MarkNotPosted(ctx, guildA, u.ID, "missing-permission") },
			func(u store.Update) store.Update { u.PostError = "missing-permission"; return u }},
		{"posted", func() error { return s.MarkPosted(ctx, guildA, u.ID, "777", "888") },
			func(u store.Update) store.Update { u.Posted, u.ChannelID, u.MessageID = true, "777", "888"; return u }},
		{"channel deleted later", func() error { return s.MarkNotPosted(ctx, guildA, u.ID, "channel-missing") },
			func(u store.Update) store.Update { u.PostError = "channel-missing"; return u }},
	}
	for _, st := range steps {
		if err := st.do(); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		got, err := s.GetUpdate(ctx, guildA, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(st.want(u), got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", st.name, diff)
		}
	}
	if err := s.MarkPosted(ctx, guildA, u.ID+1, "1", "2"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("MarkPosted of a missing id: got %v, want ErrNotFound", err)
	}
	var fe *store.FieldError
	if err := s.MarkNotPosted(ctx, guildA, u.ID, ""); !errors.As(err, &fe) || fe.Field != "reason" {
		t.Errorf("MarkNotPosted without reason: got %v, want a FieldError on reason", err)
	}
}

func testSettings(t *testing.T, b backend) {
	ctx := context.Background()
	s := openFresh(t, b)

	got, err := s.Settings(ctx, guildA)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(store.Settings{Guild: guildA, Language: "en"}, got); diff != "" {
		t.Errorf("defaults (-want +got):\n%s", diff)
	}

	steps := []struct {
		name string
		do   func() error
		want store.Settings
	}{
		{"channel first", func() error { return s.SetUpdatesChannel(ctx, guildA, "c1", modX) },
			store.Settings{Guild: guildA, Language: "en", UpdatesChannel: "c1"}},
		{"language", func() error { return s.SetLanguage(ctx, guildA, "fr", modX) },
			store.Settings{Guild: guildA, Language: "fr", UpdatesChannel: "c1"}},
		{"role", func() error { return s.SetModeratorRole(ctx, guildA, "r1", modY) },
			store.Settings{Guild: guildA, Language: "fr", UpdatesChannel: "c1", ModeratorRole: "r1"}},
		{"both languages", func() error { return s.SetLanguage(ctx, guildA, "both", modY) },
			store.Settings{Guild: guildA, Language: "both", UpdatesChannel: "c1", ModeratorRole: "r1"}},
		{"channel cleared", func() error { return s.SetUpdatesChannel(ctx, guildA, "", modY) },
			store.Settings{Guild: guildA, Language: "both", ModeratorRole: "r1"}},
	}
	for _, st := range steps {
		if err := st.do(); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		got, err := s.Settings(ctx, guildA)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(st.want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", st.name, diff)
		}
	}

	err = s.SetLanguage(ctx, guildA, "de", modX)
	var fe *store.FieldError
	if !errors.As(err, &fe) || fe.Field != "language" || fe.Problem != store.Unknown || !errors.Is(err, store.ErrInvalid) {
		t.Errorf("SetLanguage(de): got %v, want a FieldError on language", err)
	}
	if got, _ := s.Settings(ctx, guildB); got != store.DefaultSettings(guildB) {
		t.Errorf("other server: got %+v, want defaults", got)
	}
}

func testAudit(t *testing.T, b backend) {
	ctx := context.Background()
	s := openFresh(t, b)
	start := time.Now().Add(-time.Second)

	u := mustCreate(t, s, bilingual(guildA, 1)) // modX
	if err := s.MarkPosted(ctx, guildA, u.ID, "1", "2"); err != nil {
		t.Fatal(err)
	}
	edit := u
	edit.TextEN = "Changed"
	if _, err := s.EditUpdate(ctx, edit, modY); err != nil {
		t.Fatal(err)
	}
	if err := s.SetLanguage(ctx, guildA, "fr", modY); err != nil {
		t.Fatal(err)
	}
	if err := s.SetUpdatesChannel(ctx, guildA, "c", modX); err != nil {
		t.Fatal(err)
	}
	if err := s.SetModeratorRole(ctx, guildA, "r", modX); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteUpdate(ctx, guildA, u.ID, modY); err != nil {
		t.Fatal(err)
	}
	// Reads, refused edits and delivery marks are not moderator actions.
	s.GetUpdate(ctx, guildA, u.ID)
	s.EditUpdate(ctx, edit, modX)
	mustCreate(t, s, bilingual(guildB, 2))

	log, err := s.Audit(ctx, guildA, 50)
	if err != nil {
		t.Fatal(err)
	}
	want := []store.AuditEntry{
		{Guild: guildA, ModeratorID: modY, Action: store.ActionUpdateDelete, UpdateID: u.ID},
		{Guild: guildA, ModeratorID: modX, Action: store.ActionConfigRole},
		{Guild: guildA, ModeratorID: modX, Action: store.ActionConfigChannel},
		{Guild: guildA, ModeratorID: modY, Action: store.ActionConfigLanguage},
		{Guild: guildA, ModeratorID: modY, Action: store.ActionUpdateEdit, UpdateID: u.ID},
		{Guild: guildA, ModeratorID: modX, Action: store.ActionUpdatePost, UpdateID: u.ID},
	}
	if diff := cmp.Diff(want, log, cmpopts.IgnoreFields(store.AuditEntry{}, "At")); diff != "" {
		t.Errorf("audit (-want +got):\n%s", diff)
	}
	for _, a := range log {
		if a.At.Before(start) || a.At.After(time.Now().Add(time.Second)) {
			t.Errorf("%s at %v, want the time of the action", a.Action, a.At)
		}
	}
	if log, err := s.Audit(ctx, guildA, 2); err != nil || len(log) != 2 || log[0].Action != store.ActionUpdateDelete {
		t.Errorf("Audit limit 2: got %v, err %v; want the 2 latest", log, err)
	}
}

func testValidation(t *testing.T, b backend) {
	ctx := context.Background()
	s := openFresh(t, b)
	long := func(n int) string { return strings.Repeat("é", n) }

	tests := []struct {
		name   string
		change func(u *store.Update)
		want   *store.FieldError // nil: accepted
	}{
		{"bilingual", func(u *store.Update) {}, nil},
		{"title at the limit, counted in characters", func(u *store.Update) { u.TitleFR = long(256) }, nil},
		{"text at the limit", func(u *store.Update) { u.TextEN = long(4000) }, nil},
		{"English only", func(u *store.Update) { u.TitleFR, u.TextFR = "", "" }, nil},
		{"title too long", func(u *store.Update) { u.TitleFR = long(257) },
			&store.FieldError{Field: "title_fr", Problem: store.TooLong, Length: 257, Max: 256}},
		{"text too long", func(u *store.Update) { u.TextEN = long(4001) },
			&store.FieldError{Field: "text_en", Problem: store.TooLong, Length: 4001, Max: 4000}},
		{"no language", func(u *store.Update) { *u = store.Update{Guild: guildA} },
			&store.FieldError{Field: "title_en", Problem: store.Missing, Max: 256}},
		{"blank counts as missing", func(u *store.Update) { u.TitleFR, u.TextFR, u.TitleEN, u.TextEN = " ", "\n", "", "" },
			&store.FieldError{Field: "title_en", Problem: store.Missing, Max: 256}},
		{"title without text", func(u *store.Update) { u.TextFR = "" },
			&store.FieldError{Field: "text_fr", Problem: store.Missing, Max: 4000}},
		{"text without title", func(u *store.Update) { u.TitleEN = "" },
			&store.FieldError{Field: "title_en", Problem: store.Missing, Max: 256}},
		{"no server", func(u *store.Update) { u.Guild = "" },
			&store.FieldError{Field: "guild", Problem: store.Missing, Max: 100}},
	}
	base := mustCreate(t, s, bilingual(guildA, 0))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := bilingual(guildA, 1)
			tt.change(&u)
			_, errCreate := s.CreateUpdate(ctx, u, modX)
			u.ID, u.Version = base.ID, base.Version
			_, errEdit := s.EditUpdate(ctx, u, modX)
			if errEdit == nil {
				// Keep base editable for the next case.
				base, _ = s.GetUpdate(ctx, guildA, base.ID)
			}
			for name, err := range map[string]error{"CreateUpdate": errCreate, "EditUpdate": errEdit} {
				if tt.want == nil {
					if err != nil {
						t.Errorf("%s: got %v, want no error", name, err)
					}
					continue
				}
				var fe *store.FieldError
				if !errors.As(err, &fe) || !errors.Is(err, store.ErrInvalid) {
					t.Fatalf("%s: got %v, want a FieldError", name, err)
				}
				if diff := cmp.Diff(tt.want, fe); diff != "" {
					t.Errorf("%s (-want +got):\n%s", name, diff)
				}
			}
		})
	}
	accepted := 1
	for _, tt := range tests {
		if tt.want == nil {
			accepted++
		}
	}
	if _, total, _ := s.ListUpdates(ctx, guildA, 0, 1); total != accepted {
		t.Errorf("got %d updates stored, want %d: refused ones must not be stored", total, accepted)
	}
	if _, err := s.CreateUpdate(ctx, bilingual(guildA, 1), ""); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("CreateUpdate without moderator: got %v, want ErrInvalid", err)
	}
}

func testMigrateTwice(t *testing.T, b backend) {
	ctx := context.Background()
	target := b.fresh(t)

	// Two stores migrating the same new database at once.
	s1, err := b.open(ctx, target)
	if err != nil {
		t.Fatal(err)
	}
	defer s1.Close()
	s2, err := b.open(ctx, target)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if v, err := s1.SchemaVersion(ctx); err != nil || v != 0 {
		t.Errorf("new database: got version %d, err %v; want 0", v, err)
	}
	errs := make(chan error, 2)
	for _, s := range []*store.Store{s1, s2} {
		go func() { errs <- s.Migrate(ctx) }()
	}
	for range 2 {
		if err := <-errs; err != nil {
			t.Fatalf("concurrent Migrate: %v", err)
		}
	}

	u := mustCreate(t, s1, bilingual(guildA, 1))
	for range 2 {
		if err := s2.Migrate(ctx); err != nil {
			t.Fatalf("Migrate again: %v", err)
		}
	}
	if v, err := s2.SchemaVersion(ctx); err != nil || v != 1 {
		t.Errorf("got version %d, err %v; want 1", v, err)
	}
	if got, err := s2.GetUpdate(ctx, guildA, u.ID); err != nil || got.TitleEN != u.TitleEN {
		t.Errorf("after migrating again: got %+v, %v; want the update kept", got, err)
	}
}
