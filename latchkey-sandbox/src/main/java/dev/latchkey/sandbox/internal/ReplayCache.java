package dev.latchkey.sandbox.internal;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The (consumer, token, timestamp, nonce) combinations already accepted (RFC 5849 §3.3). An entry
 * lives until its timestamp leaves the window, after which the timestamp check rejects it anyway,
 * so the cache is bounded by the traffic of one window.
 */
public final class ReplayCache {
  private final Map<String, Long> expiries = new ConcurrentHashMap<>();
  private final long windowSeconds;
  private final AtomicLong lastSweep = new AtomicLong(Long.MIN_VALUE);

  public ReplayCache(long windowSeconds) {
    this.windowSeconds = windowSeconds;
  }

  /**
   * Records the combination; false when it was already present (a replay).
   *
   * @param nowSeconds the current epoch second, for eviction
   */
  public boolean firstUse(
      String consumerKey, String token, long timestamp, String nonce, long nowSeconds) {
    sweep(nowSeconds);
    String key =
        consumerKey.length()
            + ":"
            + consumerKey
            + token.length()
            + ":"
            + token
            + timestamp
            + ":"
            + nonce;
    return expiries.putIfAbsent(key, timestamp + windowSeconds) == null;
  }

  /** Entries currently held. */
  public int size() {
    return expiries.size();
  }

  private void sweep(long nowSeconds) {
    long last = lastSweep.get();
    if (nowSeconds <= last || !lastSweep.compareAndSet(last, nowSeconds)) {
      return;
    }
    for (Iterator<Long> it = expiries.values().iterator(); it.hasNext(); ) {
      if (it.next() < nowSeconds) {
        it.remove();
      }
    }
  }
}
