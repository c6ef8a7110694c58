package dev.latchkey.http;

import dev.latchkey.platform.RateLimitHeaders;
import java.net.http.HttpHeaders;
import java.time.Instant;
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

  /** Reads the platform's headers; empty when any of the three is missing or unreadable. */
  public static Optional<RateLimit> from(HttpHeaders headers, RateLimitHeaders names, Instant now) {
    OptionalLong limit = number(headers, names.limit());
    OptionalLong remaining = number(headers, names.remaining());
    OptionalLong reset = number(headers, names.reset());
    if (limit.isEmpty() || remaining.isEmpty() || reset.isEmpty()) {
      return Optional.empty();
    }
    Instant resetAt =
        names.resetIsEpoch()
            ? Instant.ofEpochSecond(reset.getAsLong())
            : now.plusSeconds(reset.getAsLong());
    return Optional.of(new RateLimit(limit.getAsLong(), remaining.getAsLong(), resetAt));
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
