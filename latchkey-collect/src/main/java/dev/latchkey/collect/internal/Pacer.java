package dev.latchkey.collect.internal;

import dev.latchkey.collect.governor.Decision;
import dev.latchkey.collect.governor.WindowReading;
import dev.latchkey.collect.store.StoreException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Paces one credential's requests to one endpoint family: a {@link
 * dev.latchkey.collect.governor.RateGovernor} this process keeps ({@link LocalPacer}), or a budget
 * every worker shares through the store ({@link SharedPacer}). The methods mirror the governor's.
 */
interface Pacer {
  String family();

  /** May a request go at {@code now}? On go it counts as in flight until it ends. */
  Decision reserve(Instant now) throws StoreException;

  /** The request was answered (2xx, or an error other than 429 and 5xx) with these windows. */
  void answered(List<WindowReading> readings) throws StoreException;

  /** The request was refused with 429; what the next one must wait for. */
  Decision rateLimited(Instant now, Optional<Duration> retryAfter, List<WindowReading> readings)
      throws StoreException;

  /** The request failed (5xx, timeout); the wait before the next try, or empty to give up. */
  Optional<Decision> failed(Instant now, String why) throws StoreException;

  /** The reserved request was not sent. */
  void released() throws StoreException;

  /** 429s seen. */
  long refusedCount();

  /** The windows as last known. */
  List<WindowReading> snapshot();

  /** The last known window with the fewest requests left, if any. */
  default Optional<WindowReading> tightest() {
    WindowReading best = null;
    for (WindowReading r : snapshot()) {
      if (best == null || r.remaining() < best.remaining()) {
        best = r;
      }
    }
    return Optional.ofNullable(best);
  }
}
