package store_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"sanctuaire/store"
)

// Environment of the child processes of testDurability and testProcesses.
const (
	childBackendEnv = "SANCTUAIRE_STORE_CHILD"
	childModeEnv    = "SANCTUAIRE_STORE_CHILD_MODE" // "forever" or "batch"
	childTargetEnv  = "SANCTUAIRE_STORE_CHILD_TARGET"
	childCounterEnv = "SANCTUAIRE_STORE_CHILD_COUNTER" // update id, for "batch"
)

// Work of one "batch" child process.
const (
	childWorkers  = 4
	childCreates  = 10 // per worker
	childAdds     = 5  // per worker
	childChildren = 2
)

// TestStoreChild is the child process of testDurability and testProcesses;
// it does nothing in a normal run. It prints "saved ID" for every update
// once CreateUpdate has returned.
//   - forever: creates updates one after the other until it is killed;
//   - batch: childWorkers goroutines each create childCreates updates and add
//     childAdds to the counter update, then it exits.
func TestStoreChild(t *testing.T) {
	name := os.Getenv(childBackendEnv)
	if name == "" {
		t.Skip("runs as a child of the durability and multi-process tests")
	}
	i := slices.IndexFunc(backends, func(b backend) bool { return b.name == name })
	if i < 0 {
		t.Fatalf("unknown backend %q", name)
	}
	ctx := context.Background()
	s, err := backends[i].open(ctx, os.Getenv(childTargetEnv))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var mu sync.Mutex
	report := func(id int64) {
		mu.Lock()
		fmt.Printf("saved %d\n", id)
		mu.Unlock()
	}
	switch os.Getenv(childModeEnv) {
	case "forever":
		for n := 0; ; n++ {
			u, err := s.CreateUpdate(ctx, bilingual(guildA, n), modX)
			if err != nil {
				t.Fatal(err)
			}
			report(u.ID)
		}
	case "batch":
		counter, err := strconv.ParseInt(os.Getenv(childCounterEnv), 10, 64)
		if err != nil {
			t.Fatal(err)
		}
		if err := work(ctx, []*store.Store{s}, childWorkers, childCreates, childAdds, counter, report); err != nil {
			t.Fatal(err)
		}
	default:
		t.Fatalf("unknown mode %q", os.Getenv(childModeEnv))
	}
}

// startChild runs TestStoreChild in a new process and returns it with its
// output.
func startChild(t *testing.T, b backend, target, mode string, counter int64) (*exec.Cmd, *bufio.Scanner) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestStoreChild$", "-test.count=1")
	cmd.Env = append(os.Environ(),
		childBackendEnv+"="+b.name, childModeEnv+"="+mode, childTargetEnv+"="+target,
		childCounterEnv+"="+strconv.FormatInt(counter, 10))
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, bufio.NewScanner(out)
}

// readSaved returns the ids a child reported, at most n (n < 0: all), and
// logs its other lines, such as its failures. It may run in a goroutine.
func readSaved(t *testing.T, sc *bufio.Scanner, n int) []int64 {
	var saved []int64
	for len(saved) != n && sc.Scan() {
		id, ok := strings.CutPrefix(sc.Text(), "saved ")
		v, err := strconv.ParseInt(id, 10, 64)
		if !ok || err != nil {
			if sc.Text() != "PASS" {
				t.Logf("child: %s", sc.Text())
			}
			continue
		}
		saved = append(saved, v)
	}
	return saved
}

