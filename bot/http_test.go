package bot

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
)

// testNow is the server clock in tests; requests are signed at this time unless a test says otherwise.
var testNow = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// signer signs requests the way Discord does.
type signer struct {
	pub  ed25519.PublicKey
	priv ed25519.PrivateKey
}

func newSigner(t testing.TB) signer {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	return signer{pub: pub, priv: priv}
}

// request builds a signed POST /interactions at the given time.
func (s signer) request(body string, at time.Time) *http.Request {
	ts := strconv.FormatInt(at.Unix(), 10)
	r := httptest.NewRequest(http.MethodPost, PathInteractions, strings.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	r.Header.Set("X-Signature-Timestamp", ts)
	r.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(s.priv, []byte(ts+body))))
	return r
}

// fakeRouter answers every interaction with a message naming its type, and counts calls.
type fakeRouter struct {
	calls atomic.Int64
	// answer, when set, replaces the default behaviour.
	answer func(ctx context.Context, i *discordgo.Interaction) Reply
}

var _ Routes = (*fakeRouter)(nil)

func (f *fakeRouter) Route(ctx context.Context, i *discordgo.Interaction) Reply {
	f.calls.Add(1)
	if f.answer != nil {
		return f.answer(ctx, i)
	}
	return Reply{Initial: &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Content: "type " + strconv.Itoa(int(i.Type)), Flags: discordgo.MessageFlagsEphemeral},
	}}
}

func newTestInteractions(t testing.TB, h Routes, key ed25519.PublicKey, log *slog.Logger) *Interactions {
	t.Helper()
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return NewInteractions(key, h, log, HTTPOptions{Now: func() time.Time { return testNow }})
}

const commandBody = `{"type":2,"id":"1","application_id":"2","token":"tok","locale":"en-US",` +
	`"data":{"id":"3","name":"about","type":1}}`

func TestParsePublicKey(t *testing.T) {
	good := strings.Repeat("ab", ed25519.PublicKeySize)
	tests := []struct {
		name, in, wantErr string
	}{
		{"valid", good, ""},
		{"empty", "", "empty"},
		{"not hex", strings.Repeat("zz", ed25519.PublicKeySize), "not hexadecimal"},
		{"short", good[:62], "31 bytes, want 32"},
		{"long", good + "00", "33 bytes, want 32"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			key, err := ParsePublicKey(tt.in)
			if tt.wantErr == "" {
				if err != nil || hex.EncodeToString(key) != tt.in {
					t.Fatalf("got %x, %v; want %s", key, err, tt.in)
				}
				return
			}
			if err == nil || err.Error() != tt.wantErr {
				t.Fatalf("got error %v, want %q", err, tt.wantErr)
			}
		})
	}
}

// countingReader counts what the server reads of a body.
type countingReader struct {
	r io.Reader
	n atomic.Int64
}

func (c *countingReader) Close() error { return nil }

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

