package dev.latchkey.collect.governor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Decides when the next request of one credential to one endpoint family may go, from what the
 * platform said about its limits: never a request it knows will be refused, no wait longer than the
 * reset (measured on the server's clock, see {@link ServerClock}).
 *
 * <p>Every window the platform reports is tracked (X's 15-minute window and its 24-hour app and
 * user caps; Tumblr's hourly and daily limits). Requests in flight count against what is left, so
 * several workers can share one governor. A 429 is still handled (its {@code Retry-After}, else the
 * reset it reports, else a backoff from one minute); server errors and timeouts back off
 * exponentially with jitter. Pure logic: the caller passes the local time and does the waiting.
 */
public final class RateGovernor {
  private final String family;
  private final ServerClock server;
  private final RandomGenerator random;
  private final Backoff serverErrors;
  private final Backoff unexplained;
  private final Map<String, Window> windows = new LinkedHashMap<>();
  private int inFlight;
  private Instant blockedUntil;
  private String blockReason;
  private int failures;
  private int unexplained429s;
  private long refused;

  private static final class Window {
    long limit;
    long remaining;
    Instant reset;
    boolean approximate;
    boolean assumedFresh;

    Window(WindowReading r) {
      adopt(r);
    }

    void adopt(WindowReading r) {
      limit = r.limit();
      remaining = r.remaining();
      reset = r.reset();
      approximate = r.approximate();
      assumedFresh = false;
    }

    Duration slack() {
      return approximate ? Duration.ofSeconds(2) : Duration.ZERO;
    }
  }

  /**
   * A governor for {@code family} ({@code /2/users/:id/tweets}) that reads the server's time from
   * {@code server} and draws jitter from {@code random}.
   */
  public RateGovernor(
      String family,
      ServerClock server,
      RandomGenerator random,
      Backoff serverErrors,
      Backoff unexplained) {
    this.family = Objects.requireNonNull(family, "family");
    this.server = Objects.requireNonNull(server, "server");
    this.random = Objects.requireNonNull(random, "random");
    this.serverErrors = Objects.requireNonNull(serverErrors, "serverErrors");
    this.unexplained = Objects.requireNonNull(unexplained, "unexplained");
  }

  /** A governor with the default backoffs. */
  public RateGovernor(String family, ServerClock server, RandomGenerator random) {
    this(family, server, random, Backoff.SERVER_ERRORS, Backoff.UNEXPLAINED_429);
  }

  /** The endpoint family this governor paces. */
  public String family() {
    return family;
  }

  /**
   * May a request go at local time {@code now}? On {@link Decision#isGo()} the request counts as in
   * flight until {@link #answered}, {@link #rateLimited}, {@link #failed} or {@link #released}.
   */
  public synchronized Decision reserve(Instant now) {
    if (blockedUntil != null) {
      if (now.isBefore(blockedUntil)) {
        return Decision.waitUntil(blockedUntil, blockReason);
      }
      blockedUntil = null;
      blockReason = null;
    }
    Instant waitUntil = null;
    String reason = null;
    for (Map.Entry<String, Window> e : windows.entrySet()) {
      Window w = e.getValue();
      Instant resetLocal = server.localWhenServerReaches(w.reset.plus(w.slack()));
      if (!w.assumedFresh && !now.isBefore(resetLocal)) {
        w.remaining = w.limit;
        w.assumedFresh = true;
      }
      if (w.remaining - inFlight > 0) {
        continue;
      }
      Instant until =
          w.assumedFresh || !resetLocal.isAfter(now)
              ? now.plusMillis(50) // the budget is all in flight: wait for their answers
              : resetLocal;
      if (waitUntil == null || until.isAfter(waitUntil)) {
        waitUntil = until;
        reason = e.getKey() + " on " + family;
      }
    }
    if (waitUntil != null) {
      return Decision.waitUntil(waitUntil, reason);
    }
    inFlight++;
    return Decision.go();
  }

  /** A request answered (2xx, or an error other than 429 and 5xx) with these windows. */
  public synchronized void answered(List<WindowReading> readings) {
    release();
    learn(readings);
    failures = 0;
    unexplained429s = 0;
  }

  /**
   * A request was refused with 429. Waits for {@code retryAfter} when given, else until the reset
   * of the exhausted window the answer reports, else backs off from one minute.
   *
   * @return what the next request must wait for
   */
  public synchronized Decision rateLimited(
      Instant now, Optional<Duration> retryAfter, List<WindowReading> readings) {
    release();
    refused++;
    learn(readings);
    if (retryAfter.isPresent() && !retryAfter.get().isNegative() && !retryAfter.get().isZero()) {
      block(now.plus(retryAfter.get()), "429 (Retry-After) on " + family);
      return Decision.waitUntil(blockedUntil, blockReason);
    }
    boolean explained = false;
    for (WindowReading r : readings) {
      Window w = windows.get(r.window());
      if (w != null && w.remaining <= 0) {
        explained = true;
      }
    }
    if (!explained && !readings.isEmpty()) {
      // X refused although the window had requests left: a limit with no header (v1.1
      // user_timeline's 100,000 per app per day) or another user of the same credential.
      unexplained429s++;
      block(
          now.plus(unexplained.delay(unexplained429s, random)),
          "429 with requests left in the window (a cap without headers?) on " + family);
      return Decision.waitUntil(blockedUntil, blockReason);
    }
    if (!explained) {
      unexplained429s++;
      block(now.plus(unexplained.delay(unexplained429s, random)), "429 on " + family);
      return Decision.waitUntil(blockedUntil, blockReason);
    }
    unexplained429s = 0;
    return reserveView(now);
  }

  /**
   * A request failed with a server error (5xx), a timeout, a reset connection or a truncated body.
   *
   * @return the wait before the next try, or empty when {@link Backoff#maxAttempts()} failures in a
   *     row mean giving up
   */
  public synchronized Optional<Decision> failed(Instant now, String why) {
    release();
    failures++;
    if (failures > serverErrors.maxAttempts()) {
      failures = 0;
      return Optional.empty();
    }
    block(
        now.plus(serverErrors.delay(failures, random)),
        why + " (try " + (failures + 1) + " of " + (serverErrors.maxAttempts() + 1) + ")");
    return Optional.of(Decision.waitUntil(blockedUntil, blockReason));
  }

  /** A reserved request was not sent, or ended in a way that says nothing about the limits. */
  public synchronized void released() {
    release();
  }

  /** How many 429s this governor has seen. */
  public synchronized long refusedCount() {
    return refused;
  }

  /** The windows as last known, for progress displays and the store. */
  public synchronized List<WindowReading> snapshot() {
    List<WindowReading> out = new ArrayList<>();
    for (Map.Entry<String, Window> e : windows.entrySet()) {
      Window w = e.getValue();
      out.add(new WindowReading(e.getKey(), w.limit, w.remaining, w.reset, w.approximate));
    }
    return out;
  }

  /** Requests left in the tightest window, if any window is known. */
  public synchronized Optional<WindowReading> tightest() {
    WindowReading best = null;
    for (WindowReading r : snapshot()) {
      if (best == null || r.remaining() < best.remaining()) {
        best = r;
      }
    }
    return Optional.ofNullable(best);
  }

  /** Restores windows saved by an earlier run (only those whose reset is still ahead matter). */
  public synchronized void restore(List<WindowReading> saved) {
    learn(saved);
  }

  private Decision reserveView(Instant now) {
    for (Map.Entry<String, Window> e : windows.entrySet()) {
      Window w = e.getValue();
      if (w.remaining <= 0) {
        return Decision.waitUntil(
            server.localWhenServerReaches(w.reset.plus(w.slack())), e.getKey() + " on " + family);
      }
    }
    return Decision.go();
  }

  private void learn(List<WindowReading> readings) {
    for (WindowReading r : readings) {
      Window w = windows.get(r.window());
      if (w == null) {
        windows.put(r.window(), new Window(r));
        continue;
      }
      Duration slack = r.approximate() ? Duration.ofSeconds(2) : Duration.ZERO;
      if (r.reset().isAfter(w.reset.plus(slack))) {
        w.adopt(r); // a new window
      } else if (!r.reset().isBefore(w.reset.minus(slack))) {
        // The same window: answers may arrive out of order, so the smallest count is the truth.
        if (w.assumedFresh) {
          w.adopt(r);
        } else {
          w.remaining = Math.min(w.remaining, r.remaining());
          w.limit = r.limit();
          if (r.reset().isAfter(w.reset)) {
            w.reset = r.reset();
          }
        }
      }
      // else: an answer from a window that has already ended
    }
  }

  private void block(Instant until, String reason) {
    if (blockedUntil == null || until.isAfter(blockedUntil)) {
      blockedUntil = until;
      blockReason = reason;
    }
  }

  private void release() {
    if (inFlight > 0) {
      inFlight--;
    }
  }
}
