package discordtest

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/gorilla/websocket"
)

// frame is one gateway payload.
type frame struct {
	Op int             `json:"op"`
	D  json.RawMessage `json:"d"`
	S  int64           `json:"s,omitempty"`
	T  string          `json:"t,omitempty"`
}

// gateway is the fake's single gateway connection and its session.
type gateway struct {
	mu        sync.Mutex
	conn      *websocket.Conn
	wmu       sync.Mutex // serialises writes to conn
	ready     bool       // conn has identified or resumed
	changed   chan struct{}
	sessionID string
	seq       int64
	sent      []frame // dispatches of the session, replayed on resume
	sessions  int
	noAcks    bool // heartbeats go unanswered, as on a dead connection
}

func (g *gateway) init() { g.changed = make(chan struct{}) }

func (g *gateway) notify() {
	close(g.changed)
	g.changed = make(chan struct{})
}

func (g *gateway) serve(s *Server, w http.ResponseWriter, r *http.Request) {
	conn, err := s.upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	g.mu.Lock()
	old := g.conn
	g.conn, g.ready, g.noAcks = conn, false, false
	g.notify()
	g.mu.Unlock()
	if old != nil {
		old.Close()
	}
	hello, _ := json.Marshal(map[string]any{"heartbeat_interval": s.hello.Milliseconds()})
	if g.write(conn, frame{Op: 10, D: hello}) != nil {
		return
	}
	for {
		_, data, err := conn.ReadMessage()
		if err != nil {
			g.mu.Lock()
			if g.conn == conn {
				g.conn, g.ready = nil, false
				g.notify()
			}
			g.mu.Unlock()
			conn.Close()
			return
		}
		var f frame
		if json.Unmarshal(data, &f) != nil {
			continue
		}
		switch f.Op {
		case 1:
			g.mu.Lock()
			mute := g.noAcks && g.conn == conn
			g.mu.Unlock()
			if !mute {
				_ = g.write(conn, frame{Op: 11, D: json.RawMessage("null")})
			}
		case 2:
			g.identify(s, conn, f.D)
		case 6:
			g.resume(s, conn, f.D)
		}
	}
}

func (g *gateway) identify(s *Server, conn *websocket.Conn, d json.RawMessage) {
	g.mu.Lock()
	g.sessions++
	g.sessionID = "session-" + strconv.Itoa(g.sessions)
	g.seq = 0
	g.sent = nil
	g.seq++
	ready, _ := json.Marshal(map[string]any{
		"v":                  10,
		"user":               map[string]any{"id": s.AppID, "username": "sanctuaire", "bot": true},
		"guilds":             []any{},
		"session_id":         g.sessionID,
		"resume_gateway_url": s.GatewayURL(),
		"application":        map[string]any{"id": s.AppID, "flags": 0},
	})
	f := frame{Op: 0, T: "READY", S: g.seq, D: ready}
	g.mu.Unlock()
	s.record(Call{Kind: KindIdentify, Method: "WS", Path: "/gateway", JSON: d, At: time.Now(), Status: 200})
	if g.write(conn, f) != nil {
		return
	}
	g.setReady(conn)
}

func (g *gateway) resume(s *Server, conn *websocket.Conn, d json.RawMessage) {
	var p struct {
		SessionID string `json:"session_id"`
		Seq       int64  `json:"seq"`
	}
	_ = json.Unmarshal(d, &p)
	g.mu.Lock()
	if p.SessionID == "" || p.SessionID != g.sessionID {
		g.mu.Unlock()
		_ = g.write(conn, frame{Op: 9, D: json.RawMessage("false")})
		return
	}
	var replay []frame
	for _, f := range g.sent {
		if f.S > p.Seq {
			replay = append(replay, f)
		}
	}
	g.seq++
	resumed := frame{Op: 0, T: "RESUMED", S: g.seq, D: json.RawMessage("{}")}
	g.mu.Unlock()
	s.record(Call{Kind: KindResume, Method: "WS", Path: "/gateway", JSON: d, At: time.Now(), Status: 200})
	for _, f := range replay {
		if g.write(conn, f) != nil {
			return
		}
	}
	if g.write(conn, resumed) != nil {
		return
	}
	g.setReady(conn)
}

func (g *gateway) setReady(conn *websocket.Conn) {
	g.mu.Lock()
	if g.conn == conn {
		g.ready = true
		g.notify()
	}
	g.mu.Unlock()
}

