package dev.latchkey.sandbox.internal;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fixed rate-limit windows, each opened by its first request and closed exactly at a whole epoch
 * second, which is what {@code x-rate-limit-reset} says: a client that waits until that second
 * finds a fresh window, one that comes a second early is refused. Thread-safe; windows that ended
 * are swept, so memory follows the callers of the last window.
 */
public final class RateWindows {
  /** One answer: what goes into the rate-limit headers, and whether the request was admitted. */
  public record Snapshot(int limit, int remaining, long resetEpochSeconds, boolean admitted) {}

  private static final class Window {
    long resetSecond;
    int used;
  }

  private final Clock clock;
  private final Map<String, Window> windows = new ConcurrentHashMap<>();
  private final AtomicLong lastSweep = new AtomicLong();

  public RateWindows(Clock clock) {
    this.clock = clock;
  }

  public long nowMillis() {
    return clock.millis();
  }

  /** Takes one request from the window {@code key} if it has room; counts it only then. */
  public Snapshot take(String key, int limit, long windowSeconds) {
    return use(key, limit, windowSeconds, true, true);
  }

  /** Counts one request whether or not the window has room (a window that only informs). */
  public Snapshot count(String key, int limit, long windowSeconds) {
    return use(key, limit, windowSeconds, true, false);
  }

  /** The window's state without counting a request. */
  public Snapshot peek(String key, int limit, long windowSeconds) {
    return use(key, limit, windowSeconds, false, true);
  }

  private Snapshot use(String key, int limit, long windowSeconds, boolean take, boolean enforce) {
    long nowMs = clock.millis();
    sweep(nowMs);
    Window w = take ? windows.computeIfAbsent(key, k -> new Window()) : windows.get(key);
    long nowSecond = Math.floorDiv(nowMs, 1000);
    if (w == null) {
      return new Snapshot(limit, limit, nowSecond + windowSeconds, false);
    }
    synchronized (w) {
      if (w.used == 0 || nowMs >= w.resetSecond * 1000) {
        w.resetSecond = nowSecond + windowSeconds;
        w.used = 0;
      }
      boolean admitted = take && (w.used < limit || !enforce);
      if (admitted) {
        w.used++;
      }
      return new Snapshot(limit, Math.max(0, limit - w.used), w.resetSecond, admitted);
    }
  }

  /** Forgets windows that ended, at most once a second. */
  private void sweep(long nowMs) {
    long last = lastSweep.get();
    if (nowMs - last < 1000 || !lastSweep.compareAndSet(last, nowMs)) {
      return;
    }
    windows
        .entrySet()
        .removeIf(
            e -> {
              synchronized (e.getValue()) {
                return nowMs >= e.getValue().resetSecond * 1000;
              }
            });
  }
}
