package dev.latchkey.sandbox.internal;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts requests per endpoint family in fixed windows, separately per app and per (app, user), as
 * X does (protocol-facts F). Counting only: enforcement (429) comes later.
 */
public final class RateLimits {
  /** An endpoint family and its limits per window; 0 means the context is not allowed. */
  public record Family(String name, int userLimit, int appLimit, long windowSeconds) {}

  /** One answer: what goes into the rate-limit headers. */
  public record Snapshot(int limit, int remaining, long resetEpochSeconds) {}

  private static final class Window {
    long start;
    int used;
  }

  private final Clock clock;
  private final Map<String, Window> windows = new ConcurrentHashMap<>();

  public RateLimits(Clock clock) {
    this.clock = clock;
  }

  /** The clock's current epoch second. */
  public long nowEpochSeconds() {
    return clock.instant().getEpochSecond();
  }

  /**
   * Counts one request. {@code userId} null means app-only context; {@code consumerKey} null means
   * unauthenticated (counted against a shared anonymous bucket).
   */
  public Snapshot count(Family family, String consumerKey, Long userId) {
    int limit = userId == null ? family.appLimit() : family.userLimit();
    if (limit == 0) {
      limit = Math.max(family.userLimit(), family.appLimit());
    }
    String key = family.name() + '\n' + consumerKey + '\n' + userId;
    Window w = windows.computeIfAbsent(key, k -> new Window());
    long now = clock.instant().getEpochSecond();
    synchronized (w) {
      if (w.used == 0 || now >= w.start + family.windowSeconds()) {
        w.start = now;
        w.used = 0;
      }
      w.used++;
      return new Snapshot(limit, Math.max(0, limit - w.used), w.start + family.windowSeconds());
    }
  }
}