func (g *gateway) write(conn *websocket.Conn, f frame) error {
	g.wmu.Lock()
	defer g.wmu.Unlock()
	_ = conn.SetWriteDeadline(time.Now().Add(5 * time.Second))
	return conn.WriteJSON(f)
}

// current waits up to timeout for an identified connection.
func (g *gateway) current(timeout time.Duration) (*websocket.Conn, error) {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		g.mu.Lock()
		conn, ready, ch := g.conn, g.ready, g.changed
		g.mu.Unlock()
		if conn != nil && ready {
			return conn, nil
		}
		select {
		case <-ch:
		case <-deadline.C:
			return nil, errors.New("discordtest: no gateway session")
		}
	}
}

func (g *gateway) drop() {
	g.mu.Lock()
	conn := g.conn
	g.conn, g.ready = nil, false
	g.notify()
	g.mu.Unlock()
	if conn != nil {
		conn.UnderlyingConn().Close()
	}
}

// WaitSession waits until the bot has identified or resumed on the gateway.
func (s *Server) WaitSession(timeout time.Duration) error {
	_, err := s.gw.current(timeout)
	return err
}

// Dispatch sends event t with data d to the bot, waiting up to 10 s for a
// gateway session; it returns when the frame was written.
func (s *Server) Dispatch(t string, d any) (time.Time, error) {
	raw, err := json.Marshal(d)
	if err != nil {
		return time.Time{}, fmt.Errorf("dispatch %s: %w", t, err)
	}
	conn, err := s.gw.current(10 * time.Second)
	if err != nil {
		return time.Time{}, err
	}
	s.gw.mu.Lock()
	s.gw.seq++
	f := frame{Op: 0, T: t, S: s.gw.seq, D: raw}
	s.gw.sent = append(s.gw.sent, f)
	if len(s.gw.sent) > 1000 {
		s.gw.sent = s.gw.sent[len(s.gw.sent)-1000:]
	}
	s.gw.mu.Unlock()
	at := time.Now()
	if err := s.gw.write(conn, f); err != nil {
		return at, fmt.Errorf("dispatch %s: %w", t, err)
	}
	return at, nil
}

// Reconnect sends op 7: the bot must close the connection and resume on a new one.
func (s *Server) Reconnect() error {
	conn, err := s.gw.current(10 * time.Second)
	if err != nil {
		return err
	}
	s.gw.mu.Lock()
	s.gw.ready = false
	s.gw.notify()
	s.gw.mu.Unlock()
	return s.gw.write(conn, frame{Op: 7, D: json.RawMessage("null")})
}

// InvalidSession sends op 9 with d=resumable; when not resumable the session
// is forgotten, so the bot must identify again.
func (s *Server) InvalidSession(resumable bool) error {
	return s.invalidSession(resumable, false)
}

// InvalidSessionAndClose sends op 9 and closes the connection right after,
// as Discord may: the bot must connect again.
func (s *Server) InvalidSessionAndClose(resumable bool) error {
	return s.invalidSession(resumable, true)
}

func (s *Server) invalidSession(resumable, closeAfter bool) error {
	conn, err := s.gw.current(10 * time.Second)
	if err != nil {
		return err
	}
	s.gw.mu.Lock()
	s.gw.ready = false
	if !resumable {
		s.gw.sessionID = ""
	}
	s.gw.notify()
	s.gw.mu.Unlock()
	if err := s.gw.write(conn, frame{Op: 9, D: json.RawMessage(strconv.FormatBool(resumable))}); err != nil {
		return err
	}
	if closeAfter {
		s.gw.wmu.Lock()
		_ = conn.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(4009, ""), time.Now().Add(time.Second))
		s.gw.wmu.Unlock()
		s.gw.mu.Lock()
		if s.gw.conn == conn {
			s.gw.conn, s.gw.ready = nil, false
			s.gw.notify()
		}
		s.gw.mu.Unlock()
		conn.Close()
	}
	return nil
}

// MuteHeartbeats stops acknowledging heartbeats on the current connection,
// which stays open: the bot must notice the dead connection by itself.
func (s *Server) MuteHeartbeats() error {
	if _, err := s.gw.current(10 * time.Second); err != nil {
		return err
	}
	s.gw.mu.Lock()
	s.gw.noAcks = true
	s.gw.mu.Unlock()
	return nil
}

// Drop closes the gateway connection abruptly, without a close frame.
func (s *Server) Drop() error {
	if _, err := s.gw.current(10 * time.Second); err != nil {
		return err
	}
	s.gw.drop()
	return nil
}
