package bot

import (
	"bytes"
	"net"
	"testing"
	"time"

	"sanctuaire/bench/loadgen"
)

// TestMixAnswers sends every request of the load generator's mixes that are
// answered at once (kb, questions, about) to a real endpoint and checks each
// answer as the bench does, so that a change that breaks one shows in the
// tests rather than only in a load run.
func TestMixAnswers(t *testing.T) {
	l := newLive(t, nil, RouterOptions{})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	hs := l.srv.Server()
	go hs.Serve(ln)
	defer hs.Close()
	addr := ln.Addr().String()
	for _, mix := range []string{"kb", "questions", "about"} {
		t.Run(mix, func(t *testing.T) {
			reqs, err := loadgen.Mix(mix, loadgen.Signer{Key: l.s.priv}, addr, l.fake.AppID, time.Now())
			if err != nil {
				t.Fatal(err)
			}
			c, err := loadgen.Dial(addr)
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			for _, r := range reqs {
				status, body, err := c.Do(r.Raw)
				switch {
				case err != nil:
					t.Fatalf("%s: %v", r.Name, err)
				case status != 200:
					t.Errorf("%s: got status %d, want 200", r.Name, status)
				case !bytes.Contains(body, r.Want):
					t.Errorf("%s: got %.300s, want %q in it", r.Name, body, r.Want)
				}
			}
		})
	}
}
