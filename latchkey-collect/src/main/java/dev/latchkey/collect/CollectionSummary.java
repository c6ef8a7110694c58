package dev.latchkey.collect;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * How a run ended.
 *
 * @param tasks tasks in the job
 * @param tasksDone tasks finished (in this run or before)
 * @param records records kept in this run (errors excluded)
 * @param pages pages received in this run
 * @param errors error records in this run
 * @param requests requests sent in this run
 * @param refused 429 answers in this run
 * @param waited time spent waiting for limits and backoffs
 * @param firstRequest when the first request went, or null
 * @param lastRecord when the last page was kept, or null
 * @param interrupted whether it was stopped (Ctrl-C) before the end
 * @param unfinished tasks that did not finish, each with why
 * @param fatal why the whole run stopped early, or null
 */
public record CollectionSummary(
    long tasks,
    long tasksDone,
    long records,
    long pages,
    long errors,
    long requests,
    long refused,
    Duration waited,
    Instant firstRequest,
    Instant lastRecord,
    boolean interrupted,
    List<String> unfinished,
    String fatal) {

  /** Whether every task finished (error records included). */
  public boolean complete() {
    return tasksDone == tasks && !interrupted && fatal == null;
  }

  /** From the first request to the last record kept. */
  public Duration span() {
    return firstRequest == null || lastRecord == null
        ? Duration.ZERO
        : Duration.between(firstRequest, lastRecord);
  }
}
