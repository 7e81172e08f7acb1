package main

import (
	"context"
	"fmt"
	"net"

	"sanctuaire/bot"
)

// cmdServe answers interactions delivered as signed HTTP requests.
func cmdServe(ctx context.Context, e env, args []string) error {
	c, err := readConfig("serve", e, args)
	if err != nil {
		return err
	}
	defer c.logs.Close()
	gcPercent, memLimit, restore := gcSettings(e.getenv)
	defer restore()
	w, err := wire(ctx, e, c, false)
	if err != nil {
		return err
	}
	defer w.store.Close()
	srv := bot.NewInteractions(c.key, w.router, c.log, bot.HTTPOptions{ApplicationID: c.appID})
	ln, err := net.Listen("tcp", c.addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	c.log.Info("serve", "event", "listening", "addr", ln.Addr().String(), "commands", len(w.cmds),
		"gc_percent", gcPercent, "memory_limit_mib", memLimit>>20)
	if err := srv.Serve(ctx, ln, c.drain); err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	return nil
}
