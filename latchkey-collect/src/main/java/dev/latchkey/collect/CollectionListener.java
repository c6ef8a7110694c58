package dev.latchkey.collect;

import java.time.Instant;

/**
 * What a running collection tells whoever shows it: progress after every page, every wait with its
 * reason and end, notices (error records, retries, reconnects) and the summary. Called from worker
 * threads; implementations must be thread-safe and quick.
 */
public interface CollectionListener {
  /** The collection starts (or resumes: {@code resumed} pages and records were there before). */
  default void started(Job job, long tasks, long tasksDone, long recordsBefore) {}

  /** A page was kept. */
  default void progress(Progress progress) {}

  /**
   * The collection waits until {@code until} (local clock) because of {@code reason} ({@code rate
   * limit on /2/users/:id/tweets}).
   */
  default void waiting(String reason, Instant until) {}

  /** The wait announced last is over. */
  default void resumed() {}

  /** Something people should know: an error record, a retry, a reconnect. */
  default void notice(String message) {}

  /** The run ended. */
  default void finished(CollectionSummary summary) {}
}
