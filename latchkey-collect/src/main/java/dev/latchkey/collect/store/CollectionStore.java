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
 * same calls: {@link #claim} with leases, {@link #commit} atomic with the checkpoint, budgets read
 * and written per credential and family.
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

  /** Records how a run ended. */
  void endRun(long run, String outcome, long records, Instant now) throws StoreException;

  /** What the store holds and what is left. */
  CollectionStatus status() throws StoreException;

  @Override
  void close() throws StoreException;
}
