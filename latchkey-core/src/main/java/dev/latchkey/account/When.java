package dev.latchkey.account;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Times as people read them in messages: relative, to the minute, and instants to the second. */
public final class When {
  private When() {}

  /** {@code in 1 h 59 min} or {@code 3 min ago}, to the minute (seconds under a minute). */
  public static String relative(Instant when, Instant now) {
    Duration d = Duration.between(now, when);
    boolean past = d.isNegative();
    long seconds = Math.abs(d.getSeconds());
    String amount;
    if (seconds < 60) {
      amount = seconds + " s";
    } else if (seconds < 3600) {
      amount = (seconds / 60) + " min";
    } else if (seconds < 86_400) {
      amount = (seconds / 3600) + " h " + (seconds % 3600 / 60) + " min";
    } else {
      amount = (seconds / 86_400) + " d " + (seconds % 86_400 / 3600) + " h";
    }
    return past ? amount + " ago" : "in " + amount;
  }

  /** An instant without fractions of a second: {@code 2026-11-22T23:40:00Z}. */
  public static String exact(Instant when) {
    return when.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
