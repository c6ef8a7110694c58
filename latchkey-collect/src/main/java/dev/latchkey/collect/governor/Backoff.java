package dev.latchkey.collect.governor;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Capped exponential backoff with jitter: attempt {@code n} waits between half and all of {@code
 * min(cap, base × 2^(n-1))}, so clients that failed together do not retry together.
 *
 * @param base the first wait
 * @param cap the longest wait
 * @param maxAttempts how many failures in a row are tolerated before giving up
 */
public record Backoff(Duration base, Duration cap, int maxAttempts) {
  /** Server errors and timeouts: 1 s, doubling, at most 2 minutes, 10 tries. */
  public static final Backoff SERVER_ERRORS =
      new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(2), 10);

  /** A 429 that the headers did not explain: from 1 minute, at most 15 minutes (X's advice). */
  public static final Backoff UNEXPLAINED_429 =
      new Backoff(Duration.ofMinutes(1), Duration.ofMinutes(15), Integer.MAX_VALUE);

  public Backoff {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(cap, "cap");
    if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0 || maxAttempts < 1) {
      throw new IllegalArgumentException("backoff needs 0 < base <= cap and at least one attempt");
    }
  }

  /** The wait before retry number {@code attempt} (1 for the first retry). */
  public Duration delay(int attempt, RandomGenerator random) {
    long ceiling = ceiling(attempt).toMillis();
    long half = ceiling / 2;
    return Duration.ofMillis(half + (long) (random.nextDouble() * (ceiling - half)));
  }

  /** The longest wait retry number {@code attempt} can get. */
  public Duration ceiling(int attempt) {
    int shift = Math.min(Math.max(attempt - 1, 0), 30);
    Duration d = base.multipliedBy(1L << shift);
    return d.compareTo(cap) > 0 ? cap : d;
  }
}
