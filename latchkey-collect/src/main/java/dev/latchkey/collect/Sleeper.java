package dev.latchkey.collect;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** How the collector waits: the system's sleep, or a test clock that moves on at once. */
public interface Sleeper {
  /**
   * Returns once {@code clock} has reached {@code until}.
   *
   * @throws InterruptedException when the collection is stopped meanwhile
   */
  void sleepUntil(Instant until, Clock clock) throws InterruptedException;

  /** Sleeps on the real clock, in steps of at most a second. */
  Sleeper SYSTEM =
      (until, clock) -> {
        while (true) {
          Duration left = Duration.between(clock.instant(), until);
          if (left.isNegative() || left.isZero()) {
            return;
          }
          long nanos = Math.min(left.toNanos(), 1_000_000_000L);
          Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        }
      };
}
