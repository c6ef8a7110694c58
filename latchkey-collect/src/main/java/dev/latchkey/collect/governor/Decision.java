package dev.latchkey.collect.governor;

import java.time.Instant;

/**
 * The governor's answer to "may I send now?": go, or wait until a local instant, and why.
 *
 * @param until the local instant to wait for, or null to go now
 * @param reason why, for people ({@code rate limit on /2/users/:id/tweets}), or null to go
 */
public record Decision(Instant until, String reason) {
  private static final Decision GO = new Decision(null, null);

  /** Send now. */
  public static Decision go() {
    return GO;
  }

  /** Wait until {@code until} (local clock), because of {@code reason}. */
  public static Decision waitUntil(Instant until, String reason) {
    return new Decision(until, reason);
  }

  /** Whether the request may be sent now. */
  public boolean isGo() {
    return until == null;
  }
}
