package main

import (
	"crypto/ed25519"
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestServeConfiguration(t *testing.T) {
	key := strings.Repeat("ab", ed25519.PublicKeySize)
	base := map[string]string{"DISCORD_PUBLIC_KEY": key, "DISCORD_APPLICATION_ID": "100000000000000001",
		"SANCTUAIRE_DATA": filepath.Join(t.TempDir(), "sanctuaire.db")}
	with := func(k, v string) map[string]string {
		m := map[string]string{}
		for k, v := range base {
			m[k] = v
		}
		m[k] = v
		return m
	}
	tests := []struct {
		name     string
		env      map[string]string
		args     []string
		wantCode int
		wantErr  string
	}{
		{"no public key", with("DISCORD_PUBLIC_KEY", ""), nil, 1, "serve: DISCORD_PUBLIC_KEY is not set"},
		{"public key not hex", with("DISCORD_PUBLIC_KEY", "not-a-key"), nil, 1,
			"serve: DISCORD_PUBLIC_KEY: not hexadecimal (the application's public key: 64 hexadecimal digits)"},
		{"public key too short", with("DISCORD_PUBLIC_KEY", key[:60]), nil, 1, "serve: DISCORD_PUBLIC_KEY: 30 bytes, want 32"},
		{"no application", with("DISCORD_APPLICATION_ID", " "), nil, 1, "serve: DISCORD_APPLICATION_ID is not set"},
		{"application not an ID", with("DISCORD_APPLICATION_ID", "my-bot"), nil, 1,
			"serve: DISCORD_APPLICATION_ID: not a Discord ID (digits only)"},
		{"bad API URL", with("DISCORD_API_URL", "ftp://example"), nil, 1, "DISCORD_API_URL: not an http(s) base URL"},
		{"unknown flag", base, []string{"--port", "80"}, 2, "serve: flag provided but not defined: -port"},
		{"extra argument", base, []string{"now"}, 2, serveUsage},
		{"bad log format", base, []string{"--log-format", "xml"}, 2, "serve: log format"},
		{"address taken or invalid", base, []string{"--addr", "127.0.0.1:99999"}, 1, "serve: listen tcp"},
		{"a SQLite file and PostgreSQL", with("DATABASE_URL", "postgres://127.0.0.1:1/x"), []string{"--data", "x.db"}, 2, "DATABASE_URL selects PostgreSQL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := call(t, tt.env, append([]string{"serve"}, tt.args...)...)
			if code != tt.wantCode {
				t.Errorf("got exit code %d, want %d", code, tt.wantCode)
			}
			if !strings.Contains(stderr, tt.wantErr) {
				t.Errorf("got stderr %q, want %q in it", stderr, tt.wantErr)
			}
			if strings.Contains(stderr, key) {
				t.Errorf("stderr repeats the key: %q", stderr)
			}
		})
	}
}

var listeningAddr = regexp.MustCompile(`event=listening addr=(127\.0\.0\.1:[0-9]+)`)

// TestServeEndToEnd runs `sanctuaire serve` as main does, sends it signed
// requests over loopback, then stops it as SIGTERM does: it exits 0.
func TestServeEndToEnd(t *testing.T) {
	s := startServe(t, nil)
	base, fake := s.base, s.fake
	post := func(body string, sign bool) (int, string) {
		t.Helper()
		return s.post(t, body, sign)
	}

	resp, err := http.Get(base + "/healthz")
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("healthz: %v %v", resp, err)
	}
	resp.Body.Close()
	if code, body := post(`{"type":1,"application_id":"`+fake.AppID+`"}`, true); code != http.StatusOK || body != `{"type":1}` {
		t.Errorf("ping: got %d %q, want 200 {\"type\":1}", code, body)
	}
	about := `{"type":2,"id":"1","application_id":"` + fake.AppID + `","token":"t","locale":"fr",` +
		`"data":{"id":"2","name":"about","type":1}}`
	if code, _ := post(about, false); code != http.StatusUnauthorized {
		t.Errorf("bad signature: got %d, want 401", code)
	}
	code, body := post(about, true)
	var answer struct {
		Type int `json:"type"`
		Data struct {
			Flags  int `json:"flags"`
			Embeds []struct {
				Title string `json:"title"`
			} `json:"embeds"`
		} `json:"data"`
	}
	if err := json.Unmarshal([]byte(body), &answer); err != nil || code != http.StatusOK {
		t.Fatalf("about: got %d %q", code, body)
	}
	if answer.Type != 4 || answer.Data.Flags&64 == 0 || len(answer.Data.Embeds) == 0 || !strings.Contains(answer.Data.Embeds[0].Title, "propos") {
		t.Errorf("about: got %s, want an ephemeral answer in French", body)
	}

	if err := s.wait(); exitCode(err, io.Discard) != 0 {
		t.Errorf("serve stopped with %v (exit %d), want exit 0", err, exitCode(err, io.Discard))
	}
	if !strings.Contains(s.stderr.String(), "event=stopped") {
		t.Errorf("stderr lacks the stop line:\n%s", s.stderr)
	}
}
