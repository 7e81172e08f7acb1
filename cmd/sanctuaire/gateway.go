package main

import (
	"context"
	"errors"
)

// cmdRun connects to the Discord gateway and answers interactions until ctx ends.
func cmdRun(ctx context.Context, e env, args []string) error {
	return errors.New("run: not built yet")
}

// cmdRegister pushes the command definitions to Discord, or prints them with --print.
func cmdRegister(ctx context.Context, e env, args []string) error {
	return errors.New("register: not built yet")
}
