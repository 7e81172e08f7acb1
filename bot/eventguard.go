package bot

import (
	"bytes"
	"context"
	"crypto/tls"
	"encoding/binary"
	"encoding/json"
	"log/slog"
	"net"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
)

// discordgo decodes a few gateway events for itself, on the goroutine that
// reads the connection, before any handler of the bot runs: a GUILD_CREATE
// whose payload is null, or whose channels, members or voice states hold
// null, panics there and ends the process, out of reach of any recover.
// The gateway's connection is therefore read through eventGuard, which
// replaces such an event, before discordgo sees it, by one of a type
// discordgo ignores, keeping its sequence number.

// droppedEvent is the type given to an event that was dropped.
const droppedEvent = "SANCTUAIRE_DROPPED"

// maxGuardedFrame is the largest frame inspected. A larger one (Discord's
// are far smaller) stops the inspection for the rest of the connection
// rather than be held in memory.
const maxGuardedFrame = 16 << 20

// guardedDialer is a websocket dialer whose connections go through
// eventGuard. It dials directly, without a proxy, and asks for no
// compression, so that every event arrives as a text frame it can read.
func guardedDialer() *websocket.Dialer {
	var nd net.Dialer
	return &websocket.Dialer{
		HandshakeTimeout: websocket.DefaultDialer.HandshakeTimeout,
		NetDialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			c, err := nd.DialContext(ctx, network, addr)
			if err != nil {
				return nil, err
			}
			return &eventGuard{Conn: c}, nil
		},
		NetDialTLSContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			c, err := nd.DialContext(ctx, network, addr)
			if err != nil {
				return nil, err
			}
			host, _, _ := net.SplitHostPort(addr)
			tc := tls.Client(c, &tls.Config{ServerName: host, NextProtos: []string{"http/1.1"}, MinVersion: tls.VersionTLS12})
			if err := tc.HandshakeContext(ctx); err != nil {
				c.Close()
				return nil, err
			}
			return &eventGuard{Conn: tc}, nil
		},
	}
}

// eventGuard passes on what the server sends: the HTTP handshake as it is,
// then the websocket frames, each text frame through guardEvent.
type eventGuard struct {
	net.Conn
	in, out     []byte
	buf         [32 << 10]byte
	upgraded    bool  // the handshake was passed on
	passThrough bool  // a frame too large: the rest goes through as it is
	err         error // the connection's error, given once out is empty
}

func (g *eventGuard) Read(p []byte) (int, error) {
	for len(g.out) == 0 {
		if err := g.err; err != nil {
			g.err = nil
			return 0, err
		}
		n, err := g.Conn.Read(g.buf[:])
		g.in = append(g.in, g.buf[:n]...)
		g.err = err
		g.process()
	}
	n := copy(p, g.out)
	g.out = g.out[n:]
	return n, nil
}

// process moves what is complete in in to out.
func (g *eventGuard) process() {
	if !g.upgraded && !g.passThrough {
		end := bytes.Index(g.in, []byte("\r\n\r\n"))
		switch {
		case end >= 0:
			g.out = append(g.out, g.in[:end+4]...)
			g.in = append(g.in[:0], g.in[end+4:]...)
			g.upgraded = true
		case len(g.in) > 64<<10:
			g.passThrough = true
		default:
			return
		}
	}
	for !g.passThrough {
		hdr, size, ok := frameSize(g.in)
		if !ok {
			break
		}
		if size > maxGuardedFrame {
			g.passThrough = true
			break
		}
		if len(g.in) < size {
			return
		}
		g.out = append(g.out, guardFrame(g.in[:size], hdr)...)
		g.in = append(g.in[:0], g.in[size:]...)
	}
	if g.passThrough {
		g.out = append(g.out, g.in...)
		g.in = g.in[:0]
	}
}

