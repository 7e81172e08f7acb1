// Package loadgen drives an interactions endpoint with signed requests over
// keep-alive HTTP/1.1 connections, and measures the raw Ed25519 verification
// rate the endpoint's throughput is bounded by.
//
// The client side is kept cheap on purpose (requests are signed and
// serialised before the run, responses parsed by hand), so that on a machine
// shared by client and server most of the CPU goes to the server.
package loadgen

import (
	"bufio"
	"bytes"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Option is one option of a slash command as Discord sends it.
type Option struct {
	Name  string `json:"name"`
	Type  int    `json:"type"`
	Value any    `json:"value"`
}

// Command returns the body of a slash command interaction; token names the
// interaction in the webhook calls that finish a deferred answer.
func Command(appID, token, name, locale string, opts ...Option) []byte {
	type data struct {
		ID      string   `json:"id"`
		Name    string   `json:"name"`
		Type    int      `json:"type"`
		Options []Option `json:"options,omitempty"`
	}
	type member struct {
		User struct {
			ID       string `json:"id"`
			Username string `json:"username"`
		} `json:"user"`
		Permissions string `json:"permissions"`
	}
	in := struct {
		Type          int    `json:"type"`
		ID            string `json:"id"`
		ApplicationID string `json:"application_id"`
		Token         string `json:"token"`
		Version       int    `json:"version"`
		GuildID       string `json:"guild_id"`
		ChannelID     string `json:"channel_id"`
		Locale        string `json:"locale"`
		GuildLocale   string `json:"guild_locale"`
		Member        member `json:"member"`
		Data          data   `json:"data"`
	}{
		Type: 2, ID: "1100000000000000001", ApplicationID: appID, Token: token, Version: 1,
		GuildID: "1100000000000000002", ChannelID: "1100000000000000003", Locale: locale, GuildLocale: "en-US",
		Data: data{ID: "1100000000000000004", Name: name, Type: 1, Options: opts},
	}
	in.Member.User.ID = "1100000000000000005"
	in.Member.User.Username = "bench"
	in.Member.Permissions = "0"
	b, err := json.Marshal(in)
	if err != nil {
		panic(err) // the struct above always encodes
	}
	return b
}

// Signer signs requests the way Discord does: Ed25519 over the timestamp
// followed by the body.
type Signer struct {
	Key ed25519.PrivateKey
}

// NewSigner returns a signer for a 32-byte seed in hexadecimal, or for a new
// random key when seed is empty.
func NewSigner(seed string) (Signer, error) {
	if seed == "" {
		_, priv, err := ed25519.GenerateKey(nil)
		return Signer{Key: priv}, err
	}
	b, err := hex.DecodeString(seed)
	if err != nil || len(b) != ed25519.SeedSize {
		return Signer{}, fmt.Errorf("seed: want %d hexadecimal bytes", ed25519.SeedSize)
	}
	return Signer{Key: ed25519.NewKeyFromSeed(b)}, nil
}

// PublicKey is the key the server must be given, in hexadecimal.
func (s Signer) PublicKey() string { return hex.EncodeToString(s.Key.Public().(ed25519.PublicKey)) }

// Request returns a complete HTTP/1.1 POST of body to host and path, signed at time at.
func (s Signer) Request(host, path string, body []byte, at time.Time) []byte {
	ts := strconv.FormatInt(at.Unix(), 10)
	sig := ed25519.Sign(s.Key, append([]byte(ts), body...))
	var b bytes.Buffer
	fmt.Fprintf(&b, "POST %s HTTP/1.1\r\nHost: %s\r\nUser-Agent: sanctuaire-bench\r\n", path, host)
	fmt.Fprintf(&b, "Content-Type: application/json\r\nContent-Length: %d\r\n", len(body))
	fmt.Fprintf(&b, "X-Signature-Ed25519: %x\r\nX-Signature-Timestamp: %s\r\n\r\n", sig, ts)
	b.Write(body)
	return b.Bytes()
}

// Conn is one keep-alive connection that sends prepared requests one at a time.
type Conn struct {
	c    net.Conn
	r    *bufio.Reader
	body []byte
	// retryAfter is whether the last response carried Retry-After: the
	// server's 503 for "too busy" does, its 503 for "not answered in time"
	// does not.
	retryAfter bool
}

// Dial opens a connection to addr (host:port).
func Dial(addr string) (*Conn, error) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("dial: %w", err)
	}
	return &Conn{c: c, r: bufio.NewReaderSize(c, 16<<10)}, nil
}