func TestInteractionsRefuses(t *testing.T) {
	s := newSigner(t)
	other := newSigner(t)
	big := `{"type":2,"data":{"name":"` + strings.Repeat("x", MaxBodyBytes) + `"}}`

	tests := []struct {
		name    string
		req     func() *http.Request
		status  int
		allow   string
		maxRead int64 // when > 0, the server must not read more of the body than this
	}{
		{"get on interactions", func() *http.Request {
			return httptest.NewRequest(http.MethodGet, PathInteractions, nil)
		}, http.StatusMethodNotAllowed, "POST", 0},
		{"put on interactions, signed", func() *http.Request {
			r := s.request(commandBody, testNow)
			r.Method = http.MethodPut
			return r
		}, http.StatusMethodNotAllowed, "POST", 0},
		{"post on health", func() *http.Request {
			return httptest.NewRequest(http.MethodPost, PathHealth, nil)
		}, http.StatusMethodNotAllowed, "GET, HEAD", 0},
		{"other path", func() *http.Request {
			r := s.request(commandBody, testNow)
			r.URL.Path = "/interactions/extra"
			return r
		}, http.StatusNotFound, "", 0},
		{"root", func() *http.Request { return httptest.NewRequest(http.MethodGet, "/", nil) }, http.StatusNotFound, "", 0},
		{"no signature", func() *http.Request {
			r := s.request(commandBody, testNow)
			r.Header.Del("X-Signature-Ed25519")
			return r
		}, http.StatusUnauthorized, "", 0},
		{"no timestamp", func() *http.Request {
			r := s.request(commandBody, testNow)
			r.Header.Del("X-Signature-Timestamp")
			return r
		}, http.StatusUnauthorized, "", 0},
		{"signature not hex", func() *http.Request {
			r := s.request(commandBody, testNow)
			r.Header.Set("X-Signature-Ed25519", strings.Repeat("zz", ed25519.SignatureSize))
			return r
		}, http.StatusUnauthorized, "", 0},
		{"signature too short", func() *http.Request {
			r := s.request(commandBody, testNow)
			r.Header.Set("X-Signature-Ed25519", r.Header.Get("X-Signature-Ed25519")[:126])
			return r
		}, http.StatusUnauthorized, "", 0},
		{"signed by another key", func() *http.Request { return other.request(commandBody, testNow) }, http.StatusUnauthorized, "", 0},
		{"body changed after signing", func() *http.Request {
			r := s.request(commandBody, testNow)
			changed := strings.Replace(commandBody, "about", "stats", 1)
			r.Body = io.NopCloser(strings.NewReader(changed))
			r.ContentLength = int64(len(changed))
			return r
		}, http.StatusUnauthorized, "", 0},
		{"timestamp changed after signing", func() *http.Request {
			r := s.request(commandBody, testNow)
			r.Header.Set("X-Signature-Timestamp", strconv.FormatInt(testNow.Unix()+1, 10))
			return r
		}, http.StatusUnauthorized, "", 0},
		{"timestamp six minutes old", func() *http.Request {
			return s.request(commandBody, testNow.Add(-6*time.Minute))
		}, http.StatusUnauthorized, "", 0},
		{"timestamp six minutes ahead", func() *http.Request {
			return s.request(commandBody, testNow.Add(6*time.Minute))
		}, http.StatusUnauthorized, "", 0},
		{"timestamp not a number", func() *http.Request {
			ts := "yesterday"
			r := httptest.NewRequest(http.MethodPost, PathInteractions, strings.NewReader(commandBody))
			r.Header.Set("X-Signature-Timestamp", ts)
			r.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(s.priv, []byte(ts+commandBody))))
			return r
		}, http.StatusUnauthorized, "", 0},
		{"content length over the limit", func() *http.Request {
			r := s.request(big, testNow)
			r.Body = &countingReader{r: strings.NewReader(big)}
			return r
		}, http.StatusRequestEntityTooLarge, "", 1},
		{"body over the limit, length unknown", func() *http.Request {
			r := s.request(big, testNow)
			r.Body = &countingReader{r: strings.NewReader(big)}
			r.ContentLength = -1
			return r
		}, http.StatusRequestEntityTooLarge, "", MaxBodyBytes + 4096},
		{"malformed json, signed", func() *http.Request { return s.request(`{"type":2,`, testNow) }, http.StatusBadRequest, "", 0},
		{"not an object, signed", func() *http.Request { return s.request(`[1,2]`, testNow) }, http.StatusBadRequest, "", 0},
		{"empty body, signed", func() *http.Request { return s.request(``, testNow) }, http.StatusBadRequest, "", 0},
		{"unknown type, signed", func() *http.Request { return s.request(`{"type":9,"data":{}}`, testNow) }, http.StatusBadRequest, "", 0},
		{"no type, signed", func() *http.Request { return s.request(`{"id":"1"}`, testNow) }, http.StatusBadRequest, "", 0},
		{"command without data, signed", func() *http.Request { return s.request(`{"type":2}`, testNow) }, http.StatusBadRequest, "", 0},
		{"command with bad data, signed", func() *http.Request { return s.request(`{"type":2,"data":"x"}`, testNow) }, http.StatusBadRequest, "", 0},
		{"command with null data, signed", func() *http.Request { return s.request(malformedCommandNullData, testNow) }, http.StatusBadRequest, "", 0},
		{"command with a null option, signed", func() *http.Request { return s.request(malformedCommandNullOption, testNow) }, http.StatusBadRequest, "", 0},
		{"autocomplete with a null suboption, signed", func() *http.Request { return s.request(malformedSubNullOption, testNow) }, http.StatusBadRequest, "", 0},
		{"component with null data, signed", func() *http.Request { return s.request(`{"type":3,"data":null}`, testNow) }, http.StatusBadRequest, "", 0},
		{"form with a null row, signed", func() *http.Request { return s.request(malformedFormNullRow, testNow) }, http.StatusBadRequest, "", 0},
		{"form with null data, signed", func() *http.Request { return s.request(`{"type":5,"data":null}`, testNow) }, http.StatusBadRequest, "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := &fakeRouter{}
			srv := newTestInteractions(t, h, s.pub, nil)
			req := tt.req()
			counted, _ := req.Body.(*countingReader)
			w := httptest.NewRecorder()
			srv.ServeHTTP(w, req)
			if w.Code != tt.status {
				t.Fatalf("got status %d, want %d (body %q)", w.Code, tt.status, w.Body.String())
			}
			if got := w.Header().Get("Allow"); got != tt.allow {
				t.Errorf("got Allow %q, want %q", got, tt.allow)
			}
			if n := h.calls.Load(); n != 0 {
				t.Errorf("got %d calls to the handler, want none", n)
			}
			if strings.Contains(w.Body.String(), `"type"`) {
				t.Errorf("got an interaction response %q on a refused request", w.Body.String())
			}
			if tt.maxRead > 0 {
				if counted == nil {
					t.Fatal("body is not counted")
				}
				if n := counted.n.Load(); n > tt.maxRead {
					t.Errorf("read %d bytes of the body, want at most %d", n, tt.maxRead)
				}
			}
			if err := srv.Drain(context.Background()); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestInteractionsPing(t *testing.T) {
	s := newSigner(t)
	h := &fakeRouter{}
	srv := newTestInteractions(t, h, s.pub, nil)
	for _, at := range []time.Time{testNow, testNow.Add(-4 * time.Minute), testNow.Add(4 * time.Minute)} {
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, s.request(`{"type":1,"id":"1","application_id":"2","token":"t","version":1}`, at))
		if w.Code != http.StatusOK {
			t.Fatalf("got status %d, want 200", w.Code)
		}
		if got := w.Header().Get("Content-Type"); got != "application/json" {
			t.Errorf("got Content-Type %q, want %q", got, "application/json")
		}
		if got := w.Body.String(); got != `{"type":1}` {
			t.Errorf("got body %q, want %q", got, `{"type":1}`)
		}
	}
	if n := h.calls.Load(); n != 0 {
		t.Errorf("got %d calls to the handler for a ping, want none", n)
	}
}

