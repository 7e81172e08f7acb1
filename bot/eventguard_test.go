package bot

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/bwmarrin/discordgo"
)

// TestGatewaySurvivesMalformedEvents sends events discordgo decodes for
// itself, with the shapes that made it panic on its reading goroutine: the
// bot drops each with one line, keeps its connection and answers on.
func TestGatewaySurvivesMalformedEvents(t *testing.T) {
	t.Cleanup(func() { LogLibrary(nil) })
	lib := &gwLogs{}
	LogLibrary(slog.New(slog.NewTextHandler(lib, nil)))
	b := startGateway(t, gatewayCommands(), RouterOptions{InlineFiles: true})
	tests := []struct {
		event, d string
		dropped  bool
	}{
		{"GUILD_CREATE", `null`, true},
		{"GUILD_CREATE", `{"id":"1","channels":[null]}`, true},
		{"GUILD_UPDATE", `{"id":"1","members":[{"user":{"id":"2"}},null]}`, true},
		{"GUILD_CREATE", `{"id":"1","voice_states":[7]}`, false}, // decoded as an empty voice state: harmless
		{"READY", `{"v":10,"session_id":"s","guilds":[null]}`, true},
		{"READY", `{"v":10,"session_id":"s","guilds":[{"id":"1","channels":[null]}]}`, true},
		{"VOICE_STATE_UPDATE", `null`, true},
		{"VOICE_STATE_UPDATE", `{"id":"1","channels":[null]}`, true},
		{"GUILD_CREATE", `{"unknown":1}`, true},
		{"VOICE_STATE_UPDATE", `{"channel_id":"","user_id":"1"}`, false},
		{"VOICE_SERVER_UPDATE", `null`, false},
		{"GUILD_CREATE", `{"id":"1","name":"A server","channels":[{"id":"2","type":0}],"members":[],"voice_states":[]}`, false},
		{"CHANNEL_CREATE", `null`, false},
	}
	dropped := 0
	for _, tt := range tests {
		t.Run(tt.event+" "+tt.d, func(t *testing.T) {
			if _, err := b.fake.Dispatch(tt.event, json.RawMessage(tt.d)); err != nil {
				t.Fatal(err)
			}
			b.stillAnswers(t)
			if tt.dropped {
				dropped++
			}
			if got := strings.Count(lib.String(), "gateway event dropped"); got != dropped {
				t.Errorf("got %d lines of dropped events, want %d:\n%s", got, dropped, lib)
			}
		})
	}
	if strings.Contains(lib.String(), "A server") {
		t.Errorf("the logs hold an event's content:\n%s", lib)
	}
}

// frame encodes one server frame of less than 64 KiB: fin and opcode in the
// first byte, then the length in 7 or 16 bits.
func frame(first byte, payload string) []byte {
	if n := len(payload); n >= 126 {
		return append([]byte{first, 126, byte(n >> 8), byte(n)}, payload...)
	}
	return append([]byte{first, byte(len(payload))}, payload...)
}

// readConn is a connection that reads from r.
type readConn struct {
	net.Conn
	r io.Reader
}

func (c readConn) Read(p []byte) (int, error) { return c.r.Read(p) }

