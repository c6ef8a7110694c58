package dev.latchkey.platform;

import java.util.Objects;

/**
 * Which response headers carry a platform's rate limit, and how its reset is written.
 *
 * @param limit the header with the window's size
 * @param remaining the header with the calls left
 * @param reset the header with the window's end
 * @param resetIsEpoch true when the reset is Unix epoch seconds (X), false when it is seconds from
 *     now (Tumblr)
 */
public record RateLimitHeaders(String limit, String remaining, String reset, boolean resetIsEpoch) {
  public RateLimitHeaders {
    Objects.requireNonNull(limit, "limit");
    Objects.requireNonNull(remaining, "remaining");
    Objects.requireNonNull(reset, "reset");
  }
}