func TestInteractionsHealth(t *testing.T) {
	srv := newTestInteractions(t, &fakeRouter{}, newSigner(t).pub, nil)
	for _, m := range []string{http.MethodGet, http.MethodHead} {
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, httptest.NewRequest(m, PathHealth, nil))
		if w.Code != http.StatusOK {
			t.Errorf("%s: got status %d, want 200", m, w.Code)
		}
	}
}

func TestInteractionsDispatch(t *testing.T) {
	s := newSigner(t)
	tests := []struct {
		name, body string
		wantType   discordgo.InteractionType
	}{
		{"command", commandBody, discordgo.InteractionApplicationCommand},
		{"autocomplete", `{"type":4,"token":"t","data":{"name":"city","type":1,"options":[{"name":"name","type":3,"value":"mon","focused":true}]}}`, discordgo.InteractionApplicationCommandAutocomplete},
		{"component", `{"type":3,"token":"t","data":{"custom_id":"page:2","component_type":2}}`, discordgo.InteractionMessageComponent},
		{"modal", `{"type":5,"token":"t","data":{"custom_id":"form","components":[]}}`, discordgo.InteractionModalSubmit},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got *discordgo.Interaction
			h := &fakeRouter{}
			h.answer = func(ctx context.Context, i *discordgo.Interaction) Reply {
				got = i
				return Reply{Initial: &discordgo.InteractionResponse{
					Type: discordgo.InteractionResponseChannelMessageWithSource,
					Data: &discordgo.InteractionResponseData{Content: "ok"},
				}}
			}
			srv := newTestInteractions(t, h, s.pub, nil)
			w := httptest.NewRecorder()
			srv.ServeHTTP(w, s.request(tt.body, testNow))
			if err := srv.Drain(context.Background()); err != nil {
				t.Fatal(err)
			}
			if w.Code != http.StatusOK {
				t.Fatalf("got status %d, want 200", w.Code)
			}
			if got == nil || got.Type != tt.wantType {
				t.Fatalf("handler got %+v, want type %v", got, tt.wantType)
			}
			if ct := w.Header().Get("Content-Type"); ct != "application/json" {
				t.Errorf("got Content-Type %q, want application/json", ct)
			}
			var resp discordgo.InteractionResponse
			if err := json.Unmarshal(w.Body.Bytes(), &resp); err != nil {
				t.Fatalf("response %q: %v", w.Body.String(), err)
			}
			if resp.Type != discordgo.InteractionResponseChannelMessageWithSource || resp.Data == nil || resp.Data.Content != "ok" {
				t.Errorf("got response %q", w.Body.String())
			}
		})
	}
}

