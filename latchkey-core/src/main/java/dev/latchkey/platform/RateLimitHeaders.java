package dev.latchkey.platform;

import java.util.Objects;

/**
 * Which response headers carry a platform's rate limit, and how its reset is written.
 *
 * @param limit the header with the window's size
 * @param remaining the header with the calls left
 * @param reset the header with the window's end
 * @param resetStyle how the reset is written
 */
public record RateLimitHeaders(String limit, String remaining, String reset, Reset resetStyle) {

  /** How a platform writes when its window ends. */
  public enum Reset {
    /** Unix epoch seconds (X's {@code x-rate-limit-reset}). */
    EPOCH_SECONDS,
    /** Seconds from the answer (Tumblr's, and the IETF draft's {@code RateLimit-Reset}). */
    DELAY_SECONDS,
    /** An ISO-8601 instant such as {@code 2026-11-22T12:15:00Z} (Mastodon's). */
    ISO_8601
  }

  public RateLimitHeaders {
    Objects.requireNonNull(limit, "limit");
    Objects.requireNonNull(remaining, "remaining");
    Objects.requireNonNull(reset, "reset");
    Objects.requireNonNull(resetStyle, "resetStyle");
  }
}
