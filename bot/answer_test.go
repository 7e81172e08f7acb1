package bot

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"sanctuaire/bot/discordtest"
	"sanctuaire/handlers"
	"sanctuaire/locales"
)

// flakyTransport fails the first failFirst PATCH requests without an answer,
// as a connection reset or a timeout would, then lets requests through.
type flakyTransport struct {
	failFirst int64
	patches   atomic.Int64
	next      http.RoundTripper
}

func (f *flakyTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Method == http.MethodPatch && f.patches.Add(1) <= f.failFirst {
		if r.Body != nil {
			r.Body.Close()
		}
		return nil, errors.New("connection reset by peer")
	}
	return f.next.RoundTrip(r)
}

// delivery is the endpoint wired as `sanctuaire serve` wires it, with one
// slot for interactions in flight, a fake Discord whose network may fail,
// and the logs captured.
type delivery struct {
	*live
	srv   *Interactions
	flaky *flakyTransport
	logs  *gwLogs
}

func newDelivery(t *testing.T, cmds []Command, opts RouterOptions, failFirst int64) *delivery {
	t.Helper()
	_, cat := content(t)
	fake, rest := newFakeDiscord(t, discordtest.Options{}, "")
	d := &delivery{flaky: &flakyTransport{failFirst: failFirst, next: rest.Client.Transport}}
	rest.Client.Transport = d.flaky
	d.live = &live{t: t, s: newSigner(t), cmds: cmds, cat: cat, fake: fake}
	d.logs = &gwLogs{}
	log := slog.New(slog.NewTextHandler(d.logs, nil))
	router := NewRouter(cmds, cat, rest, log, opts)
	d.srv = NewInteractions(d.s.pub, router, log, HTTPOptions{
		ApplicationID: fake.AppID, AnswerWithin: 30 * time.Second, MaxInFlight: 1, QueueWait: 10 * time.Second,
	})
	d.live.srv = d.srv
	return d
}

// TestHTTPDeferredAlwaysFinished checks that a deferred answer always ends
// with an edit of @original: the answer, or the generic error when the
// handler failed, overran its time, or the answer could not be delivered.
// The slot the interaction held is free afterwards, and a failure to deliver
// the answer is logged once, without the interaction's token.
func TestHTTPDeferredAlwaysFinished(t *testing.T) {
	png := []byte("\x89PNG\r\n\x1a\nchart")
	chart := func(ctx context.Context, req handlers.Request) (handlers.Response, error) {
		return handlers.Response{Ephemeral: true, Files: []handlers.File{{Name: "chart.png", ContentType: "image/png", Data: png}},
			Answers: []handlers.Answer{{Lang: locales.EN, Title: "Chart answer", Body: "Figures.", Image: "chart.png"}}}, nil
	}
	stuck := make(chan struct{})
	t.Cleanup(func() { close(stuck) })
	cmds := []Command{
		{Name: "chart", Handler: chart},
		// Ignores its context: drawing that does not look at ctx.
		{Name: "stuck", Handler: func(ctx context.Context, req handlers.Request) (handlers.Response, error) {
			<-stuck
			return chart(ctx, req)
		}},
		{Name: "cancelled", Handler: func(ctx context.Context, req handlers.Request) (handlers.Response, error) {
			<-ctx.Done()
			return handlers.Response{}, ctx.Err()
		}},
	}
	_, cat := content(t)
	generic := cat.Printer(locales.EN).T("common_error_generic")

	tests := []struct {
		name      string
		command   string
		timeout   time.Duration
		failFirst int64              // PATCHes that get no answer at all
		fault     *discordtest.Fault // the fake's answer to the first PATCH
		drain     bool               // the server stops waiting before the handler returns
		want      string             // the embed title of the answer, or the generic error's content
		wantLog   string             // the one error line, when delivery failed
	}{
		{name: "answer", command: "chart", want: "Chart answer"},
		{name: "server error then answer", command: "chart", fault: &discordtest.Fault{Status: 500}, want: "Chart answer"},
		{name: "rate limited then answer", command: "chart", fault: &discordtest.Fault{Status: 429, RetryAfter: 0.01}, want: "Chart answer"},
		{name: "no answer from the network then answer", command: "chart", failFirst: 2, want: "Chart answer"},
		{name: "answer refused", command: "chart", fault: &discordtest.Fault{Status: 400}, want: generic,
			wantLog: `level=ERROR msg=interaction kind=command command=chart outcome=edit_failed`},
		{name: "handler cancelled by its timeout", command: "cancelled", timeout: 20 * time.Millisecond, want: generic},
		{name: "handler ignores its timeout", command: "stuck", timeout: 20 * time.Millisecond, want: generic},
		{name: "server stops waiting", command: "stuck", timeout: time.Hour, drain: true, want: generic},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newDelivery(t, cmds, RouterOptions{Budget: 5 * time.Millisecond, Timeout: tt.timeout}, tt.failFirst)
			if tt.fault != nil {
				d.fake.Fail(discordtest.KindEdit, 1, *tt.fault)
			}
			body, token := d.command(tt.command, "en-US", nil)
			status, got := d.post(body)
			if status != http.StatusOK || got.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource {
				t.Fatalf("got %d %s, want 200 and a deferred answer", status, got.raw)
			}
			drained := make(chan error, 1)
			if tt.drain {
				ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
				defer cancel()
				go func() { drained <- d.srv.Drain(ctx) }()
			}
			edit, err := d.fake.WaitEdit(token, 10*time.Second)
			if err != nil {
				t.Fatalf("deferred answer never finished: %v", err)
			}
			var msg wireMessage
			if err := edit.Decode(&msg); err != nil {
				t.Fatal(err)
			}
			switch {
			case tt.want == generic:
				if msg.Content != generic || len(msg.Embeds) != 0 {
					t.Errorf("got edit %s, want the content %q and no embed", edit.JSON, generic)
				}
			case len(msg.Embeds) != 1 || msg.Embeds[0].Title != tt.want:
				t.Errorf("got edit %s, want the embed %q", edit.JSON, tt.want)
			}
			if !msg.mentionsNobody() {
				t.Errorf("edit %s lacks allowed_mentions with an empty parse list", edit.JSON)
			}

			if tt.drain {
				select {
				case err := <-drained:
					if !errors.Is(err, context.DeadlineExceeded) {
						t.Errorf("drain: got %v, want %v", err, context.DeadlineExceeded)
					}
				case <-time.After(10 * time.Second):
					t.Fatal("drain never returned")
				}
				return
			}
			// The slot is free again: the next interaction is answered.
			body, token = d.command("chart", "en-US", nil)
			if status, got := d.post(body); status != http.StatusOK || got.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource {
				t.Fatalf("next interaction: got %d %s, want 200 and a deferred answer", status, got.raw)
			}
			if _, err := d.fake.WaitEdit(token, 10*time.Second); err != nil {
				t.Fatalf("next deferred answer never finished: %v", err)
			}
			if err := d.srv.Drain(context.Background()); err != nil {
				t.Fatal(err)
			}

			logs := d.logs.String()
			var errorLines []string
			for line := range strings.Lines(logs) {
				if strings.Contains(line, "level=ERROR") {
					errorLines = append(errorLines, strings.TrimSpace(line))
				}
			}
			switch {
			case tt.wantLog == "" && len(errorLines) != 0:
				t.Errorf("got error lines %q, want none", errorLines)
			case tt.wantLog != "" && (len(errorLines) != 1 || !strings.Contains(errorLines[0], tt.wantLog)):
				t.Errorf("got error lines %q, want one with %q", errorLines, tt.wantLog)
			}
			if strings.Contains(logs, "token-") {
				t.Errorf("logs name an interaction token:\n%s", logs)
			}
		})
	}
}

