package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// pgDB shares one PostgreSQL database between processes. Transactions run
// at READ COMMITTED: every write is a single guarded statement (the version
// check of EditUpdate is in its WHERE clause), so no anomaly can lose or
// duplicate an update.
type pgDB struct {
	pool *pgxpool.Pool
}

// OpenPostgres connects to the PostgreSQL database at url
// ("postgres://user@host:5432/db?sslmode=disable"); a search_path parameter in
// the URL selects the schema. Call Migrate before use.
func OpenPostgres(ctx context.Context, url string) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		// The parse error may quote the URL, password included.
		return nil, errors.New("open postgres: invalid database URL")
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	pingCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := pool.Ping(pingCtx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	return newStore(&pgDB{pool: pool}, "postgres"), nil
}

func (d *pgDB) close() error {
	d.pool.Close()
	return nil
}

// write retries transactions PostgreSQL aborted to break a deadlock or a
// serialization failure; both are safe to run again from the start.
func (d *pgDB) write(ctx context.Context, fn func(q querier) error) error {
	for attempt := 1; ; attempt++ {
		err := d.tx(ctx, pgx.TxOptions{}, fn)
		if !isRetryable(err) || attempt == 5 {
			return err
		}
	}
}

func (d *pgDB) read(ctx context.Context, fn func(q querier) error) error {
	// REPEATABLE READ gives the count and the page of ListUpdates one snapshot.
	return d.tx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, fn)
}

func (d *pgDB) tx(ctx context.Context, opts pgx.TxOptions, fn func(q querier) error) error {
	tx, err := d.pool.BeginTx(ctx, opts)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	if err := fn(pgTx{tx}); err != nil {
		tx.Rollback(ctx)
		return err
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

func isRetryable(err error) bool {
	var e *pgconn.PgError
	if !errors.As(err, &e) {
		return false
	}
	// serialization_failure, deadlock_detected
	return e.Code == "40001" || e.Code == "40P01"
}

// pgTx adapts a pgx transaction to querier.
type pgTx struct{ tx pgx.Tx }

func (t pgTx) exec(ctx context.Context, query string, args ...any) (int64, error) {
	tag, err := t.tx.Exec(ctx, query, args...)
	if err != nil {
		return 0, err
	}
	return tag.RowsAffected(), nil
}

func (t pgTx) queryRow(ctx context.Context, query string, args ...any) row {
	return t.tx.QueryRow(ctx, query, args...)
}

func (t pgTx) query(ctx context.Context, query string, args ...any) (rows, error) {
	return t.tx.Query(ctx, query, args...)
}
