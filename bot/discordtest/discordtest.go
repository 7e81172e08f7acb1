// Package discordtest is a fake Discord for tests: the REST endpoints the bot
// calls and a gateway websocket, both on 127.0.0.1. It records every request
// the bot makes and lets a test script the gateway (reconnect, invalid session,
// dropped socket) and the REST answers (rate limits, server errors).
package discordtest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
)

// Kinds of recorded calls.
const (
	KindCommands       = "commands"        // PUT application commands (global or guild)
	KindCallback       = "callback"        // POST /interactions/{id}/{token}/callback
	KindEdit           = "edit"            // PATCH /webhooks/{app}/{token}/messages/@original
	KindDeleteOriginal = "delete_original" // DELETE /webhooks/{app}/{token}/messages/@original
	KindFollowup       = "followup"        // POST /webhooks/{app}/{token}
	KindChannelMessage = "channel_message" // POST /channels/{id}/messages
	KindChannelEdit    = "channel_edit"    // PATCH /channels/{id}/messages/{mid}
	KindChannelDelete  = "channel_delete"  // DELETE /channels/{id}/messages/{mid}
	KindIdentify       = "identify"        // gateway op 2 received (READY sent)
	KindResume         = "resume"          // gateway op 6 received and accepted (RESUMED sent)
)

// Call is one recorded request.
type Call struct {
	Kind   string
	Method string
	Path   string
	// IDs from the path: interaction ID and token for callbacks, application ID
	// and token for webhooks, channel and message IDs for channel messages, and
	// the guild ID for guild command registration.
	InteractionID, Token, AppID, ChannelID, MessageID, GuildID string
	ContentType                                                string
	Header                                                     http.Header
	// JSON is the request's JSON: the body, or the payload_json part of a
	// multipart body.
	JSON  []byte
	Files []File
	// At is when the request was received.
	At time.Time
	// Status is what the fake answered.
	Status int
}

// File is one attached file of a multipart request.
type File struct {
	Field, Name, ContentType string
	Data                     []byte
}

// Decode unmarshals the call's JSON into v.
func (c Call) Decode(v any) error {
	if err := json.Unmarshal(c.JSON, v); err != nil {
		return fmt.Errorf("decode %s %s: %w", c.Method, c.Path, err)
	}
	return nil
}

// Fault is a scripted answer to the next requests of one kind.
type Fault struct {
	Status     int     // 429, 500, 502, 403, ...
	RetryAfter float64 // seconds, for 429
}

// Options configure a Server.
type Options struct {
	AppID string
	// Installs is the application's integration_types_config as
	// GET oauth2/applications/@me shows it, by installation context
	// ("0" servers, "1" members' own accounts); left out when nil.
	Installs map[string]any
	// HeartbeatInterval sent in Hello; 41.25 s when zero.
	HeartbeatInterval time.Duration
}

// Server is a fake Discord.
type Server struct {
	AppID string

	srv      *httptest.Server
	upgrader websocket.Upgrader
	hello    time.Duration
	installs map[string]any

	mu       sync.Mutex
	calls    []Call
	taken    []bool
	changed  chan struct{} // closed and replaced whenever calls grows
	faults   map[string][]Fault
	channels map[string]int // channel ID -> status to answer
	nextID   int64

	gw gateway
}

