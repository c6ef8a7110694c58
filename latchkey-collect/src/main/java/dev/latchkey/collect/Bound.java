package dev.latchkey.collect;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * A {@code --since} or {@code --until} bound: a tweet id (snowflake) or a time. X ids encode their
 * time, so one converts to the other where an endpoint takes only one kind.
 *
 * @param id the id, or null when the bound is a time
 * @param time the time, or null when the bound is an id
 */
public record Bound(Long id, Instant time) {
  /** X's snowflake epoch (2010-11-04T01:42:54.657Z) in milliseconds. */
  static final long TWITTER_EPOCH_MS = 1288834974657L;

  public Bound {
    if ((id == null) == (time == null)) {
      throw new IllegalArgumentException("a bound is an id or a time");
    }
  }

  /**
   * Parses {@code 1577730467436138524} (an id), {@code 2024-05-01} (midnight UTC) or {@code
   * 2024-05-01T12:00:00Z}.
   *
   * @throws IllegalArgumentException naming the accepted forms
   */
  public static Bound parse(String text) {
    Objects.requireNonNull(text, "text");
    String t = text.strip();
    if (t.matches("[0-9]{1,19}")) {
      try {
        return new Bound(Long.parseLong(t), null);
      } catch (NumberFormatException e) {
        // too large for a long: fall through to the message
      }
    }
    try {
      if (t.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) {
        return new Bound(null, LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant());
      }
      return new Bound(null, Instant.parse(t));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is neither an id nor a date; give an id, a date like 2024-05-01 or a time like"
              + " 2024-05-01T12:00:00Z");
    }
  }

  /** As an X id: the id itself, or the first id of that millisecond. */
  public long asTwitterId() {
    if (id != null) {
      return id;
    }
    long ms = Math.max(0, time.toEpochMilli() - TWITTER_EPOCH_MS);
    return ms << 22;
  }

  /** As a time: the time itself, or the time an X id encodes. */
  public Instant asTime() {
    if (time != null) {
      return time;
    }
    return Instant.ofEpochMilli((id >> 22) + TWITTER_EPOCH_MS);
  }

  @Override
  public String toString() {
    return id != null ? Long.toString(id) : time.toString();
  }
}