// TestHTTPDeferredUnderLoad sends more chart interactions than the endpoint
// takes at once, with the network failing some edits: every interaction
// answered "deferred" is finished by exactly its answer.
func TestHTTPDeferredUnderLoad(t *testing.T) {
	png := []byte("\x89PNG\r\n\x1a\nchart")
	cmds := []Command{{Name: "chart", Handler: func(ctx context.Context, req handlers.Request) (handlers.Response, error) {
		return handlers.Response{Ephemeral: true, Files: []handlers.File{{Name: "chart.png", ContentType: "image/png", Data: png}},
			Answers: []handlers.Answer{{Lang: locales.EN, Title: "Chart answer", Body: "Figures.", Image: "chart.png"}}}, nil
	}}}
	// As many failed calls as an edit has retries: two with no answer, and
	// one 502 that discordgo's own retry meets again.
	d := newDelivery(t, cmds, RouterOptions{Budget: 5 * time.Millisecond}, 2)
	d.fake.Fail(discordtest.KindEdit, 2, discordtest.Fault{Status: 502})
	const n, workers = 60, 6
	var mu sync.Mutex
	var deferred []string
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range n / workers {
				body, token := d.command("chart", "en-US", nil)
				rec := httptest.NewRecorder()
				d.srv.ServeHTTP(rec, d.s.request(body, time.Now()))
				var got wire
				if rec.Code == http.StatusOK && json.Unmarshal(rec.Body.Bytes(), &got) == nil &&
					got.Type == discordgo.InteractionResponseDeferredChannelMessageWithSource {
					mu.Lock()
					deferred = append(deferred, token)
					mu.Unlock()
					continue
				}
				if rec.Code != http.StatusServiceUnavailable {
					t.Errorf("worker %d: got %d %s, want a deferred answer or 503", w, rec.Code, rec.Body)
				}
			}
		}()
	}
	wg.Wait()
	if err := d.srv.Drain(context.Background()); err != nil {
		t.Fatal(err)
	}
	if len(deferred) == 0 {
		t.Fatal("no interaction was deferred")
	}
	for _, token := range deferred {
		edit, err := d.fake.WaitEdit(token, time.Second)
		if err != nil {
			t.Errorf("deferred answer %s never finished: %v", token, err)
			continue
		}
		var msg wireMessage
		if err := edit.Decode(&msg); err != nil {
			t.Fatal(err)
		}
		if len(msg.Embeds) != 1 || msg.Embeds[0].Title != "Chart answer" {
			t.Errorf("edit of %s: got %s, want the chart answer", token, edit.JSON)
		}
	}
}