// Close closes the connection.
func (c *Conn) Close() error { return c.c.Close() }

// Do writes a prepared request and reads the response. The body it returns
// is valid until the next call.
func (c *Conn) Do(req []byte) (status int, body []byte, err error) {
	if _, err := c.c.Write(req); err != nil {
		return 0, nil, fmt.Errorf("write: %w", err)
	}
	line, err := c.r.ReadSlice('\n')
	if err != nil {
		return 0, nil, fmt.Errorf("read status: %w", err)
	}
	// "HTTP/1.1 200 OK\r\n"
	if len(line) < 12 || !bytes.HasPrefix(line, []byte("HTTP/1.")) {
		return 0, nil, fmt.Errorf("bad status line %q", line)
	}
	status, err = strconv.Atoi(string(line[9:12]))
	if err != nil {
		return 0, nil, fmt.Errorf("bad status line %q", line)
	}
	length := -1
	c.retryAfter = false
	for {
		line, err := c.r.ReadSlice('\n')
		if err != nil {
			return 0, nil, fmt.Errorf("read header: %w", err)
		}
		line = bytes.TrimRight(line, "\r\n")
		if len(line) == 0 {
			break
		}
		name, value, ok := bytes.Cut(line, []byte(":"))
		if ok && strings.EqualFold(string(name), "Content-Length") {
			length, err = strconv.Atoi(string(bytes.TrimSpace(value)))
			if err != nil {
				return 0, nil, fmt.Errorf("bad content length %q", value)
			}
		}
		if ok && strings.EqualFold(string(name), "Retry-After") {
			c.retryAfter = true
		}
	}
	if length < 0 {
		return 0, nil, errors.New("response without Content-Length")
	}
	if cap(c.body) < length {
		c.body = make([]byte, length)
	}
	c.body = c.body[:length]
	if _, err := readFull(c.r, c.body); err != nil {
		return 0, nil, fmt.Errorf("read body: %w", err)
	}
	return status, c.body, nil
}

