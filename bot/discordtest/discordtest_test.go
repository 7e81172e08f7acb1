package discordtest

import (
	"bytes"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"
	"time"
)

func do(t *testing.T, method, url, contentType string, body []byte) *http.Response {
	t.Helper()
	req, err := http.NewRequest(method, url, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp
}

func TestRESTRecordsAndFails(t *testing.T) {
	s := New(Options{})
	defer s.Close()
	api := s.URL() + "/api/v9"
	s.Fail(KindCallback, 1, Fault{Status: http.StatusTooManyRequests, RetryAfter: 0.5})
	s.SetChannelStatus("9", http.StatusForbidden)

	var mp bytes.Buffer
	w := multipart.NewWriter(&mp)
	_ = w.WriteField("payload_json", `{"type":4,"data":{"content":"hi"}}`)
	fw, _ := w.CreateFormFile("files[0]", "chart.png")
	_, _ = fw.Write([]byte("PNG"))
	w.Close()

	tests := []struct {
		name, method, path, contentType string
		body                            []byte
		wantStatus                      int
		wantKind                        string
	}{
		{"rate limited callback", "POST", "/interactions/1/tok/callback", "application/json", []byte(`{"type":4}`), 429, KindCallback},
		{"multipart callback", "POST", "/interactions/1/tok/callback", w.FormDataContentType(), mp.Bytes(), 204, KindCallback},
		{"guild commands", "PUT", "/applications/5/guilds/7/commands", "application/json", []byte(`[{"name":"a"}]`), 200, KindCommands},
		{"edit original", "PATCH", "/webhooks/5/tok/messages/@original", "application/json", []byte(`{"content":"x"}`), 200, KindEdit},
		{"follow-up", "POST", "/webhooks/5/tok", "application/json", []byte(`{"content":"x"}`), 200, KindFollowup},
		{"forbidden channel", "POST", "/channels/9/messages", "application/json", []byte(`{}`), 403, KindChannelMessage},
		{"channel delete", "DELETE", "/channels/8/messages/3", "", nil, 204, KindChannelDelete},
		{"unknown", "GET", "/nothing", "", nil, 404, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := do(t, tt.method, api+tt.path, tt.contentType, tt.body)
			if resp.StatusCode != tt.wantStatus {
				t.Errorf("got status %d, want %d", resp.StatusCode, tt.wantStatus)
			}
			if tt.wantKind == "" {
				return
			}
			c, err := s.WaitKind(tt.wantKind, time.Second)
			if err != nil {
				t.Fatal(err)
			}
			if c.Status != tt.wantStatus {
				t.Errorf("recorded status %d, want %d", c.Status, tt.wantStatus)
			}
		})
	}
	calls := s.Calls()
	var multi Call
	for _, c := range calls {
		if len(c.Files) > 0 {
			multi = c
		}
	}
	if string(multi.JSON) != `{"type":4,"data":{"content":"hi"}}` || len(multi.Files) != 1 || multi.Files[0].Name != "chart.png" {
		t.Errorf("multipart: got JSON %q and files %+v", multi.JSON, multi.Files)
	}
}

func TestGatewayAddress(t *testing.T) {
	s := New(Options{})
	defer s.Close()
	for _, p := range []string{"/api/v9/gateway", "/api/v9/gateway/bot"} {
		resp, err := http.Get(s.URL() + p)
		if err != nil {
			t.Fatal(err)
		}
		var body struct{ URL string }
		_ = json.NewDecoder(resp.Body).Decode(&body)
		resp.Body.Close()
		if body.URL != s.GatewayURL() || !strings.HasPrefix(body.URL, "ws://127.0.0.1:") {
			t.Errorf("%s: got %q, want %q", p, body.URL, s.GatewayURL())
		}
	}
}
