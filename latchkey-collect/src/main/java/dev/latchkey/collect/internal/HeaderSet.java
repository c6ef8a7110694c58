package dev.latchkey.collect.internal;

import dev.latchkey.collect.governor.WindowReading;
import java.net.http.HttpHeaders;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One rate-limit window's headers: their names and how the reset is written.
 *
 * @param window the window's name for people ({@code rate limit}, {@code 24-hour app cap})
 * @param limit the limit header
 * @param remaining the remaining header
 * @param reset the reset header
 * @param format how the reset is written
 */
public record HeaderSet(
    String window, String limit, String remaining, String reset, ResetFormat format) {

  /** How a reset header is written. */
  public enum ResetFormat {
    EPOCH_SECONDS,
    DELAY_SECONDS,
    ISO_8601
  }

  /** The windows these header sets describe in {@code headers}; {@code serverNow} for delays. */
  public static List<WindowReading> read(
      List<HeaderSet> sets, HttpHeaders headers, Instant serverNow) {
    List<WindowReading> out = new ArrayList<>();
    for (HeaderSet s : sets) {
      s.reading(headers, serverNow).ifPresent(out::add);
    }
    return out;
  }

  Optional<WindowReading> reading(HttpHeaders headers, Instant serverNow) {
    Optional<String> l = headers.firstValue(limit);
    Optional<String> r = headers.firstValue(remaining);
    Optional<String> t = headers.firstValue(reset);
    if (l.isEmpty() || r.isEmpty() || t.isEmpty()) {
      return Optional.empty();
    }
    try {
      long lim = Long.parseLong(l.get().strip());
      long rem = Long.parseLong(r.get().strip());
      Instant at =
          switch (format) {
            case EPOCH_SECONDS -> Instant.ofEpochSecond(Long.parseLong(t.get().strip()));
            case DELAY_SECONDS -> serverNow.plusSeconds(Long.parseLong(t.get().strip()));
            case ISO_8601 -> Instant.parse(t.get().strip());
          };
      return Optional.of(
          new WindowReading(window, lim, rem, at, format == ResetFormat.DELAY_SECONDS));
    } catch (NumberFormatException | DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
