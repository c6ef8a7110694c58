package dev.latchkey.collect.live;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What one collection's process last published about itself.
 *
 * @param id the file's name in the directory of collections (stable per output)
 * @param pid the collecting process
 * @param processStart when that process started (so a reused pid is not taken for it), or null
 * @param job the command, as {@code latchkey collect} takes it ({@code timeline ada --limit 100})
 * @param output the output file, or null for standard output or a shared store
 * @param store the shared store the records go to ({@code job NAME in user@host:port/db}), or null
 *     for a file or standard output
 * @param started when this run started
 * @param updated when this was written
 * @param tasks tasks in the job
 * @param done tasks finished (in this run or before)
 * @param concurrency tasks collected at once
 * @param recordsBefore records kept by earlier runs
 * @param records records kept in this run
 * @param pages pages received in this run
 * @param errors error records in this run
 * @param task the task that got the last page, or null
 * @param limitLeft requests left in that task's tightest window, or -1
 * @param limit that window's limit, or -1
 * @param waitReason why the run waits now ({@code rate limit on /2/users/:id/tweets}), or null
 * @param waitUntil when that wait ends, or null
 * @param notice the last notice (an error record, a retry), or null
 * @param outcome how the run ended ({@code finished}, {@code interrupted}, {@code unfinished},
 *     {@code failed: ...}), or null while it runs
 * @param failed tasks that did not finish in this run (known when it ended)
 * @param summary the run's one-line summary once it ended, or null
 */
public record LiveStatus(
    String id,
    long pid,
    Instant processStart,
    String job,
    String output,
    String store,
    Instant started,
    Instant updated,
    long tasks,
    long done,
    int concurrency,
    long recordsBefore,
    long records,
    long pages,
    long errors,
    String task,
    long limitLeft,
    long limit,
    String waitReason,
    Instant waitUntil,
    String notice,
    String outcome,
    long failed,
    String summary) {

  /** Tasks not finished yet. */
  public long left() {
    return Math.max(0, tasks - done);
  }

  /** Whether the run ended and said how. */
  public boolean ended() {
    return outcome != null;
  }

  /**
   * Whether the process that publishes this still runs: it has not said it ended, and a process
   * with its pid runs that started no later than this run (a pid may be reused after a kill).
   */
  public boolean running() {
    if (ended()) {
      return false;
    }
    Optional<ProcessHandle> p = ProcessHandle.of(pid);
    if (p.isEmpty() || !p.get().isAlive()) {
      return false;
    }
    Optional<Instant> start = p.get().info().startInstant();
    return processStart == null
        || start.isEmpty()
        || !start.get().isAfter(processStart.plusSeconds(1));
  }

  /** Tasks being collected now: as many as run at once, at most those left; 0 when not running. */
  public long runningTasks() {
    return running() ? Math.min(Math.max(1, concurrency), left()) : 0;
  }

  /** How long the current wait has left at {@code now}; empty when the run does not wait. */
  public Optional<Duration> waitLeft(Instant now) {
    if (waitUntil == null || !running()) {
      return Optional.empty();
    }
    Duration d = Duration.between(now, waitUntil);
    return Optional.of(d.isNegative() ? Duration.ZERO : d);
  }

  /** Records kept by every run so far. */
  public long recordsInAll() {
    return recordsBefore + records;
  }
}
