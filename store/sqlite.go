package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"runtime"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// SQLite settings, chosen for an update that must survive kill -9 and power
// loss:
//   - WAL lets readers work while one connection writes.
//   - synchronous=FULL syncs the WAL at every commit. NORMAL would survive a
//     killed process (committed pages sit in the OS cache) but can lose the
//     last commits on power loss or an OS crash, after the moderator was told
//     the update was saved. One fsync per write is cheap at moderator scale.
//   - busy_timeout makes a writer wait for another process's write instead
//     of failing at once; BEGIN IMMEDIATE (_txlock) takes the write lock at
//     the start of a transaction, so two writers never deadlock upgrading a
//     read lock.
//   - foreign_keys for any reference a later migration adds.
var sqlitePragmas = []string{
	"busy_timeout(10000)",
	"journal_mode(WAL)",
	"synchronous(FULL)",
	"foreign_keys(ON)",
}

// sqliteDB writes through a single connection, which serialises this
// process's writers without waiting on SQLite's lock, and reads through a
// pool.
type sqliteDB struct {
	writer *sql.DB
	reader *sql.DB
}

// OpenSQLite opens (creating it if needed) the SQLite database at path. Call
// Migrate before use.
func OpenSQLite(ctx context.Context, path string) (*Store, error) {
	w, err := openSQLitePool(ctx, path, "immediate", 1)
	if err != nil {
		return nil, err
	}
	r, err := openSQLitePool(ctx, path, "deferred", max(4, runtime.GOMAXPROCS(0)))
	if err != nil {
		w.Close()
		return nil, err
	}
	return newStore(&sqliteDB{writer: w, reader: r}, "sqlite"), nil
}

func openSQLitePool(ctx context.Context, path, txlock string, conns int) (*sql.DB, error) {
	q := url.Values{}
	for _, p := range sqlitePragmas {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", txlock)
	// Times are stored as integers (microseconds since 1970, UTC): compact,
	// ordered and exact.
	q.Set("_time_integer_format", "unix_micro")
	q.Set("_inttotime", "1")
	dsn := "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	db.SetMaxOpenConns(conns)
	db.SetMaxIdleConns(conns)
	db.SetConnMaxIdleTime(0)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	return db, nil
}

func (d *sqliteDB) close() error {
	return errors.Join(d.writer.Close(), d.reader.Close())
}

// write retries a transaction that SQLite refused as busy, which
// busy_timeout makes rare (another process holding the lock for seconds, or
// a checkpoint).
func (d *sqliteDB) write(ctx context.Context, fn func(q querier) error) error {
	wait := 20 * time.Millisecond
	for attempt := 1; ; attempt++ {
		err := sqliteTx(ctx, d.writer, nil, fn)
		if !isBusy(err) || attempt == 5 {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(wait):
		}
		wait *= 2
	}
}

func (d *sqliteDB) read(ctx context.Context, fn func(q querier) error) error {
	return sqliteTx(ctx, d.reader, &sql.TxOptions{ReadOnly: true}, fn)
}

func sqliteTx(ctx context.Context, db *sql.DB, opts *sql.TxOptions, fn func(q querier) error) error {
	tx, err := db.BeginTx(ctx, opts)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	if err := fn(sqlTx{tx}); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

func isBusy(err error) bool {
	var e *sqlite.Error
	if !errors.As(err, &e) {
		return false
	}
	code := e.Code() & 0xff
	return code == sqlite3.SQLITE_BUSY || code == sqlite3.SQLITE_LOCKED
}

func isNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }

// sqlTx adapts a database/sql transaction to querier.
type sqlTx struct{ tx *sql.Tx }

func (t sqlTx) exec(ctx context.Context, query string, args ...any) (int64, error) {
	res, err := t.tx.ExecContext(ctx, query, args...)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

func (t sqlTx) queryRow(ctx context.Context, query string, args ...any) row {
	return t.tx.QueryRowContext(ctx, query, args...)
}

func (t sqlTx) query(ctx context.Context, query string, args ...any) (rows, error) {
	rs, err := t.tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	return sqlRows{rs}, nil
}

type sqlRows struct{ *sql.Rows }

func (r sqlRows) Close() { r.Rows.Close() }