func readFull(r *bufio.Reader, p []byte) (int, error) {
	n := 0
	for n < len(p) {
		m, err := r.Read(p[n:])
		n += m
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// Request is a prepared request and what a correct answer contains.
type Request struct {
	Name  string // what it asks, for reports
	Raw   []byte // the whole HTTP request
	Token string // the interaction's token
	Want  []byte // a correct answer contains this, in the response or in the edit that finishes it
}

// Result is the outcome of a run.
type Result struct {
	Requests int
	Deferred int // answered "type 5" and finished later by an edit (see Sink)
	Busy     int // refused with 503 and Retry-After: the server had too many interactions in flight
	Late     int // 503 without Retry-After: the server did not answer within Discord's 3 seconds
	// Slow counts answers (200) that came after Discord's 3 seconds, as the
	// client measured them: Discord would have given up on them.
	Slow int
	// Dropped counts requests whose connection the server closed without
	// an answer; the connection is opened again.
	Dropped   int
	Failures  int
	FirstFail string // the first wrong answer, for diagnosis
	Start     time.Time
	Elapsed   time.Duration
	PerSecond float64
	P50, P99  time.Duration
}

var deferred = []byte(`"type":5`)

// Run sends n requests, cycling through reqs, over conns connections to addr.
func Run(addr string, reqs []Request, n, conns int) (Result, error) {
	if len(reqs) == 0 || n <= 0 || conns <= 0 {
		return Result{}, errors.New("run: nothing to send")
	}
	cs := make([]*Conn, conns)
	for i := range cs {
		c, err := Dial(addr)
		if err != nil {
			for _, c := range cs[:i] {
				c.Close()
			}
			return Result{}, err
		}
		cs[i] = c
	}
	defer func() {
		for _, c := range cs {
			c.Close()
		}
	}()

	lat := make([]time.Duration, n)
	var next, failures, deferrals, busy, late, slow, dropped atomic.Int64
	var firstFail atomic.Value
	var failErr atomic.Value
	var wg sync.WaitGroup
	start := time.Now()
	for i := range cs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := cs[i]
			for {
				k := int(next.Add(1)) - 1
				if k >= n {
					return
				}
				req := reqs[k%len(reqs)]
				t0 := time.Now()
				status, body, err := c.Do(req.Raw)
				lat[k] = time.Since(t0)
				if err != nil {
					// A server that closes a connection under load loses
					// that request; count it and go on with a new one.
					dropped.Add(1)
					c.Close()
					if c, err = Dial(addr); err != nil {
						failErr.CompareAndSwap(nil, err)
						next.Store(int64(n))
						return
					}
					cs[i] = c
					continue
				}
				if status == 200 && lat[k] > 3*time.Second {
					slow.Add(1)
				}
				if status == http.StatusServiceUnavailable {
					if c.retryAfter {
						busy.Add(1)
					} else {
						late.Add(1)
					}
					continue
				}
				if status == 200 && bytes.HasPrefix(body, []byte(`{`)) && bytes.Contains(body[:min(len(body), 16)], deferred) {
					deferrals.Add(1)
					continue
				}
				if status != 200 || !bytes.Contains(body, req.Want) {
					failures.Add(1)
					firstFail.CompareAndSwap(nil, fmt.Sprintf("%s: %d %.200s", req.Name, status, body))
				}
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	if err, ok := failErr.Load().(error); ok {
		return Result{}, err
	}
	res := Result{
		Requests:  n,
		Start:     start,
		Deferred:  int(deferrals.Load()),
		Busy:      int(busy.Load()),
		Late:      int(late.Load()),
		Slow:      int(slow.Load()),
		Dropped:   int(dropped.Load()),
		Failures:  int(failures.Load()),
		Elapsed:   elapsed,
		PerSecond: float64(n) / elapsed.Seconds(),
		P50:       Percentile(lat, 50),
		P99:       Percentile(lat, 99),
	}
	if s, ok := firstFail.Load().(string); ok {
		res.FirstFail = s
	}
	return res, nil
}

// Percentile returns the p-th percentile of ds (which it sorts).
func Percentile(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	slices.Sort(ds)
	i := int(float64(len(ds))*p/100+0.5) - 1
	return ds[max(0, min(i, len(ds)-1))]
}

// Rate is a number of operations per second of wall-clock time and per
// second of CPU time. On a machine shared with other work the second is the
// steadier figure: it does not depend on how much of the machine was free.
type Rate struct {
	PerSecond    float64
	PerCPUSecond float64
}

// VerifyRate measures how many ed25519.Verify calls procs goroutines complete
// together in about d, on a message the size of an interaction. The CPU time
// is the whole process's: measure while nothing else in it is busy.
func VerifyRate(procs int, d time.Duration) Rate {
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		panic(err)
	}
	msg := append([]byte("1700000000"), Command("1", "token", "stats", "fr")...)
	sig := ed25519.Sign(priv, msg)
	var total atomic.Int64
	var wg sync.WaitGroup
	cpu0, _ := CPU(0)
	start := time.Now()
	deadline := start.Add(d)
	for range procs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			n := 0
			for time.Now().Before(deadline) {
				for range 64 {
					if !ed25519.Verify(pub, msg, sig) {
						panic("loadgen: verification failed")
					}
				}
				n += 64
			}
			total.Add(int64(n))
		}()
	}
	wg.Wait()
	wall := time.Since(start)
	cpu1, _ := CPU(0)
	return Rate{
		PerSecond:    float64(total.Load()) / wall.Seconds(),
		PerCPUSecond: float64(total.Load()) / max(cpu1-cpu0, time.Millisecond).Seconds(),
	}
}

// CPU returns the user and system CPU time process pid (0 for this process)
// has used so far, read from /proc in clock ticks of 10 ms.
func CPU(pid int) (time.Duration, error) {
	path := "/proc/self/stat"
	if pid > 0 {
		path = "/proc/" + strconv.Itoa(pid) + "/stat"
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return 0, fmt.Errorf("read cpu time: %w", err)
	}
	// The command name, in parentheses, may hold spaces: count fields after it.
	_, rest, ok := strings.Cut(string(b), ") ")
	f := strings.Fields(rest)
	if !ok || len(f) < 13 {
		return 0, fmt.Errorf("read cpu time: unexpected %s", path)
	}
	utime, err1 := strconv.ParseInt(f[11], 10, 64)
	stime, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0, fmt.Errorf("read cpu time: unexpected %s", path)
	}
	const tick = 10 * time.Millisecond // USER_HZ is 100 on Linux
	return time.Duration(utime+stime) * tick, nil
}

