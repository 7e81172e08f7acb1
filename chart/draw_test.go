package chart

import (
	"bytes"
	"context"
	"errors"
	"testing"
	"time"

	"sanctuaire/locales"
)

// TestDrawerReusesCanvases draws different charts and sizes one after the
// other on one canvas: each picture is the one drawn on a new canvas.
func TestDrawerReusesCanvases(t *testing.T) {
	cs := charts(t, printers(t)[locales.FR])
	d := NewDrawer(1)
	steps := []struct {
		chart string
		w, h  int
	}{
		{"ranking", PhoneWidth, PhoneHeight},
		{"series", PhoneWidth, PhoneHeight},
		{"compare-both-gap", PhoneWidth, PhoneHeight},
		{"series", 800, 450},
		{"ranking", PhoneWidth, PhoneHeight},
	}
	for _, s := range steps {
		got, err := d.PNG(context.Background(), cs[s.chart], s.w, s.h)
		if err != nil {
			t.Fatal(err)
		}
		want, err := cs[s.chart].PNG(s.w, s.h)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s at %d×%d on a used canvas differs from a new one", s.chart, s.w, s.h)
		}
	}
}

// TestDrawerBound: with every canvas taken, a chart waits for one and
// gives up when its context ends; a canvas given back lets it through.
func TestDrawerBound(t *testing.T) {
	c := charts(t, printers(t)[locales.EN])["series"]
	d := NewDrawer(2)
	taken := []*canvas{<-d.canvases, <-d.canvases}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := d.PNG(ctx, c, PhoneWidth, PhoneHeight)
		done <- err
	}()
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v with every canvas taken, want context.Canceled", err)
	}
	d.canvases <- taken[0]
	if b, err := d.PNG(context.Background(), c, PhoneWidth, PhoneHeight); err != nil || len(b) == 0 {
		t.Fatalf("got %d bytes, %v with a canvas free, want a picture", len(b), err)
	}
	if got := len(d.canvases); got != 1 {
		t.Errorf("got %d free canvases, want the one given back", got)
	}
}

// TestDrawerReleasesCanvases: once unused, the Drawer drops its pictures.
func TestDrawerReleasesCanvases(t *testing.T) {
	c := charts(t, printers(t)[locales.EN])["ranking"]
	d := NewDrawer(2)
	d.release = 10 * time.Millisecond
	if _, err := d.PNG(context.Background(), c, PhoneWidth, PhoneHeight); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		cvs := []*canvas{<-d.canvases, <-d.canvases}
		kept := cvs[0].img != nil || cvs[1].img != nil
		d.canvases <- cvs[0]
		d.canvases <- cvs[1]
		if !kept {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the canvases were kept after the drawer went unused")
		}
	}
	d.buffers.mu.Lock()
	defer d.buffers.mu.Unlock()
	if len(d.buffers.free) != 0 {
		t.Errorf("got %d encoder buffers kept, want none", len(d.buffers.free))
	}
}

// BenchmarkDrawer draws at the size the answers attach, on kept canvases
// and encoder buffers (compare BenchmarkRenderRanking's memory).
func BenchmarkDrawer(b *testing.B) {
	c := charts(b, printers(b)[locales.FR])["ranking"]
	d := NewDrawer(1)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := d.PNG(context.Background(), c, PhoneWidth, PhoneHeight); err != nil {
			b.Fatal(err)
		}
	}
}
