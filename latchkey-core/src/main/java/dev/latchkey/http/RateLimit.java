package dev.latchkey.http;

import dev.latchkey.platform.RateLimitHeaders;
import java.net.http.HttpHeaders;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A rate-limit window as the platform reported it on one response.
 *
 * @param limit calls allowed in the window
 * @param remaining calls left in the window
 * @param reset when the window ends
 * @see <a href="https://docs.x.com/x-api/fundamentals/rate-limits">X rate limits</a>
 */
public record RateLimit(long limit, long remaining, Instant reset) {

  /**
   * Reads the platform's headers; empty when any of the three is missing or unreadable.
   *
   * @param now when the answer arrived, for resets written as a delay
   */
  public static Optional<RateLimit> from(HttpHeaders headers, RateLimitHeaders names, Instant now) {
    OptionalLong limit = number(headers, names.limit());
    OptionalLong remaining = number(headers, names.remaining());
    Optional<Instant> reset =
        headers.firstValue(names.reset()).flatMap(v -> reset(v, names.resetStyle(), now));
    if (limit.isEmpty() || remaining.isEmpty() || reset.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new RateLimit(limit.getAsLong(), remaining.getAsLong(), reset.get()));
  }

  private static Optional<Instant> reset(String value, RateLimitHeaders.Reset style, Instant now) {
    String v = value.strip();
    try {
      return Optional.of(
          switch (style) {
            case EPOCH_SECONDS -> Instant.ofEpochSecond(Long.parseLong(v));
            case DELAY_SECONDS -> now.plusSeconds(Long.parseLong(v));
            case ISO_8601 -> OffsetDateTime.parse(v).toInstant();
          });
    } catch (RuntimeException e) {
      return Optional.empty(); // unreadable: no rate limit rather than a wrong one
    }
  }

  private static OptionalLong number(HttpHeaders headers, String name) {
    Optional<String> v = headers.firstValue(name);
    if (v.isEmpty()) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(v.get().strip()));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }
}
