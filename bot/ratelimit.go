package bot

import (
	"sync"
	"time"
)

// channelLimit bounds the anonymous posts in each channel: at most burst in
// any window. It is keyed by channel, never by member, so that it keeps no
// trace of who shared; and it lives in memory only, each instance of the
// bot counting its own posts.
type channelLimit struct {
	burst  int
	window time.Duration
	now    func() time.Time

	mu    sync.Mutex
	posts map[string][]time.Time // channel ID → times of its recent posts, oldest first
}

// maxTrackedChannels bounds the channels with recent posts the limit
// remembers; past it, new channels wait for older posts to leave the window.
const maxTrackedChannels = 10000

func newChannelLimit(burst int, window time.Duration) *channelLimit {
	return &channelLimit{burst: burst, window: window, now: time.Now, posts: map[string][]time.Time{}}
}

// allow records a post in channel and reports whether it is within the limit.
func (l *channelLimit) allow(channel string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	recent := l.recent(l.posts[channel], now)
	if len(recent) >= l.burst {
		l.posts[channel] = recent
		return false
	}
	// Channels whose posts are all past the window are forgotten: shares
	// are rare, and what is kept stays as small as the recent activity.
	for c, ts := range l.posts {
		if len(l.recent(ts, now)) == 0 {
			delete(l.posts, c)
		}
	}
	if len(l.posts) >= maxTrackedChannels {
		return false
	}
	l.posts[channel] = append(recent, now)
	return true
}

// recent is the times of ts within the window before now.
func (l *channelLimit) recent(ts []time.Time, now time.Time) []time.Time {
	for len(ts) > 0 && now.Sub(ts[0]) >= l.window {
		ts = ts[1:]
	}
	return ts
}
