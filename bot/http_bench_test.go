package bot

import (
	"bytes"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"sanctuaire/bench/loadgen"
)

// BenchmarkServeSigned drives the endpoint over loopback with signed
// commands, 50 connections at a time, and sets the throughput beside the raw
// ed25519.Verify rate measured in the same run on the same cores.
//   - kb: city, support and rights answers from the knowledge base, through
//     the real router, logging as `sanctuaire serve` does;
//   - questions: question answers to questions typed in plain words, French
//     and English (bench/loadgen's questions mix), through the real router;
//   - stats: statistics with their charts, deferred; an answer counts once its
//     edit has reached the stand-in for Discord;
//   - fixed: the same small reply to every request, which shows what the HTTP
//     layer alone costs.
func BenchmarkServeSigned(b *testing.B) {
	for _, mix := range []string{"kb", "questions", "stats"} {
		b.Run(mix, func(b *testing.B) { benchRouter(b, mix) })
	}
	b.Run("fixed", func(b *testing.B) {
		s := newSigner(b)
		benchServe(b, NewInteractions(s.pub, &fakeRouter{}, slog.New(slog.DiscardHandler), HTTPOptions{}), s, "kb", nil)
	})
}

// benchRouter measures the real router and handlers, finishing deferred
// answers through a loadgen.Sink.
func benchRouter(b *testing.B, mix string) {
	l := newLive(b, nil, RouterOptions{})
	sink := loadgen.NewSink()
	discord := httptest.NewServer(sink)
	defer discord.Close()
	rest, err := NewSession("", discord.URL)
	if err != nil {
		b.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	router := NewRouter(l.cmds, l.cat, rest, log, RouterOptions{})
	benchServe(b, NewInteractions(l.s.pub, router, log, HTTPOptions{}), l.s, mix, sink)
}

// benchServe measures srv; with a sink, answers are checked and deferred ones
// waited for.
func benchServe(b *testing.B, srv *Interactions, s signer, mix string, sink *loadgen.Sink) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	hs := srv.Server()
	go hs.Serve(ln)
	defer hs.Close()
	addr := ln.Addr().String()
	reqs, err := loadgen.Mix(mix, loadgen.Signer{Key: s.priv}, addr, "1100000000000000000", time.Now())
	if err != nil {
		b.Fatal(err)
	}
	var edits0 int
	if sink != nil {
		sink.Expect(reqs)
		edits0, _, _ = sink.Edits()
	}
	procs := loadgen.Procs()
	verify := loadgen.VerifyRate(procs, 500*time.Millisecond)

	var (
		mu       sync.Mutex
		lats     []time.Duration
		seq      int
		deferred atomic.Int64
		busy     atomic.Int64
	)
	b.SetParallelism(max(1, 50/procs))
	b.ResetTimer()
	cpu0, _ := loadgen.CPU(0)
	start := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		c, err := loadgen.Dial(addr)
		if err != nil {
			b.Error(err)
			return
		}
		defer c.Close()
		mu.Lock()
		k := seq
		seq++
		mu.Unlock()
		var mine []time.Duration
		for pb.Next() {
			r := reqs[k%len(reqs)]
			k++
			t0 := time.Now()
			status, body, err := c.Do(r.Raw)
			mine = append(mine, time.Since(t0))
			if err != nil {
				b.Error(err)
				return
			}
			switch {
			case status == http.StatusServiceUnavailable:
				busy.Add(1) // more slow answers in flight than MaxInFlight
			case status != 200:
				b.Errorf("%s: got %d %.200s", r.Name, status, body)
				return
			case sink == nil:
			case bytes.HasPrefix(body, []byte(`{"type":5`)):
				deferred.Add(1)
			case !bytes.Contains(body, r.Want):
				b.Errorf("%s: got %.200s, want %q in it", r.Name, body, r.Want)
				return
			}
		}
		mu.Lock()
		lats = append(lats, mine...)
		mu.Unlock()
	})
	if sink != nil {
		if !sink.Wait(edits0+int(deferred.Load()), time.Minute) {
			b.Fatal("deferred answers never finished")
		}
		if _, wrong, first := sink.Edits(); wrong > 0 {
			b.Fatalf("%d wrong edits, first: %s", wrong, first)
		}
	}
	elapsed := time.Since(start)
	cpu1, _ := loadgen.CPU(0)
	b.StopTimer()
	perSecond := float64(b.N) / elapsed.Seconds()
	b.ReportMetric(perSecond, "req/s")
	b.ReportMetric(float64(loadgen.Percentile(lats, 50).Microseconds()), "p50-µs")
	b.ReportMetric(float64(loadgen.Percentile(lats, 99).Microseconds()), "p99-µs")
	b.ReportMetric(verify.PerSecond, "verify/s")
	b.ReportMetric(perSecond/verify.PerSecond, "ratio")
	// The same ratio per CPU-second, steadier on a shared machine; the
	// process's CPU time includes the client's.
	if cpu := cpu1 - cpu0; cpu > 0 {
		b.ReportMetric(float64(b.N)/cpu.Seconds()/verify.PerCPUSecond, "cpu-ratio")
	}
	b.ReportMetric(float64(deferred.Load())/float64(b.N), "deferred/op")
	b.ReportMetric(float64(busy.Load())/float64(b.N), "busy/op")
	// Resident memory of the whole test process, client included.
	if rss, _, err := loadgen.RSS(0); err == nil {
		b.ReportMetric(float64(rss)/(1<<20), "rss-MiB")
	}
}