// New starts a fake Discord; it stops when the test ends through Close.
func New(opts Options) *Server {
	s := &Server{
		AppID:    opts.AppID,
		hello:    opts.HeartbeatInterval,
		installs: opts.Installs,
		changed:  make(chan struct{}),
		faults:   map[string][]Fault{},
		channels: map[string]int{},
		nextID:   1_300_000_000_000_000_000,
	}
	if s.AppID == "" {
		s.AppID = "100000000000000001"
	}
	if s.hello == 0 {
		s.hello = 41250 * time.Millisecond
	}
	s.gw.init()
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// URL is the base that replaces https://discord.com, such as http://127.0.0.1:PORT.
func (s *Server) URL() string { return s.srv.URL }

// GatewayURL is the websocket address GET /api/v9/gateway returns.
func (s *Server) GatewayURL() string {
	return "ws" + strings.TrimPrefix(s.srv.URL, "http") + "/gateway"
}

// Close stops the server and drops the gateway connection.
func (s *Server) Close() {
	s.gw.drop()
	s.srv.CloseClientConnections()
	s.srv.Close()
}

// Fail makes the next n requests of kind answer f.
func (s *Server) Fail(kind string, n int, f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for range n {
		s.faults[kind] = append(s.faults[kind], f)
	}
}

// SetChannelStatus makes every request to channel id answer status (403, 404);
// 0 restores normal answers.
func (s *Server) SetChannelStatus(id string, status int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if status == 0 {
		delete(s.channels, id)
		return
	}
	s.channels[id] = status
}

// Calls returns every call recorded so far.
func (s *Server) Calls() []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Call(nil), s.calls...)
}

// Forget drops every call recorded so far, so that a long run does not keep them.
func (s *Server) Forget() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls, s.taken = nil, nil
}

// ErrTimeout is returned by Wait when no matching call came in time.
var ErrTimeout = errors.New("discordtest: timed out waiting for a call")

// Wait returns the first call not returned before that match reports true,
// waiting up to timeout for it.
func (s *Server) Wait(timeout time.Duration, match func(Call) bool) (Call, error) {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		for i, c := range s.calls {
			if !s.taken[i] && match(c) {
				s.taken[i] = true
				s.mu.Unlock()
				return c, nil
			}
		}
		ch := s.changed
		s.mu.Unlock()
		select {
		case <-ch:
		case <-deadline.C:
			return Call{}, ErrTimeout
		}
	}
}

// WaitKind waits for the next call of kind.
func (s *Server) WaitKind(kind string, timeout time.Duration) (Call, error) {
	return s.Wait(timeout, func(c Call) bool { return c.Kind == kind })
}

// WaitCallback waits for the callback to the interaction id that was delivered
// (answered 2xx), skipping the attempts the fake rejected.
func (s *Server) WaitCallback(id string, timeout time.Duration) (Call, error) {
	return s.Wait(timeout, func(c Call) bool {
		return c.Kind == KindCallback && c.InteractionID == id && c.Status < 300
	})
}

// WaitEdit waits for a delivered edit of the original response of the interaction with token.
func (s *Server) WaitEdit(token string, timeout time.Duration) (Call, error) {
	return s.Wait(timeout, func(c Call) bool {
		return c.Kind == KindEdit && c.Token == token && c.Status < 300
	})
}

func (s *Server) record(c Call) {
	s.mu.Lock()
	s.calls = append(s.calls, c)
	s.taken = append(s.taken, false)
	close(s.changed)
	s.changed = make(chan struct{})
	s.mu.Unlock()
}

func (s *Server) fault(kind string) (Fault, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	q := s.faults[kind]
	if len(q) == 0 {
		return Fault{}, false
	}
	s.faults[kind] = q[1:]
	return q[0], true
}

