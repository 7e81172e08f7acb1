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

// Environment of the child process in testDurability.
const (
	childBackendEnv = "SANCTUAIRE_STORE_CHILD"
	childTargetEnv  = "SANCTUAIRE_STORE_CHILD_TARGET"
)

// TestDurabilityChild is the child process of testDurability; it does nothing
// in a normal run. It creates updates without end and prints each id once
// CreateUpdate has returned, until it is killed.
func TestDurabilityChild(t *testing.T) {
	name := os.Getenv(childBackendEnv)
	if name == "" {
		t.Skip("runs as the child of the durability test")
	}
	i := slices.IndexFunc(backends, func(b backend) bool { return b.name == name })
	if i < 0 {
		t.Fatalf("unknown backend %q", name)
	}
	s, err := backends[i].open(context.Background(), os.Getenv(childTargetEnv))
	if err != nil {
		t.Fatal(err)
	}
	for n := 0; ; n++ {
		u, err := s.CreateUpdate(context.Background(), bilingual(guildA, n), modX)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Printf("saved %d\n", u.ID)
	}
}

// testDurability kills a process with SIGKILL while it writes, then checks
// that every update it reported as saved is there after reopening.
func testDurability(t *testing.T, b backend) {
	target := b.fresh(t)
	openAt(t, b, target) // migrated before the child starts

	cmd := exec.Command(os.Args[0], "-test.run=^TestDurabilityChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), childBackendEnv+"="+b.name, childTargetEnv+"="+target)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var saved []int64
	sc := bufio.NewScanner(out)
	for len(saved) < 20 && sc.Scan() {
		if id, ok := strings.CutPrefix(sc.Text(), "saved "); ok {
			n, err := strconv.ParseInt(id, 10, 64)
			if err != nil {
				t.Fatalf("child said %q", sc.Text())
			}
			saved = append(saved, n)
		}
	}
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

// testConcurrency has two Stores on one database, as two processes would,
// create and edit updates from many goroutines.
func testConcurrency(t *testing.T, b backend) {
	ctx := context.Background()
	target := b.fresh(t)
	stores := []*store.Store{openAt(t, b, target), openAt(t, b, target)}
	const workers, perWorker = 8, 15

	t.Run("create", func(t *testing.T) {
		var (
			mu  sync.Mutex
			ids []int64
			wg  sync.WaitGroup
		)
		errs := make(chan error, workers)
		for w := range workers {
			wg.Go(func() {
				s := stores[w%2]
				for i := range perWorker {
					u, err := s.CreateUpdate(ctx, bilingual(guildA, w*100+i), modX)
					if err != nil {
						errs <- err
						return
					}
					mu.Lock()
					ids = append(ids, u.ID)
					mu.Unlock()
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatalf("CreateUpdate: %v", err)
		}
		slices.Sort(ids)
		if n := len(slices.Compact(slices.Clone(ids))); n != workers*perWorker {
			t.Fatalf("got %d distinct ids, want %d", n, workers*perWorker)
		}
		var listed []int64
		for off := 0; ; off += store.MaxList {
			page, total, err := stores[1].ListUpdates(ctx, guildA, off, store.MaxList)
			if err != nil {
				t.Fatal(err)
			}
			if total != workers*perWorker {
				t.Errorf("got total %d, want %d", total, workers*perWorker)
			}
			if len(page) == 0 {
				break
			}
			for _, u := range page {
				listed = append(listed, u.ID)
			}
		}
		slices.Sort(listed)
		if !slices.Equal(ids, listed) {
			t.Errorf("listed ids differ from created ones:\ncreated %v\nlisted  %v", ids, listed)
		}
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

	t.Run("no lost edit", func(t *testing.T) {
		// Each worker adds one to a counter kept in the text, reading again
		// after a conflict: no increment may be lost.
		const adds = 5
		u := mustCreate(t, stores[0], store.Update{Guild: guildB, TitleEN: "Counter", TextEN: "0"})
		var wg sync.WaitGroup
		errs := make(chan error, workers)
		for w := range workers {
			wg.Go(func() {
				s := stores[w%2]
				for done := 0; done < adds; {
					cur, err := s.GetUpdate(ctx, guildB, u.ID)
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
		for err := range errs {
			t.Fatalf("edit: %v", err)
		}
		got, err := stores[0].GetUpdate(ctx, guildB, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		if want := strconv.Itoa(workers * adds); got.TextEN != want || got.Version != 1+workers*adds {
			t.Errorf("got counter %q at version %d, want %q at version %d", got.TextEN, got.Version, want, 1+workers*adds)
		}
	})
}
