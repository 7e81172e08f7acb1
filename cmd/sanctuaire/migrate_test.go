package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sanctuaire/store"
)

func TestMigrate(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	flagPath := filepath.Join(dir, "flag.db")
	envPath := filepath.Join(dir, "env.db")

	tests := []struct {
		name     string
		env      map[string]string
		args     []string
		wantCode int
		wantOut  string
		wantErr  string
		wantFile string // created and migrated
	}{
		{name: "--data", args: []string{"migrate", "--data", flagPath},
			wantOut: "sqlite " + flagPath + ": schema version 1\n", wantFile: flagPath},
		{name: "again, nothing to do", args: []string{"migrate", "--data", flagPath},
			wantOut: "sqlite " + flagPath + ": schema version 1\n", wantFile: flagPath},
		{name: "SANCTUAIRE_DATA", env: map[string]string{"SANCTUAIRE_DATA": envPath}, args: []string{"migrate"},
			wantOut: "sqlite " + envPath + ": schema version 1\n", wantFile: envPath},
		{name: "--data over SANCTUAIRE_DATA", env: map[string]string{"SANCTUAIRE_DATA": envPath},
			args:    []string{"migrate", "--data=" + flagPath},
			wantOut: "sqlite " + flagPath + ": schema version 1\n", wantFile: flagPath},
		{name: "default file", args: []string{"migrate"},
			wantOut: "sqlite sanctuaire.db: schema version 1\n", wantFile: filepath.Join(dir, "sanctuaire.db")},
		{name: "unknown flag", args: []string{"migrate", "--force"}, wantCode: 2, wantErr: "usage: sanctuaire migrate"},
		{name: "extra argument", args: []string{"migrate", "now"}, wantCode: 2, wantErr: "usage: sanctuaire migrate"},
		{name: "--data with DATABASE_URL", env: map[string]string{"DATABASE_URL": "postgres://127.0.0.1:1/x"},
			args: []string{"migrate", "--data", flagPath}, wantCode: 2, wantErr: "DATABASE_URL selects PostgreSQL"},
		{name: "folder missing", args: []string{"migrate", "--data", filepath.Join(dir, "none", "x.db")},
			wantCode: 1, wantErr: "open sqlite"},
		{name: "PostgreSQL unreachable, password kept out", args: []string{"migrate"},
			env:      map[string]string{"DATABASE_URL": "postgres://u:hunter2@127.0.0.1:1/x?connect_timeout=2"},
			wantCode: 1, wantErr: "open postgres"},
		{name: "invalid DATABASE_URL", args: []string{"migrate"},
			env:      map[string]string{"DATABASE_URL": "postgres://u:hunter2@[::1/x"},
			wantCode: 1, wantErr: "invalid database URL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := call(t, tt.env, tt.args...)
			if code != tt.wantCode {
				t.Errorf("got exit code %d, want %d (stderr %q)", code, tt.wantCode, errOut)
			}
			if out != tt.wantOut {
				t.Errorf("got stdout %q, want %q", out, tt.wantOut)
			}
			if !strings.Contains(errOut, tt.wantErr) || strings.Contains(errOut, "hunter2") {
				t.Errorf("got stderr %q, want it to contain %q and no password", errOut, tt.wantErr)
			}
			if tt.wantFile == "" {
				return
			}
			s, err := store.OpenSQLite(context.Background(), tt.wantFile)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if v, err := s.SchemaVersion(context.Background()); err != nil || v != 1 {
				t.Errorf("%s: got schema version %d, err %v; want 1", tt.wantFile, v, err)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "none")); !os.IsNotExist(err) {
		t.Errorf("migrate created a folder: %v", err)
	}
}