func (s *Server) id() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextID++
	return strconv.FormatInt(s.nextID, 10)
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/gateway" || r.URL.Path == "/gateway/" {
		s.gw.serve(s, w, r)
		return
	}
	p, ok := strings.CutPrefix(r.URL.Path, "/api/v9/")
	if !ok {
		p, ok = strings.CutPrefix(r.URL.Path, "/api/v10/")
	}
	if !ok {
		writeError(w, http.StatusNotFound, "unknown path")
		return
	}
	seg := strings.Split(strings.Trim(p, "/"), "/")
	c := Call{Method: r.Method, Path: r.URL.Path, Header: r.Header.Clone(), At: time.Now(), ContentType: r.Header.Get("Content-Type")}
	switch {
	case r.Method == http.MethodGet && (p == "gateway" || p == "gateway/bot"):
		writeJSON(w, http.StatusOK, map[string]any{
			"url": "ws" + strings.TrimPrefix(s.srv.URL, "http") + "/gateway", "shards": 1,
			"session_start_limit": map[string]int{"total": 1000, "remaining": 1000, "reset_after": 0, "max_concurrency": 1},
		})
		return
	case r.Method == http.MethodGet && p == "users/@me":
		writeJSON(w, http.StatusOK, map[string]any{"id": s.AppID, "username": "sanctuaire", "bot": true})
		return
	case r.Method == http.MethodGet && p == "oauth2/applications/@me":
		app := map[string]any{"id": s.AppID, "name": "sanctuaire"}
		if s.installs != nil {
			app["integration_types_config"] = s.installs
		}
		writeJSON(w, http.StatusOK, app)
		return
	case r.Method == http.MethodPut && len(seg) == 3 && seg[0] == "applications" && seg[2] == "commands":
		c.Kind, c.AppID = KindCommands, seg[1]
	case r.Method == http.MethodPut && len(seg) == 5 && seg[0] == "applications" && seg[2] == "guilds" && seg[4] == "commands":
		c.Kind, c.AppID, c.GuildID = KindCommands, seg[1], seg[3]
	case r.Method == http.MethodPost && len(seg) == 4 && seg[0] == "interactions" && seg[3] == "callback":
		c.Kind, c.InteractionID, c.Token = KindCallback, seg[1], seg[2]
	case len(seg) == 5 && seg[0] == "webhooks" && seg[3] == "messages":
		c.AppID, c.Token, c.MessageID = seg[1], seg[2], seg[4]
		switch r.Method {
		case http.MethodPatch:
			c.Kind = KindEdit
		case http.MethodDelete:
			c.Kind = KindDeleteOriginal
		case http.MethodGet:
			writeJSON(w, http.StatusOK, s.lastMessage(c.Token))
			return
		}
	case r.Method == http.MethodPost && len(seg) == 3 && seg[0] == "webhooks":
		c.Kind, c.AppID, c.Token = KindFollowup, seg[1], seg[2]
	case len(seg) >= 3 && seg[0] == "channels" && seg[2] == "messages":
		c.ChannelID = seg[1]
		if len(seg) == 4 {
			c.MessageID = seg[3]
		}
		switch {
		case r.Method == http.MethodPost && len(seg) == 3:
			c.Kind = KindChannelMessage
		case r.Method == http.MethodPatch && len(seg) == 4:
			c.Kind = KindChannelEdit
		case r.Method == http.MethodDelete && len(seg) == 4:
			c.Kind = KindChannelDelete
		}
	}
	if c.Kind == "" {
		writeError(w, http.StatusNotFound, "unknown endpoint")
		return
	}
	if err := readBody(r, &c); err != nil {
		c.Status = http.StatusBadRequest
		s.record(c)
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	if c.ChannelID != "" {
		s.mu.Lock()
		st := s.channels[c.ChannelID]
		s.mu.Unlock()
		if st != 0 {
			c.Status = st
			s.record(c)
			writeError(w, st, http.StatusText(st))
			return
		}
	}
	if f, ok := s.fault(c.Kind); ok {
		c.Status = f.Status
		s.record(c)
		if f.Status == http.StatusTooManyRequests {
			w.Header().Set("Retry-After", strconv.FormatFloat(f.RetryAfter, 'f', -1, 64))
			writeJSON(w, f.Status, map[string]any{"message": "You are being rate limited.", "retry_after": f.RetryAfter, "global": false})
			return
		}
		writeError(w, f.Status, http.StatusText(f.Status))
		return
	}
	switch c.Kind {
	case KindCallback, KindDeleteOriginal, KindChannelDelete:
		c.Status = http.StatusNoContent
		s.record(c)
		w.WriteHeader(http.StatusNoContent)
	case KindCommands:
		c.Status = http.StatusOK
		s.record(c)
		var cmds []map[string]any
		if err := json.Unmarshal(c.JSON, &cmds); err != nil {
			writeError(w, http.StatusBadRequest, "commands: "+err.Error())
			return
		}
		for _, cmd := range cmds {
			cmd["id"] = s.id()
			cmd["application_id"] = s.AppID
			cmd["version"] = "1"
		}
		writeJSON(w, http.StatusOK, cmds)
	default:
		c.Status = http.StatusOK
		s.record(c)
		msg := map[string]any{}
		_ = json.Unmarshal(c.JSON, &msg)
		msg["id"] = c.MessageID
		if c.MessageID == "" || c.MessageID == "@original" {
			msg["id"] = s.id()
		}
		msg["channel_id"] = c.ChannelID
		writeJSON(w, http.StatusOK, msg)
	}
}

