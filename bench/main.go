// Command bench drives `sanctuaire serve` with signed interactions over
// loopback and reports requests per second, p50 and p99 latency, the raw
// Ed25519 verification rate measured in the same run on the same cores, the
// ratio of the two, and the server's memory after the run.
//
//	go build -o sanctuaire ./cmd/sanctuaire
//	go run ./bench -exec ./sanctuaire
//
// or, against a server already running with the bench key:
//
//	go run ./bench -seed HEX -print-key   # the DISCORD_PUBLIC_KEY to give the server
//	go run ./bench -seed HEX -addr 127.0.0.1:8080 -pid PID
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"regexp"
	"syscall"
	"time"

	"sanctuaire/bench/loadgen"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

const appID = "1100000000000000000"

// finishWithin is how long the edits of deferred answers are awaited after
// the requests: longer than the server may take to finish one (its handler
// timeout, then bounded retries of the edit).
const finishWithin = 5 * time.Minute

func run(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	var (
		binary   = fs.String("exec", "", "sanctuaire binary to start as `sanctuaire serve` on a free loopback port")
		addr     = fs.String("addr", "", "address of a server already running (instead of -exec)")
		pid      = fs.Int("pid", 0, "process id of the server at -addr, to report its memory")
		seed     = fs.String("seed", "", "Ed25519 seed (64 hex digits) to sign with; random when empty")
		printKey = fs.Bool("print-key", false, "print the public key for -seed and exit")
		n        = fs.Int("n", 10000, "requests to send")
		warmup   = fs.Int("warmup", 1000, "requests sent before measuring")
		conns    = fs.Int("c", 50, "concurrent connections")
		verify   = fs.Duration("verify", 2*time.Second, "how long to measure the raw verification rate")
		mix      = fs.String("mix", "kb", "requests: kb (city, support and rights answers), questions (question answers), stats (answers with charts, deferred) or about")
		sinkAddr = fs.String("sink", "127.0.0.1:0", "where to take the edits that finish deferred answers (the server's DISCORD_API_URL)")
		drop     = fs.Int("sink-drop", 0, "close the connection without an answer on every `k`-th edit, to check that the server tries again")
		logPath  = fs.String("server-log", "", "file to keep the logs of the server started with -exec (discarded when empty)")
		settle   = fs.Duration("settle", 0, "after the run, wait this long and report the server's memory again, to see what it gave back")
	)
	if err := fs.Parse(args); err != nil {
		return err
	}
	signer, err := loadgen.NewSigner(*seed)
	if err != nil {
		return err
	}
	if *printKey {
		fmt.Fprintln(out, signer.PublicKey())
		return nil
	}

	// Deferred answers are finished by editing them through Discord's API:
	// the sink takes those edits in its place.
	sink := loadgen.NewSink()
	sink.DropEvery(*drop)
	sinkLn, err := net.Listen("tcp", *sinkAddr)
	if err != nil {
		return fmt.Errorf("sink: %w", err)
	}
	sinkSrv := &http.Server{Handler: sink, ReadHeaderTimeout: 5 * time.Second, ConnState: sink.ConnState}
	go sinkSrv.Serve(sinkLn)
	defer sinkSrv.Close()
	apiURL := "http://" + sinkLn.Addr().String()

	target, serverPID := *addr, *pid
	if *binary != "" {
		logs := io.Discard
		if *logPath != "" {
			f, err := os.Create(*logPath)
			if err != nil {
				return fmt.Errorf("server log: %w", err)
			}
			defer f.Close()
			logs = f
		}
		srv, err := start(ctx, *binary, signer.PublicKey(), apiURL, logs)
		if err != nil {
			return err
		}
		defer srv.stop()
		target, serverPID = srv.addr, srv.cmd.Process.Pid
	}
	if target == "" {
		return errors.New("give -exec or -addr")
	}

	reqs, err := loadgen.Mix(*mix, signer, target, appID, time.Now())
	if err != nil {
		return err
	}
	sink.Expect(reqs)
	if *binary == "" {
		fmt.Fprintf(out, "sink           %s (the server's DISCORD_API_URL, for deferred answers)\n", apiURL)
	}
	procs := loadgen.Procs()
	before := loadgen.VerifyRate(procs, *verify)
	if *warmup > 0 {
		w, err := loadgen.Run(target, reqs, *warmup, *conns)
		if err != nil {
			return fmt.Errorf("warm up: %w", err)
		}
		if !sink.Wait(w.Deferred, finishWithin) {
			edits, _, _ := sink.Edits()
			return fmt.Errorf("warm up: %d of %d deferred answers never finished", w.Deferred-edits, w.Deferred)
		}
	}
	edits0, _, _ := sink.Edits()
	var cpu0, cpu1 time.Duration
	if serverPID > 0 {
		if cpu0, err = loadgen.CPU(serverPID); err != nil {
			return err
		}
	}
	res, err := loadgen.Run(target, reqs, *n, *conns)
	if err != nil {
		return err
	}
	// A deferred answer is done when its edit has come: count that time too.
	finished := sink.Wait(edits0+res.Deferred, finishWithin)
	complete := time.Since(res.Start)
	edits1, _, _ := sink.Edits()
	if serverPID > 0 {
		if cpu1, err = loadgen.CPU(serverPID); err != nil {
			return err
		}
	}
	after := loadgen.VerifyRate(procs, *verify)
	bound := (before.PerSecond + after.PerSecond) / 2
	boundCPU := (before.PerCPUSecond + after.PerCPUSecond) / 2

	fmt.Fprintf(out, "cores          %d (GOMAXPROCS of the load generator; the server has the same cores)\n", procs)
	fmt.Fprintf(out, "verify bound   %.0f ed25519.Verify/s (%.0f before, %.0f after the run, %d goroutines); %.0f per CPU-second\n",
		bound, before.PerSecond, after.PerSecond, procs, boundCPU)
	fmt.Fprintf(out, "served         %d requests (%s) over %d connections in %s\n", res.Requests, *mix, *conns, res.Elapsed.Round(time.Millisecond))
	fmt.Fprintf(out, "throughput     %.0f req/s, p50 %s, p99 %s\n", res.PerSecond, res.P50.Round(time.Microsecond), res.P99.Round(time.Microsecond))
	if res.Deferred > 0 {
		fmt.Fprintf(out, "deferred       %d answers sent as type 5, finished by an edit; all finished after %s: %.0f complete answers/s\n",
			res.Deferred, complete.Round(time.Millisecond), float64(res.Requests)/complete.Seconds())
		fmt.Fprintf(out, "edits          %d received over %d connections to the sink\n", edits1-edits0, sink.Conns())
	}
	fmt.Fprintf(out, "ratio          %.1f%% of the verify bound (wall clock)\n", 100*res.PerSecond/bound)
	if serverPID > 0 && cpu1 > cpu0 {
		perCPU := float64(res.Requests) / (cpu1 - cpu0).Seconds()
		fmt.Fprintf(out, "server CPU     %.0f req per server CPU-second: %.1f%% of the verify bound per CPU-second\n", perCPU, 100*perCPU/boundCPU)
	}
	fmt.Fprintf(out, "wrong answers  %d\n", res.Failures)
	if res.Busy > 0 {
		fmt.Fprintf(out, "busy           %d requests refused with 503 (too many interactions in flight)\n", res.Busy)
	}
	if res.Slow > 0 {
		fmt.Fprintf(out, "slow           %d requests answered after Discord's 3 seconds (as the client measured)\n", res.Slow)
	}
	if res.Dropped > 0 {
		fmt.Fprintf(out, "dropped        %d requests whose connection the server closed without an answer\n", res.Dropped)
	}
	if res.Late > 0 {
		fmt.Fprintf(out, "late           %d requests answered 503 after Discord's 3 seconds\n", res.Late)
	}
	if serverPID > 0 {
		rss, peak, err := loadgen.RSS(serverPID)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "server RSS     %.1f MiB after %d requests (peak %.1f MiB)\n", mib(rss), *warmup+*n, mib(peak))
		if *settle > 0 {
			time.Sleep(*settle)
			if rss, _, err = loadgen.RSS(serverPID); err != nil {
				return err
			}
			fmt.Fprintf(out, "server RSS     %.1f MiB after %s idle\n", mib(rss), *settle)
		}
	}
	if res.Failures > 0 {
		return fmt.Errorf("%d wrong answers, first: %s", res.Failures, res.FirstFail)
	}
	if _, wrong, first := sink.Edits(); wrong > 0 {
		return fmt.Errorf("%d wrong edits, first: %s", wrong, first)
	}
	if !finished {
		return fmt.Errorf("%d of %d deferred answers never finished within %s", edits0+res.Deferred-edits1, res.Deferred, finishWithin)
	}
	return nil
}