func TestEventGuardFrames(t *testing.T) {
	const (
		handshake = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n"
		good      = `{"op":0,"s":3,"t":"INTERACTION_CREATE","d":{"id":"1"}}`
		bad       = `{"op":0,"s":4,"t":"GUILD_CREATE","d":null}`
		replaced  = `{"d":null,"op":0,"s":4,"t":"` + droppedEvent + `"}`
		hello     = `{"op":10,"d":{"heartbeat_interval":45000}}`
	)
	long := `{"op":0,"s":5,"t":"GUILD_CREATE","d":{"id":"1","name":"` + strings.Repeat("x", 300) + `"}}`
	longBad := `{"op":0,"s":6,"t":"GUILD_CREATE","d":{"id":"1","name":"` + strings.Repeat("x", 300) + `","channels":[null]}}`
	in := [][]byte{
		[]byte(handshake),
		frame(0x81, hello),
		frame(0x81, good),
		frame(0x81, bad),
		frame(0x81, long),
		frame(0x81, longBad),
		frame(0x81, `{"op":0,"s":7,"t":"GUILD\u005fCREATE","d":null}`),
		frame(0x82, bad), // binary: not read
		frame(0x01, bad), // first fragment of a text message: not read
		frame(0x80, ""),
		frame(0x89, "ping"),
	}
	want := [][]byte{
		in[0], in[1], in[2],
		frame(0x81, replaced),
		in[4],
		frame(0x81, `{"d":null,"op":0,"s":6,"t":"`+droppedEvent+`"}`),
		frame(0x81, `{"d":null,"op":0,"s":7,"t":"`+droppedEvent+`"}`),
		in[7], in[8], in[9], in[10],
	}
	for _, chunked := range []bool{false, true} {
		var r io.Reader = bytes.NewReader(bytes.Join(in, nil))
		if chunked {
			r = iotest.OneByteReader(r)
		}
		got, err := io.ReadAll(&eventGuard{Conn: readConn{r: r}})
		if err != nil {
			t.Fatal(err)
		}
		if w := bytes.Join(want, nil); !bytes.Equal(got, w) {
			t.Errorf("chunked %v: got\n%q\nwant\n%q", chunked, got, w)
		}
	}
}

// TestNewSessionGuardsTheGateway: the session's gateway connections go
// through the guard, uncompressed.
func TestNewSessionGuardsTheGateway(t *testing.T) {
	s, err := NewSession("token", "")
	if err != nil {
		t.Fatal(err)
	}
	if s.Dialer == nil || s.Dialer.NetDialContext == nil || s.Dialer.NetDialTLSContext == nil || s.Dialer.EnableCompression {
		t.Errorf("got dialer %+v, want the guarded one", s.Dialer)
	}
	if s.Compress || s.Identify.Compress {
		t.Error("gateway compression is on: the guard could not read the events")
	}
	var _ *discordgo.Session = s
}

// TestEventGuardPassesHugeFrames: a frame over maxGuardedFrame is not held
// in memory: it and all that follows go through unread.
func TestEventGuardPassesHugeFrames(t *testing.T) {
	in := []byte("HTTP/1.1 101 Switching Protocols\r\n\r\n")
	in = append(in, 0x81, 127, 0, 0, 0, 0, 2, 0, 0, 0) // 32 MiB announced
	in = append(in, `{"op":0,"t":"GUILD_CREATE","d":null}`...)
	in = append(in, frame(0x81, `{"op":0,"s":1,"t":"GUILD_CREATE","d":null}`)...)
	got, err := io.ReadAll(&eventGuard{Conn: readConn{r: bytes.NewReader(in)}})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, in) {
		t.Errorf("got\n%q\nwant it unchanged\n%q", got, in)
	}
}

// guardedEvents are the event types discordgo decodes for itself, and two
// it leaves to the bot.
var guardedEvents = []string{"GUILD_CREATE", "GUILD_UPDATE", "READY", "VOICE_STATE_UPDATE", "VOICE_SERVER_UPDATE", "INTERACTION_CREATE", "CHANNEL_CREATE"}

// FuzzGatewayEvent sends arbitrary payloads as the events discordgo decodes
// for itself: none may stop the bot, which answers the next command.
func FuzzGatewayEvent(f *testing.F) {
	for i, d := range []string{`null`, `{"id":"1","channels":[null]}`, `{"guilds":[{"members":[1]}]}`, `[]`, `{"voice_states":{}}`, `"x"`, `{}`} {
		f.Add(uint8(i), []byte(d))
	}
	b := startGateway(f, gatewayCommands(), RouterOptions{InlineFiles: true})
	f.Fuzz(func(t *testing.T, kind uint8, d []byte) {
		if !json.Valid(d) {
			return
		}
		if _, err := b.fake.Dispatch(guardedEvents[int(kind)%len(guardedEvents)], json.RawMessage(d)); err != nil {
			t.Fatal(err)
		}
		b.stillAnswers(t)
	})
}
