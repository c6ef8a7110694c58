package dev.latchkey.collect.store;

import dev.latchkey.collect.Job;
import dev.latchkey.collect.governor.WindowReading;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where a collection keeps its state and its records: the job, its tasks and their checkpoints, the
 * governor's view of each credential's budget, the runs, and the records themselves. The embedded
 * implementation is {@link SqliteStore} (one SQLite file, or a JSONL/pages file with its state
 * beside it); a PostgreSQL one (issue 11) shares a job among workers on many machines through the
 * same calls: {@link #claim} with leases ({@link #renew}ed while a worker lives), {@link #commit}
 * atomic with the checkpoint and fenced by the lease, budgets shared through its {@link #ledger}.
 *
 * <p>Implementations are safe for use by several worker threads.
 */
public interface CollectionStore extends AutoCloseable {
  /**
   * Creates {@code job} here, or joins it when this store already holds the same job.
   *
   * @param restart drop what an earlier run collected and start over
   * @throws StoreException when the store holds a different job (with the fix), is in use, or
   *     cannot be written
   */
  void open(Job job, boolean restart) throws StoreException;

  /** Claims the next task with work left, for {@code lease}; empty when none is left. */
  Optional<Lease> claim(String worker, Instant now, Duration lease) throws StoreException;

  /**
   * Keeps a page's records (de-duplicated by id) and the task's new checkpoint in one step: after a
   * crash either both are there or neither. Renews the lease.
   *
   * @return the page's records that were new (error records always are)
   * @throws StoreException with {@link StoreException.Reason#LEASE_LOST} when another worker has
   *     taken the task over (nothing of the page is kept)
   */
  List<dev.latchkey.collect.CollectedRecord> commit(
      Lease lease, Page page, Instant now, Duration renewal) throws StoreException;

  /** Gives a task back without finishing it (interrupted; its checkpoint stays). */
  void release(Lease lease, String why) throws StoreException;

  /** The budget windows last saved for a credential and family. */
  List<WindowReading> budget(String credential, String family) throws StoreException;

  /** Saves the governor's view of a credential's budget for a family. */
  void saveBudget(String credential, String family, List<WindowReading> windows)
      throws StoreException;

  /** Records that a run started; returns its id. */
  long startRun(String account, String version, Instant now) throws StoreException;

  /** Records that a run of {@code worker} started (a shared store shows who runs); its id. */
  default long startRun(String account, String version, Instant now, String worker)
      throws StoreException {
    return startRun(account, version, now);
  }

  /** Records how a run ended. */
  void endRun(long run, String outcome, long records, Instant now) throws StoreException;

  /** What the store holds and what is left. */
  CollectionStatus status() throws StoreException;

  /**
   * Budgets shared with the store's other workers (issue 11), when the store is shared: the
   * governor then reserves every request through it. Empty for a store one process uses alone,
   * whose budgets are a hint saved with {@link #saveBudget}.
   */
  default Optional<BudgetLedger> ledger() {
    return Optional.empty();
  }

  /**
   * Extends the leases of every task {@code worker} holds by {@code lease} (a worker waiting on a
   * rate limit commits nothing for minutes, but is alive). A shared store measures leases on its
   * own clock, not the caller's.
   */
  default void renew(String worker, Instant now, Duration lease) throws StoreException {}

  /**
   * Tasks other workers hold right now, when {@link #claim} found nothing: the caller waits for
   * them, to take over the task of one that dies. Empty when no other worker holds a task.
   */
  default Optional<RunningElsewhere> runningElsewhere(String worker) throws StoreException {
    return Optional.empty();
  }

  /**
   * Whether the store keeps the answers' pages ({@link Page#raw}) as well as their records; when it
   * does not, the collector need not build the pages' trees.
   */
  default boolean keepsPages() {
    return true;
  }

  @Override
  void close() throws StoreException;
}