// lastMessage is the last body sent for the interaction with token, as a message.
func (s *Server) lastMessage(token string) map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	msg := map[string]any{"id": "1"}
	for _, c := range s.calls {
		if c.Token != token || c.Status >= 300 {
			continue
		}
		var v map[string]any
		if json.Unmarshal(c.JSON, &v) != nil {
			continue
		}
		if d, ok := v["data"].(map[string]any); ok && c.Kind == KindCallback {
			v = d
		}
		for k, x := range v {
			msg[k] = x
		}
	}
	return msg
}

func readBody(r *http.Request, c *Call) error {
	body, err := io.ReadAll(io.LimitReader(r.Body, 32<<20))
	if err != nil {
		return fmt.Errorf("read body: %w", err)
	}
	mt, params, _ := mime.ParseMediaType(c.ContentType)
	if mt != "multipart/form-data" {
		c.JSON = body
		return nil
	}
	mr := multipart.NewReader(bytes.NewReader(body), params["boundary"])
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("multipart: %w", err)
		}
		data, err := io.ReadAll(part)
		if err != nil {
			return fmt.Errorf("multipart: %w", err)
		}
		if part.FormName() == "payload_json" {
			c.JSON = data
			continue
		}
		c.Files = append(c.Files, File{Field: part.FormName(), Name: part.FileName(), ContentType: part.Header.Get("Content-Type"), Data: data})
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]any{"message": msg, "code": 0})
}

// Response is an interaction response or message as the bot sent it, with
// concrete component types (discordgo's cannot be decoded).
type Response struct {
	Type int          `json:"type"`
	Data *MessageData `json:"data"`
}

// MessageData is the message part of a callback, an edit or a follow-up.
type MessageData struct {
	Content         string                    `json:"content"`
	Flags           int                       `json:"flags"`
	Embeds          []*discordgo.MessageEmbed `json:"embeds"`
	Components      []Component               `json:"components"`
	AllowedMentions *AllowedMentions          `json:"allowed_mentions"`
	Choices         []Choice                  `json:"choices"`
	CustomID        string                    `json:"custom_id"`
	Title           string                    `json:"title"`
	Attachments     []map[string]any          `json:"attachments"`
}

// AllowedMentions is the allowed_mentions object; Parse is nil when it was null.
type AllowedMentions struct {
	Parse *[]string `json:"parse"`
}

// Component is a row, a button or a text input.
type Component struct {
	Type       int         `json:"type"`
	Style      int         `json:"style"`
	Label      string      `json:"label"`
	CustomID   string      `json:"custom_id"`
	URL        string      `json:"url"`
	Disabled   bool        `json:"disabled"`
	Value      string      `json:"value"`
	Components []Component `json:"components"`
	// Options are a select menu's choices.
	Options []MenuOption `json:"options"`
}

// MenuOption is one choice of a select menu.
type MenuOption struct {
	Label       string `json:"label"`
	Value       string `json:"value"`
	Description string `json:"description"`
	Default     bool   `json:"default"`
}

// Choice is one autocomplete choice.
type Choice struct {
	Name  string `json:"name"`
	Value any    `json:"value"`
}

// Response decodes a callback's body.
func (c Call) Response() (Response, error) {
	var r Response
	err := c.Decode(&r)
	return r, err
}

// Message decodes the body of an edit, a follow-up or a channel message.
func (c Call) Message() (MessageData, error) {
	var m MessageData
	err := c.Decode(&m)
	return m, err
}

// Buttons lists the buttons of the message, row after row.
func (m *MessageData) Buttons() []Component {
	var out []Component
	for _, row := range m.Components {
		out = append(out, row.Components...)
	}
	return out
}
