// Package store keeps what moderators create: bilingual updates, each
// server's settings and an audit log of moderator actions. Members are never
// stored.
//
// Two databases hold the same schema behind the same methods: SQLite, the
// embedded default (OpenSQLite), and PostgreSQL for several processes sharing
// one state (OpenPostgres). Every write that a caller is told succeeded has been
// committed durably.
package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Languages a server may choose as its default.
const (
	LanguageEN   = "en"
	LanguageFR   = "fr"
	LanguageBoth = "both"
)

// Audit actions.
const (
	ActionUpdatePost     = "update.post"
	ActionUpdateEdit     = "update.edit"
	ActionUpdateDelete   = "update.delete"
	ActionConfigLanguage = "config.language"
	ActionConfigChannel  = "config.channel"
	ActionConfigRole     = "config.role"
)

// Length limits, in characters, of an update's fields in each language.
const (
	MaxTitle = 256
	MaxText  = 4000
	// maxID bounds Discord snowflakes and reasons, which are short; it keeps a
	// bad caller from storing an unbounded string.
	maxID = 100
)

var (
	// ErrNotFound: no such update in this server.
	ErrNotFound = errors.New("not found")
	// ErrConflict: the update changed since the version the caller read.
	ErrConflict = errors.New("update changed since it was read")
	// ErrInvalid: a value breaks a rule; the error is a *FieldError.
	ErrInvalid = errors.New("invalid value")
)

// Problem says what is wrong with a field.
type Problem int

const (
	TooLong Problem = iota + 1 // longer than Max
	Missing                    // empty where a value is required
	Unknown                    // not one of the accepted values
)

// FieldError names the field that breaks a rule. errors.Is(err, ErrInvalid)
// holds for it.
type FieldError struct {
	Field   string // "title_fr", "text_en", "language", ...
	Problem Problem
	Length  int // characters given
	Max     int // characters allowed, for TooLong
}

func (e *FieldError) Error() string {
	switch e.Problem {
	case TooLong:
		return fmt.Sprintf("%s: %d characters, at most %d", e.Field, e.Length, e.Max)
	case Missing:
		return e.Field + ": required"
	default:
		return e.Field + ": unknown value"
	}
}

// Is makes errors.Is(err, ErrInvalid) true.
func (e *FieldError) Is(target error) bool { return target == ErrInvalid }

// Update is news posted by a server's moderators, in French, English or both.
type Update struct {
	ID      int64
	Guild   string
	TitleFR string
	TitleEN string
	TextFR  string
	TextEN  string

	ChannelID string // where it was posted
	MessageID string
	Posted    bool
	PostError string // why it was not posted: "channel-missing", "missing-permission", ...

	CreatedAt time.Time
	UpdatedAt time.Time // last change of the content
	// Version counts changes of the content; EditUpdate requires the version
	// the moderator read. Marking it posted or not does not change it.
	Version int
}

// HasFR reports whether the update has a French title and text.
func (u Update) HasFR() bool { return hasText(u.TitleFR) && hasText(u.TextFR) }

// HasEN reports whether the update has an English title and text.
func (u Update) HasEN() bool { return hasText(u.TitleEN) && hasText(u.TextEN) }

// Settings are one server's choices. A server that never chose gets
// DefaultSettings.
type Settings struct {
	Guild          string
	Language       string // LanguageEN, LanguageFR or LanguageBoth
	UpdatesChannel string // empty: the channel where the command was used
	ModeratorRole  string // empty: only Manage Server or Administrator
}

// DefaultSettings are a server's settings before a moderator changes them.
func DefaultSettings(guild string) Settings {
	return Settings{Guild: guild, Language: LanguageEN}
}

// AuditEntry is one moderator action.
type AuditEntry struct {
	Guild       string
	ModeratorID string
	Action      string
	UpdateID    int64 // 0 when the action is not about an update
	At          time.Time
}

