package loadgen

import (
	"bufio"
	"bytes"
	"crypto/ed25519"
	"encoding/hex"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestPercentile(t *testing.T) {
	ms := func(ns ...int) []time.Duration {
		out := make([]time.Duration, len(ns))
		for i, n := range ns {
			out[i] = time.Duration(n) * time.Millisecond
		}
		return out
	}
	tests := []struct {
		name string
		in   []time.Duration
		p    float64
		want time.Duration
	}{
		{"empty", nil, 50, 0},
		{"one", ms(7), 99, 7 * time.Millisecond},
		{"median of ten", ms(10, 9, 8, 7, 6, 5, 4, 3, 2, 1), 50, 5 * time.Millisecond},
		{"p99 of a hundred", ms(func() []int {
			var n []int
			for i := 100; i >= 1; i-- {
				n = append(n, i)
			}
			return n
		}()...), 99, 99 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Percentile(tt.in, tt.p); got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

// TestSignedRequest checks that a prepared request parses as HTTP and carries
// a signature the public key verifies, as the server will check it.
func TestSignedRequest(t *testing.T) {
	s, err := NewSigner(strings.Repeat("07", ed25519.SeedSize))
	if err != nil {
		t.Fatal(err)
	}
	body := Command("42", "t", "stats", "fr", Option{Name: "force", Type: 3, Value: "spvm"})
	raw := s.Request("127.0.0.1:1", "/interactions", body, time.Unix(1700000000, 0))
	req, err := http.ReadRequest(bufio.NewReader(bytes.NewReader(raw)))
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(req.Body)
	if !bytes.Equal(got, body) {
		t.Fatalf("got body %q, want %q", got, body)
	}
	if ts := req.Header.Get("X-Signature-Timestamp"); ts != "1700000000" {
		t.Errorf("got timestamp %q, want %q", ts, "1700000000")
	}
	sig, err := hex.DecodeString(req.Header.Get("X-Signature-Ed25519"))
	if err != nil {
		t.Fatal(err)
	}
	pub, _ := hex.DecodeString(s.PublicKey())
	if !ed25519.Verify(pub, append([]byte("1700000000"), body...), sig) {
		t.Error("signature does not verify")
	}
	if _, err := NewSigner("abcd"); err == nil {
		t.Error("a short seed was accepted")
	}
}

func TestRun(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		if bytes.Contains(b, []byte(`"name":"about"`)) {
			w.Write([]byte(`{"type":4,"data":{"embeds":[]}}`))
			return
		}
		http.Error(w, "no", http.StatusBadRequest)
	}))
	defer srv.Close()
	s, _ := NewSigner("")
	host := strings.TrimPrefix(srv.URL, "http://")
	good := Request{Name: "about", Raw: s.Request(host, "/", Command("1", "t1", "about", "fr"), time.Now()), Want: []byte(`"embeds"`)}
	bad := Request{Name: "city", Raw: s.Request(host, "/", Command("1", "t2", "city", "fr"), time.Now()), Want: []byte(`"embeds"`)}

	res, err := Run(host, []Request{good}, 200, 4)
	if err != nil {
		t.Fatal(err)
	}
	if res.Requests != 200 || res.Failures != 0 || res.P50 <= 0 || res.P99 < res.P50 {
		t.Errorf("got %+v, want 200 good answers", res)
	}
	res, err = Run(host, []Request{good, bad}, 100, 2)
	if err != nil {
		t.Fatal(err)
	}
	if res.Failures != 50 || !strings.HasPrefix(res.FirstFail, "city: 400") {
		t.Errorf("got %d failures (first %q), want 50 starting with city: 400", res.Failures, res.FirstFail)
	}
}

// TestRunBusyAndLate checks that the endpoint's two 503s are counted apart:
// "too busy" carries Retry-After, "not answered in time" does not.
func TestRunBusyAndLate(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		if bytes.Contains(b, []byte(`"name":"busy"`)) {
			w.Header().Set("Retry-After", "1")
		}
		http.Error(w, "unavailable", http.StatusServiceUnavailable)
	}))
	defer srv.Close()
	s, _ := NewSigner("")
	host := strings.TrimPrefix(srv.URL, "http://")
	busy := Request{Name: "busy", Raw: s.Request(host, "/", Command("1", "t1", "busy", "fr"), time.Now())}
	late := Request{Name: "late", Raw: s.Request(host, "/", Command("1", "t2", "late", "fr"), time.Now())}
	res, err := Run(host, []Request{busy, late, late}, 30, 3)
	if err != nil {
		t.Fatal(err)
	}
	if res.Busy != 10 || res.Late != 20 || res.Failures != 0 {
		t.Errorf("got %d busy, %d late, %d failures; want 10, 20, 0", res.Busy, res.Late, res.Failures)
	}
}

