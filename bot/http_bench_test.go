package bot

import (
	"bytes"
	"log/slog"
	"net"
	"sync"
	"testing"
	"time"

	"sanctuaire/bench/loadgen"
)

// BenchmarkServeSigned drives the endpoint over loopback with signed stats
// and city commands, 50 connections at a time, and sets the throughput beside
// the raw ed25519.Verify rate measured in the same run on the same cores.
// "kb" answers from the knowledge base through the real router; "fixed"
// answers every request with the same small reply, which shows what the HTTP
// layer alone costs.
func BenchmarkServeSigned(b *testing.B) {
	b.Run("kb", func(b *testing.B) { benchServe(b, newLive(b, nil, RouterOptions{}), true) })
	b.Run("fixed", func(b *testing.B) {
		l := newLive(b, nil, RouterOptions{})
		l.srv = NewInteractions(l.s.pub, &fakeHandler{}, slog.New(slog.DiscardHandler), HTTPOptions{})
		benchServe(b, l, false)
	})
}

func benchServe(b *testing.B, l *live, checkAnswer bool) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	hs := l.srv.Server()
	go hs.Serve(ln)
	defer hs.Close()
	addr := ln.Addr().String()
	reqs, err := loadgen.Mix("kb", loadgen.Signer{Key: l.s.priv}, addr, l.fake.AppID, time.Now())
	if err != nil {
		b.Fatal(err)
	}
	procs := loadgen.Procs()
	verify := loadgen.VerifyRate(procs, 500*time.Millisecond)

	var (
		mu   sync.Mutex
		lats []time.Duration
		seq  int
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
			if status != 200 || (checkAnswer && !bytes.Contains(body, r.Want)) {
				b.Errorf("%s: got %d %.200s", r.Name, status, body)
				return
			}
		}
		mu.Lock()
		lats = append(lats, mine...)
		mu.Unlock()
	})
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
	// Resident memory of the whole test process, client included.
	if rss, _, err := loadgen.RSS(0); err == nil {
		b.ReportMetric(float64(rss)/(1<<20), "rss-MiB")
	}
}
