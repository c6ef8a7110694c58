package dev.latchkey.collect.internal;

import dev.latchkey.collect.governor.Backoff;
import dev.latchkey.collect.governor.Decision;
import dev.latchkey.collect.governor.ServerClock;
import dev.latchkey.collect.governor.SharedBudget;
import dev.latchkey.collect.governor.WindowReading;
import dev.latchkey.collect.store.BudgetLedger;
import dev.latchkey.collect.store.StoreException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * A budget shared with every worker of the store: each reservation and each answer is one change of
 * the {@link SharedBudget} in the store's {@link BudgetLedger}, so all workers together stay within
 * the credential's limits. What concerns this process alone stays here: the backoff after server
 * errors, and the wait after a 429 the headers did not explain.
 */
final class SharedPacer implements Pacer {
  private final String family;
  private final String credential;
  private final String worker;
  private final BudgetLedger ledger;
  private final ServerClock server;
  private final RandomGenerator random;
  private final Backoff serverErrors;
  private final Backoff unexplained;
  private Instant blockedUntil;
  private String blockReason;
  private int failures;
  private int unexplained429s;
  private long refused;
  private volatile List<WindowReading> last = List.of();

  SharedPacer(
      String family,
      String credential,
      String worker,
      BudgetLedger ledger,
      ServerClock server,
      RandomGenerator random) {
    this.family = family;
    this.credential = credential;
    this.worker = worker;
    this.ledger = ledger;
    this.server = server;
    this.random = random;
    this.serverErrors = Backoff.SERVER_ERRORS;
    this.unexplained = Backoff.UNEXPLAINED_429;
  }

  @Override
  public String family() {
    return family;
  }

  @Override
  public Decision reserve(Instant now) throws StoreException {
    synchronized (this) {
      if (blockedUntil != null) {
        if (now.isBefore(blockedUntil)) {
          return Decision.waitUntil(blockedUntil, blockReason);
        }
        blockedUntil = null;
        blockReason = null;
      }
    }
    return ledger.change(
        credential,
        family,
        worker,
        b -> {
          Decision d;
          synchronized (random) {
            d = b.reserve(family, now, server, random);
          }
          last = b.readings();
          return d;
        });
  }

  @Override
  public void answered(List<WindowReading> readings) throws StoreException {
    ledger.change(
        credential,
        family,
        worker,
        b -> {
          b.answered(readings);
          last = b.readings();
          return null;
        });
    synchronized (this) {
      failures = 0;
      unexplained429s = 0;
    }
  }

  @Override
  public Decision rateLimited(
      Instant now, Optional<Duration> retryAfter, List<WindowReading> readings)
      throws StoreException {
    boolean explained =
        ledger.change(
            credential,
            family,
            worker,
            b -> {
              boolean e = b.rateLimited(readings);
              last = b.readings();
              return e;
            });
    synchronized (this) {
      refused++;
      if (retryAfter.isPresent() && !retryAfter.get().isNegative() && !retryAfter.get().isZero()) {
        block(now.plus(retryAfter.get()), "429 (Retry-After) on " + family);
        return Decision.waitUntil(blockedUntil, blockReason);
      }
      if (!explained) {
        // A cap without headers, or a user of the credential that does not go through the store.
        unexplained429s++;
        block(
            now.plus(delay(unexplained, unexplained429s)),
            (readings.isEmpty() ? "429" : "429 with requests left in the window")
                + " on "
                + family);
        return Decision.waitUntil(blockedUntil, blockReason);
      }
      unexplained429s = 0;
      return Decision.go(); // the next reservation waits for the reset with every other worker
    }
  }

  @Override
  public Optional<Decision> failed(Instant now, String why) throws StoreException {
    ledger.change(
        credential,
        family,
        worker,
        b -> {
          b.failed();
          return null;
        });
    synchronized (this) {
      failures++;
      if (failures > serverErrors.maxAttempts()) {
        failures = 0;
        return Optional.empty();
      }
      block(
          now.plus(delay(serverErrors, failures)),
          why + " (try " + (failures + 1) + " of " + (serverErrors.maxAttempts() + 1) + ")");
      return Optional.of(Decision.waitUntil(blockedUntil, blockReason));
    }
  }

  @Override
  public void released() throws StoreException {
    ledger.change(
        credential,
        family,
        worker,
        b -> {
          b.released();
          return null;
        });
  }

  @Override
  public synchronized long refusedCount() {
    return refused;
  }

  @Override
  public List<WindowReading> snapshot() {
    return last;
  }

  private Duration delay(Backoff backoff, int attempt) {
    synchronized (random) {
      return backoff.delay(attempt, random);
    }
  }

  private void block(Instant until, String reason) {
    if (blockedUntil == null || until.isAfter(blockedUntil)) {
      blockedUntil = until;
      blockReason = reason;
    }
  }
}
