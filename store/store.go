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

const updateColumns = `id, guild, title_fr, title_en, text_fr, text_en, channel_id, message_id,
	posted, post_error, created_at, updated_at, version`

func scanUpdate(r row) (Update, error) {
	var u Update
	err := r.Scan(&u.ID, &u.Guild, &u.TitleFR, &u.TitleEN, &u.TextFR, &u.TextEN,
		&u.ChannelID, &u.MessageID, &u.Posted, &u.PostError, &u.CreatedAt, &u.UpdatedAt, &u.Version)
	u.CreatedAt = u.CreatedAt.UTC()
	u.UpdatedAt = u.UpdatedAt.UTC()
	return u, err
}

// CreateUpdate stores a new update and its audit entry in one transaction.
// The ID, times, version and delivery fields of u are ignored; the stored
// update is returned.
func (s *Store) CreateUpdate(ctx context.Context, u Update, moderatorID string) (Update, error) {
	out, err := s.saveUpdate(ctx, u, moderatorID, ActionUpdatePost, func(q querier, now time.Time) (Update, error) {
		return scanUpdate(q.queryRow(ctx, `INSERT INTO updates
			(guild, title_fr, title_en, text_fr, text_en, created_at, updated_at, version)
			VALUES ($1, $2, $3, $4, $5, $6, $6, 1)
			RETURNING `+updateColumns,
			u.Guild, u.TitleFR, u.TitleEN, u.TextFR, u.TextEN, now))
	})
	if err != nil {
		return Update{}, fmt.Errorf("create update: %w", err)
	}
	return out, nil
}

// saveUpdate checks u, then runs save and records action in one transaction.
func (s *Store) saveUpdate(ctx context.Context, u Update, moderatorID, action string,
	save func(q querier, now time.Time) (Update, error)) (Update, error) {
	if err := Validate(u); err != nil {
		return Update{}, err
	}
	if err := checkID("moderator", moderatorID); err != nil {
		return Update{}, err
	}
	var out Update
	err := s.db.write(ctx, func(q querier) error {
		now := s.now()
		var err error
		if out, err = save(q, now); err != nil {
			return err
		}
		return audit(ctx, q, u.Guild, moderatorID, action, out.ID, now)
	})
	return out, err
}

// GetUpdate returns one of a server's updates, or ErrNotFound.
func (s *Store) GetUpdate(ctx context.Context, guild string, id int64) (Update, error) {
	var u Update
	err := s.db.read(ctx, func(q querier) error {
		var err error
		u, err = scanUpdate(q.queryRow(ctx, `SELECT `+updateColumns+`
			FROM updates WHERE guild = $1 AND id = $2`, guild, id))
		return err
	})
	if isNoRows(err) {
		return Update{}, ErrNotFound
	}
	if err != nil {
		return Update{}, fmt.Errorf("get update: %w", err)
	}
	return u, nil
}

// MaxList is the most updates ListUpdates returns at once.
const MaxList = 100

// ListUpdates returns a page of a server's updates, newest first, and how
// many the server has in all. limit is clamped to 1..MaxList.
func (s *Store) ListUpdates(ctx context.Context, guild string, offset, limit int) ([]Update, int, error) {
	offset = max(offset, 0)
	limit = min(max(limit, 1), MaxList)
	var (
		list  []Update
		total int
	)
	err := s.db.read(ctx, func(q querier) error {
		list = list[:0]
		if err := q.queryRow(ctx, `SELECT count(*) FROM updates WHERE guild = $1`, guild).Scan(&total); err != nil {
			return fmt.Errorf("count: %w", err)
		}
		rs, err := q.query(ctx, `SELECT `+updateColumns+` FROM updates
			WHERE guild = $1 ORDER BY id DESC LIMIT $2 OFFSET $3`, guild, limit, offset)
		if err != nil {
			return err
		}
		defer rs.Close()
		for rs.Next() {
			u, err := scanUpdate(rs)
			if err != nil {
				return err
			}
			list = append(list, u)
		}
		return rs.Err()
	})
	if err != nil {
		return nil, 0, fmt.Errorf("list updates: %w", err)
	}
	return list, total, nil
}

// EditUpdate replaces the title and text of u.ID in u.Guild, provided its
// version is still u.Version; otherwise ErrConflict. The new version is
// returned. Delivery fields are kept as they are.
func (s *Store) EditUpdate(ctx context.Context, u Update, moderatorID string) (Update, error) {
	out, err := s.saveUpdate(ctx, u, moderatorID, ActionUpdateEdit, func(q querier, now time.Time) (Update, error) {
		out, err := scanUpdate(q.queryRow(ctx, `UPDATE updates
			SET title_fr = $1, title_en = $2, text_fr = $3, text_en = $4,
				updated_at = $5, version = version + 1
			WHERE guild = $6 AND id = $7 AND version = $8
			RETURNING `+updateColumns,
			u.TitleFR, u.TitleEN, u.TextFR, u.TextEN, now, u.Guild, u.ID, u.Version))
		if isNoRows(err) {
			return Update{}, missingOrChanged(ctx, q, u.Guild, u.ID)
		}
		return out, err
	})
	if err != nil {
		return Update{}, fmt.Errorf("edit update: %w", err)
	}
	return out, nil
}

// missingOrChanged tells why an update guarded by guild, id and version was
// not changed.
func missingOrChanged(ctx context.Context, q querier, guild string, id int64) error {
	var n int
	if err := q.queryRow(ctx, `SELECT count(*) FROM updates WHERE guild = $1 AND id = $2`, guild, id).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return ErrNotFound
	}
	return ErrConflict
}

// DeleteUpdate removes one of a server's updates, or returns ErrNotFound.
// Its audit entries remain.
func (s *Store) DeleteUpdate(ctx context.Context, guild string, id int64, moderatorID string) error {
	if err := checkID("moderator", moderatorID); err != nil {
		return err
	}
	err := s.db.write(ctx, func(q querier) error {
		n, err := q.exec(ctx, `DELETE FROM updates WHERE guild = $1 AND id = $2`, guild, id)
		if err != nil {
			return err
		}
		if n == 0 {
			return ErrNotFound
		}
		return audit(ctx, q, guild, moderatorID, ActionUpdateDelete, id, s.now())
	})
	if err != nil {
		return fmt.Errorf("delete update: %w", err)
	}
	return nil
}

// MarkPosted records where an update was posted and clears any earlier
// delivery error.
func (s *Store) MarkPosted(ctx context.Context, guild string, id int64, channelID, messageID string) error {
	if err := checkID("channel", channelID); err != nil {
		return err
	}
	if err := checkID("message", messageID); err != nil {
		return err
	}
	return s.setDelivery(ctx, guild, id, true, channelID, messageID, "")
}

// MarkNotPosted records why an update could not be posted
// ("channel-missing", "missing-permission", ...).
func (s *Store) MarkNotPosted(ctx context.Context, guild string, id int64, reason string) error {
	if err := checkID("reason", reason); err != nil {
		return err
	}
	return s.setDelivery(ctx, guild, id, false, "", "", reason)
}

func (s *Store) setDelivery(ctx context.Context, guild string, id int64, posted bool, channelID, messageID, reason string) error {
	err := s.db.write(ctx, func(q querier) error {
		n, err := q.exec(ctx, `UPDATE updates SET posted = $1, channel_id = $2, message_id = $3, post_error = $4
			WHERE guild = $5 AND id = $6`, posted, channelID, messageID, reason, guild, id)
		if err == nil && n == 0 {
			return ErrNotFound
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("mark update: %w", err)
	}
	return nil
}

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
