package chart

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"runtime/debug"
	"sync"
	"time"

	"git.sr.ht/~sbinet/gg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// MaxDrawing is how many charts a Drawer draws at once by default. A chart
// takes about 20 ms of CPU and a few megabytes while it is drawn: a few at
// once keep the cores busy, more only hold more memory. It does not grow
// with the number of cores, so memory under a burst does not either.
const MaxDrawing = 4

// releaseAfter is how long a Drawer stays unused before it gives its
// canvases and the memory of the burst back.
const releaseAfter = 2 * time.Second

// Drawer draws charts as PNG pictures, at most a fixed number at once, each
// on a canvas kept for the next chart. After a burst, once it has been
// unused for a moment, it drops its canvases and returns the freed memory
// to the operating system, so that a server's memory comes back down. It is
// safe for concurrent use.
type Drawer struct {
	canvases chan *canvas // one per drawing allowed at once
	buffers  encoderBuffers
	release  time.Duration

	mu     sync.Mutex
	active int
	idle   *time.Timer
}

// canvas is a picture drawn into, kept between charts of the same size.
type canvas struct{ img *image.RGBA }

// NewDrawer returns a Drawer drawing at most n charts at once (MaxDrawing
// when n <= 0).
func NewDrawer(n int) *Drawer {
	if n <= 0 {
		n = MaxDrawing
	}
	d := &Drawer{canvases: make(chan *canvas, n), release: releaseAfter}
	for range n {
		d.canvases <- &canvas{}
	}
	return d
}

// PNG draws c as a w×h picture (see Chart.PNG), waiting while the Drawer
// is drawing as many charts as it may; it gives up when ctx ends first.
func (d *Drawer) PNG(ctx context.Context, c Chart, w, h int) ([]byte, error) {
	var cv *canvas
	select {
	case cv = <-d.canvases:
	case <-ctx.Done():
		return nil, fmt.Errorf("draw chart: %w", ctx.Err())
	}
	d.begin()
	defer func() {
		d.canvases <- cv
		d.end()
	}()
	return c.draw(cv, w, h, &d.buffers)
}

func (d *Drawer) begin() {
	d.mu.Lock()
	d.active++
	d.mu.Unlock()
}

// end notes that a drawing is done; the last one of a burst starts the
// wait before the memory is given back.
func (d *Drawer) end() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.active--
	if d.active > 0 {
		return
	}
	if d.idle == nil {
		d.idle = time.AfterFunc(d.release, d.releaseMemory)
		return
	}
	d.idle.Reset(d.release)
}

// releaseMemory drops the canvases no one is drawing on and returns the
// memory the burst left behind, unless a drawing has started since.
func (d *Drawer) releaseMemory() {
	d.mu.Lock()
	busy := d.active > 0
	d.mu.Unlock()
	if busy {
		return
	}
	var idle []*canvas
	for range cap(d.canvases) {
		select {
		case cv := <-d.canvases:
			cv.img = nil
			idle = append(idle, cv)
		default:
		}
	}
	for _, cv := range idle {
		d.canvases <- cv
	}
	d.buffers.drop()
	debug.FreeOSMemory()
}

// draw draws the chart on cv (a new canvas when nil), keeping its picture
// for the next chart of the same size, and encodes it as PNG.
func (c Chart) draw(cv *canvas, w, h int, buffers png.EncoderBufferPool) ([]byte, error) {
	r, w, h, err := c.renderer(w, h)
	if err != nil {
		return nil, err
	}
	c = c.folded()
	if cv == nil {
		cv = &canvas{}
	}
	if cv.img == nil || cv.img.Rect.Dx() != w || cv.img.Rect.Dy() != h {
		cv.img = image.NewRGBA(image.Rect(0, 0, w, h))
	}
	// The context draws on the picture itself: vgimg would otherwise copy
	// it into a new one. It is set up as vgimg sets up its own, and the
	// canvas paints the whole picture white first.
	gc := gg.NewContextForRGBA(cv.img)
	gc.SetLineCapButt()
	gc.InvertY()
	vc := vgimg.NewWith(vgimg.UseImageWithContext(cv.img, gc), vgimg.UseDPI(72))
	dc := draw.New(vc)
	area := r.frame(dc, c)
	p, _ := r.plot(area, c)
	p.Draw(area)

	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed, BufferPool: buffers}
	if err := enc.Encode(&buf, cv.img); err != nil {
		return nil, fmt.Errorf("draw chart: encode: %w", err)
	}
	return buf.Bytes(), nil
}

// encoderBuffers keeps the PNG encoder's buffers (its compressor is most of
// them) between charts; drop forgets them.
type encoderBuffers struct {
	mu   sync.Mutex
	free []*png.EncoderBuffer
}

func (b *encoderBuffers) Get() *png.EncoderBuffer {
	b.mu.Lock()
	defer b.mu.Unlock()
	if n := len(b.free); n > 0 {
		e := b.free[n-1]
		b.free = b.free[:n-1]
		return e
	}
	return nil
}

func (b *encoderBuffers) Put(e *png.EncoderBuffer) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.free = append(b.free, e)
}

func (b *encoderBuffers) drop() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.free = nil
}