func TestInteractionsHandlerFaults(t *testing.T) {
	s := newSigner(t)
	tests := []struct {
		name   string
		answer func(ctx context.Context, i *discordgo.Interaction) Reply
		status int
	}{
		{"answers", func(context.Context, *discordgo.Interaction) Reply {
			return Reply{Initial: &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource,
				Data: &discordgo.InteractionResponseData{Content: "first"}}}
		}, http.StatusOK},
		{"never answers", func(context.Context, *discordgo.Interaction) Reply {
			return Reply{}
		}, http.StatusInternalServerError},
		{"panics", func(context.Context, *discordgo.Interaction) Reply {
			panic("boom")
		}, http.StatusInternalServerError},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := &fakeRouter{answer: tt.answer}
			srv := newTestInteractions(t, h, s.pub, nil)
			w := httptest.NewRecorder()
			srv.ServeHTTP(w, s.request(commandBody, testNow))
			if err := srv.Drain(context.Background()); err != nil {
				t.Fatal(err)
			}
			if w.Code != tt.status {
				t.Fatalf("got status %d, want %d", w.Code, tt.status)
			}
			if tt.status == http.StatusOK && !strings.Contains(w.Body.String(), `"first"`) {
				t.Errorf("got body %q, want the answer", w.Body.String())
			}
		})
	}
}

// deferring answers with type 5, then waits for finish in Finish, as a
// router finishing a deferred answer does.
type deferring struct {
	started chan struct{}
	finish  chan struct{}
	ctxErr  chan error
}

func newDeferring() *deferring {
	return &deferring{started: make(chan struct{}, 1), finish: make(chan struct{}), ctxErr: make(chan error, 1)}
}

func (d *deferring) Route(context.Context, *discordgo.Interaction) Reply {
	return Reply{
		Initial: &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource},
		Finish: func(ctx context.Context) {
			d.started <- struct{}{}
			select {
			case <-d.finish:
				d.ctxErr <- ctx.Err()
			case <-ctx.Done():
				d.ctxErr <- ctx.Err()
			}
		},
	}
}

func TestInteractionsDeferredOutlivesRequest(t *testing.T) {
	s := newSigner(t)
	d := newDeferring()
	srv := newTestInteractions(t, d, s.pub, nil)
	ctx, cancel := context.WithCancel(context.Background())
	w := httptest.NewRecorder()
	srv.ServeHTTP(w, s.request(commandBody, testNow).WithContext(ctx))
	cancel() // the request is over
	if w.Code != http.StatusOK || w.Body.String() != "{\"type\":5}\n" {
		t.Fatalf("got %d %q, want 200 and a deferred answer", w.Code, w.Body.String())
	}
	<-d.started
	drained := make(chan error)
	go func() { drained <- srv.Drain(context.Background()) }()
	select {
	case err := <-drained:
		t.Fatalf("drain returned %v while the deferred answer was still being finished", err)
	case <-time.After(20 * time.Millisecond):
	}
	close(d.finish)
	if err := <-drained; err != nil {
		t.Fatalf("drain: %v", err)
	}
	if err := <-d.ctxErr; err != nil {
		t.Errorf("the deferred work saw its context end: %v", err)
	}
}

func TestInteractionsDrainGivesUp(t *testing.T) {
	s := newSigner(t)
	d := newDeferring()
	srv := newTestInteractions(t, d, s.pub, nil)
	srv.ServeHTTP(httptest.NewRecorder(), s.request(commandBody, testNow))
	<-d.started
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	if err := srv.Drain(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("got %v, want %v", err, context.DeadlineExceeded)
	}
	if err := <-d.ctxErr; !errors.Is(err, context.Canceled) {
		t.Errorf("got work context error %v, want %v", err, context.Canceled)
	}
}

// TestServeDrainsOnStop stops a real server while a deferred answer is being
// finished: Serve returns nil only once the work is done.
func TestServeDrainsOnStop(t *testing.T) {
	s := newSigner(t)
	d := newDeferring()
	srv := NewInteractions(s.pub, d, slog.New(slog.DiscardHandler), HTTPOptions{})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ctx, ln, 5*time.Second) }()

	url := "http://" + ln.Addr().String()
	req := s.request(commandBody, time.Now())
	req.RequestURI = ""
	req.URL, _ = req.URL.Parse(url + PathInteractions)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !bytes.Contains(body, []byte(`"type":5`)) {
		t.Fatalf("got %d %q, want a deferred answer", resp.StatusCode, body)
	}
	<-d.started
	stop()
	select {
	case err := <-served:
		t.Fatalf("serve returned %v before the deferred answer was finished", err)
	case <-time.After(50 * time.Millisecond):
	}
	if _, err := http.Get(url + PathHealth); err == nil {
		t.Error("server still accepts requests while draining")
	}
	close(d.finish)
	if err := <-served; err != nil {
		t.Fatalf("serve: %v", err)
	}
	if err := <-d.ctxErr; err != nil {
		t.Errorf("deferred work cancelled: %v", err)
	}
}