// work has workers goroutines, spread over stores, each create creates
// updates in guildA (reporting their ids) and add adds to the counter update
// in guildB, reading it again after each conflict.
func work(ctx context.Context, stores []*store.Store, workers, creates, adds int, counter int64, report func(int64)) error {
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for w := range workers {
		wg.Go(func() {
			s := stores[w%len(stores)]
			for i := range creates {
				u, err := s.CreateUpdate(ctx, bilingual(guildA, w*1000+i), modX)
				if err != nil {
					errs <- err
					return
				}
				report(u.ID)
			}
			for done := 0; done < adds; {
				cur, err := s.GetUpdate(ctx, guildB, counter)
				if err != nil {
					errs <- err
					return
				}
				n, _ := strconv.Atoi(cur.TextEN)
				cur.TextEN = strconv.Itoa(n + 1)
				_, err = s.EditUpdate(ctx, cur, modY)
				switch {
				case err == nil:
					done++
				case !errors.Is(err, store.ErrConflict):
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	return <-errs
}

// checkWork checks what work left: exactly the created ids, no more, no
// fewer, and every addition to the counter.
func checkWork(t *testing.T, s *store.Store, created []int64, counter int64, wantAdds int) {
	t.Helper()
	ctx := context.Background()
	created = slices.Sorted(slices.Values(created))
	if n := len(slices.Compact(slices.Clone(created))); n != len(created) {
		t.Fatalf("got %d distinct ids for %d updates", n, len(created))
	}
	var listed []int64
	for off := 0; ; off += store.MaxList {
		page, total, err := s.ListUpdates(ctx, guildA, off, store.MaxList)
		if err != nil {
			t.Fatal(err)
		}
		if total != len(created) {
			t.Errorf("got total %d, want %d", total, len(created))
		}
		if len(page) == 0 {
			break
		}
		for _, u := range page {
			listed = append(listed, u.ID)
		}
	}
	slices.Sort(listed)
	if !slices.Equal(created, listed) {
		t.Errorf("stored ids differ from created ones:\ncreated %v\nstored  %v", created, listed)
	}
	got, err := s.GetUpdate(ctx, guildB, counter)
	if err != nil {
		t.Fatal(err)
	}
	if want := strconv.Itoa(wantAdds); got.TextEN != want || got.Version != 1+wantAdds {
		t.Errorf("got counter %q at version %d, want %q at version %d", got.TextEN, got.Version, want, 1+wantAdds)
	}
}

func newCounter(t *testing.T, s *store.Store) int64 {
	return mustCreate(t, s, store.Update{Guild: guildB, TitleEN: "Counter", TextEN: "0"}).ID
}

// testDurability kills a process with SIGKILL while it writes, then checks
// that every update it reported as saved is there after reopening.
func testDurability(t *testing.T, b backend) {
	target := b.fresh(t)
	openAt(t, b, target) // migrated before the child starts

	cmd, out := startChild(t, b, target, "forever", 0)
	saved := readSaved(t, out, 20)
	// Killed in the middle of its next write.
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	if len(saved) < 20 {
		t.Fatalf("child reported %d updates before it stopped, want 20", len(saved))
	}

	s := openAt(t, b, target)
	ctx := context.Background()
	for _, id := range saved {
		if _, err := s.GetUpdate(ctx, guildA, id); err != nil {
			t.Errorf("update %d, reported saved before kill -9: %v", id, err)
		}
	}
	list, total, err := s.ListUpdates(ctx, guildA, 0, store.MaxList)
	if err != nil {
		t.Fatal(err)
	}
	// The child may have saved more after its last line was read; those
	// may or may not be there.
	if total < len(saved) || len(list) != min(total, store.MaxList) {
		t.Errorf("got %d updates after reopening (%d listed), want at least %d", total, len(list), len(saved))
	}
	// An update and its audit entry are one transaction: both or neither.
	log, err := s.Audit(ctx, guildA, store.MaxList)
	if err != nil || len(log) != min(total, store.MaxList) {
		t.Errorf("got %d audit entries, err %v; want one per update, %d", len(log), err, total)
	}
}

// testProcesses has two processes share one database, each creating updates
// and editing the same one from several goroutines.
func testProcesses(t *testing.T, b backend) {
	target := b.fresh(t)
	s := openAt(t, b, target)
	counter := newCounter(t, s)

	type child struct {
		cmd   *exec.Cmd
		saved chan []int64
	}
	var children []child
	for range childChildren {
		cmd, out := startChild(t, b, target, "batch", counter)
		c := child{cmd, make(chan []int64, 1)}
		go func() { c.saved <- readSaved(t, out, -1) }()
		children = append(children, c)
	}
	var created []int64
	for _, c := range children {
		created = append(created, <-c.saved...)
		if err := c.cmd.Wait(); err != nil {
			t.Fatalf("child: %v", err)
		}
	}
	if len(created) != childChildren*childWorkers*childCreates {
		t.Fatalf("children reported %d updates, want %d", len(created), childChildren*childWorkers*childCreates)
	}
	checkWork(t, s, created, counter, childChildren*childWorkers*childAdds)
}

// testConcurrency has two Stores on one database, as two processes would,
// create and edit updates from many goroutines.
func testConcurrency(t *testing.T, b backend) {
	ctx := context.Background()
	target := b.fresh(t)
	stores := []*store.Store{openAt(t, b, target), openAt(t, b, target)}
	const workers = 8

	t.Run("create and edit", func(t *testing.T) {
		const creates, adds = 15, 5
		counter := newCounter(t, stores[0])
		var (
			mu      sync.Mutex
			created []int64
		)
		err := work(ctx, stores, workers, creates, adds, counter, func(id int64) {
			mu.Lock()
			created = append(created, id)
			mu.Unlock()
		})
		if err != nil {
			t.Fatal(err)
		}
		checkWork(t, stores[1], created, counter, workers*adds)
	})

	t.Run("same version", func(t *testing.T) {
		// Everyone edits the version they read: exactly one wins.
		u := mustCreate(t, stores[0], bilingual(guildB, 0))
		results := make(chan error, workers)
		for w := range workers {
			go func() {
				e := u
				e.TextEN = fmt.Sprintf("edit by %d", w)
				_, err := stores[w%2].EditUpdate(ctx, e, modY)
				results <- err
			}()
		}
		won, conflicts := 0, 0
		for range workers {
			switch err := <-results; {
			case err == nil:
				won++
			case errors.Is(err, store.ErrConflict):
				conflicts++
			default:
				t.Errorf("EditUpdate: got %v, want nil or ErrConflict", err)
			}
		}
		if won != 1 || conflicts != workers-1 {
			t.Errorf("got %d edits and %d conflicts, want 1 and %d", won, conflicts, workers-1)
		}
		got, err := stores[1].GetUpdate(ctx, guildB, u.ID)
		if err != nil || got.Version != 2 || !strings.HasPrefix(got.TextEN, "edit by ") {
			t.Errorf("got %+v, %v; want version 2 with the winner's text", got, err)
		}
	})
}