// frameSize reads a frame's header: its length and the whole frame's, or
// ok false while the header is incomplete.
func frameSize(b []byte) (hdr, size int, ok bool) {
	if len(b) < 2 {
		return 0, 0, false
	}
	hdr = 2
	n := uint64(b[1] & 0x7f)
	switch n {
	case 126:
		hdr = 4
	case 127:
		hdr = 10
	}
	if b[1]&0x80 != 0 {
		hdr += 4
	}
	if len(b) < hdr {
		return 0, 0, false
	}
	switch n {
	case 126:
		n = uint64(binary.BigEndian.Uint16(b[2:4]))
	case 127:
		n = binary.BigEndian.Uint64(b[2:10])
	}
	if n > maxGuardedFrame {
		return hdr, maxGuardedFrame + 1, true
	}
	return hdr, hdr + int(n), true
}

// guardFrame returns the frame, or a new one when its event was replaced.
// Only a whole, unmasked, uncompressed text frame is read.
func guardFrame(f []byte, hdr int) []byte {
	const fin, text = 0x80, 0x1
	if f[0] != fin|text || f[1]&0x80 != 0 {
		return f
	}
	payload, changed := guardEvent(f[hdr:])
	if !changed {
		return f
	}
	out := []byte{f[0], 0}
	switch n := len(payload); {
	case n < 126:
		out[1] = byte(n)
	case n <= 0xffff:
		out[1] = 126
		out = binary.BigEndian.AppendUint16(out, uint16(n))
	default:
		out[1] = 127
		out = binary.BigEndian.AppendUint64(out, uint64(n))
	}
	return append(out, payload...)
}

// guardEvent checks one gateway payload. An event discordgo handles itself
// (GUILD_CREATE, GUILD_UPDATE, READY, VOICE_STATE_UPDATE) and whose shape
// would make it panic becomes a droppedEvent with
// the same sequence number, and one log line names its type.
func guardEvent(payload []byte) ([]byte, bool) {
	// Most events (interactions) name none of these types: they are not
	// decoded twice. A type written with escapes is decoded.
	if !bytes.Contains(payload, []byte("GUILD_")) && !bytes.Contains(payload, []byte("READY")) &&
		!bytes.Contains(payload, []byte("VOICE_STATE")) && !bytes.Contains(payload, []byte(`\u`)) {
		return payload, false
	}
	var e struct {
		Op int             `json:"op"`
		S  json.RawMessage `json:"s"`
		T  string          `json:"t"`
		D  json.RawMessage `json:"d"`
	}
	if json.Unmarshal(payload, &e) != nil || e.Op != 0 {
		return payload, false
	}
	// The payload is decoded into discordgo's own types, as discordgo will
	// decode it (ignoring errors, as it does), and what discordgo's internal
	// handlers dereference is checked.
	var ok bool
	switch e.T {
	case "GUILD_CREATE":
		var g discordgo.GuildCreate
		_ = json.Unmarshal(e.D, &g)
		ok = guildSafe(g.Guild)
	case "GUILD_UPDATE":
		var g discordgo.GuildUpdate
		_ = json.Unmarshal(e.D, &g)
		ok = guildSafe(g.Guild)
	case "READY":
		var r discordgo.Ready
		_ = json.Unmarshal(e.D, &r)
		ok = true
		for _, g := range r.Guilds {
			ok = ok && guildSafe(g)
		}
	case "VOICE_STATE_UPDATE":
		var v discordgo.VoiceStateUpdate
		_ = json.Unmarshal(e.D, &v)
		ok = v.VoiceState != nil
	default:
		return payload, false
	}
	if ok {
		return payload, false
	}
	log := libraryLog.Load()
	if log == nil {
		log = slog.Default()
	}
	log.Warn("gateway event dropped", "event", e.T, "reason", "malformed")
	if len(e.S) == 0 {
		e.S = json.RawMessage("null")
	}
	out, _ := json.Marshal(map[string]any{"op": 0, "s": e.S, "t": droppedEvent, "d": nil})
	return out, true
}

// guildSafe says whether discordgo can walk a guild's channels, members
// and voice states.
func guildSafe(g *discordgo.Guild) bool {
	if g == nil {
		return false
	}
	for _, c := range g.Channels {
		if c == nil {
			return false
		}
	}
	for _, m := range g.Members {
		if m == nil {
			return false
		}
	}
	for _, v := range g.VoiceStates {
		if v == nil {
			return false
		}
	}
	return true
}