// Procs is the number of cores the process may use.
func Procs() int { return runtime.GOMAXPROCS(0) }

// RSS returns the resident and peak resident memory of process pid in bytes
// (0 for this process), read from /proc.
func RSS(pid int) (rss, peak int64, err error) {
	path := "/proc/self/status"
	if pid > 0 {
		path = "/proc/" + strconv.Itoa(pid) + "/status"
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return 0, 0, fmt.Errorf("read memory: %w", err)
	}
	for line := range strings.Lines(string(b)) {
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		f := strings.Fields(value)
		if len(f) != 2 || f[1] != "kB" {
			continue
		}
		kb, err := strconv.ParseInt(f[0], 10, 64)
		if err != nil {
			continue
		}
		switch name {
		case "VmRSS":
			rss = kb << 10
		case "VmHWM":
			peak = kb << 10
		}
	}
	return rss, peak, nil
}

// Sink stands in for Discord's REST API when answers are deferred: it takes
// the edits of @original (and follow-ups), checks each against what the
// request's answer must contain, and keeps only counts.
type Sink struct {
	mu         sync.Mutex
	want       map[string][]byte
	edits      int
	wrong      int
	firstWrong string
	changed    chan struct{}
	conns      atomic.Int64
	attempts   atomic.Int64 // edits received, dropped ones included
	dropEvery  int64
}

// DropEvery makes the sink close the connection without an answer on every
// k-th edit it receives (none when k is 0), as a reset connection or a
// timeout would: the server must try that edit again.
func (s *Sink) DropEvery(k int) { s.dropEvery = int64(k) }

// ConnState counts the connections the server opens to the sink; give it to
// the sink's http.Server. A client that reuses few connections opens one per
// edit under load.
func (s *Sink) ConnState(_ net.Conn, state http.ConnState) {
	if state == http.StateNew {
		s.conns.Add(1)
	}
}

// Conns is the number of connections opened to the sink so far.
func (s *Sink) Conns() int64 { return s.conns.Load() }

// NewSink returns a sink that expects nothing yet.
func NewSink() *Sink {
	return &Sink{want: map[string][]byte{}, changed: make(chan struct{})}
}

// Expect tells the sink what the answers of reqs must contain.
func (s *Sink) Expect(reqs []Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, r := range reqs {
		s.want[r.Token] = r.Want
	}
}

// ServeHTTP answers PATCH /api/v9/webhooks/{app}/{token}/messages/@original
// and POST /api/v9/webhooks/{app}/{token} as Discord would.
func (s *Sink) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	seg := strings.Split(strings.Trim(r.URL.Path, "/"), "/")
	if len(seg) < 5 || seg[0] != "api" || seg[2] != "webhooks" {
		http.NotFound(w, r)
		return
	}
	token := seg[4]
	body, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	edit := r.Method == http.MethodPatch && len(seg) == 7 && seg[6] == "@original"
	if edit && s.dropEvery > 0 && s.attempts.Add(1)%s.dropEvery == 0 {
		if c, _, err := http.NewResponseController(w).Hijack(); err == nil {
			c.Close()
			return
		}
	}
	if edit {
		s.mu.Lock()
		s.edits++
		if want, ok := s.want[token]; !ok || !bytes.Contains(body, want) {
			s.wrong++
			if s.firstWrong == "" {
				s.firstWrong = fmt.Sprintf("edit for %s: %.200s", token, body)
			}
		}
		close(s.changed)
		s.changed = make(chan struct{})
		s.mu.Unlock()
	}
	w.Header().Set("Content-Type", "application/json")
	fmt.Fprintf(w, `{"id":"1200000000000000001","channel_id":"1200000000000000002","content":""}`)
}

// Edits returns the edits received so far, how many were wrong, and the first wrong one.
func (s *Sink) Edits() (edits, wrong int, firstWrong string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.edits, s.wrong, s.firstWrong
}

// Wait waits until at least n edits came, or timeout passed, and reports whether they did.
func (s *Sink) Wait(n int, timeout time.Duration) bool {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		done, changed := s.edits >= n, s.changed
		s.mu.Unlock()
		if done {
			return true
		}
		select {
		case <-changed:
		case <-deadline.C:
			return false
		}
	}
}
