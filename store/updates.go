package store

import (
	"context"
	"fmt"
	"time"
)

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
