package dev.latchkey.collect.governor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * One credential's budget for one endpoint family as every worker of a shared store sees it (issue
 * 11): the windows the platform reported, what is left of each for all workers together, and how
 * many requests all of them have in flight. Pure logic: the store loads it under a lock, one method
 * changes it, the store writes it back in the same transaction, so reserving a request is atomic
 * across machines.
 *
 * <p>The rules keep one invariant: for every window, what the server counted, plus the requests in
 * flight it has not counted yet, plus {@code remaining}, never exceeds the limit. So
 *
 * <ul>
 *   <li>a reservation takes one from every window of the family, or none;
 *   <li>an answer can only lower {@code remaining} within its window (answers arrive out of order,
 *       and other workers' reservations are already taken off);
 *   <li>a window the server has certainly left behind (its reset passed on the lower bound of the
 *       server's clock, {@link ServerClock}) starts again at its limit less every request in
 *       flight, which the server may count in the new window;
 *   <li>an answer from a window the budget did not know yet counts the other requests in flight as
 *       spent.
 * </ul>
 *
 * <p>Workers that find a window spent wait until its reset, but not all at the same instant: each
 * takes a ticket, and ticket {@code n} wakes {@code n × }{@link #STAGGER} after the reset (the
 * first exactly at it, so no time is lost), within {@link #MAX_STAGGER}.
 */
public final class SharedBudget {
  /** The gap between two waiters woken by one reset. */
  public static final Duration STAGGER = Duration.ofMillis(20);

  /** The latest a waiter wakes after the reset. */
  public static final Duration MAX_STAGGER = Duration.ofSeconds(2);

  /** How long to wait when a renewed window is all in flight, for an answer to give its reset. */
  static final Duration IN_FLIGHT_POLL = Duration.ofMillis(100);

  /**
   * One window as the store keeps it.
   *
   * @param name which window ({@code rate limit}, {@code 24-hour app cap}, {@code hourly limit})
   * @param limit requests allowed in it
   * @param remaining requests no worker has reserved yet
   * @param reset when it ends, on the server's clock
   * @param approximate whether its reset was given as a delay (a second's uncertainty)
   * @param fresh whether it was renewed at its reset and no answer has told the new reset yet
   * @param tickets waiters told to wake at its reset so far
   */
  public record Window(
      String name,
      long limit,
      long remaining,
      Instant reset,
      boolean approximate,
      boolean fresh,
      int tickets) {
    public Window {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(reset, "reset");
    }

    Duration slack() {
      return approximate ? Duration.ofSeconds(2) : Duration.ZERO;
    }
  }

  private final Map<String, Window> windows = new LinkedHashMap<>();
  private final long inFlight;
  private boolean answeredBefore;
  private int flightChange;
  private boolean changed;

  /**
   * The budget as loaded, answered before when it has windows.
   *
   * @param windows its windows
   * @param inFlight requests every worker has in flight (not yet answered, not expired)
   */
  public SharedBudget(List<Window> windows, long inFlight) {
    this(windows, inFlight, !windows.isEmpty());
  }

  /**
   * The budget as loaded.
   *
   * @param windows its windows
   * @param inFlight requests every worker has in flight (not yet answered, not expired)
   * @param answeredBefore whether any request of the family was answered (with limits or without):
   *     until then one request at a time probes the limits, so that workers starting together on a
   *     budget spent elsewhere do not send a burst of requests into 429s
   */
  public SharedBudget(List<Window> windows, long inFlight, boolean answeredBefore) {
    for (Window w : windows) {
      this.windows.put(w.name(), w);
    }
    this.inFlight = Math.max(0, inFlight);
    this.answeredBefore = answeredBefore || !windows.isEmpty();
  }

  /** Whether any request of the family was answered, for the store to write back. */
  public boolean answeredBefore() {
    return answeredBefore;
  }

  /**
   * May this worker send a request of {@code family} at local time {@code now}? On go, the request
   * is taken from every window and counted in flight until {@link #answered}, {@link #rateLimited},
   * {@link #failed} or {@link #released}.
   */
  public Decision reserve(String family, Instant now, ServerClock server, RandomGenerator random) {
    if (!answeredBefore && inFlight + flightChange > 0) {
      // Nothing known yet: one request finds out the limits (and what others left of them).
      return Decision.waitUntil(
          now.plus(IN_FLIGHT_POLL).plusMillis(random.nextInt(50)),
          "the first answer on " + family + " (its limits are not known yet)");
    }
    for (Window w : List.copyOf(windows.values())) {
      Instant resetLocal = server.localWhenServerReaches(w.reset().plus(w.slack()));
      if (!w.fresh() && !now.isBefore(resetLocal)) {
        put(
            new Window(
                w.name(),
                w.limit(),
                Math.max(0, w.limit() - inFlight),
                w.reset(),
                w.approximate(),
                true,
                0));
      }
    }
    Window blocking = null;
    Instant until = null;
    for (Window w : windows.values()) {
      if (w.remaining() > 0) {
        continue;
      }
      Instant u =
          w.fresh()
              ? now.plus(IN_FLIGHT_POLL)
              : server.localWhenServerReaches(w.reset().plus(w.slack()));
      if (until == null || u.isAfter(until)) {
        until = u;
        blocking = w;
      }
    }
    if (blocking == null) {
      for (Window w : List.copyOf(windows.values())) {
        put(
            new Window(
                w.name(),
                w.limit(),
                w.remaining() - 1,
                w.reset(),
                w.approximate(),
                w.fresh(),
                w.tickets()));
      }
      flightChange++;
      changed = true;
      return Decision.go();
    }
    String reason = blocking.name() + " on " + family;
    if (blocking.fresh()) {
      // The renewed window is all reserved: its answers will tell the new reset in a moment.
      return Decision.waitUntil(until.plusMillis(random.nextInt(50)), reason);
    }
    int ticket = blocking.tickets();
    put(
        new Window(
            blocking.name(),
            blocking.limit(),
            blocking.remaining(),
            blocking.reset(),
            blocking.approximate(),
            false,
            ticket + 1));
    Duration stagger = STAGGER.multipliedBy(ticket);
    if (ticket > 0) {
      stagger = stagger.plusMillis(random.nextInt((int) STAGGER.toMillis() / 2 + 1));
    }
    if (stagger.compareTo(MAX_STAGGER) > 0) {
      stagger = MAX_STAGGER.minusMillis(random.nextInt((int) STAGGER.toMillis() + 1));
    }
    return Decision.waitUntil(until.plus(stagger), reason);
  }

  /** A request was answered (2xx, or an error other than 429 and 5xx) with these windows. */
  public void answered(List<WindowReading> readings) {
    land();
    learn(readings);
  }

  /**
   * A request was refused with 429 and these windows: what the answer says is spent is spent for
   * every worker, even where the budget had thought a window renewed.
   *
   * @return whether the answer explains the refusal (a window it reports is spent)
   */
  public boolean rateLimited(List<WindowReading> readings) {
    land();
    for (WindowReading r : readings) {
      Window w = windows.get(r.window());
      if (w != null && w.fresh() && sameWindow(w, r)) {
        // The server had not renewed it after all: spent until the reset it reports.
        put(new Window(w.name(), r.limit(), 0, w.reset(), w.approximate(), false, 0));
      } else if (w != null
          && r.remaining() <= 0
          && w.remaining() > 0
          && r.reset().isBefore(w.reset())) {
        // A refusal the budget cannot explain, from a window ending before the one it knows:
        // what the store kept is wrong (stale, or spent by someone outside): the server wins.
        put(new Window(w.name(), r.limit(), 0, r.reset(), r.approximate(), false, 0));
      }
    }
    learn(readings);
    for (WindowReading r : readings) {
      Window w = windows.get(r.window());
      if (w != null && w.remaining() <= 0 && r.remaining() <= 0) {
        return true;
      }
    }
    return false;
  }

  /** A request failed (5xx, timeout, reset connection): it may or may not have counted. */
  public void failed() {
    land();
  }

  /** A reserved request was not sent. */
  public void released() {
    land();
  }

  /** The windows, for the store to write back. */
  public List<Window> windows() {
    return List.copyOf(windows.values());
  }

  /** How this worker's requests in flight changed (+1 per reservation, -1 per end). */
  public int flightChange() {
    return flightChange;
  }

  /** Whether anything must be written back. */
  public boolean changed() {
    return changed;
  }

  /** The windows as readings, for progress and status. */
  public List<WindowReading> readings() {
    List<WindowReading> out = new ArrayList<>();
    for (Window w : windows.values()) {
      out.add(
          new WindowReading(
              w.name(), w.limit(), Math.max(0, w.remaining()), w.reset(), w.approximate()));
    }
    return out;
  }

  private void land() {
    flightChange--;
    changed = true;
  }

  private static boolean sameWindow(Window w, WindowReading r) {
    Duration slack = r.approximate() ? Duration.ofSeconds(2) : Duration.ZERO;
    return !r.reset().isAfter(w.reset().plus(slack)) && !r.reset().isBefore(w.reset().minus(slack));
  }

  private void learn(List<WindowReading> readings) {
    if (!answeredBefore) {
      answeredBefore = true;
      changed = true;
    }
    long others = Math.max(0, inFlight - 1);
    for (WindowReading r : readings) {
      Window w = windows.get(r.window());
      Duration slack = r.approximate() ? Duration.ofSeconds(2) : Duration.ZERO;
      if (w == null) {
        put(
            new Window(
                r.window(),
                r.limit(),
                Math.max(0, r.remaining() - others),
                r.reset(),
                r.approximate(),
                false,
                0));
      } else if (r.reset().isAfter(w.reset().plus(slack))) {
        // A newer window than the budget knew.
        long left =
            w.fresh()
                ? Math.min(w.remaining(), r.remaining())
                : Math.max(0, r.remaining() - others);
        put(new Window(w.name(), r.limit(), left, r.reset(), r.approximate(), false, 0));
      } else if (!r.reset().isBefore(w.reset().minus(slack)) && !w.fresh()) {
        // The same window: the smallest count is the truth.
        Instant reset = r.reset().isAfter(w.reset()) ? r.reset() : w.reset();
        put(
            new Window(
                w.name(),
                r.limit(),
                Math.min(w.remaining(), r.remaining()),
                reset,
                w.approximate(),
                false,
                w.tickets()));
      } else if (r.limit() != w.limit() && !w.fresh()) {
        // An earlier reset with another limit: what the store kept was for other limits (the
        // platform changed them, or the budget outlived its configuration): the answer wins.
        put(
            new Window(
                w.name(),
                r.limit(),
                Math.max(0, r.remaining() - others),
                r.reset(),
                r.approximate(),
                false,
                0));
      }
      // else: an answer from a window that has already ended
    }
  }

  private void put(Window w) {
    windows.put(w.name(), w);
    changed = true;
  }
}
