package dev.latchkey.collect.internal;

import dev.latchkey.collect.CollectedRecord;
import dev.latchkey.collect.CollectionListener;
import dev.latchkey.collect.Job;
import dev.latchkey.collect.Sleeper;
import dev.latchkey.collect.governor.Backoff;
import dev.latchkey.collect.governor.SharedBudget;
import dev.latchkey.collect.governor.WindowReading;
import dev.latchkey.collect.store.BudgetLedger;
import dev.latchkey.collect.store.CollectionStatus;
import dev.latchkey.collect.store.CollectionStore;
import dev.latchkey.collect.store.Lease;
import dev.latchkey.collect.store.Page;
import dev.latchkey.collect.store.RunningElsewhere;
import dev.latchkey.collect.store.StoreException;
import dev.latchkey.collect.store.StoreException.Reason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * A store whose calls wait and try again while it is {@link Reason#UNAVAILABLE} (a database that
 * went away mid-job: restarted, failed over, the network down), announcing every wait with its
 * reason and a countdown, backing off from 1 s to 30 s with jitter, for as long as it takes, until
 * the collection is stopped. Every store call is one transaction, so a call tried again never
 * leaves anything half-written; a commit whose answer was lost is recognised by the store.
 */
public final class RetryingStore implements CollectionStore {
  /** From 1 s, doubling, at most 30 s, never giving up. */
  static final Backoff OUTAGE =
      new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), Integer.MAX_VALUE);

  private static final Duration STEP = Duration.ofMillis(100);

  private final CollectionStore store;
  private final Clock clock;
  private final Sleeper sleeper;
  private final CollectionListener listener;
  private final AtomicBoolean stopping;
  private final RandomGenerator random;
  private final Optional<BudgetLedger> ledger;

  /** Wraps {@code store}; waits are told to {@code listener} and end when {@code stopping}. */
  public RetryingStore(
      CollectionStore store,
      Clock clock,
      Sleeper sleeper,
      CollectionListener listener,
      AtomicBoolean stopping,
      RandomGenerator random) {
    this.store = store;
    this.clock = clock;
    this.sleeper = sleeper;
    this.listener = listener;
    this.stopping = stopping;
    this.random = random;
    this.ledger =
        store
            .ledger()
            .map(
                l ->
                    new BudgetLedger() {
                      @Override
                      public <T> T change(
                          String credential,
                          String family,
                          String worker,
                          Function<SharedBudget, T> change)
                          throws StoreException {
                        return retry(() -> l.change(credential, family, worker, change));
                      }
                    });
  }

  /** A store call. */
  @FunctionalInterface
  interface Call<T> {
    T run() throws StoreException;
  }

  <T> T retry(Call<T> call) throws StoreException {
    int attempt = 0;
    while (true) {
      try {
        T result = call.run();
        if (attempt > 0) {
          listener.notice("the store answers again; going on");
        }
        return result;
      } catch (StoreException e) {
        if (e.reason() != Reason.UNAVAILABLE || stopping.get()) {
          throw e;
        }
        attempt++;
        Duration delay;
        synchronized (random) {
          delay = OUTAGE.delay(Math.min(attempt, 31), random);
        }
        Instant until = clock.instant().plus(delay);
        listener.waiting(e.getMessage() + ", trying again", until);
        try {
          while (clock.instant().isBefore(until)) {
            if (stopping.get()) {
              throw e;
            }
            Instant step = clock.instant().plus(STEP);
            sleeper.sleepUntil(step.isBefore(until) ? step : until, clock);
          }
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        } finally {
          listener.resumed();
        }
      }
    }
  }

  @Override
  public void open(Job job, boolean restart) throws StoreException {
    retry(
        () -> {
          store.open(job, restart);
          return null;
        });
  }

  @Override
  public Optional<Lease> claim(String worker, Instant now, Duration lease) throws StoreException {
    return retry(() -> store.claim(worker, now, lease));
  }

  @Override
  public List<CollectedRecord> commit(Lease lease, Page page, Instant now, Duration renewal)
      throws StoreException {
    return retry(() -> store.commit(lease, page, now, renewal));
  }

  @Override
  public void release(Lease lease, String why) throws StoreException {
    retry(
        () -> {
          store.release(lease, why);
          return null;
        });
  }

  @Override
  public List<WindowReading> budget(String credential, String family) throws StoreException {
    return retry(() -> store.budget(credential, family));
  }

  @Override
  public void saveBudget(String credential, String family, List<WindowReading> windows)
      throws StoreException {
    retry(
        () -> {
          store.saveBudget(credential, family, windows);
          return null;
        });
  }

  @Override
  public long startRun(String account, String version, Instant now) throws StoreException {
    return retry(() -> store.startRun(account, version, now));
  }

  @Override
  public long startRun(String account, String version, Instant now, String worker)
      throws StoreException {
    return retry(() -> store.startRun(account, version, now, worker));
  }

  @Override
  public void endRun(long run, String outcome, long records, Instant now) throws StoreException {
    retry(
        () -> {
          store.endRun(run, outcome, records, now);
          return null;
        });
  }

  @Override
  public CollectionStatus status() throws StoreException {
    return retry(store::status);
  }

  @Override
  public Optional<BudgetLedger> ledger() {
    return ledger;
  }

  @Override
  public boolean keepsPages() {
    return store.keepsPages();
  }

  /** Renewals are not retried: the heartbeat tries again at its next beat anyway. */
  @Override
  public void renew(String worker, Instant now, Duration lease) throws StoreException {
    store.renew(worker, now, lease);
  }

  @Override
  public Optional<RunningElsewhere> runningElsewhere(String worker) throws StoreException {
    return retry(() -> store.runningElsewhere(worker));
  }

  /** The wrapped store stays open: whoever opened it closes it. */
  @Override
  public void close() {}
}