// Validate checks an update's content: at least one language with both title
// and text, no half-filled language, and the length limits.
func Validate(u Update) error {
	if err := checkID("guild", u.Guild); err != nil {
		return err
	}
	fields := []struct {
		name string
		val  string
		max  int
	}{
		{"title_fr", u.TitleFR, MaxTitle},
		{"text_fr", u.TextFR, MaxText},
		{"title_en", u.TitleEN, MaxTitle},
		{"text_en", u.TextEN, MaxText},
	}
	for _, f := range fields {
		if n := utf8.RuneCountInString(f.val); n > f.max {
			return &FieldError{Field: f.name, Problem: TooLong, Length: n, Max: f.max}
		}
	}
	// A language with a title and no text (or the reverse) is a mistake,
	// not a choice to write in one language only.
	for i := 0; i < len(fields); i += 2 {
		title, text := fields[i], fields[i+1]
		switch {
		case hasText(title.val) && !hasText(text.val):
			return &FieldError{Field: text.name, Problem: Missing, Max: text.max}
		case !hasText(title.val) && hasText(text.val):
			return &FieldError{Field: title.name, Problem: Missing, Max: title.max}
		}
	}
	if !u.HasFR() && !u.HasEN() {
		return &FieldError{Field: "title_en", Problem: Missing, Max: MaxTitle}
	}
	return nil
}

func hasText(s string) bool { return strings.TrimSpace(s) != "" }

func checkID(field, v string) error {
	if v == "" {
		return &FieldError{Field: field, Problem: Missing, Max: maxID}
	}
	return checkLen(field, v)
}

func checkLen(field, v string) error {
	if n := utf8.RuneCountInString(v); n > maxID {
		return &FieldError{Field: field, Problem: TooLong, Length: n, Max: maxID}
	}
	return nil
}

// Store holds updates, settings and the audit log in SQLite or PostgreSQL.
// It is safe for concurrent use, and several Stores (in one process or many)
// may share one database.
type Store struct {
	db      db
	dialect string // "sqlite" or "postgres": the migrations to apply
	now     func() time.Time
	cache   settingsCache
}

// db is what the two databases offer the Store.
type db interface {
	// write runs fn in a read-write transaction and commits it; fn may be run
	// again from the start when the database asks to retry.
	write(ctx context.Context, fn func(q querier) error) error
	// read runs fn in a read-only transaction, for a consistent view.
	read(ctx context.Context, fn func(q querier) error) error
	close() error
}

// querier runs statements. Queries use $1, $2... placeholders, which both
// databases accept.
type querier interface {
	exec(ctx context.Context, sql string, args ...any) (affected int64, err error)
	queryRow(ctx context.Context, sql string, args ...any) row
	query(ctx context.Context, sql string, args ...any) (rows, error)
}

type row interface {
	Scan(dest ...any) error
}

type rows interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
	Close()
}

func newStore(d db, dialect string) *Store {
	return &Store{db: d, dialect: dialect, now: func() time.Time {
		// PostgreSQL keeps microseconds; both databases return the same value.
		return time.Now().UTC().Truncate(time.Microsecond)
	}}
}

// Close releases the database.
func (s *Store) Close() error { return s.db.close() }

func audit(ctx context.Context, q querier, guild, moderatorID, action string, updateID int64, at time.Time) error {
	_, err := q.exec(ctx, `INSERT INTO audit (guild, moderator_id, action, update_id, at)
		VALUES ($1, $2, $3, $4, $5)`, guild, moderatorID, action, updateID, at)
	if err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	return nil
}

// Audit returns a server's latest moderator actions, newest first, at most
// limit (clamped to 1..MaxList).
func (s *Store) Audit(ctx context.Context, guild string, limit int) ([]AuditEntry, error) {
	limit = min(max(limit, 1), MaxList)
	var list []AuditEntry
	err := s.db.read(ctx, func(q querier) error {
		list = list[:0]
		rs, err := q.query(ctx, `SELECT guild, moderator_id, action, update_id, at FROM audit
			WHERE guild = $1 ORDER BY id DESC LIMIT $2`, guild, limit)
		if err != nil {
			return err
		}
		defer rs.Close()
		for rs.Next() {
			var a AuditEntry
			if err := rs.Scan(&a.Guild, &a.ModeratorID, &a.Action, &a.UpdateID, &a.At); err != nil {
				return err
			}
			a.At = a.At.UTC()
			list = append(list, a)
		}
		return rs.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("audit log: %w", err)
	}
	return list, nil
}
