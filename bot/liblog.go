package bot

import (
	"context"
	"log/slog"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/bwmarrin/discordgo"
)

// LogLibrary sends discordgo's own log lines to log, at the matching level,
// instead of the standard logger's plain text. A line keeps only discordgo's
// message template and the function that wrote it: the values filled in
// (an event's raw payload, a request's URL with its token, a decoding
// error quoting the input) may hold what a person typed, or a secret.
// discordgo's hook is shared by the whole program, so the logger is too:
// the last one given gets the lines (slog.Default() when nil).
func LogLibrary(log *slog.Logger) {
	libraryLog.Store(log)
	installLibraryHook.Do(func() { discordgo.Logger = libraryLine })
}

var (
	libraryLog         atomic.Pointer[slog.Logger]
	installLibraryHook sync.Once
)

// libraryLine is discordgo's hook; caller counts the frames from discordgo's
// logging function to the function that logs.
func libraryLine(msgL, caller int, format string, _ ...any) {
	log := libraryLog.Load()
	if log == nil {
		log = slog.Default()
	}
	level := slog.LevelDebug
	switch msgL {
	case discordgo.LogError:
		level = slog.LevelError
	case discordgo.LogWarning:
		level = slog.LevelWarn
	case discordgo.LogInformational:
		level = slog.LevelInfo
	}
	ctx := context.Background()
	if !log.Enabled(ctx, level) {
		return
	}
	log.Log(ctx, level, "discordgo", "func", callerName(caller+1), "text", strings.TrimSpace(format))
}

// callerName is the short name of the function skip frames up the stack.
func callerName(skip int) string {
	pc, _, _, ok := runtime.Caller(skip + 1)
	if !ok {
		return ""
	}
	fn := runtime.FuncForPC(pc)
	if fn == nil {
		return ""
	}
	name := fn.Name()
	return name[strings.LastIndex(name, ".")+1:]
}