func TestProcessFigures(t *testing.T) {
	rss, peak, err := RSS(0)
	if err != nil || rss <= 0 || peak < rss {
		t.Errorf("got RSS %d, peak %d, %v", rss, peak, err)
	}
	if _, err := CPU(0); err != nil {
		t.Error(err)
	}
}

// TestRunDeferred checks that "type 5" answers are counted apart, and that the
// sink checks the edits that finish them.
func TestRunDeferred(t *testing.T) {
	sink := NewSink()
	discord := httptest.NewUnstartedServer(sink)
	discord.Config.ConnState = sink.ConnState
	discord.Start()
	defer discord.Close()
	s, _ := NewSigner("")
	var host string
	endpoint := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`{"type":5,"data":{"flags":64}}`))
		// Finish it as the router would, by editing @original.
		b, _ := io.ReadAll(r.Body)
		token := "good"
		if bytes.Contains(b, []byte(`"token":"bad"`)) {
			token = "bad"
		}
		req, _ := http.NewRequest(http.MethodPatch, discord.URL+"/api/v9/webhooks/1/"+token+"/messages/@original",
			strings.NewReader(`{"embeds":[{"title":"Sûreté du Québec"}]}`))
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			resp.Body.Close()
		}
	}))
	defer endpoint.Close()
	host = strings.TrimPrefix(endpoint.URL, "http://")
	reqs := []Request{
		{Name: "good", Raw: s.Request(host, "/", Command("1", "good", "stats", "fr"), time.Now()), Token: "good", Want: []byte("Sûreté")},
		{Name: "bad", Raw: s.Request(host, "/", Command("1", "bad", "stats", "fr"), time.Now()), Token: "bad", Want: []byte("SPVM")},
	}
	sink.Expect(reqs)
	res, err := Run(host, reqs, 10, 2)
	if err != nil {
		t.Fatal(err)
	}
	if res.Deferred != 10 || res.Failures != 0 {
		t.Errorf("got %d deferred and %d failures, want 10 and 0", res.Deferred, res.Failures)
	}
	if !sink.Wait(10, 10*time.Second) {
		t.Fatal("the edits never came")
	}
	if n := sink.Conns(); n < 1 || n > 10 {
		t.Errorf("got %d connections to the sink, want 1 to 10", n)
	}

	edits, wrong, first := sink.Edits()
	if edits != 10 || wrong != 5 || !strings.HasPrefix(first, "edit for bad:") {
		t.Errorf("got %d edits, %d wrong (first %q), want 10, 5 wrong for bad", edits, wrong, first)
	}
	// Every other edit is dropped: a client that does not try again loses it.
	sink.DropEvery(2)
	for i, want := range []bool{true, false, true, false} {
		req, _ := http.NewRequest(http.MethodPatch, discord.URL+"/api/v9/webhooks/1/good/messages/@original",
			strings.NewReader(`{"embeds":[{"title":"Sûreté du Québec"}]}`))
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			resp.Body.Close()
		}
		if got := err == nil; got != want {
			t.Errorf("edit %d: got answered %v (%v), want %v", i, got, err, want)
		}
	}
	if edits, _, _ := sink.Edits(); edits != 12 {
		t.Errorf("got %d edits counted, want 12: dropped ones do not count", edits)
	}
}
