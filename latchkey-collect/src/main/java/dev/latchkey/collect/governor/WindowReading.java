package dev.latchkey.collect.governor;

import java.time.Instant;
import java.util.Objects;

/**
 * One rate-limit window as a response described it.
 *
 * @param window which window ({@code 15-minute}, {@code 24-hour app}, {@code hourly}, ...)
 * @param limit requests allowed in the window
 * @param remaining requests left after this one
 * @param reset when the window ends, on the server's clock
 * @param approximate whether {@code reset} was given as a delay (Tumblr), so readings of one window
 *     may differ by a second
 */
public record WindowReading(
    String window, long limit, long remaining, Instant reset, boolean approximate) {
  public WindowReading {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(reset, "reset");
  }
}