func mib(b int64) float64 { return float64(b) / (1 << 20) }

// server is a `sanctuaire serve` started by the bench.
type server struct {
	cmd  *exec.Cmd
	addr string
	done chan error
}

var listening = regexp.MustCompile(`addr["=:]+([0-9.]+:[0-9]+)`)

// start runs binary serve on a free loopback port and waits until it listens.
func start(ctx context.Context, binary, publicKey, apiURL string, logs io.Writer) (*server, error) {
	cmd := exec.CommandContext(ctx, binary, "serve", "--addr", "127.0.0.1:0")
	cmd.Env = append(os.Environ(), "DISCORD_PUBLIC_KEY="+publicKey, "DISCORD_APPLICATION_ID="+appID, "DISCORD_API_URL="+apiURL)
	cmd.Cancel = func() error { return cmd.Process.Signal(syscall.SIGTERM) }
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start server: %w", err)
	}
	s := &server{cmd: cmd, done: make(chan error, 1)}
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			fmt.Fprintln(logs, sc.Text())
			if m := listening.FindStringSubmatch(sc.Text()); m != nil {
				found <- m[1]
				break
			}
		}
		close(found)
		io.Copy(logs, stderr) // keep reading its logs so that it never blocks on them
		s.done <- cmd.Wait()
	}()
	select {
	case a, ok := <-found:
		if !ok {
			return nil, fmt.Errorf("server exited: %w", <-s.done)
		}
		s.addr = a
		return s, nil
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		return nil, errors.New("server did not start listening within 30s")
	}
}

// stop sends SIGTERM and waits for the server to drain and exit.
func (s *server) stop() {
	s.cmd.Process.Signal(syscall.SIGTERM)
	<-s.done
}
