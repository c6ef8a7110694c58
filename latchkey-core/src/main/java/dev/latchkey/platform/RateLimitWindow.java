package dev.latchkey.platform;

import java.util.Objects;

/**
 * One rate-limit window a platform reports in its answers' headers: X's 15-minute window beside its
 * 24-hour app and user caps, Tumblr's hourly limit beside its daily one. A client paces by all of
 * them, so that a cap that ends in hours is not met with a 429.
 *
 * @param name the window's name for people ({@code rate limit}, {@code 24-hour app cap})
 * @param headers the headers that carry it
 */
public record RateLimitWindow(String name, RateLimitHeaders headers) {
  public RateLimitWindow {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(headers, "headers");
  }
}