func TestInteractionsApplication(t *testing.T) {
	s := newSigner(t)
	tests := []struct {
		name, body string
		status     int
		wantApp    string // as the handler sees it; empty when it must not run
	}{
		{"ours", commandBody, http.StatusOK, "2"},
		{"unnamed", `{"type":2,"token":"t","data":{"name":"about","type":1}}`, http.StatusOK, "2"},
		{"another", strings.Replace(commandBody, `"application_id":"2"`, `"application_id":"9"`, 1), http.StatusBadRequest, ""},
		{"another, ping", `{"type":1,"application_id":"9"}`, http.StatusBadRequest, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got string
			h := &fakeRouter{answer: func(_ context.Context, i *discordgo.Interaction) Reply {
				got = i.AppID
				return Reply{Initial: &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource}}
			}}
			srv := NewInteractions(s.pub, h, slog.New(slog.DiscardHandler), HTTPOptions{
				Now: func() time.Time { return testNow }, ApplicationID: "2",
			})
			w := httptest.NewRecorder()
			srv.ServeHTTP(w, s.request(tt.body, testNow))
			if err := srv.Drain(context.Background()); err != nil {
				t.Fatal(err)
			}
			if w.Code != tt.status {
				t.Fatalf("got status %d, want %d", w.Code, tt.status)
			}
			if got != tt.wantApp {
				t.Errorf("handler saw application %q, want %q", got, tt.wantApp)
			}
		})
	}
}

func TestServerLimits(t *testing.T) {
	hs := newTestInteractions(t, &fakeRouter{}, newSigner(t).pub, nil).Server()
	for name, d := range map[string]time.Duration{
		"ReadHeaderTimeout": hs.ReadHeaderTimeout, "ReadTimeout": hs.ReadTimeout,
		"WriteTimeout": hs.WriteTimeout, "IdleTimeout": hs.IdleTimeout,
	} {
		if d <= 0 {
			t.Errorf("%s is not set", name)
		}
	}
	if hs.WriteTimeout <= AnswerWithin {
		t.Errorf("got WriteTimeout %v, want more than the %v the handler has to answer", hs.WriteTimeout, AnswerWithin)
	}
	if hs.MaxHeaderBytes <= 0 || hs.MaxHeaderBytes > 1<<20 {
		t.Errorf("got MaxHeaderBytes %d, want a limit under the default 1 MiB", hs.MaxHeaderBytes)
	}
}

// TestInteractionsInFlightBound fills the only slot with a deferred answer
// still being finished: the next interaction waits, then gets 503; once the
// slot is free again, interactions are answered.
func TestInteractionsInFlightBound(t *testing.T) {
	s := newSigner(t)
	d := newDeferring()
	srv := NewInteractions(s.pub, d, slog.New(slog.DiscardHandler), HTTPOptions{
		Now: func() time.Time { return testNow }, MaxInFlight: 1, QueueWait: 10 * time.Millisecond,
	})
	srv.ServeHTTP(httptest.NewRecorder(), s.request(commandBody, testNow))
	<-d.started

	w := httptest.NewRecorder()
	srv.ServeHTTP(w, s.request(commandBody, testNow))
	if w.Code != http.StatusServiceUnavailable || w.Header().Get("Retry-After") == "" {
		t.Errorf("got %d, Retry-After %q; want 503 with Retry-After", w.Code, w.Header().Get("Retry-After"))
	}
	w = httptest.NewRecorder()
	srv.ServeHTTP(w, s.request(`{"type":1}`, testNow))
	if w.Code != http.StatusOK {
		t.Errorf("ping while busy: got %d, want 200", w.Code)
	}

	close(d.finish)
	<-d.ctxErr
	if err := srv.Drain(context.Background()); err != nil {
		t.Fatal(err)
	}
	w = httptest.NewRecorder()
	srv.ServeHTTP(w, s.request(commandBody, testNow))
	<-d.started
	<-d.ctxErr
	if w.Code != http.StatusOK {
		t.Errorf("after the slot was freed: got %d, want 200", w.Code)
	}
}
