package dev.latchkey.collect.governor;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * What the local clock knows about the server's, from the {@code Date} header of its answers (RFC
 * 9110 §6.6.1, whole seconds).
 *
 * <p>An answer stamped {@code D} that left at local time {@code a} and arrived at {@code b} proves
 * that the offset (server minus local) lies in {@code [D - b, D + 1 - a)}. Intersecting those
 * intervals over many answers narrows it to about the network delay. The governor waits until the
 * <em>lower</em> bound says the server has certainly reached a reset, so a local clock that is
 * minutes off neither sends early (a 429) nor waits long.
 */
public final class ServerClock {
  /** Assumed offset bounds before any {@code Date} was seen: the local clock, give or take 1 s. */
  static final Duration UNKNOWN_MARGIN = Duration.ofSeconds(1);

  private long lowNanos = -UNKNOWN_MARGIN.toNanos();
  private long highNanos = UNKNOWN_MARGIN.toNanos();
  private boolean known;

  /** Reads an HTTP {@code Date} header value; empty when it is missing or not a date. */
  public static Optional<Instant> parseDate(String header) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          ZonedDateTime.parse(header.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  /**
   * Learns from one answer: {@code date} is its {@code Date} header, {@code sent} and {@code
   * received} the local instants around the exchange.
   */
  public synchronized void observe(Instant date, Instant sent, Instant received) {
    long low = nanosBetween(received, date);
    long high = nanosBetween(sent, date.plusSeconds(1));
    if (!known || low > highNanos || high < lowNanos) {
      // First sample, or the local clock jumped: start over from this answer alone.
      lowNanos = low;
      highNanos = high;
      known = true;
      return;
    }
    lowNanos = Math.max(lowNanos, low);
    highNanos = Math.min(highNanos, high);
  }

  /**
   * The earliest local instant at which the server's clock has certainly reached {@code server}.
   */
  public synchronized Instant localWhenServerReaches(Instant server) {
    return server.minusNanos(lowNanos);
  }

  /** The server's time at local instant {@code local}, at the latest it can be. */
  public synchronized Instant latestServerTime(Instant local) {
    return local.plusNanos(highNanos);
  }

  /** The server's time at local instant {@code local}, at the earliest it can be. */
  public synchronized Instant earliestServerTime(Instant local) {
    return local.plusNanos(lowNanos);
  }

  /** How wide the uncertainty about the offset still is. */
  public synchronized Duration uncertainty() {
    return Duration.ofNanos(highNanos - lowNanos);
  }

  /** The offset's best estimate (server minus local), the middle of what is known. */
  public synchronized Duration offset() {
    return Duration.ofNanos(lowNanos + (highNanos - lowNanos) / 2);
  }

  /** Whether any {@code Date} header has been seen. */
  public synchronized boolean calibrated() {
    return known;
  }

  private static long nanosBetween(Instant from, Instant to) {
    return Duration.between(from, to).toNanos();
  }
}
