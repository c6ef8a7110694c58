package dev.latchkey.sandbox.internal;

import java.time.Duration;
import java.util.Map;

/**
 * The run's settings the API routes read.
 *
 * @param seed the seed of the data
 * @param rateWindowSeconds the length of X's 15-minute window (900 unless shortened for tests);
 *     every documented window scales with it
 * @param rateLimits limits per documented endpoint path ({@code /2/users/:id/tweets} → 5), in every
 *     context; Tumblr's are {@code tumblr/hour} and {@code tumblr/day}
 * @param keepAlive how often an idle stream sends a keep-alive newline (X: 20 s)
 */
public record ApiSettings(
    long seed, long rateWindowSeconds, Map<String, Integer> rateLimits, Duration keepAlive) {
  public ApiSettings {
    rateLimits = Map.copyOf(rateLimits);
  }
}
