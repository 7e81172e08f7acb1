// Command sanctuaire answers questions about sanctuary city policies in Canada,
// police contacts with the CBSA and support organisations, on Discord or locally.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	os.Exit(exitCode(err, os.Stderr))
}

// env is what every subcommand may use of the outside world.
type env struct {
	getenv func(string) string
	stdout io.Writer
	stderr io.Writer
}

// usageError is a mistake in the command line: it exits 2 with its message.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// consoleError is a problem the console explains in the person's language
// (a knowledge directory that cannot be read, an invalid base): it exits 1
// with its message, which may span several lines.
type consoleError struct{ msg string }

func (e consoleError) Error() string { return e.msg }

func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return 0
	}
	var st staleError
	if errors.As(err, &st) {
		return exitStale
	}
	var u usageError
	if errors.As(err, &u) {
		fmt.Fprintln(stderr, "sanctuaire:", u.msg)
		return 2
	}
	var c consoleError
	if errors.As(err, &c) {
		fmt.Fprintln(stderr, "sanctuaire:", c.msg)
		return 1
	}
	fmt.Fprintln(stderr, "sanctuaire:", err)
	return 1
}
